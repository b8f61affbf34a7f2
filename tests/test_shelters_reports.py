"""Residents' problem reports: limited per client, CSRF-protected, uncached, shown until checked."""

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_admin_support import add_user, csrf_token, english_client, execute, login, post_form, query

DATA = Path(__file__).resolve().parent / "data" / "shelters"
AN_HOUR = datetime(2026, 6, 1, 10, 5, tzinfo=timezone.utc)


@pytest.fixture
def shelter_id(app, runner):
    """The city's shelter at ул. Ленина, 12, last checked before any report of these tests."""
    assert runner.invoke(args=["shelters", "import", str(DATA / "comma_en.csv"),
                               "--source", "city"]).exit_code == 0
    execute(app, "UPDATE shelters SET checked_at = '2026-01-01T09:00:00+00:00' "
                 "WHERE source = 'city' AND source_id = 'bel-1'")
    return query(app, "SELECT id FROM shelters WHERE source = 'city' AND source_id = 'bel-1'")[0][0]


def send_report(client, shelter_id, problem="locked", details=""):
    """Fill in and send the report form as a resident's browser does."""
    url = f"/en/shelters/{shelter_id}/report"
    return post_form(client, url, {"problem": problem, "details": details})


def reports_stored(app):
    """How many reports the operators have."""
    return query(app, "SELECT count(*) FROM shelter_reports")[0][0]


def test_a_client_may_send_five_reports_an_hour(app, shelter_id):
    app.config["NOW"] = AN_HOUR
    resident = english_client(app, "198.51.100.7")
    for _ in range(5):
        assert send_report(resident, shelter_id).status_code == 200
    # One address counts once per shelter per day: the repeats were thanked, not stored.
    assert reports_stored(app) == 1
    refused = send_report(resident, shelter_id, details="sixth")
    assert refused.status_code == 429
    assert "You have sent several reports in the last hour" in refused.get_data(as_text=True)
    assert refused.headers["Cache-Control"] == "no-store"
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert reports_stored(app) == 1
    # Another address is counted on its own; the same address may report again next hour.
    assert send_report(english_client(app, "198.51.100.8"), shelter_id).status_code == 200
    app.config["NOW"] = AN_HOUR + timedelta(hours=1)
    assert send_report(resident, shelter_id).status_code == 200
    assert reports_stored(app) == 2


def test_the_limit_keeps_no_address_and_forgets_old_hours(app, shelter_id):
    hour = int(AN_HOUR.timestamp()) // 3600
    execute(app, "INSERT INTO report_limits (client, hour, reports) VALUES ('old', ?, 5)", (hour - 25,))
    execute(app, "INSERT INTO report_limits (client, hour, reports) VALUES ('recent', ?, 5)", (hour - 2,))
    app.config["NOW"] = AN_HOUR
    assert send_report(english_client(app, "198.51.100.7"), shelter_id).status_code == 200
    rows = [dict(r) for r in query(app, "SELECT * FROM report_limits ORDER BY hour")]
    assert [r["client"] for r in rows[:1]] == ["recent"]
    assert len(rows) == 2 and rows[1]["hour"] == hour and rows[1]["reports"] == 1
    assert re.fullmatch(r"[0-9a-f]{32}", rows[1]["client"])
    everything = repr(rows) + repr([dict(r) for r in query(app, "SELECT * FROM shelter_reports")])
    assert "198.51.100.7" not in everything and "198-51-100-7" not in everything


def test_a_report_without_the_forms_csrf_token_is_refused(app, shelter_id):
    resident = english_client(app, "198.51.100.7")
    url = f"/en/shelters/{shelter_id}/report"
    forged = resident.post(url, data={"problem": "locked", "details": "from another site"})
    assert forged.status_code == 400
    wrong = resident.post(url, data={"problem": "locked", "csrf_token": "not-the-token"})
    assert wrong.status_code == 400
    assert reports_stored(app) == 0
    assert query(app, "SELECT count(*) FROM report_limits")[0][0] == 0


def test_report_pages_are_never_cached_and_public_pages_carry_no_token(client, shelter_id):
    form = client.get(f"/en/shelters/{shelter_id}/report")
    assert form.headers["Cache-Control"] == "no-store" and "ETag" not in form.headers
    sent = client.post(f"/en/shelters/{shelter_id}/report", data={
        "csrf_token": csrf_token(form.get_data(as_text=True)), "problem": "full"})
    assert sent.status_code == 200 and sent.headers["Cache-Control"] == "no-store"
    detail = client.get(f"/en/shelters/{shelter_id}")
    assert detail.headers["Cache-Control"].startswith("public")
    assert "csrf_token" not in detail.get_data(as_text=True)


