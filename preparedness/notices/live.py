"""Following a live source once: fetch (conditional), tell new, edited and deleted posts apart, import.

A public channel's preview page shows its latest posts. Each post's text is remembered by digest, so
a poll imports only posts newer than the last one seen and posts whose text changed (an edit); a post
missing from between posts that are still shown was deleted. Imports take the same path as a
Telegram Desktop export, so classification and the publish decision are the same for both. A deleted
post's notice is never ended by the software: if it is in force, a person is asked (review queue).
"""

import hashlib
import json
from dataclasses import dataclass, field

from ..db import transaction
from .ingest.channel import as_telegram_export, parse_channel_page
from .ingest.fetch import Fetched, fetch, is_url, read_target
from .ingest.pipeline import import_bytes
from .store import iso
from .versions import hold_deletion

CHANNEL_FORMAT = "telegram-channel"


@dataclass
class PollOutcome:
    """What one poll of one source found."""

    modified: bool = True
    new: list = field(default_factory=list)
    edited: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    result: object = None          # the ImportResult, when something was imported
    held: list = field(default_factory=list)     # deleted posts whose notice now waits for a person

    @property
    def changed(self):
        """Whether the poll found anything to report."""
        return bool(self.new or self.edited or self.deleted or (
            self.result is not None and self.result.summary() != _quiet_summary()))

    def line(self, name):
        """One log line for a change."""
        parts = [f"{name}:"]
        if self.new or self.edited or self.deleted:
            parts.append(f"new {len(self.new)}, edited {len(self.edited)}, deleted {len(self.deleted)}"
                         + (f" (posts {', '.join(map(str, self.deleted))} gone)" if self.deleted else "")
                         + (f" (asking a person about posts {', '.join(map(str, self.held))})"
                            if self.held else "")
                         + ";")
        if self.result is not None:
            parts.append(self.result.summary())
            if self.result.to_review:
                parts.append(f"(waiting for review: {self.result.to_review})")
        return " ".join(parts)


def _quiet_summary():
    """The summary of an import that changed nothing."""
    return "imported 0, updated 0, unchanged 0, rejected 0"


def fetch_source(db, source, timeout):
    """The source's body, or Fetched(None) when it is not modified since the last poll."""
    target = source.get("url") or source["path"]
    if not is_url(target):
        return Fetched(read_target(target))
    state = db.execute("SELECT etag, last_modified FROM live_sources WHERE name = ?",
                       (source["name"],)).fetchone()
    return fetch(target, state["etag"] if state else None, state["last_modified"] if state else None,
                 timeout=timeout)


