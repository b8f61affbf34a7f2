"""`flask notices import|poll`: bring CAP, RSS/Atom and Telegram exports into the store."""

import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from ..db import connect, transaction
from ..i18n import utcnow
from .ingest.errors import ParseError
from .ingest.fetch import Fetched, fetch, is_url, read_target
from .ingest.pipeline import FORMATS, ImportOptions, import_bytes
from .store import iso

# Notices typed at /admin are stored under "admin", the demo's under "sample".
RESERVED_SOURCES = ("admin", "sample")

notices_cli = AppGroup("notices", help="Import notices from files, URLs and configured sources.")


def configured_source(name):
    """The NOTICE_SOURCES entry called `name`, or an empty dict."""
    for source in current_app.config.get("NOTICE_SOURCES") or []:
        if source.get("name") == name:
            return source
    return {}


def reserved_source(name):
    """Whether a source name belongs to the operators or the sample data (never to an import)."""
    return name.strip().lower() in RESERVED_SOURCES


def options_for(fmt="auto", source=None, review=False, trusted=True, post_url=None):
    """Import options from the app's region, clock and config."""
    region = current_app.extensions["region"]
    return ImportOptions(region=region, now=utcnow(), fmt=fmt, source=source, review=review,
                         trusted=trusted, post_url=post_url,
                         default_expiry=current_app.config["DEFAULT_EXPIRY_MINUTES"],
                         review_below=current_app.config.get("NOTICE_REVIEW_BELOW", 0.5),
                         local_tz=ZoneInfo(region.timezone))


def report(label, result):
    """Print a file's counts, then one line per rejected item."""
    click.echo(f"{label}: {result.summary()}")
    for ref, reason in result.rejected:
        click.echo(f"  rejected {ref}: {reason}")
    if result.to_review:
        click.echo(f"  waiting for review: {result.to_review}")


@notices_cli.command("import")
@click.argument("targets", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option("--source", default=None, help="Source name (default: from the file: CAP sender, "
              "feed link, Telegram channel id).")
@click.option("--review", is_flag=True, help="Send the notices to the review queue instead of publishing.")
def import_command(targets, fmt, source, review):
    """Import notices; each file is one transaction, and importing it again changes nothing."""
    if source is not None and reserved_source(source):
        raise click.UsageError(f"--source {source!r} is reserved for notices entered at /admin or the "
                               "sample data; name the source after where the file comes from")
    post_url = configured_source(source).get("post_url") if source else None
    failed = False
    db = connect(current_app.config["DATABASE"])
    try:
        for target in targets:
            try:
                result = import_bytes(db, read_target(target), options_for(fmt, source, review,
                                                                           post_url=post_url))
            except (ParseError, sqlite3.Error) as exc:     # nothing of this file was written
                click.echo(f"{target}: not imported: {exc}", err=True)
                failed = True
                continue
            report(target, result)
    finally:
        db.close()
    if failed:
        raise SystemExit(1)


@notices_cli.command("poll")
@click.option("--force", is_flag=True, help="Poll every source now, even one whose interval has not passed.")
def poll_command(force):
    """Fetch each source in NOTICE_SOURCES that is due (conditional GET) and import what changed."""
    sources = current_app.config.get("NOTICE_SOURCES") or []
    if not sources:
        click.echo("no sources configured (NOTICE_SOURCES is empty)")
    failed = False
    db = connect(current_app.config["DATABASE"])
    try:
        for source in sources:
            if not force and not is_due(db, source):
                click.echo(f"{source['name']}: not due yet (interval {source['interval']} min)")
                continue
            failed = not poll_source(db, source) or failed
    finally:
        db.close()
    if failed:
        raise SystemExit(1)


def source_target(source):
    """A configured source's URL or file path."""
    return source.get("url") or source["path"]


def is_due(db, source):
    """Whether a source's `interval` (minutes; none: every poll) has passed since it was last checked."""
    if not source.get("interval"):
        return True
    row = db.execute("SELECT checked_at FROM notice_sources WHERE name = ?", (source["name"],)).fetchone()
    if row is None or row["checked_at"] is None:
        return True
    return datetime.fromisoformat(row["checked_at"]) + timedelta(minutes=source["interval"]) <= utcnow()


def poll_source(db, source):
    """Fetch and import one source; remember its validators. Returns False on failure."""
    name, url = source["name"], source_target(source)
    state = db.execute("SELECT etag, last_modified FROM notice_sources WHERE name = ? AND url = ?",
                       (name, url)).fetchone()
    try:
        if not is_url(url):
            fetched = Fetched(read_target(url))
        else:
            fetched = fetch(url, state["etag"] if state else None,
                            state["last_modified"] if state else None,
                            timeout=current_app.config.get("NOTICE_POLL_TIMEOUT", 20))
        if fetched.body is None:
            click.echo(f"{name}: not modified")
            remember(db, source, fetched, "not modified", changed=False)
            return True
        result = import_bytes(db, fetched.body, options_for(
            source.get("format", "auto"), name, trusted=bool(source.get("trusted", False)),
            post_url=source.get("post_url")))
    except (ParseError, sqlite3.Error) as exc:
        click.echo(f"{name}: not imported: {exc}", err=True)
        remember(db, source, None, f"error: {exc}", changed=False)
        return False
    report(name, result)
    remember(db, source, fetched, result.summary(), changed=True)
    return True


def remember(db, source, fetched, outcome, changed):
    """Store what a poll of one source returned (validators kept only after a good import)."""
    now = iso(utcnow())
    with transaction(db):
        db.execute("INSERT INTO notice_sources (name, url) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                   "SET url = excluded.url", (source["name"], source_target(source)))
        db.execute("UPDATE notice_sources SET checked_at = ?, last_result = ? WHERE name = ?",
                   (now, outcome, source["name"]))
        if fetched is not None:
            db.execute("UPDATE notice_sources SET etag = ?, last_modified = ? WHERE name = ?",
                       (fetched.etag, fetched.last_modified, source["name"]))
        if changed:
            db.execute("UPDATE notice_sources SET changed_at = ? WHERE name = ?", (now, source["name"]))


def init_app(app):
    """Register the command group."""
    app.cli.add_command(notices_cli)