def doubt_lines(html):
    """The "N reports: ..." lines a page shows."""
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'class="[^"]*shelter__reports[^"]*"[^>]*>(.*?)</',
                                                          html, re.S)]


def geojson_reports(client, shelter_id):
    """The "reports" property of one shelter in the public GeoJSON."""
    area = query(client.application, "SELECT area FROM shelters WHERE id = ?", (shelter_id,))[0][0]
    url = f"/api/shelters.geojson?area={area}"
    features = json.loads(client.get(url).get_data(as_text=True))["features"]
    return next(f for f in features if f["id"] == shelter_id)["properties"]["reports"]


def test_three_addresses_put_the_status_in_doubt_until_an_operator_checks(app, client, shelter_id):
    one, two = english_client(app, "198.51.100.7"), english_client(app, "198.51.100.8")
    assert send_report(one, shelter_id, "locked").status_code == 200
    assert send_report(two, shelter_id, "locked").status_code == 200
    # Two reports could be a mistake or one person: nothing is shown yet.
    assert doubt_lines(client.get(f"/en/shelters/{shelter_id}").get_data(as_text=True)) == []
    assert geojson_reports(client, shelter_id) is None
    assert send_report(english_client(app, "198.51.100.6"), shelter_id, "locked").status_code == 200
    detail = client.get(f"/en/shelters/{shelter_id}").get_data(as_text=True)
    assert doubt_lines(detail)[0].startswith("3 reports: locked, today")
    assert "the operators have not checked yet" in detail
    listing = client.get("/en/shelters/?area=belgorod&q=ленина 12").get_data(as_text=True)
    assert doubt_lines(listing) == ["3 reports: locked, today"]
    reports = geojson_reports(client, shelter_id)
    assert (reports["open"], reports["problems"]) == (3, ["locked"])
    # An operator closes one report as not confirmed: two open reports are no longer enough.
    add_user(app, "ap", "approver")
    operator = english_client(app)
    assert login(operator, "ap").status_code == 302
    first = query(app, "SELECT id FROM shelter_reports ORDER BY id LIMIT 1")[0][0]
    assert post_form(operator, f"/admin/shelters/reports/{first}/not_confirmed", {},
                     page="/admin/shelters/reports").status_code == 303
    assert doubt_lines(client.get(f"/en/shelters/{shelter_id}").get_data(as_text=True)) == []
    assert geojson_reports(client, shelter_id) is None


def test_an_operators_check_after_the_reports_clears_the_doubt(app, client, shelter_id):
    for address, problem in (("198.51.100.7", "full"), ("198.51.100.8", "locked"),
                             ("198.51.100.9", "full")):
        assert send_report(english_client(app, address), shelter_id, problem).status_code == 200
    html = client.get(f"/en/shelters/{shelter_id}").get_data(as_text=True)
    assert doubt_lines(html)[0].startswith("3 reports: full, locked, today")
    add_user(app, "ap", "approver")
    operator = english_client(app)
    assert login(operator, "ap").status_code == 302
    assert post_form(operator, f"/admin/shelters/{shelter_id}",
                     {"status": "open", "checked_now": "y"}).status_code == 303
    assert doubt_lines(client.get(f"/en/shelters/{shelter_id}").get_data(as_text=True)) == []


def test_older_reports_say_which_day(app, client, shelter_id):
    app.config["NOW"] = AN_HOUR
    for address in ("198.51.100.7", "198.51.100.8", "198.51.100.9"):
        assert send_report(english_client(app, address), shelter_id, "damaged").status_code == 200
    app.config["NOW"] = AN_HOUR + timedelta(days=1)
    assert doubt_lines(client.get(f"/en/shelters/{shelter_id}").get_data(as_text=True))[0].startswith(
        "3 reports: damaged or flooded, yesterday")
    app.config["NOW"] = AN_HOUR + timedelta(days=4)
    assert doubt_lines(client.get(f"/en/shelters/{shelter_id}").get_data(as_text=True))[0].startswith(
        "3 reports: damaged or flooded, 4 days ago")