def digest(post):
    """A fingerprint of what a post says: its text and link targets."""
    return hashlib.sha256(json.dumps([post["text"], post["links"]], ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def compare(db, name, page):
    """(new posts, edited posts, deleted ids) of a page against what was seen before."""
    seen = {r["post_id"]: r for r in db.execute(
        "SELECT post_id, digest, deleted_at FROM live_posts WHERE source = ?", (name,))}
    last = db.execute("SELECT last_post_id FROM live_sources WHERE name = ?", (name,)).fetchone()
    last_id = last["last_post_id"] if last and last["last_post_id"] is not None else 0
    new, edited = [], []
    for post in page["posts"]:
        row = seen.get(post["id"])
        if row is None and (post["id"] > last_id or not last_id):
            new.append(post)
        elif row is not None and row["digest"] != digest(post):
            edited.append(post)
    shown = {p["id"] for p in page["posts"]}
    low = min(shown) if shown else None
    deleted = sorted(i for i, r in seen.items() if low is not None and low < i < max(shown)
                     and i not in shown and r["deleted_at"] is None)
    if not page["posts"] and last_id:
        deleted = []          # an empty page is an outage or a cleared channel, not mass deletion
    return new, edited, deleted


def remember_posts(db, name, posts, deleted, fetched, now, outcome):
    """Store digests, the newest id, the validators and the deletions, in one transaction."""
    stamp = iso(now)
    with transaction(db):
        for post in posts:
            db.execute("INSERT INTO live_posts (source, post_id, digest, edited, first_seen, changed_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, post_id) DO UPDATE SET "
                       "digest = excluded.digest, edited = excluded.edited, changed_at = excluded.changed_at,"
                       " deleted_at = NULL",
                       (name, post["id"], digest(post), int(post["edited"]), stamp, stamp))
        db.executemany("UPDATE live_posts SET deleted_at = ? WHERE source = ? AND post_id = ?",
                       [(stamp, name, i) for i in deleted])
        newest = max((p["id"] for p in posts), default=None)
        db.execute("INSERT INTO live_sources (name, last_post_id) VALUES (?, ?) ON CONFLICT (name) DO "
                   "UPDATE SET last_post_id = max(coalesce(last_post_id, 0), coalesce(excluded.last_post_id, 0))",
                   (name, newest))
        remember_fetch(db, name, fetched, now, outcome)


def remember_fetch(db, name, fetched, now, outcome, failed=False):
    """Keep a poll's validators (after a good poll), time, outcome and failure count."""
    db.execute("INSERT INTO live_sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,))
    db.execute("UPDATE live_sources SET checked_at = ?, last_result = ?, failures = "
               "CASE WHEN ? THEN failures + 1 ELSE 0 END WHERE name = ?",
               (iso(now), outcome[:500], int(failed), name))
    if fetched is not None and fetched.body is not None:
        db.execute("UPDATE live_sources SET etag = ?, last_modified = ? WHERE name = ?",
                   (fetched.etag, fetched.last_modified, name))


def poll_channel(db, source, options, timeout):
    """Poll one telegram-channel source and import its new and edited posts; returns a PollOutcome.

    `options`: the ImportOptions for this source (format telegram, its trust, its post links).
    """
    name = source["name"]
    fetched = fetch_source(db, source, timeout)
    if fetched.body is None:
        with transaction(db):
            remember_fetch(db, name, fetched, options.now, "not modified")
        return PollOutcome(modified=False)
    page = parse_channel_page(fetched.body)
    channel = source.get("channel") or page["channel"]
    new, edited, deleted = compare(db, name, page)
    outcome = PollOutcome(new=[p["id"] for p in new], edited=[p["id"] for p in edited], deleted=deleted)
    changed = [p for p in new + edited if not p["service"]]
    if changed:
        selected = {**page, "posts": changed}
        export = as_telegram_export(selected, channel, {p["id"]: options.now for p in edited})
        options.post_url = options.post_url or f"https://t.me/{channel}/{{id}}"
        outcome.result = import_bytes(db, json.dumps(export, ensure_ascii=False).encode("utf-8"), options)
    if deleted:
        # The notice's source as the import named it (ingest/build.py from_telegram).
        outcome.held = ask_about_deleted(db, options.source or f"telegram:{channel}", channel, deleted,
                                         options.now)
    remember_posts(db, name, new + edited, deleted, fetched, options.now,
                   outcome.line(name) if outcome.changed else "unchanged")
    return outcome


def ask_about_deleted(db, source, channel, post_ids, now):
    """Hold the notices of deleted posts for a person; returns the posts whose notice waits."""
    asked = []
    with transaction(db):
        for post_id in post_ids:
            if hold_deletion(db, source, f"{channel}:{post_id}", now) is not None:
                asked.append(post_id)
    return asked


def poll_file_source(db, source, options, timeout):
    """Poll a CAP, feed or export source once (conditional GET); returns a PollOutcome."""
    fetched = fetch_source(db, source, timeout)
    if fetched.body is None:
        with transaction(db):
            remember_fetch(db, source["name"], fetched, options.now, "not modified")
        return PollOutcome(modified=False)
    result = import_bytes(db, fetched.body, options)
    with transaction(db):
        remember_fetch(db, source["name"], fetched, options.now, result.summary())
    return PollOutcome(result=result)


def record_failure(db, name, now, reason):
    """Count a failed poll; returns how many in a row have failed."""
    with transaction(db):
        remember_fetch(db, name, None, now, f"error: {reason}", failed=True)
    row = db.execute("SELECT failures FROM live_sources WHERE name = ?", (name,)).fetchone()
    return row["failures"] if row else 1


def backoff_seconds(interval, failures, cap):
    """The wait after `failures` failed polls in a row: doubling from the interval, capped."""
    return min(cap, interval * 2 ** min(failures, 10)) if failures else interval

