"""When the database cannot take a write: a big import holds it, the file is read-only, the disk is
full. Readers get 503 "busy, try again" with Retry-After, never a 500; /healthz says which part
failed without SQLite's words; the operator's log says what to do."""

import logging
import shutil
import subprocess
import time
from contextlib import contextmanager

import pytest
from test_admin_support import add_user, csrf_token, english_client, login, post_form

from preparedness import create_app
from preparedness.db import connect

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                    "X-Frame-Options", "Cross-Origin-Resource-Policy", "Cross-Origin-Opener-Policy")


@contextmanager
def writer_holding_the_lock(app):
    """Another connection in the middle of a long write transaction (a big import)."""
    other = connect(app.config["DATABASE"])
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE shelters SET name = name WHERE id = 1")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def assert_busy_page(response, words="The site is busy"):
    """503, Retry-After, never cached, every security header, the page in the reader's language."""
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Cache-Control"] == "no-store"
    for name in SECURITY_HEADERS:
        assert name in response.headers, name
    assert words in response.get_data(as_text=True)


def test_a_report_during_a_big_import_answers_busy_try_again(app, caplog):
    app.config["DATABASE_BUSY_TIMEOUT_MS"] = 100
    resident = english_client(app, "198.51.100.7")
    form = resident.get("/ru/shelters/1/report")
    with writer_holding_the_lock(app), caplog.at_level(logging.ERROR):
        started = time.monotonic()
        response = resident.post("/ru/shelters/1/report", data={
            "csrf_token": csrf_token(form.get_data(as_text=True)), "problem": "locked"})
        assert time.monotonic() - started < 2
    assert_busy_page(response, "Сайт сейчас занят")
    assert "busy timeout" in caplog.text
    # Once the import is done, the same report goes through.
    assert post_form(resident, "/ru/shelters/1/report", {"problem": "locked"}).status_code == 200


def test_a_login_during_a_big_import_answers_busy_not_500(app):
    add_user(app, "editor1", "editor")
    app.config["DATABASE_BUSY_TIMEOUT_MS"] = 100
    operator = english_client(app)
    with writer_holding_the_lock(app):
        response = login(operator, "editor1")
    assert_busy_page(response)


def test_health_check_says_busy_during_an_import_but_stays_healthy(app, client):
    with writer_holding_the_lock(app):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json()["write"] == "busy"
    assert client.get("/healthz").get_json()["write"] == "ok"


def test_health_check_reports_a_full_disk(app, client):
    app.config["HEALTH_MIN_FREE_MB"] = 10**12
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["disk"] == "low" and response.get_json()["status"] == "error"


def test_health_check_hides_sqlite_error_text(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                      "DATABASE": str(tmp_path / "h.sqlite3")})
    db = connect(app.config["DATABASE"])
    db.execute("ALTER TABLE notices RENAME TO notices_gone")
    db.close()
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "no such table" not in text and "notices" not in text and "sqlite" not in text.lower()
    assert response.get_json() == {"status": "error", "database": "error", "region": "belgorod"}


def chattr(flag, path):
    """chattr +i / -i (an immutable file: even root cannot write it), or skip where unsupported."""
    if not shutil.which("chattr"):
        pytest.skip("chattr is not available")
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr {flag} is not supported here: {done.stderr.decode().strip()}")


def test_a_read_only_database_is_served_writes_answer_503_and_the_log_says_why(app, caplog):
    path = app.config["DATABASE"]
    chattr("+i", path)
    try:
        with caplog.at_level(logging.ERROR):
            readonly = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                                   "DATABASE": path})
        logged = caplog.text.replace("Nothing needs restoring", "")
        assert "read-only" in logged and "restore" not in logged
        client = english_client(readonly, "198.51.100.7")
        assert client.get("/en/shelters/1").status_code == 200
        response = post_form(client, "/en/shelters/1/report", {"problem": "locked"})
        assert_busy_page(response)
        health = client.get("/healthz")
        assert health.status_code == 503 and health.get_json()["write"] == "read-only"
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
