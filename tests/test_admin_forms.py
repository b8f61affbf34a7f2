"""Every admin route with CSRF on: no POST without a token, no-store everywhere, bad input saves nothing."""

from datetime import timedelta
from pathlib import Path

import pytest
from test_admin_support import PASSWORD, add_user, csrf_token, english_client, login, post_form, query

from preparedness.db import connect
from preparedness.i18n import parse_utc

DATA = Path(__file__).parent / "data"
EXERCISE = {"status": "Exercise", "kind": "drone", "severity": "Severe", "urgency": "Immediate",
            "areas": ["belgorod"], "headline_en": "Drone drill in Belgorod",
            "instruction_en": "Practise going to the shelter."}


def snapshot(app):
    """Everything the database holds but session state, as SQL text (to prove a request changed nothing)."""
    db = connect(app.config["DATABASE"])
    try:
        return "\n".join(line for line in db.iterdump() if not line.startswith('INSERT INTO "operator_sessions"'))
    finally:
        db.close()


@pytest.fixture
def world(app, runner):
    """A logged-in admin, a pending draft, a published notice, a queued import, a shelter report."""
    add_user(app, "root", "admin")
    client = english_client(app)
    assert login(client, "root").status_code == 302
    draft_url = post_form(client, "/admin/notices/new", EXERCISE).headers["Location"]
    published_url = post_form(client, "/admin/notices/new", {**EXERCISE, "headline_en": "Second drill"}
                              ).headers["Location"]
    notice_id = int(post_form(client, published_url + "/publish", {"version": "1"}, page=published_url)
                    .headers["Location"].rsplit("/", 1)[1])
    result = runner.invoke(args=["notices", "import", str(DATA / "notices" / "feed.rss"), "--review"])
    assert result.exit_code == 0, result.output
    shelter_id = query(app, "SELECT id FROM shelters ORDER BY id LIMIT 1")[0][0]
    resident = app.test_client()
    form = resident.get(f"/en/shelters/{shelter_id}/report").get_data(as_text=True)
    assert resident.post(f"/en/shelters/{shelter_id}/report", data={
        "csrf_token": csrf_token(form), "problem": "full"}).status_code == 200
    return {"client": client, "lang": "en", "draft_id": int(draft_url.rsplit("/", 1)[1]), "pending_id": 999999,
            "notice_id": notice_id, "shelter_id": shelter_id, "what": "cancel", "resolution": "fixed",
            "report_id": query(app, "SELECT id FROM shelter_reports")[0][0],
            "review_id": query(app, "SELECT id FROM notices WHERE publication = 'review' LIMIT 1")[0][0]}


def url_for_rule(rule, world):
    """A rule's path with its arguments filled from the test world."""
    path = rule.rule
    for argument in rule.arguments:
        value = world["review_id"] if argument == "notice_id" and "/review/" in path else world[argument]
        path = path.replace(f"<{argument}>", str(value))
        for converter in ("int", "lang"):
            path = path.replace(f"<{converter}:{argument}>", str(value))
    return path


def rules(app, method, prefix=""):
    """Every URL rule answering `method`, under `prefix`."""
    found = [r for r in app.url_map.iter_rules() if method in r.methods and r.rule.startswith(prefix)]
    assert found
    return found


def test_every_state_changing_request_without_a_token_is_refused_and_changes_nothing(app, world):
    client = world["client"]
    before = snapshot(app)
    # The kit planner takes its household by POST only to keep it out of URLs; it stores nothing.
    posts = [r for r in rules(app, "POST") if not r.endpoint.startswith("guidance.kit")]
    assert len(posts) >= 14
    for rule in posts:
        url = url_for_rule(rule, world)
        response = client.post(url, data={"status": "Exercise", "decision": "approve", "kind": "drone",
                                          "problem": "full", "password": "x" * 20, "whole_region": "y"})
        # 400 (no CSRF token) or 403 (the push API checks the request's Origin instead).
        assert response.status_code in (400, 403), url
        # A token from another session is no better than none.
        forged = client.post(url, data={"csrf_token": "IjEyMyI.forged.token"})
        assert forged.status_code in (400, 403), url
    assert snapshot(app) == before
    assert client.get("/admin/").status_code == 200            # still logged in: nothing was lost


