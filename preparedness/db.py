"""SQLite: one place that prepares connections, numbered migrations, online backup."""

import shutil
import sqlite3
from importlib import resources
from pathlib import Path

import click
from flask import current_app, g
from flask.cli import with_appcontext


class StartupError(Exception):
    """The app cannot start; the message says why in one line."""


def connect(path, readonly=False):
    """Open a connection to `path` with the project's settings on it."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def get_db():
    """The request's connection, opened on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc=None):
    """Close the request's connection, if one was opened."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


class transaction:
    """`with transaction(db):` runs the block in BEGIN IMMEDIATE ... COMMIT, or rolls back."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, _exc, _tb):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


def migrations():
    """(version, name, sql) for every file in migrations/, in order."""
    found = []
    for entry in resources.files("preparedness.migrations").iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StartupError(f"migrations are not numbered 1..N without gaps: {versions}")
    return found


def latest_version():
    """The schema version the code expects."""
    return len(migrations())


def split_statements(sql):
    """Split a migration script into complete statements (triggers stay whole)."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip() and not current.strip().startswith("--"):
        statements.append(current.strip())
    return statements


def schema_version(conn):
    """PRAGMA user_version of an open connection."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_sqlite_features(conn):
    """Refuse to run on an SQLite build without R*Tree or FTS5."""
    for module, ddl in (("R*Tree", "CREATE VIRTUAL TABLE temp.t_rtree USING rtree(id, a, b)"),
                        ("FTS5", "CREATE VIRTUAL TABLE temp.t_fts5 USING fts5(a)")):
        try:
            conn.execute(ddl)
        except sqlite3.OperationalError as exc:
            raise StartupError(
                f"this SQLite build ({sqlite3.sqlite_version}) lacks {module} ({exc}); "
                "install a Python whose sqlite3 module has it"
            ) from exc
    conn.execute("DROP TABLE temp.t_rtree")
    conn.execute("DROP TABLE temp.t_fts5")


def migrate(conn, path=None):
    """Bring the schema to the latest version; each step in its own transaction."""
    steps = migrations()
    current = schema_version(conn)
    if current > len(steps):
        raise StartupError(f"database schema version {current} is newer than this code "
                           f"(knows {len(steps)}); upgrade the code or restore a backup")
    if 0 < current < len(steps) and path:
        backup_to(conn, Path(f"{path}.before-v{len(steps)}"))
    for version, name, sql in steps:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if schema_version(conn) >= version:
                conn.execute("ROLLBACK")
                continue
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StartupError(f"migration {name} failed: {exc}") from exc
    return schema_version(conn)


def open_and_migrate(path):
    """Open (creating if missing) and migrate the database at `path`, or explain why not."""
    path = Path(path)
    if not path.parent.is_dir():
        raise StartupError(f"database folder {path.parent} does not exist; create it or set "
                           "PREPAREDNESS_DATABASE to a writable path")
    created = not path.exists()
    if not created and path.stat().st_size and _header(path) != b"SQLite format 3\x00":
        raise StartupError(f"{path} is not an SQLite database (bad header); move it away "
                           "or restore it from a backup made with `flask backup`")
    try:
        conn = connect(str(path))
        check_sqlite_features(conn)
        conn.execute("PRAGMA quick_check").fetchone()
        migrate(conn, None if created else path)
    except sqlite3.DatabaseError as exc:
        raise StartupError(f"{path} cannot be used as a database ({exc}); move it away "
                           "or restore it from a backup made with `flask backup`") from exc
    return conn, created


def _header(path):
    """The first 16 bytes of a file."""
    with open(path, "rb") as fh:
        return fh.read(16)


def backup_to(conn, dest):
    """Copy a live database to `dest` through SQLite's online backup API."""
    dest = Path(dest)
    if dest.exists():
        dest.unlink()
    target = sqlite3.connect(dest)
    try:
        conn.backup(target)
    finally:
        target.close()
    return dest


@click.command("backup")
@with_appcontext
@click.argument("dest", type=click.Path(dir_okay=False, writable=True))
def backup_command(dest):
    """Write a consistent copy of the database to DEST while the app keeps running."""
    conn = connect(current_app.config["DATABASE"])
    try:
        tmp = Path(f"{dest}.partial")
        backup_to(conn, tmp)
        shutil.move(tmp, dest)
        check = connect(dest)
        version = schema_version(check)
        check.close()
    finally:
        conn.close()
    click.echo(f"backed up to {dest} (schema version {version})")


def init_app(app):
    """Migrate the database at start and register teardown and CLI."""
    conn, created = open_and_migrate(app.config["DATABASE"])
    version = schema_version(conn)
    conn.close()
    if created:
        app.logger.warning("created a new empty database at %s (schema version %d); "
                           "run `flask --app app demo` to load sample data",
                           app.config["DATABASE"], version)
    app.teardown_appcontext(close_db)
    app.cli.add_command(backup_command)
