"""Sending one notice to many subscriptions: encryption, VAPID, concurrency and the answers' meaning."""

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import aiohttp
from yarl import URL

from . import store
from .crypto import encrypt

log = logging.getLogger("preparedness.push")
PAGE = 2000
GONE = (404, 410)


@dataclass
class Tally:
    """What one fan-out did."""

    sent: int = 0
    removed: list = field(default_factory=list)
    retries: list = field(default_factory=list)      # (subscription id, not before)
    failed: int = 0
    delivered: list = field(default_factory=list)   # subscription ids (for retries cleared)


def clock():
    """Now, in UTC (a worker process has no app to ask)."""
    return datetime.now(timezone.utc)


def retry_after(value, now, default=60):
    """When a 429's Retry-After (seconds or an HTTP date) lets us try again."""
    if value:
        if value.strip().isdigit():
            return now + timedelta(seconds=min(int(value), 24 * 3600))
        try:
            return max(now, parsedate_to_datetime(value).astimezone(timezone.utc))
        except (TypeError, ValueError):
            pass
    return now + timedelta(seconds=default)


class Fanout:
    """One sender: a client session, a token per push service, payloads from `payloads(notice, area, lang)`."""

    def __init__(self, payloads, tokens, concurrency, session):
        self.payloads, self.tokens, self.session = payloads, tokens, session
        self.limit = asyncio.Semaphore(int(concurrency))

    def prepared(self, notice, sub):
        """(cleartext, headers) for one subscription."""
        cleartext, headers = self.payloads(notice, sub["area"], sub["lang"])
        # The token is renewed before it expires, so it is looked up (cheaply) each time.
        return cleartext, {**headers, "Authorization": self.tokens.header(sub["endpoint"])}

    async def send(self, notice, subscriptions, tally, attempt=0):
        """Send `notice` to every subscription; results added to `tally`."""
        await asyncio.gather(*(self.send_one(notice, sub, tally, attempt) for sub in subscriptions))

    async def send_one(self, notice, sub, tally, attempt):
        """Encrypt and POST one message; sort the answer into the tally."""
        async with self.limit:
            cleartext, headers = self.prepared(notice, sub)
            body = encrypt(cleartext, sub["p256dh"], sub["auth"])
            try:
                # The endpoint was checked against PUSH_SERVICES when stored: no re-encoding needed.
                async with self.session.post(URL(sub["endpoint"], encoded=True), data=body, headers=headers,
                                             allow_redirects=False) as response:
                    response.release()
                    self.sort(response.status, response.headers.get("Retry-After"), sub, tally, attempt)
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
                tally.retries.append((sub["id"], clock() + timedelta(seconds=5 * 2 ** attempt)))

    @staticmethod
    def sort(status, retry_header, sub, tally, attempt):
        """Count a push service's answer: sent, gone, later or failed."""
        if 200 <= status < 300:
            tally.sent += 1
            tally.delivered.append(sub["id"])
        elif status in GONE:
            tally.removed.append(sub["id"])
        elif status == 429:
            tally.retries.append((sub["id"], retry_after(retry_header, clock())))
        elif status >= 500:
            tally.retries.append((sub["id"], clock() + timedelta(seconds=5 * 2 ** attempt)))
        else:
            tally.failed += 1
            log.warning("push service refused a message with %s (%s)", status, sub["endpoint"][:60])


async def send_pages(fanout, db, notice, tally, part=None):
    """Send `notice` to its subscribers (or one share of them) page by page."""
    after = 0
    while True:
        page = store.subscribers(db, notice, after, PAGE, part)
        if not page:
            return tally
        after = page[-1]["id"]
        await fanout.send(notice, page, tally)
