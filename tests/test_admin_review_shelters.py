"""Review queue, shelter editing and upload, residents' problem reports, and what public pages never carry."""

import re
from pathlib import Path

import pytest
from test_admin_support import add_user, csrf_token, english_client, login, post_form, query

DATA = Path(__file__).parent / "data"


@pytest.fixture
def approver(app):
    """A logged-in approver."""
    add_user(app, "ap", "approver")
    client = english_client(app)
    assert login(client, "ap").status_code == 302
    return client


def queued(app, runner):
    """Import the sample RSS feed into the review queue; returns the queued notice ids."""
    result = runner.invoke(args=["notices", "import", str(DATA / "notices" / "feed.rss"), "--review"])
    assert result.exit_code == 0, result.output
    return [r[0] for r in query(app, "SELECT id FROM notices WHERE publication = 'review' ORDER BY id")]


def test_review_shows_the_original_and_publishes_with_the_corrected_kind_and_areas(app, runner, approver):
    ids = queued(app, runner)
    assert ids
    published = []
    app.extensions["on_publish"].append(published.append)
    listing = approver.get("/admin/review/").get_data(as_text=True)
    assert all(f"/admin/review/{i}" in listing for i in ids)
    notice = query(app, "SELECT * FROM notices WHERE id = ?", (ids[0],))[0]
    page = approver.get(f"/admin/review/{ids[0]}").get_data(as_text=True)
    assert notice["url"] and f'href="{notice["url"]}"' in page
    original = query(app, "SELECT headline FROM notice_texts WHERE notice_id = ?", (ids[0],))[0][0]
    assert original in page
    response = approver.post(f"/admin/review/{ids[0]}", data={
        "csrf_token": csrf_token(page), "kind": "drone", "areas": ["graivoron", "borisovka"],
        "decision": "approve"})
    assert response.status_code == 303
    assert approver.get(f"/en/notices/{ids[0]}").status_code == 200
    assert published == [[ids[0]]]                                 # the cache/export layer is told
    row = query(app, "SELECT kind, publication FROM notices WHERE id = ?", (ids[0],))[0]
    assert tuple(row) == ("drone", "published")
    areas = query(app, "SELECT area FROM notice_areas WHERE notice_id = ? ORDER BY area", (ids[0],))
    assert [r[0] for r in areas] == ["borisovka", "graivoron"]
    entry = query(app, "SELECT before, after FROM audit_log WHERE action = 'review.approve'")[0]
    assert '"publication": "review"' in entry["before"] and '"kind": "drone"' in entry["after"]


def test_rejected_imports_never_reach_the_public(app, runner, approver):
    ids = queued(app, runner)
    page = f"/admin/review/{ids[-1]}"
    response = post_form(approver, page, {"kind": "other", "decision": "reject"})
    assert response.status_code == 303
    assert approver.get(f"/en/notices/{ids[-1]}").status_code == 404
    assert query(app, "SELECT publication FROM notices WHERE id = ?", (ids[-1],))[0][0] == "rejected"
    assert approver.get(page).status_code == 404


def test_approving_without_an_area_is_refused(app, runner, approver):
    ids = queued(app, runner)
    response = post_form(approver, f"/admin/review/{ids[0]}", {"kind": "drone", "decision": "approve"})
    assert response.status_code == 400
    assert "Choose at least one area or the whole region." in response.get_data(as_text=True)
    assert query(app, "SELECT publication FROM notices WHERE id = ?", (ids[0],))[0][0] == "review"


def test_shelter_status_checked_now_shows_publicly_and_is_audited(app, approver):
    shelter = query(app, "SELECT id, status, checked_at FROM shelters ORDER BY id LIMIT 1")[0]
    app.config["NOW"] = None
    response = post_form(approver, f"/admin/shelters/{shelter['id']}", {"status": "closed", "checked_now": "y"})
    assert response.status_code == 303
    row = query(app, "SELECT status, checked_at FROM shelters WHERE id = ?", (shelter["id"],))[0]
    assert row["status"] == "closed" and row["checked_at"] != shelter["checked_at"]
    public = approver.get(f"/en/shelters/{shelter['id']}").get_data(as_text=True)
    assert "pill--closed" in public and "checked " in public
    entry = query(app, "SELECT before, after, target FROM audit_log WHERE action = 'shelter.edit'")[0]
    assert entry["target"] == f"shelter:{shelter['id']}"
    assert f'"status": "{shelter["status"]}"' in entry["before"] and '"status": "closed"' in entry["after"]


