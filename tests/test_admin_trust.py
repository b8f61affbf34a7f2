"""Issue 17 at the operators' side: the two-person rule bound to content, login limits that cannot lock the
owner out, sessions that end for good, the second factor guarded, common passwords, control characters,
request size."""

import io
import re
from datetime import datetime, timedelta, timezone

from defusedxml import ElementTree as DefusedET
from test_admin_support import (PASSWORD, add_user, csrf_token, english_client, execute, login, post_form,
                                query)

from preparedness.admin import totp

MISSILE = {"status": "Actual", "kind": "missile", "areas": ["shebekino"],
           "headline_en": "Missile danger in Shebekino", "instruction_en": "Go to the nearest shelter now."}


def compose(client, data):
    """Compose through the real form; returns the draft's preview URL."""
    response = post_form(client, "/admin/notices/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def edit(client, draft_url, data):
    """Change a draft through the real edit form."""
    response = post_form(client, draft_url + "/edit", data)
    assert response.status_code == 302, response.get_data(as_text=True)


def shown_version(page):
    """The version a preview page's publish form carries, or None when it has no publish button."""
    found = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    return found.group(1) if found else None


def press_publish(client, draft_url, page, **fields):
    """Press the publish button of a preview page obtained earlier (its token and version)."""
    data = {"csrf_token": csrf_token(page), "version": shown_version(page) or "1", **fields}
    return client.post(draft_url + "/publish", data=data)


def admin_notices(app):
    """(status, headline in English) of every notice published from /admin."""
    return query(app, "SELECT n.status, t.headline FROM notices n JOIN notice_texts t ON t.notice_id = n.id "
                      "AND t.lang = 'en' WHERE n.source = 'admin'")


def people(app):
    """An editor and two approvers, each logged in from their own address."""
    clients = {}
    for number, (name, role) in enumerate((("ed", "editor"), ("ap", "approver"), ("ap2", "approver"))):
        add_user(app, name, role)
        clients[name] = english_client(app, address=f"192.0.2.{30 + number}")
        assert login(clients[name], name).status_code == 302
    return clients


def test_an_approver_who_edits_an_editors_draft_is_an_author_and_cannot_approve_it_alone(app):
    clients = people(app)
    draft_url = compose(clients["ed"], MISSILE)
    edit(clients["ap"], draft_url, {**MISSILE, "headline_en": "Missile danger: go down now"})
    page = clients["ap"].get(draft_url).get_data(as_text=True)
    assert shown_version(page) is None and "A real alert needs a second person" in page
    assert "ap and ed" in page                                # both are named as authors
    assert press_publish(clients["ap"], draft_url, page, version="2").status_code == 303
    assert admin_notices(app) == []
    # The editor cannot publish a real alert either; a third person, who wrote nothing, can.
    assert press_publish(clients["ed"], draft_url, clients["ed"].get(draft_url).get_data(as_text=True),
                         version="2").status_code == 303
    assert admin_notices(app) == []
    third = clients["ap2"].get(draft_url).get_data(as_text=True)
    assert press_publish(clients["ap2"], draft_url, third).status_code == 303
    assert [tuple(r) for r in admin_notices(app)] == [("Actual", "Missile danger: go down now")]
    approved = query(app, "SELECT u.username FROM notice_drafts d JOIN users u ON u.id = d.approved_by")
    assert approved[0][0] == "ap2"


def test_publishing_fails_when_the_draft_changed_after_the_preview(app):
    clients = people(app)
    draft_url = compose(clients["ed"], MISSILE)
    seen = clients["ap"].get(draft_url).get_data(as_text=True)          # the approver reads version 1
    assert shown_version(seen) == "1"
    edit(clients["ed"], draft_url, {**MISSILE, "headline_en": "Evacuate Shebekino by any road now"})
    response = press_publish(clients["ap"], draft_url, seen)
    assert response.status_code == 303
    assert admin_notices(app) == []
    again = clients["ap"].get(draft_url).get_data(as_text=True)
    assert "The draft was changed after you opened its preview, so nothing was published." in again
    assert shown_version(again) == "2" and "Evacuate Shebekino by any road now" in again
    assert press_publish(clients["ap"], draft_url, again).status_code == 303
    assert [tuple(r) for r in admin_notices(app)] == [("Actual", "Evacuate Shebekino by any road now")]
    audit = query(app, "SELECT json_extract(after, '$.version') FROM audit_log WHERE action = 'notice.publish'")
    assert audit[0][0] == 2


def test_a_hundred_wrong_passwords_do_not_lock_the_owner_out(app, runner):
    add_user(app, "ed", "editor")
    start = datetime.now(timezone.utc).replace(microsecond=0)
    tried = refused = 0
    for attempt in range(100):
        # A few addresses, each trying as fast as it is let through (one simulated second apart).
        app.config["NOW"] = start + timedelta(seconds=attempt)
        response = login(english_client(app, address=f"198.51.100.{attempt % 4}"), "ed", f"guess {attempt:04d}x")
        tried += response.status_code == 400
        refused += response.status_code == 429
    assert tried + refused == 100 and refused > 60                # slowed down, with growing waits
    waits = query(app, "SELECT count(*) FROM login_attempts WHERE outcome = 'throttled'")[0][0]
    assert waits == refused
    # The owner, from a new address, a second later: the right password works at once.
    app.config["NOW"] = start + timedelta(seconds=101)
    owner = english_client(app, address="203.0.113.7")
    assert login(owner, "ed").status_code == 302 and owner.get("/admin/").status_code == 200
    # An attacking address is made to wait (the page says how long) even with the right password ...
    attacker = english_client(app, address="198.51.100.1")
    response = login(attacker, "ed")
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert re.search(r"Too many failed attempts\. Wait \d+ (seconds|minutes) and try again\.",
                     response.get_data(as_text=True))
    # ... until an administrator unlocks the account.
    result = runner.invoke(args=["users", "unlock", "ed"])
    assert result.exit_code == 0 and "unlocked" in result.output
    assert login(attacker, "ed").status_code == 302


def test_waits_grow_with_each_failure_of_one_address(app):
    add_user(app, "ed", "editor")
    start = datetime.now(timezone.utc).replace(microsecond=0)
    client = english_client(app, address="198.51.100.9")
    app.config["NOW"] = start
    for _free in range(3):
        assert login(client, "ed", "a wrong password!").status_code == 400
    waits = []
    for step in range(4):
        response = login(client, "ed", "a wrong password!")           # refused: wait first
        assert response.status_code == 429
        waits.append(int(response.headers["Retry-After"]))
        app.config["NOW"] += timedelta(seconds=waits[-1])
        assert login(client, "ed", "a wrong password!").status_code == 400, step
    assert waits == [1, 2, 4, 8]


def test_set_password_clears_the_limits_and_ends_every_session(app, runner):
    add_user(app, "ed", "editor")
    app.config["NOW"] = datetime.now(timezone.utc)
    logged_in = english_client(app, address="192.0.2.50")
    assert login(logged_in, "ed").status_code == 302
    attacker = english_client(app, address="198.51.100.3")
    for _ in range(4):
        login(attacker, "ed", "another wrong one")
    assert login(attacker, "ed").status_code == 429
    new_password = "a brand new long passphrase"
    result = runner.invoke(args=["users", "set-password", "ed"], input=new_password + "\n")
    assert result.exit_code == 0, result.output
    assert logged_in.get("/admin/").headers["Location"].startswith("/admin/login")
    assert login(attacker, "ed", new_password).status_code == 302
    assert query(app, "SELECT count(*) FROM login_attempts WHERE outcome != 'ok'")[0][0] == 0


def session_cookie(client):
    """The session cookie the client holds (the name the config gives it)."""
    return client.get_cookie(client.application.config["SESSION_COOKIE_NAME"])


def test_a_copied_session_cookie_no_longer_works_after_logout(app):
    add_user(app, "ed", "editor")
    client = english_client(app)
    assert login(client, "ed").status_code == 302
    cookie = session_cookie(client).value
    # The cookie holds only a signed random token: nothing of the session's content.
    assert "uid" not in cookie and "csrf" not in cookie and len(cookie) < 80
    assert query(app, "SELECT count(*) FROM operator_sessions WHERE user_id IS NOT NULL")[0][0] == 1
    page = client.get("/admin/").get_data(as_text=True)
    assert client.post("/admin/logout", data={"csrf_token": csrf_token(page)}).status_code == 302
    thief = english_client(app, address="198.51.100.66")
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    response = thief.get("/admin/", follow_redirects=True)
    assert response.request.path == "/admin/login"
    assert query(app, "SELECT count(*) FROM operator_sessions WHERE user_id IS NOT NULL")[0][0] == 0


def test_log_out_everywhere_ends_the_sessions_on_other_devices(app):
    add_user(app, "ed", "editor")
    phone, laptop = english_client(app, "192.0.2.61"), english_client(app, "192.0.2.62")
    assert login(phone, "ed").status_code == 302 and login(laptop, "ed").status_code == 302
    assert post_form(laptop, "/admin/logout/everywhere", {}, page="/admin/account/password").status_code == 302
    assert phone.get("/admin/").headers["Location"].startswith("/admin/login")
    assert laptop.get("/admin/").headers["Location"].startswith("/admin/login")
    assert query(app, "SELECT count(*) FROM operator_sessions WHERE user_id IS NOT NULL")[0][0] == 0


def totp_form(client):
    """(page, new secret) of the second-factor page."""
    page = client.get("/admin/account/totp").get_data(as_text=True)
    return page, page.split('name="secret" type="hidden" value="')[1].split('"')[0]


def test_the_second_factor_cannot_be_set_or_replaced_without_the_password_and_the_current_code(app):
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    start = datetime.now(timezone.utc).replace(microsecond=0)
    app.config["NOW"] = start
    page, secret = totp_form(client)
    code = totp.totp(secret, start.timestamp())
    no_password = client.post("/admin/account/totp", data={"csrf_token": csrf_token(page), "secret": secret,
                                                           "code": code})
    assert no_password.status_code == 400
    assert query(app, "SELECT totp_secret FROM users")[0][0] is None
    assert client.post("/admin/account/totp", data={"csrf_token": csrf_token(page), "secret": secret,
                                                    "code": code, "password": PASSWORD}).status_code == 302
    # Replacing it (someone at an unlocked screen): the password is not enough without the current code.
    app.config["NOW"] = later = start + timedelta(seconds=totp.STEP_SECONDS)
    page, other = totp_form(client)
    replace = {"csrf_token": csrf_token(page), "secret": other, "code": totp.totp(other, later.timestamp()),
               "password": PASSWORD}
    assert client.post("/admin/account/totp", data=replace).status_code == 400
    assert query(app, "SELECT totp_secret FROM users")[0][0] == secret
    replace["current_code"] = totp.totp(secret, later.timestamp())
    assert client.post("/admin/account/totp", data=replace).status_code == 302
    assert query(app, "SELECT totp_secret FROM users")[0][0] == other


def test_common_passwords_are_refused_everywhere(app, runner):
    result = runner.invoke(args=["users", "create", "ed", "--role", "editor"], input="password1234\n")
    assert result.exit_code != 0 and "common passwords" in result.output
    add_user(app, "ed", "editor")
    assert runner.invoke(args=["users", "set-password", "ed"], input="qwertyuiop123\n").exit_code != 0
    client = english_client(app)
    login(client, "ed")
    response = post_form(client, "/admin/account/password", {"current": PASSWORD, "new": "password1234",
                                                             "confirm": "password1234"})
    assert response.status_code == 400
    assert "This password is in lists of common passwords" in response.get_data(as_text=True)
    fine = post_form(client, "/admin/account/password", {"current": PASSWORD, "new": "plum kettle orbit 41",
                                                         "confirm": "plum kettle orbit 41"})
    assert fine.status_code == 302


def test_control_characters_typed_into_the_form_never_reach_atom_or_cap(app):
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    dirty = {**MISSILE, "status": "Exercise",
             "headline_en": "Drill\x0bin Shebekino\x00", "instruction_en": "Go down\x0bnow.\x1f\tCalmly.\r\nThanks",
             "description_en": "Line one\x0cline two\x08"}
    draft_url = compose(client, dirty)
    stored = query(app, "SELECT record FROM notice_drafts")[0][0]
    assert not re.search(r"\\u00(0[0-8bcef]|1[0-9a-f])", stored)
    notice_url = press_publish(client, draft_url, client.get(draft_url).get_data(as_text=True)).headers["Location"]
    notice_id = int(notice_url.rsplit("/", 1)[1])
    feed = DefusedET.fromstring(client.get("/feeds/ru/notices.atom").get_data())
    assert feed.tag.endswith("feed")
    cap = DefusedET.fromstring(client.get(f"/cap/{notice_id}.xml").get_data())
    texts = [e.text for e in cap.iter() if e.tag.endswith("headline")]
    assert "Drillin Shebekino" in texts
    instruction = [e.text for e in cap.iter() if e.tag.endswith("instruction")]
    assert "Go downnow.\tCalmly.\nThanks" in instruction


def test_an_upload_past_the_size_limit_gets_a_friendly_413(app):
    assert app.config["MAX_CONTENT_LENGTH"] >= 20 * 1024 * 1024
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024                   # keep the test small
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    page = client.get("/admin/shelters/import").get_data(as_text=True)
    response = client.post("/admin/shelters/import", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(b"x" * 100_000), "big.csv")})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "File too large" in html and "Nothing was read or saved" in html
    assert response.headers["Cache-Control"] == "no-store"


def test_a_file_of_many_bad_rows_gives_a_short_page(app):
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    rows = 200_000
    data = ("name,address,lat,lon\n" + "Bad shelter,Nowhere,999,999\n" * rows).encode()
    page = client.get("/admin/shelters/import").get_data(as_text=True)
    response = client.post("/admin/shelters/import", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(data), "bad.csv"), "dry_run": "y"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f"rejected {rows}" in html
    assert html.count("<li><strong>") == 200
    assert f"and {rows - 200} more rejected rows, not shown" in html
    assert len(html.encode()) < 100_000


def test_unlocking_an_unknown_account_says_so(runner):
    result = runner.invoke(args=["users", "unlock", "nobody"])
    assert result.exit_code != 0 and "no user 'nobody'" in result.output


def test_throttled_attempts_are_logged_in_the_audit(app):
    add_user(app, "ed", "editor")
    client = english_client(app, "198.51.100.20")
    for _ in range(4):
        login(client, "ed", "not the password at all")
    assert query(app, "SELECT count(*) FROM audit_log WHERE action = 'login.throttled'")[0][0] == 1
    execute(app, "DELETE FROM login_attempts")
    assert login(client, "ed").status_code == 302