def test_every_admin_page_and_answer_is_no_store(app, world):
    client = world["client"]
    pages = rules(app, "GET", "/admin")
    assert len(pages) >= 16
    for rule in pages:
        url = url_for_rule(rule, world)
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert response.headers["Cache-Control"] == "no-store", url
    # Redirects, refusals and errors too: a shared cache must never keep any of them.
    stranger, editor = english_client(app, "192.0.2.77"), english_client(app, "192.0.2.78")
    add_user(app, "ed", "editor")
    login(editor, "ed")
    for response in (stranger.get("/admin/"), stranger.get("/admin/no-such-page"),
                     stranger.post("/admin/login", data={}), editor.get("/admin/audit/"),
                     client.get("/admin/notices/999999"), client.post("/admin/logout")):
        assert response.status_code in (302, 400, 403, 404)
        assert response.headers["Cache-Control"] == "no-store", response.request.path


def assert_refused(response, message):
    """The form came back (400) with the message shown."""
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("change, message", [
    ({"headline_en": "<b>Drill</b>"}, "Remove the HTML tags: write plain text only."),
    ({"instruction_en": "x" * 2001}, "Field cannot be longer than 2000 characters."),
    ({"expires": "2020-02-02T02:02"}, "This time is in the past."),
    ({"headline_en": "", "instruction_en": ""}, "Write the headline in at least one language."),
    ({"kind": "tsunami"}, "Not a valid choice."),
])
def test_editing_a_draft_with_bad_input_keeps_it_as_it_was(app, world, change, message):
    url = f"/admin/notices/drafts/{world['draft_id']}/edit"
    before = query(app, "SELECT record, updated_at FROM notice_drafts WHERE id = ?", (world["draft_id"],))[0]
    assert_refused(post_form(world["client"], url, {**EXERCISE, **change}), message)
    after = query(app, "SELECT record, updated_at FROM notice_drafts WHERE id = ?", (world["draft_id"],))[0]
    assert tuple(after) == tuple(before)
    assert not query(app, "SELECT 1 FROM audit_log WHERE action = 'draft.edit'")


def test_a_draft_whose_end_has_passed_is_not_published(app, world):
    client, draft = world["client"], f"/admin/notices/drafts/{world['draft_id']}"
    post_form(client, draft + "/edit", {**EXERCISE, "expires": "2099-01-01T10:00"})
    end = parse_utc(query(app, "SELECT json_extract(record, '$.expires') FROM notice_drafts WHERE id = ?",
                          (world["draft_id"],))[0][0])
    app.config["NOW"] = end + timedelta(minutes=1)
    app.config["ADMIN_SESSION_ABSOLUTE_HOURS"] = 10 ** 6        # the clock jumped, the session stays
    app.config["ADMIN_SESSION_IDLE_MINUTES"] = 10 ** 8
    count = query(app, "SELECT count(*) FROM notices")[0][0]
    response = post_form(client, draft + "/publish", {"version": "2"}, page=draft)
    assert response.status_code == 303
    page = client.get(draft).get_data(as_text=True)
    assert "The end time has passed: edit the draft first." in page
    assert query(app, "SELECT count(*) FROM notices")[0][0] == count
    assert query(app, "SELECT state FROM notice_drafts WHERE id = ?", (world["draft_id"],))[0][0] == "pending"


def test_a_published_draft_uses_its_kinds_default_expiry(app, world):
    notice = query(app, "SELECT kind, sent, expires FROM notices WHERE id = ?", (world["notice_id"],))[0]
    minutes = app.config["DEFAULT_EXPIRY_MINUTES"][notice["kind"]]
    assert parse_utc(notice["expires"]) - parse_utc(notice["sent"]) == timedelta(minutes=minutes)


@pytest.mark.parametrize("data, message", [
    ({"kind": "nuclear", "decision": "approve", "whole_region": "y"}, "Not a valid choice."),
    ({"kind": "drone", "decision": "approve", "areas": ["atlantis"]}, "not a valid choice"),
    ({"kind": "drone", "areas": ["belgorod"]}, "This field is required."),
    ({"kind": "drone", "decision": "<script>", "areas": ["belgorod"]}, "Not a valid choice."),
])
def test_a_bad_review_decision_leaves_the_import_in_the_queue(app, world, data, message):
    notice_id = world["review_id"]
    before = query(app, "SELECT kind, publication, region_wide FROM notices WHERE id = ?", (notice_id,))[0]
    areas = query(app, "SELECT area FROM notice_areas WHERE notice_id = ?", (notice_id,))
    assert_refused(post_form(world["client"], f"/admin/review/{notice_id}", data), message)
    assert tuple(query(app, "SELECT kind, publication, region_wide FROM notices WHERE id = ?",
                       (notice_id,))[0]) == tuple(before)
    assert query(app, "SELECT area FROM notice_areas WHERE notice_id = ?", (notice_id,)) == areas
    assert not query(app, "SELECT 1 FROM audit_log WHERE action LIKE 'review.%'")