def test_shelter_upload_shows_the_importer_report_with_row_numbers(app, approver):
    page = approver.get("/admin/shelters/import").get_data(as_text=True)
    with open(DATA / "shelters" / "bad_rows.csv", "rb") as fh:
        response = approver.post("/admin/shelters/import", data={
            "csrf_token": csrf_token(page), "file": (fh, "bad_rows.csv"), "file_format": "auto"},
            content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "imported 3, updated 0, unchanged 0, rejected 3, skipped 0" in html
    assert len(re.findall(r"<li><strong>row \d+", html)) == 3
    assert query(app, "SELECT count(*) FROM shelters WHERE source = 'bad_rows'")[0][0] == 3
    assert query(app, "SELECT after FROM audit_log WHERE action = 'shelter.import'")[0][0].count('"rejected": 3')


def test_an_unreadable_upload_writes_nothing_and_says_why(app, approver):
    page = approver.get("/admin/shelters/import").get_data(as_text=True)
    response = approver.post("/admin/shelters/import", data={
        "csrf_token": csrf_token(page), "file": (open(DATA / "notices" / "bomb.xml", "rb"), "x.geojson")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert 'class="errors"' in response.get_data(as_text=True)


def test_a_resident_reports_a_problem_without_personal_data_and_an_operator_closes_it(app, approver):
    shelter_id = query(app, "SELECT id FROM shelters ORDER BY id LIMIT 1")[0][0]
    resident = app.test_client()
    resident.environ_base.update(REMOTE_ADDR="203.0.113.99")
    detail = resident.get(f"/en/shelters/{shelter_id}")
    assert f'href="/en/shelters/{shelter_id}/report"' in detail.get_data(as_text=True)
    form = resident.get(f"/en/shelters/{shelter_id}/report")
    assert form.headers["Cache-Control"] == "no-store"
    too_long = resident.post(f"/en/shelters/{shelter_id}/report", data={
        "csrf_token": csrf_token(form.get_data(as_text=True)), "problem": "locked", "details": "x" * 501})
    assert too_long.status_code == 400 and not query(app, "SELECT 1 FROM shelter_reports")
    sent = resident.post(f"/en/shelters/{shelter_id}/report", data={
        "csrf_token": csrf_token(form.get_data(as_text=True)), "problem": "locked",
        "details": "Door locked at 14:10 during the alert"})
    assert sent.status_code == 200 and "Thank you" in sent.get_data(as_text=True)
    stored = dict(query(app, "SELECT * FROM shelter_reports")[0])
    assert "203.0.113.99" not in repr(stored) and stored["problem"] == "locked"
    queue = approver.get("/admin/shelters/reports").get_data(as_text=True)
    assert "Door locked at 14:10 during the alert" in queue
    response = post_form(approver, f"/admin/shelters/reports/{stored['id']}/fixed", {},
                         page="/admin/shelters/reports")
    assert response.status_code == 303
    assert query(app, "SELECT state FROM shelter_reports")[0][0] == "fixed"
    assert "Door locked" not in approver.get("/admin/shelters/reports").get_data(as_text=True)
    # One address counts once per shelter per day: the next report comes from someone else.
    neighbour = app.test_client()
    neighbour.environ_base.update(REMOTE_ADDR="203.0.113.100")
    again = neighbour.post(f"/en/shelters/{shelter_id}/report", data={
        "csrf_token": csrf_token(neighbour.get(f"/en/shelters/{shelter_id}/report").get_data(as_text=True)),
        "problem": "full"})
    assert again.status_code == 200
    second = query(app, "SELECT id FROM shelter_reports WHERE state = 'open'")[0][0]
    post_form(approver, f"/admin/shelters/reports/{second}/not_confirmed", {}, page="/admin/shelters/reports")
    assert query(app, "SELECT state FROM shelter_reports WHERE id = ?", (second,))[0][0] == "not_confirmed"
    assert query(app, "SELECT count(*) FROM audit_log WHERE action LIKE 'report.%'")[0][0] == 2


def public_urls(client):
    """Public pages reachable by links from each language's home, breadth first (one level of detail)."""
    seen, todo = set(), ["/ru/", "/uk/", "/en/", "/api/notices.json", "/feeds/en/notices.atom"]
    while todo and len(seen) < 150:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        body = client.get(url).get_data(as_text=True)
        for link in re.findall(r'href="(/[^"#]*)"', body):
            if link.startswith("/static/") or link.endswith("/report") or link.startswith("/admin"):
                continue
            todo.append(link.replace("&amp;", "&"))
    return seen


def test_public_pages_carry_no_cookie_and_no_csrf_token_even_when_logged_in(app, approver):
    assert approver.get("/admin/").status_code == 200
    urls = public_urls(approver)
    assert len(urls) > 30
    for url in urls:
        response = approver.get(url)
        assert not response.headers.getlist("Set-Cookie"), url
        assert "csrf_token" not in response.get_data(as_text=True), url
        assert "Cookie" not in response.headers.get("Vary", ""), url


@pytest.mark.parametrize("path", ["/admin/", "/admin/login", "/admin/notices/new", "/admin/review/",
                                  "/admin/shelters/", "/admin/shelters/reports", "/admin/account/password"])
def test_every_admin_page_is_no_store(app, approver, path):
    response = approver.get(path, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
