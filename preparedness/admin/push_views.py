"""/admin/push/subscription: an approver's browser asks to hear when something waits for a decision.

Behind the operator's session and CSRF token (the desk's script sends it in X-CSRFToken), for roles
that may approve; the endpoint must belong to a configured push service, as for residents.
"""

from flask import Blueprint, current_app, g, request

from ..db import get_db, transaction
from ..i18n import current_language, utcnow
from ..push.api import allowed_endpoint, answer, read_browser_subscription
from ..push.desk_alerts import delete_operator_subscription, save_operator_subscription
from . import audit
from .guard import requires

bp = Blueprint("push", __name__)


@bp.post("/push/subscription")
@requires("approve")
def subscribe():
    """Store this browser's subscription for the operator: 201 new, 200 updated."""
    body = request.get_json(silent=True)
    browser, reason = read_browser_subscription(body.get("subscription") if isinstance(body, dict) else None)
    if reason:
        return answer(400, error=reason)
    db = get_db()
    with transaction(db):
        created = save_operator_subscription(db, g.user["id"], *browser, current_language(), utcnow())
        if created:
            audit.record(db, "push.subscribe", f"user:{g.user['id']}")
    return answer(201 if created else 200, lang=current_language())


@bp.delete("/push/subscription")
@requires("approve")
def unsubscribe():
    """Forget this browser's subscription for the operator."""
    body = request.get_json(silent=True)
    endpoint = body.get("endpoint") if isinstance(body, dict) else None
    if not allowed_endpoint(endpoint, current_app.config["PUSH_SERVICES"]):
        return answer(400, error="expected {\"endpoint\": ...} of a known push service")
    db = get_db()
    with transaction(db):
        removed = delete_operator_subscription(db, g.user["id"], endpoint)
        if removed:
            audit.record(db, "push.unsubscribe", f"user:{g.user['id']}")
    return answer(200, removed=removed)
