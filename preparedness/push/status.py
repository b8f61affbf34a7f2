"""What open "Now" pages check instead of reloading: a tiny status document per area.

A few hundred bytes with a short cache lifetime and a strong ETag, so nginx (or a static host
re-exporting on publish) answers almost every check; a page redraws only when `version` changes.
"""

import hashlib

from flask import Blueprint, abort, current_app, jsonify

from ..db import get_db
from ..i18n import to_minute, utcnow
from ..notices.store import active_notices_for

bp = Blueprint("live_status", __name__)
CACHE = "public, max-age=10, s-maxage=10, stale-while-revalidate=10, stale-if-error=86400"


def live_version(notices):
    """A short fingerprint of the active notices a page shows (same on the page and in the document)."""
    parts = sorted(f"{n['id']}|{n['kind']}|{n['received_at']}|{n.get('ended_at')}" for n in notices)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def status_document(area):
    """{area, version, notices: [{id, kind, status}], generated} for one area (None: the region)."""
    notices = active_notices_for(get_db(), area, utcnow())
    response = jsonify(area=area, version=live_version(notices), generated=to_minute(utcnow()).isoformat(),
                       notices=[{"id": n["id"], "kind": n["kind"], "status": n["status"]} for n in notices])
    response.headers["Cache-Control"] = CACHE
    return response


@bp.get("/api/status.json")
def region_status():
    """Active notices anywhere in the region."""
    return status_document(None)


@bp.get("/api/status/<area>.json")
def area_status(area):
    """Active notices that apply to one area."""
    if current_app.extensions["region"].area(area) is None:
        abort(404)
    return status_document(area)
