"""Subscriptions and the push queue in SQLite: only the endpoint, keys, areas and language are kept."""

import hashlib
import json
from datetime import timedelta

from flask import current_app

from ..db import transaction
from ..notices.store import iso, referenced_identifiers

# Statuses announced by push: a drill or test never reaches a lock screen.
PUSHED_STATUSES = ("Actual",)
# A claim older than this is taken over (its sender died mid-way); far longer than a fan-out takes.
CLAIM_TIMEOUT = timedelta(minutes=15)
MAX_ATTEMPTS = 6


def save_subscription(db, endpoint, p256dh, auth, areas, lang, now):
    """Insert or update a subscription; returns True when it is new."""
    stamp = iso(now)
    with transaction(db):
        row = db.execute("SELECT id FROM push_subscriptions WHERE endpoint = ?", (endpoint,)).fetchone()
        if row is None:
            cur = db.execute("INSERT INTO push_subscriptions (endpoint, p256dh, auth, lang, created_at, "
                             "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                             (endpoint, p256dh, auth, lang, stamp, stamp))
            sub_id, created = cur.lastrowid, True
        else:
            sub_id, created = row[0], False
            db.execute("UPDATE push_subscriptions SET p256dh = ?, auth = ?, lang = ?, updated_at = ? "
                       "WHERE id = ?", (p256dh, auth, lang, stamp, sub_id))
            db.execute("DELETE FROM push_subscription_areas WHERE subscription_id = ?", (sub_id,))
        db.executemany("INSERT INTO push_subscription_areas (area, subscription_id) VALUES (?, ?)",
                       [(area, sub_id) for area in sorted(set(areas))])
    return created


def subscription_choice(db, endpoint):
    """(areas, language) of a stored subscription, or None."""
    row = db.execute("SELECT id, lang FROM push_subscriptions WHERE endpoint = ?", (endpoint,)).fetchone()
    if row is None:
        return None
    areas = [r[0] for r in db.execute("SELECT area FROM push_subscription_areas WHERE subscription_id = ? "
                                      "ORDER BY area", (row["id"],))]
    return areas, row["lang"]


def delete_subscription(db, endpoint):
    """Remove a subscription by its endpoint; returns whether there was one."""
    with transaction(db):
        cur = db.execute("DELETE FROM push_subscriptions WHERE endpoint = ?", (endpoint,))
    return cur.rowcount > 0


def enqueue(db, notice_ids, now):
    """Queue the current version of each published, real notice for sending; returns new job ids."""
    jobs = []
    with transaction(db):
        for notice_id in notice_ids:
            row = db.execute("SELECT id, received_at, status, is_sample, kind, msg_type, expires, "
                             "region_wide, refs, source FROM notices WHERE id = ? "
                             "AND publication = 'published' AND ended_at IS NULL AND expires > ?",
                             (notice_id, iso(now))).fetchone()
            if row is None or row["status"] not in PUSHED_STATUSES or row["is_sample"]:
                continue
            said = revision(db, row)
            cur = db.execute("INSERT INTO push_jobs (notice_id, revision, created_at) VALUES (?, ?, ?) "
                             "ON CONFLICT (notice_id, revision) DO NOTHING", (row["id"], said, iso(now)))
            if cur.rowcount:
                jobs.append(cur.lastrowid)
                if row["msg_type"] == "Update" and row["refs"]:
                    jobs.extend(enqueue_withdrawals(db, row, said, now))
    return jobs


def covered(db, notice_id, region_wide):
    """The area slugs a notice covers (every area of the region when region-wide)."""
    if region_wide:
        return set(current_app.extensions["region"].areas_by_slug)
    return {r[0] for r in db.execute("SELECT area FROM notice_areas WHERE notice_id = ?", (notice_id,))}


def enqueue_withdrawals(db, update, said, now):
    """An Update that no longer covers some areas of what it replaces: queue, for those areas only, the
    withdrawal of the earlier alert (its push replaces the alert on their lock screens)."""
    identifiers = referenced_identifiers(update["refs"])
    marks = ", ".join("?" for _ in identifiers)
    jobs = []
    for earlier in db.execute(f"SELECT id, status, is_sample, region_wide FROM notices WHERE source = ? "
                              f"AND identifier IN ({marks}) AND id != ? AND publication = 'published' "
                              "AND expires > ?", (update["source"], *identifiers, update["id"], iso(now))):
        if earlier["status"] not in PUSHED_STATUSES or earlier["is_sample"]:
            continue
        dropped = covered(db, earlier["id"], earlier["region_wide"]) - covered(db, update["id"],
                                                                                 update["region_wide"])
        if dropped:
            cur = db.execute("INSERT INTO push_jobs (notice_id, revision, created_at, withdraw_areas) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (notice_id, revision) DO NOTHING",
                             (earlier["id"], f"withdrawn-by-{said}", iso(now), json.dumps(sorted(dropped))))
            if cur.rowcount:
                jobs.append(cur.lastrowid)
    return jobs


def withdrawal(notice, job):
    """The notice as a job announces it: a withdrawal job makes it a Cancel for the dropped areas."""
    if not job["withdraw_areas"]:
        return notice
    return {**notice, "msg_type": "Cancel", "areas": json.loads(job["withdraw_areas"]), "region_wide": 0}


def revision(db, row):
    """What tells one published version from the next: when it came, its kind, areas, texts, expiry,
    and whether it withdraws the notice (named only then, so an alert's digest stays as it was)."""
    texts = db.execute("SELECT lang, headline, description FROM notice_texts WHERE notice_id = ? "
                       "ORDER BY lang", (row["id"],)).fetchall()
    areas = db.execute("SELECT area FROM notice_areas WHERE notice_id = ? ORDER BY area",
                       (row["id"],)).fetchall()
    said = [row["received_at"], row["kind"], row["expires"], row["region_wide"],
            [tuple(t) for t in texts], [a[0] for a in areas]]
    if row["msg_type"] != "Alert":
        said.append(row["msg_type"])
    return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode("utf-8")).hexdigest()[:24]


