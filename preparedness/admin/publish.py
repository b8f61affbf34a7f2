"""Publishing: one transaction (notice, draft state, audit entry), then the on_publish hooks.

Hook for the cache/export layer: `app.extensions["on_publish"]` is a list of callables. Each is
called as `hook(notice_ids)` (a list of notice ids) after the transaction that published or changed
those notices has committed — from /admin publishing, follow-ups and review-queue approvals. Use it to
purge caches or regenerate a static export. A failing hook is logged and does not undo the
publication; hooks run inside the request, so keep them quick (hand long work to a queue).
"""

from flask import current_app

from ..db import transaction
from ..notices.store import end_referenced, save_notice
from . import audit
from .drafts import mark_published, notice_record


class NotPending(Exception):
    """The draft was published or discarded meanwhile (another operator was quicker)."""


class DraftChanged(Exception):
    """The draft was edited after the version the publishing operator previewed."""


def run_publish_hooks(notice_ids):
    """Call every registered on_publish hook with the ids; log (never raise) a hook's failure."""
    for hook in current_app.extensions.get("on_publish", []):
        try:
            hook(list(notice_ids))
        except Exception:  # a cache purge must not turn a published alert into an error page
            current_app.logger.exception("on_publish hook %r failed for %s", hook, notice_ids)


def publish_draft(db, draft, content, user, now, version, on_duty=False):
    """Store the previewed `version` of a draft as a published notice (ending what it references).

    Returns the notice id; NotPending or DraftChanged when the draft moved on since the preview.
    """
    record = notice_record(draft["id"], content, now, current_app.config)
    approver = None if on_duty or user["id"] == draft["created_by"] else user["id"]
    with transaction(db):
        state = db.execute("SELECT state, version FROM notice_drafts WHERE id = ?", (draft["id"],)).fetchone()
        if state["state"] != "pending":
            raise NotPending(draft["id"])
        if state["version"] != version:
            raise DraftChanged(draft["id"])
        notice_id, _outcome = save_notice(db, record)
        mark_published(db, draft["id"], notice_id, approver, now, on_duty)
        audit.record(db, "notice.publish", f"notice:{notice_id}", after={
            "draft": draft["id"], "version": version, "author": draft["author"],
            "approved_by": user["username"] if approver else None, "on_duty": on_duty,
            **{k: record[k] for k in ("identifier", "status", "msg_type", "kind", "refs", "areas",
                                      "region_wide", "expires", "texts")}})
    run_publish_hooks([notice_id])
    return notice_id


def approve_imported(db, notice, kind, region_wide, areas):
    """Publish a notice from the review queue with the kind and areas a person confirmed."""
    with transaction(db):
        corrected = (kind != notice["kind"] or bool(region_wide) != bool(notice["region_wide"])
                     or sorted(set(areas)) != sorted(notice["areas"]))
        db.execute("UPDATE notices SET kind = ?, region_wide = ?, publication = 'published', "
                   "corrected = ? WHERE id = ? AND publication = 'review'",
                   (kind, int(region_wide), int(corrected), notice["id"]))
        db.execute("DELETE FROM notice_areas WHERE notice_id = ?", (notice["id"],))
        db.executemany("INSERT INTO notice_areas (notice_id, area) VALUES (?, ?)",
                       [(notice["id"], a) for a in sorted(set(areas))])
        if notice["msg_type"] in ("Update", "Cancel") and notice["refs"]:
            end_referenced(db, notice, notice["id"])
        audit.record(db, "review.approve", f"notice:{notice['id']}",
                     before={"kind": notice["kind"], "areas": notice["areas"],
                             "region_wide": bool(notice["region_wide"]), "publication": "review"},
                     after={"kind": kind, "areas": sorted(set(areas)), "region_wide": region_wide,
                            "publication": "published"})
    run_publish_hooks([notice["id"]])


def reject_imported(db, notice):
    """Keep an imported notice off the public pages for good."""
    with transaction(db):
        db.execute("UPDATE notices SET publication = 'rejected' WHERE id = ? AND publication = 'review'",
                   (notice["id"],))
        audit.record(db, "review.reject", f"notice:{notice['id']}", before={"publication": "review"},
                     after={"publication": "rejected"})
