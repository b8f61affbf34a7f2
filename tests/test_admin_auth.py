"""Admin accounts: the users command, CSRF, login limits, second factor, session timeouts and cookie."""

import base64
from datetime import datetime, timedelta, timezone

import pytest
from test_admin_support import PASSWORD, add_user, csrf_token, english_client, execute, login, post_form, query

from preparedness.admin import totp


def utcnow():
    """Now, for tests that move the app's clock from here."""
    return datetime.now(timezone.utc)


def test_users_create_reads_the_password_from_stdin_and_refuses_an_existing_name(app, runner):
    result = runner.invoke(args=["users", "create", "olga", "--role", "approver"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "created approver 'olga'" in result.output
    row = query(app, "SELECT role, password_hash FROM users WHERE username = 'olga'")[0]
    assert row["role"] == "approver" and row["password_hash"].startswith("scrypt:")
    again = runner.invoke(args=["users", "create", "olga", "--role", "admin"], input=PASSWORD + "\n")
    assert again.exit_code != 0 and "user 'olga' already exists; nothing changed" in again.output
    assert query(app, "SELECT role FROM users WHERE username = 'olga'")[0]["role"] == "approver"
    short = runner.invoke(args=["users", "create", "ivan", "--role", "editor"], input="short\n")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    assert not query(app, "SELECT 1 FROM users WHERE username = 'ivan'")
    created = query(app, "SELECT action, target FROM audit_log WHERE action = 'user.create'")
    assert [tuple(r) for r in created] == [("user.create", "user:olga")]


def test_a_post_without_the_csrf_token_is_rejected(app):
    add_user(app, "ed", "editor")
    client = english_client(app)
    assert client.post("/admin/login", data={"username": "ed", "password": PASSWORD}).status_code == 400
    assert client.get("/admin/").status_code == 302          # not logged in
    assert login(client, "ed").status_code == 302
    response = client.post("/admin/notices/new", data={"status": "Exercise", "kind": "drone",
                                                       "areas": ["belgorod"], "headline_en": "Drill"})
    assert response.status_code == 400
    assert not query(app, "SELECT 1 FROM notice_drafts")


def test_session_cookie_is_host_prefixed_secure_httponly_lax(app):
    add_user(app, "ed", "editor")
    response = login(english_client(app), "ed")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path", "samesite"} <= attributes and "domain" not in attributes
    assert "Path=/;" in cookie + ";" and "SameSite=Lax" in cookie


def test_wrong_password_re_renders_the_form(app):
    add_user(app, "ed", "editor")
    response = login(english_client(app), "ed", "wrong password here")
    assert response.status_code == 400
    assert "Wrong username or password." in response.get_data(as_text=True)


def test_one_client_is_slowed_down_sooner_than_an_account(app):
    client = english_client(app, address="198.51.100.200")
    for attempt in range(20):
        assert login(client, f"name{attempt}", "a wrong password").status_code == 400
    response = login(client, "someone-else", "a wrong password")
    assert response.status_code == 429
    assert "Too many failed attempts. Wait 15 minutes and try again." in response.get_data(as_text=True)
    assert 14 * 60 < int(response.headers["Retry-After"]) <= 15 * 60
    assert login(english_client(app, address="198.51.100.201"), "x", "a wrong password").status_code == 400


def test_idle_timeout_after_30_minutes(app):
    add_user(app, "ed", "editor")
    start = utcnow()
    app.config["NOW"] = start
    client = english_client(app)
    login(client, "ed")
    app.config["NOW"] = start + timedelta(minutes=29)
    assert client.get("/admin/").status_code == 200        # activity keeps it alive
    app.config["NOW"] = start + timedelta(minutes=58)
    assert client.get("/admin/").status_code == 200
    app.config["NOW"] = start + timedelta(minutes=89)
    response = client.get("/admin/", follow_redirects=True)
    assert response.request.path == "/admin/login"
    assert "30 minutes without activity" in response.get_data(as_text=True)


def test_absolute_timeout_after_12_hours_even_when_active(app):
    add_user(app, "ed", "editor")
    start = utcnow()
    app.config["NOW"] = start
    client = english_client(app)
    login(client, "ed")
    for step in range(1, 29):                                   # every 25 minutes up to 11 h 40 min
        app.config["NOW"] = start + timedelta(minutes=25 * step)
        assert client.get("/admin/").status_code == 200, step
    app.config["NOW"] = start + timedelta(hours=12, minutes=5)
    response = client.get("/admin/", follow_redirects=True)
    assert response.request.path == "/admin/login"
    assert "12 hours" in response.get_data(as_text=True)


def test_password_change_logs_out_every_other_session(app):
    add_user(app, "ed", "editor")
    laptop, phone = english_client(app), english_client(app, address="192.0.2.99")
    login(laptop, "ed")
    login(phone, "ed")
    new = "a brand new long password"
    response = post_form(laptop, "/admin/account/password",
                         {"current": PASSWORD, "new": new, "confirm": new})
    assert response.status_code == 302
    assert laptop.get("/admin/").status_code == 200              # this session carries on
    assert phone.get("/admin/").headers["Location"].startswith("/admin/login")
    assert login(english_client(app), "ed").status_code == 400   # the old password is gone
    assert login(english_client(app), "ed", new).status_code == 302
    assert query(app, "SELECT count(*) FROM audit_log WHERE action = 'user.password'")[0][0] == 1


def test_password_change_refuses_short_or_mismatched_passwords(app):
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    short = post_form(client, "/admin/account/password", {"current": PASSWORD, "new": "short", "confirm": "short"})
    assert short.status_code == 400 and "Use at least 12 characters." in short.get_data(as_text=True)
    assert query(app, "SELECT session_epoch FROM users")[0][0] == 1


def test_totp_matches_the_rfc_6238_test_vectors():
    secret = base64.b32encode(b"12345678901234567890").decode()
    for unix_time, eight_digits in ((59, "94287082"), (1111111109, "07081804"), (2000000000, "69279037")):
        assert totp.totp(secret, unix_time, digits=8) == eight_digits
        assert totp.verify(secret, eight_digits[-6:], unix_time)
    assert not totp.verify(secret, "000000", 59) and not totp.verify(secret, "12345", 59)


def turn_on_second_factor(app, client, at):
    """Set up a second factor through the real page (logged-in `client`) at time `at`; returns the secret."""
    app.config["NOW"] = at
    page = client.get("/admin/account/totp").get_data(as_text=True)
    secret = page.split('name="secret" type="hidden" value="')[1].split('"')[0]
    response = client.post("/admin/account/totp", data={"csrf_token": csrf_token(page), "secret": secret,
                                                        "code": totp.totp(secret, at.timestamp()),
                                                        "password": PASSWORD})
    assert response.status_code == 302
    return secret


def test_login_with_a_second_factor(app):
    add_user(app, "ed", "editor")
    start = utcnow()
    app.config["NOW"] = start
    setup = english_client(app)
    login(setup, "ed")
    secret = turn_on_second_factor(app, setup, start)
    assert query(app, "SELECT totp_secret FROM users")[0][0] == secret
    app.config["NOW"] = later = start + timedelta(seconds=totp.STEP_SECONDS)
    code = totp.totp(secret, later.timestamp())
    fresh = english_client(app)
    step_one = login(fresh, "ed")
    assert step_one.headers["Location"] == "/admin/login/code"
    assert fresh.get("/admin/").status_code == 302                # not in yet
    wrong = post_form(fresh, "/admin/login/code", {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400
    right = post_form(fresh, "/admin/login/code", {"code": code})
    assert right.status_code == 302
    assert fresh.get("/admin/").status_code == 200


def test_a_used_code_does_not_work_twice_within_its_window(app):
    add_user(app, "ed", "editor")
    start = utcnow()
    app.config["NOW"] = start
    setup = english_client(app)
    login(setup, "ed")
    secret = turn_on_second_factor(app, setup, start)
    setup_code = totp.totp(secret, start.timestamp())
    # The code that confirmed the setup is spent: it cannot also log in, even 20 seconds later.
    app.config["NOW"] = start + timedelta(seconds=20)
    watcher = english_client(app, address="192.0.2.66")
    login(watcher, "ed")
    response = post_form(watcher, "/admin/login/code", {"code": setup_code})
    assert response.status_code == 400
    assert "That code was already used. Wait for the next code." in response.get_data(as_text=True)
    app.config["NOW"] = now = start + timedelta(seconds=2 * totp.STEP_SECONDS)
    code = totp.totp(secret, now.timestamp())
    operator = english_client(app)
    login(operator, "ed")
    assert post_form(operator, "/admin/login/code", {"code": code}).status_code == 302
    # Someone who saw that code over the operator's shoulder, within the same 30 seconds:
    login(watcher, "ed")
    replay = post_form(watcher, "/admin/login/code", {"code": code})
    assert replay.status_code == 400 and watcher.get("/admin/").status_code == 302
    # ...or a little later, while clock drift would still accept it: an older step never comes back.
    app.config["NOW"] = now + timedelta(seconds=totp.STEP_SECONDS)
    login(watcher, "ed")
    assert post_form(watcher, "/admin/login/code", {"code": code}).status_code == 400
    assert operator.get("/admin/").status_code == 200
    outcomes = [r[0] for r in query(app, "SELECT outcome FROM login_attempts ORDER BY id")]
    assert outcomes == ["ok", "failed", "ok", "failed", "failed"]


def test_an_operator_turns_the_second_factor_off_with_the_password(app):
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    start = utcnow()
    secret = turn_on_second_factor(app, client, start)
    app.config["NOW"] = later = start + timedelta(seconds=totp.STEP_SECONDS)
    code = totp.totp(secret, later.timestamp())
    page = "/admin/account/totp"
    wrong = post_form(client, page + "/off", {"password": "not my password at all", "code": code}, page=page)
    assert wrong.status_code == 400
    assert "This is not your current password." in wrong.get_data(as_text=True)
    no_code = post_form(client, page + "/off", {"password": PASSWORD, "code": "000000"}, page=page)
    assert no_code.status_code == 400
    assert query(app, "SELECT totp_secret FROM users")[0][0] is not None
    assert post_form(client, page + "/off", {"password": PASSWORD, "code": code}, page=page).status_code == 302
    assert query(app, "SELECT totp_secret, totp_last_step FROM users")[0][:] == (None, None)
    assert login(english_client(app), "ed").headers["Location"] == "/admin/"   # password only now
    assert query(app, "SELECT count(*) FROM audit_log WHERE action = 'user.totp_off'")[0][0] == 1


def test_a_required_second_factor_cannot_be_turned_off_by_its_owner_but_by_the_command(app, runner):
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    turn_on_second_factor(app, client, utcnow())
    app.config["ADMIN_REQUIRE_TOTP"] = True
    page = client.get("/admin/account/totp").get_data(as_text=True)
    assert "/admin/account/totp/off" not in page
    response = client.post("/admin/account/totp/off", data={"csrf_token": csrf_token(page),
                                                             "password": PASSWORD})
    assert response.status_code == 403
    assert query(app, "SELECT totp_secret FROM users")[0][0] is not None
    # The phone is lost: an administrator on the server removes the factor; a new one is set up at login.
    result = runner.invoke(args=["users", "remove-totp", "ed"])
    assert result.exit_code == 0 and "second factor of 'ed' removed" in result.output
    assert query(app, "SELECT totp_secret FROM users")[0][0] is None
    fresh = english_client(app)
    assert login(fresh, "ed").headers["Location"] == "/admin/"
    assert fresh.get("/admin/notices/new").headers["Location"] == "/admin/account/totp"
    assert runner.invoke(args=["users", "remove-totp", "nobody"]).exit_code != 0


def test_logout_ends_the_session(app):
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    response = post_form(client, "/admin/logout", {}, page="/admin/")
    assert response.headers["Location"] == "/admin/login"
    assert client.get("/admin/").status_code == 302
    assert [r[0] for r in query(app, "SELECT action FROM audit_log ORDER BY id")] == ["login", "logout"]


def test_required_second_factor_sends_an_operator_to_set_it_up(app):
    app.config["ADMIN_REQUIRE_TOTP"] = True
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    assert client.get("/admin/notices/new").headers["Location"] == "/admin/account/totp"


@pytest.mark.parametrize("path", ["/admin/audit/", "/admin/review/"])
def test_an_editor_may_not_read_the_audit_log_or_approve_imports(app, path):
    add_user(app, "ed", "editor")
    client = english_client(app)
    login(client, "ed")
    assert client.get(path).status_code == 403


def test_audit_log_is_readable_by_admins_with_who_what_and_where_from(app):
    add_user(app, "root", "admin")
    client = english_client(app, address="192.0.2.55")
    login(client, "root")
    html = client.get("/admin/audit/").get_data(as_text=True)
    assert "<code>login</code>" in html and "192.0.2.55" in html and "root" in html
