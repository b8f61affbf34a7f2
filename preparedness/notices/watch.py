"""`flask notices watch`: poll every due source, import what changed and send pushes, until SIGTERM.

Each source is polled in a worker thread of its own, so a slow or failing source never delays the
others; a failing source backs off (doubling, capped) and is logged once when it fails and once when
it recovers. The sender drains the push queue whenever an import queued something, and checks once
a second for jobs queued by the web process (operators publishing).
"""

import random
import signal
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..db import connect
from ..i18n import utcnow
from ..push.keys import application_server_key
from ..push.send import has_pending
from ..push.worker import announce_import
from .ingest.errors import ParseError
from .live import CHANNEL_FORMAT, backoff_seconds, poll_channel, poll_file_source, record_failure

PUSH_CHECK_SECONDS = 1.0


@dataclass
class Followed:
    """A configured source and when it is next due (monotonic seconds)."""

    config: dict
    interval: float
    due: float = 0.0
    failures: int = 0
    busy: bool = False

    @property
    def name(self):
        """The source's name."""
        return self.config["name"]


def interval_of(source, app_config):
    """Seconds between polls: `interval_seconds`, else `interval` minutes, else the watch default."""
    if source.get("interval_seconds"):
        return float(source["interval_seconds"])
    if source.get("format") != CHANNEL_FORMAT and source.get("interval"):
        return float(source["interval"]) * 60
    return float(app_config["NOTICE_WATCH_INTERVAL"])


class Watcher:
    """The long-running poll loop of one process."""

    def __init__(self, app, options_for, log, clock=time.monotonic):
        self.app, self.options_for, self.log, self.clock = app, options_for, log, clock
        self.sources = [Followed(s, interval_of(s, app.config))
                        for s in app.config.get("NOTICE_SOURCES") or []]
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def poll(self, followed):
        """Poll one source in a worker thread; log a line when something changed or failed."""
        with self.app.app_context():
            db = connect(self.app.config["DATABASE"])
            try:
                self.poll_with(db, followed)
            except Exception as exc:  # a bug must not stop this source for good: log, retry later
                self.log(f"{followed.name}: failed: {exc!r}")
                followed.due = self.clock() + self.app.config["NOTICE_WATCH_MAX_BACKOFF"]
            finally:
                db.close()
                with self.lock:
                    followed.busy = False

    def poll_with(self, db, followed):
        """Fetch and import one source on `db`, then schedule its next poll."""
        source, timeout = followed.config, float(self.app.config.get("NOTICE_POLL_TIMEOUT", 20))
        options = self.options_for(source)
        poll = poll_channel if source.get("format") == CHANNEL_FORMAT else poll_file_source
        try:
            outcome = poll(db, source, options, min(timeout, followed.interval * 2))
        except (ParseError, sqlite3.Error, OSError) as exc:
            failures = record_failure(db, followed.name, utcnow(), str(exc))
            if followed.failures == 0:
                self.log(f"{followed.name}: error: {exc}")
            followed.failures = failures
            wait = backoff_seconds(followed.interval, failures, self.app.config["NOTICE_WATCH_MAX_BACKOFF"])
            followed.due = self.clock() + wait * random.uniform(0.9, 1.1)
            return
        if followed.failures:
            self.log(f"{followed.name}: answering again after {followed.failures} failed polls")
        followed.failures = 0
        followed.due = self.clock() + followed.interval
        jobs = announce_import(self.app, db, options.now) if outcome.result is not None else []
        if outcome.changed:
            self.log(outcome.line(followed.name) + (f"; pushes queued: {len(jobs)}" if jobs else ""))

    def due_sources(self):
        """Sources whose time has come and that are not being polled right now (marked busy)."""
        now, due = self.clock(), []
        with self.lock:
            for followed in self.sources:
                if not followed.busy and followed.due <= now:
                    followed.busy = True
                    due.append(followed)
        return due

    def run(self):
        """Poll until stopped; returns when every poll in flight has finished."""
        workers = max(1, min(8, len(self.sources)))
        sender = self.app.extensions["push_sender"]
        pushing = application_server_key(self.app) is not None
        last_push_check = 0.0
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
            while not self.stop.is_set():
                for followed in self.due_sources():
                    pool.submit(self.poll, followed)
                if pushing and self.clock() - last_push_check >= PUSH_CHECK_SECONDS:
                    last_push_check = self.clock()
                    if has_pending(self.app):
                        sender.wake()
                self.stop.wait(self.pause())
        sender.join(timeout=30)

    def pause(self):
        """Seconds until the next source is due (at most the push check period)."""
        now = self.clock()
        waits = [f.due - now for f in self.sources if not f.busy]
        return max(0.05, min(waits + [PUSH_CHECK_SECONDS]))

    def stop_on_signals(self):
        """SIGTERM and SIGINT end the loop after the polls in flight."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: self.stop.set())
