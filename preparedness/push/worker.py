"""A sender thread the publish wakes: pushes leave outside the request that published."""

import logging
import threading

from ..db import connect
from ..i18n import utcnow
from .keys import application_server_key
from .send import drain
from .store import enqueue, enqueue_received

log = logging.getLogger("preparedness.push")


class BackgroundSender:
    """Runs `drain` in one daemon thread; a wake while it runs makes it drain once more."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.running = False
        self.again = False
        self.thread = None

    def wake(self):
        """Start draining now (or right after the current round)."""
        with self.lock:
            if self.running:
                self.again = True
                return
            self.running = True
        self.thread = threading.Thread(target=self.run, name="push-sender", daemon=True)
        self.thread.start()

    def join(self, timeout=None):
        """Wait for the round in progress (a clean stop does not leave a job half sent)."""
        thread = self.thread
        if thread is not None:
            thread.join(timeout)

    def run(self):
        """Drain until no wake came in meanwhile."""
        while True:
            try:
                drain(self.app)
            except Exception:  # a failed round must not kill the sender; the jobs stay queued
                log.exception("push sending failed; the queue keeps the messages")
            with self.lock:
                if not self.again:
                    self.running = False
                    return
                self.again = False


def announce(app, notice_ids):
    """Queue pushes for just-published notices and wake the sender (when this process sends)."""
    db = connect(app.config["DATABASE"])
    try:
        with app.app_context():
            jobs = enqueue(db, notice_ids, utcnow())
    finally:
        db.close()
    if jobs and app.config.get("PUSH_SEND_FROM_WEB") and application_server_key(app):
        app.extensions["push_sender"].wake()
    return jobs


def announce_import(app, db, received_at, wake=True):
    """After an import committed: queue what it published (stamped `received_at`), wake the sender."""
    jobs = enqueue_received(db, received_at, utcnow())
    if jobs and wake and application_server_key(app):
        app.extensions["push_sender"].wake()
    return jobs


def announce_desk(app):
    """After a draft was saved to wait for approval: wake the sender, which tells the operators."""
    if app.config.get("PUSH_SEND_FROM_WEB") and application_server_key(app):
        app.extensions["push_sender"].wake()
