"""SQLite: one place that prepares connections, numbered migrations, online backup."""

import errno
import os
import shutil
import sqlite3
import sys
from importlib import resources
from pathlib import Path

import click
from flask import current_app, g
from flask.cli import with_appcontext


class StartupError(Exception):
    """The app cannot start; the message says why in one line."""


def connect(path, readonly=False, busy_timeout_ms=5000):
    """Open a connection to `path` with the project's settings on it."""
    if readonly:
        conn = open_readonly(path)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms):d}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def open_readonly(path):
    """A read-only connection; `immutable` when the folder does not even allow WAL's shared memory."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, isolation_level=None,
                               check_same_thread=False)


def get_db():
    """The request's connection, opened on first use.

    A request waits DATABASE_BUSY_TIMEOUT_MS for another writer (an import); past it the write
    answers 503 "busy, try again" (preparedness.errors) and the worker is free again.
    """
    if "db" not in g:
        config = current_app.config
        g.db = connect(config["DATABASE"], readonly=bool(config.get("DATABASE_READONLY")),
                       busy_timeout_ms=config.get("DATABASE_BUSY_TIMEOUT_MS", 5000))
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
        if schema_version(conn) >= version:
            continue        # nothing to write (a read-only database with the current schema starts)
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
        raise StartupError(startup_problem(path, exc)) from exc
    return conn, created


def startup_problem(path, exc):
    """One line for the operator: what is wrong with the database at start, and what to do."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return (f"{path} cannot be written ({exc}): give the service user write access to the file "
                "and its folder, then start again; the data is intact, restore nothing")
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")):
        return f"{path} cannot be written ({exc}): free disk space, then start again"
    return (f"{path} cannot be used as a database ({exc}); move it away "
            "or restore it from a backup made with `flask backup`")


def open_readonly_database(app, path):
    """Serve a database this process may not write: reads work, writes answer 503; None if it
    cannot be read or its schema is not the current one (then the normal start explains why)."""
    try:
        conn = connect(str(path), readonly=True)
        version = schema_version(conn)
        conn.close()
    except sqlite3.DatabaseError:
        return None
    if version != latest_version():
        raise StartupError(f"{path} is read-only and its schema (version {version}) needs upgrading "
                           f"to {latest_version()}: give the service user write access to the file "
                           "and its folder, then start again")
    app.config["DATABASE_READONLY"] = True
    app.logger.error("%s is read-only: pages are served, every change (reports, logins, imports) "
                     "answers 503 until the service user may write the file and its folder; "
                     "then restart. Nothing needs restoring.", path)
    return version


def writable(path):
    """Whether this process may write the database file and create files next to it (WAL, SHM)."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) and not immutable(path)


def immutable(path):
    """Whether a write to `path` fails although the permissions allow it (chattr +i, read-only mount)."""
    try:
        with open(path, "r+b"):
            return False
    except PermissionError:
        return True
    except OSError as exc:
        return exc.errno == errno.EROFS


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


# `flask` commands that never open the database: loading the app for them must not create one.
DATABASE_FREE_COMMANDS = ("translate",)


def flask_command():
    """The `flask` command the app is being loaded for ('translate', 'run'...), or None.

    `flask --app app CMD` imports the app before it knows CMD, so the command is read from the
    command line the way the flask group reads it: the first word that is not an option or its value.
    """
    context = click.get_current_context(silent=True)
    if context is None:
        return None
    takes_value = {name for param in context.command.params
                   if isinstance(param, click.Option) and not param.is_flag
                   for name in (*param.opts, *param.secondary_opts)}
    words = iter(sys.argv[1:])
    for word in words:
        if word in takes_value:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def init_app(app):
    """Migrate the database at start and register teardown and CLI."""
    app.teardown_appcontext(close_db)
    app.cli.add_command(backup_command)
    if flask_command() in DATABASE_FREE_COMMANDS:
        return
    path = Path(app.config["DATABASE"])
    if path.is_file() and not writable(path) and open_readonly_database(app, path) is not None:
        return
    conn, created = open_and_migrate(app.config["DATABASE"])
    version = schema_version(conn)
    conn.close()
    if created and flask_command() != "demo":      # `demo` is what the warning would advise
        app.logger.warning("created a new empty database at %s (schema version %d); "
                           "run `flask --app app demo` to load sample data",
                           app.config["DATABASE"], version)
