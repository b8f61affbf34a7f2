"""`flask notices import|poll`: bring CAP, RSS/Atom and Telegram exports into the store."""

import json
import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from ..db import connect, transaction
from ..i18n import utcnow
from ..push.worker import announce_import
from .ingest.channel import as_telegram_export, parse_channel_page
from .ingest.errors import ParseError
from .ingest.fetch import Fetched, fetch, is_url, read_target
from .ingest.pipeline import FORMATS, ImportOptions, import_bytes
from .live import CHANNEL_FORMAT, poll_channel
from .store import iso
from .watch import Watcher

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
@click.option("--format", "fmt", type=click.Choice(FORMATS + (CHANNEL_FORMAT,)), default="auto",
              show_default=True)
@click.option("--source", default=None, help="Source name (default: from the file: CAP sender, "
              "feed link, Telegram channel id).")
@click.option("--review", is_flag=True, help="Send the notices to the review queue instead of publishing.")
@click.option("--allow-chat", is_flag=True, help="Accept a Telegram export of a chat or group (not a "
              "channel); needs --source naming that chat.")
def import_command(targets, fmt, source, review, allow_chat):
    """Import notices; each file is one transaction, and importing it again changes nothing."""
    if source is not None and reserved_source(source):
        raise click.UsageError(f"--source {source!r} is reserved for notices entered at /admin or the "
                               "sample data; name the source after where the file comes from")
    if allow_chat and not source:
        raise click.UsageError("--allow-chat needs --source NAME: say which chat you trust")
    post_url = configured_source(source).get("post_url") if source else None
    failed = False
    db = connect(current_app.config["DATABASE"])
    try:
        for target in targets:
            options = options_for(fmt, source, review, post_url=post_url)
            options.allow_chat = allow_chat
            try:
                result = import_bytes(db, as_import_bytes(read_target(target), options), options)
            except (ParseError, sqlite3.Error) as exc:     # nothing of this file was written
                click.echo(f"{target}: not imported: {exc}", err=True)
                failed = True
                continue
            report(target, result)
            queued_pushes(db, options)
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
    if source.get("format") == CHANNEL_FORMAT:
        return poll_channel_once(db, source)
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
        options = options_for(source.get("format", "auto"), name,
                              trusted=bool(source.get("trusted", False)), post_url=source.get("post_url"))
        result = import_bytes(db, fetched.body, options)
        queued_pushes(db, options)
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


def as_import_bytes(data, options):
    """A channel preview page becomes a Telegram export, so it takes the export's import path."""
    if options.fmt != CHANNEL_FORMAT:
        return data
    page = parse_channel_page(data)
    options.fmt = "telegram"
    options.post_url = options.post_url or (f"https://t.me/{page['channel']}/{{id}}"
                                            if page["channel"] else None)
    return json.dumps(as_telegram_export(page), ensure_ascii=False).encode("utf-8")


def channel_options(source):
    """Import options for a watched source (channel pages are read as Telegram exports)."""
    fmt = source.get("format", "auto")
    return options_for("telegram" if fmt == CHANNEL_FORMAT else fmt, source["name"],
                       trusted=bool(source.get("trusted", False)), post_url=source.get("post_url"))


def poll_channel_once(db, source):
    """`notices poll` for a telegram-channel source: new, edited and deleted posts since last time."""
    options = channel_options(source)
    try:
        outcome = poll_channel(db, source, options, current_app.config.get("NOTICE_POLL_TIMEOUT", 20))
    except (ParseError, sqlite3.Error) as exc:
        click.echo(f"{source['name']}: not imported: {exc}", err=True)
        return False
    click.echo(outcome.line(source["name"]) if outcome.changed else f"{source['name']}: unchanged")
    queued_pushes(db, options)
    return True


def queued_pushes(db, options):
    """Queue pushes for what an import published (they leave with `notices watch` or `push drain`)."""
    jobs = announce_import(current_app._get_current_object(), db, options.now, wake=False)
    if jobs:
        click.echo(f"  pushes queued: {len(jobs)}")


@notices_cli.command("watch")
def watch_command():
    """Poll every due source continuously, import what changed and send pushes; stop on SIGTERM."""
    app = current_app._get_current_object()
    if not app.config.get("NOTICE_SOURCES"):
        click.echo("no sources configured (NOTICE_SOURCES is empty); sending queued pushes only")
    watcher = Watcher(app, channel_options, lambda line: click.echo(line, err=False))
    watcher.stop_on_signals()
    click.echo(f"watching {len(watcher.sources)} sources")
    watcher.run()
    click.echo("stopped")


def init_app(app):
    """Register the command group."""
    app.cli.add_command(notices_cli)