def enqueue_received(db, received_at, now):
    """Queue what one import published or changed: published notices stamped with its time."""
    ids = [r[0] for r in db.execute("SELECT id FROM notices WHERE received_at = ? AND "
                                    "publication = 'published'", (iso(received_at),))]
    return enqueue(db, ids, now)


def claim_job(db, now):
    """Take the oldest unsent job (or one whose sender stopped); returns its row or None."""
    with transaction(db):
        row = db.execute("SELECT * FROM push_jobs WHERE done_at IS NULL AND (claimed_at IS NULL OR "
                         "claimed_at < ?) ORDER BY id LIMIT 1", (iso(now - CLAIM_TIMEOUT),)).fetchone()
        if row is not None:
            db.execute("UPDATE push_jobs SET claimed_at = ? WHERE id = ?", (iso(now), row["id"]))
    return row


def finish_job(db, job_id, sent, removed, failed, now):
    """Mark a job sent to everyone it could reach (retries continue on their own)."""
    with transaction(db):
        db.execute("UPDATE push_jobs SET done_at = ?, sent = sent + ?, removed = removed + ?, "
                   "failed = failed + ? WHERE id = ?", (iso(now), sent, removed, failed, job_id))


def reach(notice, part=None):
    """(SQL condition, parameters) for the subscriptions a notice reaches (`part`: (k, n) share)."""
    where, params = [], []
    if not notice["region_wide"]:
        areas = notice["areas"] or [""]
        where.append(f"a.area IN ({', '.join('?' for _ in areas)})")
        params.extend(areas)
    if part is not None:
        where.append("s.id % ? = ?")
        params.extend((part[1], part[0]))
    return " AND ".join(where) or "1", params


def subscribers(db, notice, after_id=0, limit=2000, part=None):
    """A page of subscriptions a notice reaches (ids above `after_id`), with one covered area each."""
    condition, params = reach(notice, part)
    return [dict(r) for r in db.execute(
        "SELECT s.id, s.endpoint, s.p256dh, s.auth, s.lang, min(a.area) AS area "
        "FROM push_subscriptions s JOIN push_subscription_areas a ON a.subscription_id = s.id "
        f"WHERE s.id > ? AND {condition} GROUP BY s.id ORDER BY s.id LIMIT ?",
        (after_id, *params, limit))]


def count_subscribers(db, notice):
    """How many subscriptions a notice reaches."""
    condition, params = reach(notice)
    return db.execute("SELECT count(DISTINCT s.id) FROM push_subscriptions s JOIN push_subscription_areas "
                      f"a ON a.subscription_id = s.id WHERE {condition}", params).fetchone()[0]


def remove_gone(db, subscription_ids):
    """Delete subscriptions their push service says no longer exist (404/410)."""
    if subscription_ids:
        with transaction(db):
            db.executemany("DELETE FROM push_subscriptions WHERE id = ?", [(i,) for i in subscription_ids])


def schedule_retries(db, job_id, retries):
    """Remember deliveries to repeat: [(subscription id, not before datetime)]; past MAX_ATTEMPTS dropped."""
    if not retries:
        return
    with transaction(db):
        for sub_id, not_before in retries:
            db.execute("INSERT INTO push_retries (job_id, subscription_id, not_before) VALUES (?, ?, ?) "
                       "ON CONFLICT (job_id, subscription_id) DO UPDATE SET not_before = excluded.not_before,"
                       " attempts = attempts + 1", (job_id, sub_id, iso(not_before)))
        db.execute("DELETE FROM push_retries WHERE attempts > ?", (MAX_ATTEMPTS,))


def due_retries(db, now, limit=2000):
    """Deliveries whose wait is over: (job id, notice id, subscription row) grouped by job."""
    rows = db.execute(
        "SELECT r.job_id, j.notice_id, j.withdraw_areas, s.id, s.endpoint, s.p256dh, s.auth, s.lang, "
        "(SELECT min(area) FROM push_subscription_areas WHERE subscription_id = s.id) AS area "
        "FROM push_retries r JOIN push_jobs j ON j.id = r.job_id "
        "JOIN push_subscriptions s ON s.id = r.subscription_id WHERE r.not_before <= ? LIMIT ?",
        (iso(now), limit)).fetchall()
    return [dict(r) for r in rows]


def clear_retries(db, pairs):
    """Forget retries that were delivered (or gave up): [(job id, subscription id)]."""
    if pairs:
        with transaction(db):
            db.executemany("DELETE FROM push_retries WHERE job_id = ? AND subscription_id = ?", pairs)


def claimable(db, now):
    """Whether a job waits for a sender or a retry is due (a cheap check for the watch loop)."""
    job = db.execute("SELECT 1 FROM push_jobs WHERE done_at IS NULL AND (claimed_at IS NULL OR "
                     "claimed_at < ?) LIMIT 1", (iso(now - CLAIM_TIMEOUT),)).fetchone()
    retry = db.execute("SELECT 1 FROM push_retries WHERE not_before <= ? LIMIT 1", (iso(now),)).fetchone()
    return job is not None or retry is not None


def pending_count(db):
    """Jobs not yet sent and deliveries waiting for a retry."""
    jobs = db.execute("SELECT count(*) FROM push_jobs WHERE done_at IS NULL").fetchone()[0]
    retries = db.execute("SELECT count(*) FROM push_retries").fetchone()[0]
    return jobs, retries