def test_a_bad_shelter_status_changes_nothing(app, world):
    shelter_id = world["shelter_id"]
    before = query(app, "SELECT status, checked_at, updated_at FROM shelters WHERE id = ?", (shelter_id,))[0]
    response = post_form(world["client"], f"/admin/shelters/{shelter_id}",
                         {"status": "<script>alert(1)</script>", "checked_now": "y"})
    assert_refused(response, "Not a valid choice.")
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert tuple(query(app, "SELECT status, checked_at, updated_at FROM shelters WHERE id = ?",
                       (shelter_id,))[0]) == tuple(before)
    assert not query(app, "SELECT 1 FROM audit_log WHERE action = 'shelter.edit'")


def upload(client, name, fields):
    """Post a file from tests/data/shelters to the upload form."""
    page = client.get("/admin/shelters/import").get_data(as_text=True)
    with open(DATA / "shelters" / name, "rb") as fh:
        return client.post("/admin/shelters/import", data={"csrf_token": csrf_token(page),
                                                          "file": (fh, name), **fields},
                           content_type="multipart/form-data")


@pytest.mark.parametrize("fields, message", [
    ({"source": "<script>"}, "Letters, digits, dots and dashes only."),
    ({"source": "x" * 65}, "Field cannot be longer than 64 characters."),
    ({"file_format": "xlsx"}, "Not a valid choice."),
])
def test_a_bad_upload_form_writes_nothing(app, world, fields, message):
    before = snapshot(app)
    assert_refused(upload(world["client"], "bad_rows.csv", fields), message)
    assert snapshot(app) == before


def test_an_upload_without_a_file_is_refused(app, world):
    page = world["client"].get("/admin/shelters/import").get_data(as_text=True)
    before = snapshot(app)
    response = world["client"].post("/admin/shelters/import", data={"csrf_token": csrf_token(page)},
                                    content_type="multipart/form-data")
    assert_refused(response, "This field is required.")
    assert snapshot(app) == before


def test_a_strict_upload_with_one_bad_row_writes_no_shelter(app, world):
    count = query(app, "SELECT count(*) FROM shelters")[0][0]
    response = upload(world["client"], "bad_rows.csv", {"strict": "y", "file_format": "auto"})
    assert response.status_code == 200
    assert "rejected 3" in response.get_data(as_text=True)
    assert query(app, "SELECT count(*) FROM shelters")[0][0] == count


@pytest.mark.parametrize("data, message", [
    ({"current": "correct horse battery staple", "new": "a long new password", "confirm": "another one"},
     "The two new passwords differ."),
    ({"current": "not the password at all", "new": "a long new password", "confirm": "a long new password"},
     "This is not your current password."),
    ({"current": "correct horse battery staple", "new": "x" * 1025, "confirm": "x" * 1025},
     "Field cannot be longer than 1024 characters."),
])
def test_a_refused_password_change_keeps_the_password_and_the_sessions(app, world, data, message):
    before = query(app, "SELECT password_hash, session_epoch FROM users WHERE username = 'root'")[0]
    assert_refused(post_form(world["client"], "/admin/account/password", data), message)
    assert tuple(query(app, "SELECT password_hash, session_epoch FROM users WHERE username = 'root'")[0]) \
        == tuple(before)


@pytest.mark.parametrize("code, message", [("12345", "Enter the 6 digits."), ("<script>", "Enter the 6 digits."),
                                           ("000000", "That code is not valid.")])
def test_a_wrong_first_code_leaves_the_second_factor_off(app, world, code, message):
    page = world["client"].get("/admin/account/totp").get_data(as_text=True)
    secret = page.split('name="secret" type="hidden" value="')[1].split('"')[0]
    response = world["client"].post("/admin/account/totp", data={
        "csrf_token": csrf_token(page), "secret": secret, "code": code, "password": PASSWORD})
    assert_refused(response, message)
    assert query(app, "SELECT totp_secret FROM users WHERE username = 'root'")[0][0] is None


def test_a_too_long_login_is_refused_without_counting_or_logging_in(app):
    client = english_client(app, "192.0.2.90")
    before = snapshot(app)
    assert_refused(login(client, "x" * 65), "Field cannot be longer than 64 characters.")
    assert_refused(login(client, ""), "This field is required.")
    assert snapshot(app) == before


@pytest.mark.parametrize("path", ["/admin/shelters/reports/{report_id}/nonsense",
                                  "/admin/notices/{notice_id}/follow-up/delete"])
def test_unknown_actions_are_not_found_and_change_nothing(app, world, path):
    url = path.format(**world)
    before = snapshot(app)
    assert post_form(world["client"], url, {}, page="/admin/").status_code == 404
    assert snapshot(app) == before
