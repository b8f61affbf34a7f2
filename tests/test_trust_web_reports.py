"""Problem reports cannot be used by one address to put shelters in doubt: an address counts once
per shelter per day, doubt needs reports from three addresses, and no address is stored."""

from datetime import datetime, timedelta, timezone

from test_admin_support import english_client, query
from test_shelters_reports import reports_stored, send_report, shelter_id  # noqa: F401 (fixture)

DAY = datetime(2026, 6, 1, 10, 5, tzinfo=timezone.utc)


def doubted(client, shelter):
    """Whether the shelter's public page says residents reported problems."""
    return "shelter__reports" in client.get(f"/en/shelters/{shelter}").get_data(as_text=True)


def test_one_address_counts_once_per_shelter_per_day(app, client, shelter_id):  # noqa: F811
    app.config["NOW"] = DAY
    resident = english_client(app, "203.0.113.5")
    for problem in ("locked", "closed", "full"):
        assert send_report(resident, shelter_id, problem).status_code == 200
    assert reports_stored(app) == 1
    app.config["NOW"] = DAY + timedelta(hours=15)   # the next day (UTC)
    assert send_report(resident, shelter_id, "locked").status_code == 200
    assert reports_stored(app) == 2
    assert not doubted(client, shelter_id)


def test_two_addresses_are_not_enough_three_are(app, client, shelter_id):  # noqa: F811
    app.config["NOW"] = DAY
    for address in ("203.0.113.5", "203.0.113.6"):
        send_report(english_client(app, address), shelter_id, "locked")
        send_report(english_client(app, address), shelter_id, "closed")
    assert not doubted(client, shelter_id)
    send_report(english_client(app, "203.0.113.7"), shelter_id, "locked")
    assert doubted(client, shelter_id)


def test_only_a_keyed_hash_of_the_address_is_kept_and_it_differs_per_shelter(app, shelter_id):  # noqa: F811
    app.config["NOW"] = DAY
    resident = english_client(app, "203.0.113.5")
    send_report(resident, shelter_id, "locked")
    send_report(resident, 1, "locked")
    rows = [dict(r) for r in query(app, "SELECT * FROM shelter_reports ORDER BY id")]
    assert len(rows) == 2 and rows[0]["reporter"] != rows[1]["reporter"]
    assert all(len(r["reporter"]) == 32 for r in rows)
    assert "203.0.113.5" not in repr(rows) and "203-0-113-5" not in repr(rows)
