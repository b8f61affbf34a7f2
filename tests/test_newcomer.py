"""A newcomer's first steps: `make run` says where /admin is and how to make the first account, takes a
PORT, installs quietly; `translate compile` creates no database; the demo is re-dated on every run."""

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import click
import pytest
from flask.cli import FlaskGroup

from preparedness.db import connect, flask_command
from preparedness.i18n import utcnow
from preparedness.notices.store import iso
from preparedness.regions.demo import SAMPLE_SOURCE, load_demo

ROOT = Path(__file__).resolve().parent.parent


def make_dry_run(*args):
    """What `make` would run (nothing is run; the installed venv is taken as up to date)."""
    result = subprocess.run(["make", "-n", "-o", ".venv/.installed", *args], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_make_run_names_the_admin_page_the_first_account_and_the_port():
    default = make_dry_run("run")
    assert "--port 5000" in default and "http://127.0.0.1:5000/admin/" in default
    assert ".venv/bin/flask --app app users create NAME --role admin" in default
    other = make_dry_run("run", "PORT=8080")
    assert "--port 8080" in other and "http://127.0.0.1:8080/admin/" in other
    assert "PREPAREDNESS_BASE_URL:-http://127.0.0.1:8080" in other


def test_install_asks_pip_for_no_banners():
    result = subprocess.run(["make", "-n", "-W", "pyproject.toml", ".venv/.installed"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    pip_lines = [line for line in result.stdout.splitlines() if "/pip " in line]
    assert len(pip_lines) == 2
    for line in pip_lines:
        assert "--quiet" in line and "--disable-pip-version-check" in line
        assert "--no-warn-script-location" in line and "PIP_ROOT_USER_ACTION=ignore" in line


def test_translate_compile_creates_no_database(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations,
                    ignore=shutil.ignore_patterns("*.mo", "pending", ".*"))
    env = {**os.environ, "PREPAREDNESS_INSTANCE": str(tmp_path / "instance"),
           "PREPAREDNESS_SECRET_KEY": "a-long-enough-test-secret",
           "PREPAREDNESS_BASE_URL": "https://example.org",
           "PREPAREDNESS_TRANSLATIONS_DIR": str(translations)}
    env.pop("PREPAREDNESS_DATABASE", None)
    result = subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "app", "translate",
                             "compile"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "compiled ru/LC_MESSAGES/messages.mo" in result.stdout
    assert (translations / "ru" / "LC_MESSAGES" / "messages.mo").exists()
    assert not list((tmp_path / "instance").glob("*.sqlite3"))
    assert "database" not in result.stderr


@pytest.mark.parametrize("argv, command", [
    (["flask", "--app", "app", "translate", "compile"], "translate"),
    (["flask", "-A", "app", "run", "--port", "8080"], "run"),
    (["flask", "--app=app", "--debug", "translate", "check"], "translate"),
    (["flask", "--env-file", "translate", "demo"], "demo"),
    (["flask", "--help"], None),
])
def test_the_flask_command_is_read_as_the_flask_group_reads_it(monkeypatch, argv, command):
    monkeypatch.setattr(sys, "argv", argv)
    with click.Context(FlaskGroup()):
        assert flask_command() == command


def test_outside_the_flask_command_line_there_is_no_command(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["gunicorn", "translate"])
    assert flask_command() is None


def live_samples(db, now):
    """Identifiers of the sample notices in force at `now`."""
    return {r["identifier"] for r in db.execute(
        "SELECT identifier FROM notices WHERE source = ? AND ended_at IS NULL AND expires > ?",
        (SAMPLE_SOURCE, iso(now)))}


def expired_samples(db, now):
    """Identifiers of the sample notices that expired or ended before `now`."""
    return {r["identifier"] for r in db.execute(
        "SELECT identifier FROM notices WHERE source = ? AND (ended_at IS NOT NULL OR expires <= ?)",
        (SAMPLE_SOURCE, iso(now)))}


def test_the_demo_is_re_dated_on_every_run_and_touches_only_sample_rows(app):
    region = app.extensions["region"]
    db = connect(app.config["DATABASE"])
    try:
        with app.app_context():
            first = utcnow()
        fresh_live, fresh_expired = live_samples(db, first), expired_samples(db, first)
        assert len(fresh_live) >= 5 and len(fresh_expired) >= 2
        # An imported notice that happens to share a sample identifier, and an operator's all-clear
        # that ended a sample alert meanwhile.
        db.execute("INSERT INTO notices (identifier, sender, sent, status, msg_type, kind, severity, "
                   "urgency, certainty, effective, expires, region_wide, source, original_lang, "
                   "publication, is_sample, received_at, origin) VALUES ('sample-2026-0001', 'x', "
                   "'2026-01-01T00:00:00+00:00', 'Actual', 'Alert', 'drone', 'Severe', 'Immediate', "
                   "'Observed', '2026-01-01T00:00:00+00:00', '2026-01-01T01:00:00+00:00', 1, "
                   "'governor', 'ru', 'published', 0, '2026-01-01T00:00:00+00:00', 'import')")
        db.execute("UPDATE notices SET ended_at = ? WHERE source = ? AND identifier = 'sample-2026-0002'",
                   (iso(first), SAMPLE_SOURCE))
        db.commit()
        later = first + timedelta(days=3)
        assert live_samples(db, later) == set()                         # without re-dating
        counts = load_demo(db, region, later)
        assert counts["updated"] == 15 and counts["imported"] == 0
        assert live_samples(db, later) == fresh_live                    # the ended alert is back
        assert expired_samples(db, later) == fresh_expired              # the water Update ended its alert
        assert load_demo(db, region, later)["unchanged"] == 15          # idempotent
        assert live_samples(db, later) == fresh_live
        other = db.execute("SELECT sent, ended_at FROM notices WHERE source = 'governor'").fetchone()
        assert tuple(other) == ("2026-01-01T00:00:00+00:00", None)
    finally:
        db.close()


def test_the_demo_command_says_it_re_dated(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "sample notices imported 0, re-dated to now" in result.output


def test_the_first_demo_run_does_not_advise_running_demo(tmp_path):
    env = {**os.environ, "PREPAREDNESS_INSTANCE": str(tmp_path / "instance"),
           "PREPAREDNESS_SECRET_KEY": "a-long-enough-test-secret",
           "PREPAREDNESS_BASE_URL": "https://example.org"}
    env.pop("PREPAREDNESS_DATABASE", None)
    result = subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "app", "demo"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "sample notices imported 15" in result.stdout
    assert "run `flask --app app demo`" not in result.stderr
    conn = sqlite3.connect(tmp_path / "instance" / "preparedness.sqlite3")
    assert conn.execute("SELECT count(*) FROM notices").fetchone()[0] == 15
    conn.close()
