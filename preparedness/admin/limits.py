"""Login limits that slow guessing down without ever locking the owner out.

- One address on one account: a few free failures, then each next try waits twice as long as the one
  before (1 s, 2 s, 4 s, ... up to ADMIN_MAX_DELAY_SECONDS); a success from that address starts over.
- One account from everywhere: past ADMIN_ACCOUNT_SLOW_AFTER failures in an hour the account is under
  attack and every address gets only one free failure before its delays start. It slows; it never
  refuses an address that has not failed, so the owner's right password from a new address works.
- One address on any account: past ADMIN_MAX_FAILED_PER_CLIENT failures in
  ADMIN_CLIENT_WINDOW_MINUTES that address waits until the window has passed (it stops one address
  trying many accounts; it cannot touch anyone else).
`flask users unlock NAME` and `flask users set-password NAME` forget an account's failures.

Why not Flask-Limiter: its limits are windows that refuse every request past a count; it has no delay
that grows with each failure of one address on one account, and no way to slow rather than block. Its
storage is per-process memory or a server we do not run (Redis, Memcached, MongoDB), while these
counts must be shared by every gunicorn worker and survive a restart: one indexed SQLite query over
the login_attempts table that the audit already needs does that.
"""

import math
from datetime import timedelta

from ..i18n import parse_utc
from ..notices.store import iso

ACCOUNT_WINDOW = timedelta(hours=1)


def delay_after(failures, free, base, cap):
    """Seconds an address must wait after its latest failure, given how many it has had."""
    if failures < free:
        return 0
    return min(base * 2 ** min(failures - free, 30), cap)


def pair_failures(db, username, address, since):
    """(count, latest) of an address's failures on an account since `since` or its last success."""
    last_ok = db.execute("SELECT max(at) FROM login_attempts WHERE username = ? AND address = ? "
                         "AND outcome = 'ok'", (username, address)).fetchone()[0]
    start = max(iso(since), last_ok or "")
    row = db.execute("SELECT count(*), max(at) FROM login_attempts WHERE username = ? AND address = ? "
                     "AND outcome = 'failed' AND at > ?", (username, address, start)).fetchone()
    return row[0], row[1]


def account_failures(db, username, since):
    """Failures on an account from every address since `since`."""
    return db.execute("SELECT count(*) FROM login_attempts WHERE username = ? AND outcome = 'failed' "
                      "AND at > ?", (username, iso(since))).fetchone()[0]


def client_wait(db, address, now, config):
    """Seconds until an address that failed too often (on any account) may try again."""
    window = timedelta(minutes=config["ADMIN_CLIENT_WINDOW_MINUTES"])
    rows = db.execute("SELECT at FROM login_attempts WHERE address = ? AND outcome = 'failed' AND at > ? "
                      "ORDER BY at DESC LIMIT ?", (address, iso(now - window),
                                                   config["ADMIN_MAX_FAILED_PER_CLIENT"])).fetchall()
    if len(rows) < config["ADMIN_MAX_FAILED_PER_CLIENT"]:
        return 0
    return max(0, math.ceil((parse_utc(rows[-1][0]) + window - now).total_seconds()))


def wait_seconds(db, username, address, now, config):
    """Seconds this address must still wait before a password or code for `username` is checked (0: now)."""
    under_attack = account_failures(db, username, now - ACCOUNT_WINDOW) >= config["ADMIN_ACCOUNT_SLOW_AFTER"]
    free = 1 if under_attack else config["ADMIN_FREE_FAILURES"]
    failures, latest = pair_failures(db, username, address, now - ACCOUNT_WINDOW)
    delay = delay_after(failures, free, config["ADMIN_BASE_DELAY_SECONDS"], config["ADMIN_MAX_DELAY_SECONDS"])
    pair = max(0, math.ceil((parse_utc(latest) + timedelta(seconds=delay) - now).total_seconds())) \
        if delay else 0
    return max(pair, client_wait(db, address, now, config))


def forget_failures(db, username):
    """Clear an account's failed and refused attempts (unlock, new password); returns how many."""
    return db.execute("DELETE FROM login_attempts WHERE username = ? AND outcome != 'ok'",
                      (username,)).rowcount
