"""/admin/push/subscription: an approver's browser asks to hear when something waits for a decision.

Behind the operator's session and CSRF token (the desk's script sends it in X-CSRFToken), for roles
that may approve; the endpoint must belong to a configured push service, as for residents.
"""

from flask import Blueprint, current_app, g, request

from ..db import get_db, transaction
from ..i18n import current_language, utcnow
from ..push.api import allowed_endpoint, answer, key_ok
from ..push.desk_alerts import delete_operator_subscription, save_operator_subscription
from . import audit
from .guard import requires

bp = Blueprint("push", __name__)


def endpoint_of(body):
    """The endpoint named in a JSON body (top level or inside "subscription"), or None."""
    if not isinstance(body, dict):
        return None
    sub = body.get("subscription") if isinstance(body.get("subscription"), dict) else body
    endpoint = sub.get("endpoint")
    return endpoint if allowed_endpoint(endpoint, current_app.config["PUSH_SERVICES"]) else None


@bp.post("/push/subscription")
@requires("approve")
def subscribe():
    """Store this browser's subscription for the operator: 201 new, 200 updated."""
    body = request.get_json(silent=True)
    endpoint = endpoint_of(body)
    if endpoint is None:
        return answer(400, error="subscription.endpoint is not a known push service")
    keys = body["subscription"].get("keys") if isinstance(body.get("subscription"), dict) else None
    keys = keys if isinstance(keys, dict) else {}
    if not key_ok(keys.get("p256dh"), 65, 4) or not key_ok(keys.get("auth"), 16):
        return answer(400, error="keys.p256dh must be a P-256 point and keys.auth 16 bytes, base64url")
    db = get_db()
    with transaction(db):
        created = save_operator_subscription(db, g.user["id"], endpoint, keys["p256dh"], keys["auth"],
                                             current_language(), utcnow())
        if created:
            audit.record(db, "push.subscribe", f"user:{g.user['id']}")
    return answer(201 if created else 200, lang=current_language())


@bp.delete("/push/subscription")
@requires("approve")
def unsubscribe():
    """Forget this browser's subscription for the operator."""
    endpoint = endpoint_of(request.get_json(silent=True))
    if endpoint is None:
        return answer(400, error="expected {\"endpoint\": ...} of a known push service")
    db = get_db()
    with transaction(db):
        removed = delete_operator_subscription(db, g.user["id"], endpoint)
        if removed:
            audit.record(db, "push.unsubscribe", f"user:{g.user['id']}")
    return answer(200, removed=removed)
