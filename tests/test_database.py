"""Migrations, start-up checks on the database file, and backups."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from preparedness import create_app
from preparedness.db import StartupError, connect, latest_version, migrate, migrations

ROOT = Path(__file__).resolve().parent.parent
CONFIG = {"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789"}


def make_app(path):
    """An app on the database file at `path`."""
    return create_app({**CONFIG, "DATABASE": str(path)})


def count(path, table):
    """Rows in a table of the database at `path`."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_starting_twice_keeps_schema_and_data(app):
    path = app.config["DATABASE"]
    before = (count(path, "notices"), count(path, "shelters"))
    assert before[0] >= 10 and before[1] >= 40
    make_app(path)
    make_app(path)
    assert (count(path, "notices"), count(path, "shelters")) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    conn.close()


def test_database_from_an_earlier_migration_is_upgraded_without_data_loss(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = connect(str(path))
    steps = migrations()
    migrate_upto(conn, steps[:1])
    conn.execute("INSERT INTO shelters (source, source_id, name, lat, lon, updated_at) "
                 "VALUES ('x', '1', 'Old shelter', 50.6, 36.6, '2026-01-01T00:00:00+00:00')")
    extra = (len(steps) + 1, f"{len(steps) + 1:04d}_test.sql",
             "ALTER TABLE shelters ADD COLUMN floor INTEGER;\nUPDATE shelters SET floor = -1;")
    migrate_upto(conn, steps + [extra], path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(steps) + 1
    row = conn.execute("SELECT name, floor FROM shelters").fetchone()
    assert tuple(row) == ("Old shelter", -1)
    # The search index kept up through the upgrade.
    assert conn.execute("SELECT count(*) FROM shelters_fts WHERE shelters_fts MATCH 'old'").fetchone()[0] == 1
    conn.close()
    assert Path(f"{path}.before-v{len(steps) + 1}").exists()


def migrate_upto(conn, steps, path=None):
    """Run the real migration runner over a chosen list of steps."""
    import preparedness.db as db_module
    original = db_module.migrations
    db_module.migrations = lambda: steps
    try:
        return migrate(conn, path)
    finally:
        db_module.migrations = original


def test_real_app_upgrades_a_version_one_database(tmp_path):
    path = tmp_path / "v1.sqlite3"
    conn = connect(str(path))
    migrate_upto(conn, migrations()[:1])
    conn.close()
    make_app(path)
    assert count(path, "notices") == 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    conn.close()


def test_corrupt_database_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StartupError, match="not an SQLite database"):
        make_app(path)
    assert path.read_bytes().startswith(b"this is not")


def test_truncated_database_file_is_refused(app, tmp_path):
    broken = tmp_path / "truncated.sqlite3"
    data = Path(app.config["DATABASE"]).read_bytes()
    broken.write_bytes(data[:100] + b"\x00" * 5000)
    with pytest.raises(StartupError, match="cannot be used|not an SQLite"):
        make_app(broken)


def test_missing_folder_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(StartupError, match="does not exist"):
        make_app(tmp_path / "nowhere" / "db.sqlite3")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    make_app(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.close()
    with pytest.raises(StartupError, match="newer than this code"):
        make_app(path)


def test_missing_database_is_created_at_latest_version(tmp_path):
    path = tmp_path / "new.sqlite3"
    make_app(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def run_app_command(env_extra, *args):
    """Run `flask --app app ARGS` in a subprocess with a clean PREPAREDNESS_* environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREPAREDNESS_")}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)


def test_app_refuses_to_start_without_secret_key_in_one_line(tmp_path):
    result = run_app_command({"PREPAREDNESS_DATABASE": str(tmp_path / "db.sqlite3"),
                              "PREPAREDNESS_INSTANCE": str(tmp_path)}, "routes")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1] == ("preparedness cannot start: SECRET_KEY is not set: put a long random value "
                         "in instance/config.py or PREPAREDNESS_SECRET_KEY")
    assert "Traceback" not in result.stderr


def test_app_explains_a_corrupt_database_in_one_line(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_text("garbage " * 200)
    result = run_app_command({"PREPAREDNESS_DATABASE": str(path), "PREPAREDNESS_INSTANCE": str(tmp_path),
                              "PREPAREDNESS_SECRET_KEY": "a-long-random-secret-for-tests"}, "routes")
    assert result.returncode != 0
    assert "is not an SQLite database" in result.stderr
    assert "Traceback" not in result.stderr


def test_backup_command_writes_a_consistent_copy(app, runner, tmp_path):
    dest = tmp_path / "copy.sqlite3"
    result = runner.invoke(args=["backup", str(dest)])
    assert result.exit_code == 0, result.output
    assert f"backed up to {dest}" in result.output
    assert count(dest, "notices") == count(app.config["DATABASE"], "notices")
    assert count(dest, "shelters") == count(app.config["DATABASE"], "shelters")
