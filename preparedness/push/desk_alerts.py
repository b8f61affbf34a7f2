"""Pushes to operators: something waits for a person (a draft to approve, an import to review).

Approvers and admins ask for them on the desk. Each waiting item rings once; an operator is not told
about a draft they wrote or edited themselves (it waits for someone else). The lock screen shows only
how many items of which sort wait, never a draft's words: an operator's phone may lie on a table, and
a draft is not public until a second person publishes it.
"""

import json

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from ..admin.roles import PERMISSIONS
from ..db import transaction
from ..notices.store import iso
from .fanout import Tally

SORTS = ("draft", "review", "version")
TTL_SECONDS = 3600
TOPIC = "desk"


def waiting_items(db):
    """{'draft:12': {author ids}, 'review:34': set(), ...}: everything that waits for a person."""
    items = {}
    for draft_id, author in db.execute(
            "SELECT d.id, a.user_id FROM notice_drafts d LEFT JOIN draft_authors a ON a.draft_id = d.id "
            "WHERE d.state = 'pending'"):
        items.setdefault(f"draft:{draft_id}", set()).update({author} if author is not None else set())
    for (notice_id,) in db.execute("SELECT id FROM notices WHERE publication = 'review'"):
        items[f"review:{notice_id}"] = set()
    for (pending_id,) in db.execute("SELECT id FROM notice_pending WHERE state = 'waiting'"):
        items[f"version:{pending_id}"] = set()
    return items


def unannounced(db):
    """Whether something waits that no push has announced yet (a cheap check for the sender)."""
    announced = {row[0] for row in db.execute("SELECT item FROM desk_announced")}
    return bool(set(waiting_items(db)) - announced)


def claim_new(db, now):
    """Mark what newly waits as announced and forget what no longer waits; returns the new items."""
    with transaction(db):
        waiting = waiting_items(db)
        announced = {row[0] for row in db.execute("SELECT item FROM desk_announced")}
        new = {item: authors for item, authors in waiting.items() if item not in announced}
        db.executemany("INSERT INTO desk_announced (item, announced_at) VALUES (?, ?)",
                       [(item, iso(now)) for item in sorted(new)])
        db.executemany("DELETE FROM desk_announced WHERE item = ?",
                       [(item,) for item in sorted(announced - set(waiting))])
    return new


def recipients(db):
    """Subscriptions of active operators who may approve (and review)."""
    roles = sorted(PERMISSIONS["approve"] & PERMISSIONS["review"])
    marks = ", ".join("?" for _ in roles)
    return [dict(row) for row in db.execute(
        "SELECT s.id, s.endpoint, s.p256dh, s.auth, s.lang, s.user_id FROM operator_push_subscriptions s "
        f"JOIN users u ON u.id = s.user_id WHERE u.active = 1 AND u.role IN ({marks}) ORDER BY s.id",
        roles)]


def counts_for(new, user_id):
    """{sort: how many} of the new items this operator can decide (not drafts they wrote)."""
    counts = dict.fromkeys(SORTS, 0)
    for item, authors in new.items():
        if user_id not in authors:
            counts[item.split(":", 1)[0]] += 1
    return counts


def message(counts, lang):
    """The push for one operator: a title and how many of each sort newly wait, in their language."""
    with force_locale(lang):
        parts = []
        if counts["draft"]:
            # I18N: in an operator's push notification
            parts.append(ngettext("%(num)d draft to approve", "%(num)d drafts to approve", counts["draft"]))
        if counts["review"]:
            # I18N: in an operator's push notification: imported notices held for a person
            parts.append(ngettext("%(num)d imported notice to review", "%(num)d imported notices to review",
                                  counts["review"]))
        if counts["version"]:
            # I18N: in an operator's push notification: a source changed a notice already published
            parts.append(ngettext("%(num)d change to a published notice to review",
                                  "%(num)d changes to published notices to review", counts["version"]))
        # I18N: title of an operator's push notification
        title = _("Waiting for your decision")
        body = "; ".join(parts)
    return json.dumps({"title": title, "body": body, "tag": TOPIC, "kind": "desk", "url": "/admin/"},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def payloads(counts, _area, lang):
    """(cleartext, headers) in the form Fanout asks for."""
    return message(counts, lang), {"TTL": str(TTL_SECONDS), "Urgency": "high", "Topic": TOPIC,
                                   "Content-Encoding": "aes128gcm",
                                   "Content-Type": "application/octet-stream"}


async def announce_waiting(fanout, db, now):
    """Push what newly waits to every operator who asked; gone subscriptions are dropped.

    `fanout` must have been built with `payloads` above. No retries: the desk lists what waits.
    """
    new = claim_new(db, now)
    tally = Tally()
    if not new:
        return tally
    for sub in recipients(db):
        counts = counts_for(new, sub["user_id"])
        if any(counts.values()):
            await fanout.send(counts, [{**sub, "area": None}], tally)
    if tally.removed:
        with transaction(db):
            db.executemany("DELETE FROM operator_push_subscriptions WHERE id = ?",
                           [(sub_id,) for sub_id in tally.removed])
    return tally


def save_operator_subscription(db, user_id, endpoint, p256dh, auth, lang, now):
    """Store (or move to this operator) a browser's subscription; returns True when it is new.

    Call it inside the transaction that also writes the audit entry."""
    known = db.execute("SELECT 1 FROM operator_push_subscriptions WHERE endpoint = ?",
                       (endpoint,)).fetchone()
    db.execute("INSERT INTO operator_push_subscriptions (user_id, endpoint, p256dh, auth, lang, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (endpoint) DO UPDATE SET "
               "user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, "
               "lang = excluded.lang", (user_id, endpoint, p256dh, auth, lang, iso(now)))
    return known is None


def delete_operator_subscription(db, user_id, endpoint):
    """Forget one of this operator's subscriptions; returns whether there was one (in a transaction)."""
    cur = db.execute("DELETE FROM operator_push_subscriptions WHERE endpoint = ? AND user_id = ?",
                     (endpoint, user_id))
    return cur.rowcount > 0
