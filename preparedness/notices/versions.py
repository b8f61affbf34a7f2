"""Versions of imported notices: what a person approved stays public until a person approves a change.

The import trust model, in one place:
- A source is an identity the operator configured (`--source`, NOTICE_SOURCES) or one derived from the
  file with a prefix of its kind ("cap:", "feed:", "telegram:"), never a bare feed title or CAP sender,
  so an import cannot take the name of another source or of the operators ("admin").
- Every version of an imported notice is decided afresh (ingest/pipeline.py `finished`). A notice held
  for review is not public; a changed version of a published notice that is not itself fit to publish
  waits here, in notice_pending, while the published version stays as residents see it.
- An Update or Cancel ends only notices of its own source and origin, and only once it is published.
- Operators' notices (origin 'operator') are never changed or ended by any import.
"""

import hashlib
import json

from .reasons import (CHANGED_AFTER_PUBLISHED, CHANGED_AFTER_REJECTED, DELETED_AFTER_PUBLISHED,
                      DELETED_BEFORE_REVIEW)
from .store import iso, save_notice, with_details

ORIGINS = ("import", "operator", "sample")


# What a source says in a version; the receipt time and our decisions about it are not part of it.
NOT_SOURCE_FIELDS = ("received_at", "publication", "review_reason", "origin", "is_sample",
                     "source_hash", "ref", "corrected")


def fingerprint(record):
    """A stable hash of a version as the source sent it."""
    said = {k: v for k, v in record.items() if k not in NOT_SOURCE_FIELDS}
    text = json.dumps(said, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_version(db, record, existing):
    """Store one imported version; returns (notice id, outcome, publication of this version)."""
    record = {**record, "source_hash": fingerprint(record)}
    if existing is None or existing["publication"] == "review":
        notice_id, outcome = save_notice(db, record)
        return notice_id, outcome, record["publication"]
    if existing["source_hash"] == record["source_hash"] or already_decided(db, existing["id"], record):
        return existing["id"], "unchanged", existing["publication"]
    if existing["publication"] == "rejected":
        held = {**record, "publication": "review",
                "review_reason": CHANGED_AFTER_REJECTED}
        notice_id, outcome = save_notice(db, held)
        return notice_id, outcome, "review"
    if record["publication"] == "published":
        notice_id, outcome = save_notice(db, record)
        return notice_id, outcome, "published"
    hold_pending(db, existing["id"], record)
    return existing["id"], "updated", "review"


def already_decided(db, notice_id, record):
    """Whether this version already waits, or a person already rejected it."""
    return db.execute("SELECT 1 FROM notice_pending WHERE notice_id = ? AND source_hash = ? "
                      "AND state IN ('waiting', 'rejected')",
                      (notice_id, record["source_hash"])).fetchone() is not None


def hold_pending(db, notice_id, record):
    """Keep a changed version of a published notice for review (replacing one already waiting)."""
    reason = record.get("review_reason") or CHANGED_AFTER_PUBLISHED
    db.execute("DELETE FROM notice_pending WHERE notice_id = ? AND state = 'waiting'", (notice_id,))
    db.execute("INSERT INTO notice_pending (notice_id, record, source_hash, reason, received_at) "
               "VALUES (?, ?, ?, ?, ?)", (notice_id, json.dumps(record, ensure_ascii=False, sort_keys=True),
                                          record["source_hash"], reason, record["received_at"]))


def waiting_versions(db, limit=200):
    """Changed versions of published notices that wait for a person, newest first."""
    rows = db.execute("SELECT p.id, p.notice_id, p.record, p.reason, p.received_at, n.kind AS "
                      "published_kind FROM notice_pending p JOIN notices n ON n.id = p.notice_id "
                      "WHERE p.state = 'waiting' ORDER BY p.received_at DESC LIMIT ?", (limit,))
    return [{**dict(r), "record": json.loads(r["record"])} for r in rows]


def waiting_version(db, pending_id):
    """One waiting version by its id, or None."""
    row = db.execute("SELECT * FROM notice_pending WHERE id = ? AND state = 'waiting'",
                     (pending_id,)).fetchone()
    return None if row is None else {**dict(row), "record": json.loads(row["record"])}


def approve_version(db, pending, kind, region_wide, areas):
    """Publish a waiting version with the kind and areas a person confirmed; returns the notice id."""
    said = pending["record"]
    record = {**said, "kind": kind, "region_wide": int(region_wide),
              "areas": sorted(set(areas)), "publication": "published", "review_reason": None}
    record["corrected"] = (kind != said["kind"] or bool(region_wide) != bool(said["region_wide"])
                           or sorted(set(areas)) != sorted(said["areas"]))
    notice_id, _outcome = save_notice(db, record)
    db.execute("UPDATE notice_pending SET state = 'approved' WHERE id = ?", (pending["id"],))
    return notice_id


def reject_version(db, pending):
    """Keep the published version; the waiting change is not shown."""
    db.execute("UPDATE notice_pending SET state = 'rejected' WHERE id = ?", (pending["id"],))


def hold_deletion(db, source, identifier, now):
    """A source deleted the post behind a notice: ask a person instead of guessing.

    A notice in force gets a waiting version that withdraws it, as a Cancel would: approving ends it
    and tells its subscribers it is withdrawn (the push replaces the alert on their lock screens),
    rejecting keeps it. One waiting for review is marked so the reviewer knows. Returns what was
    done: 'held', 'marked' or None.
    """
    row = db.execute("SELECT * FROM notices WHERE source = ? AND identifier = ?",
                     (source, identifier)).fetchone()
    if row is None or row["ended_at"] is not None:
        return None
    if row["publication"] == "review":
        db.execute("UPDATE notices SET review_reason = ? WHERE id = ?", (DELETED_BEFORE_REVIEW, row["id"]))
        return "marked"
    if row["publication"] != "published" or row["expires"] <= iso(now):
        return None
    [notice] = with_details(db, [row])
    record = {k: v for k, v in notice.items() if k != "id"}
    # A Cancel keeps no text (as an imported one): repeating the threat's words would read as the threat.
    record.update(msg_type="Cancel", texts={}, received_at=iso(now), review_reason=DELETED_AFTER_PUBLISHED)
    record["source_hash"] = fingerprint(record)
    hold_pending(db, row["id"], record)
    return "held"
