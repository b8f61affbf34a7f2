"""POST/DELETE /api/push/subscriptions: Origin checked, rate-limited, never cached, known services only."""

import hashlib
import hmac
from urllib.parse import urlsplit

from flask import Blueprint, current_app, jsonify, request

from ..db import get_db, transaction
from ..i18n import utcnow
from .crypto import b64decode
from .store import delete_subscription, save_subscription, subscription_choice

bp = Blueprint("push_api", __name__)
MAX_BODY = 4096
MAX_ENDPOINT = 1024
MAX_AREAS = 30
KEEP_HOURS = 24


def answer(status, **body):
    """A JSON answer no cache may keep."""
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def same_origin():
    """Whether the request comes from a page of this site (browsers always send Origin on these)."""
    origin = (request.headers.get("Origin") or "").rstrip("/")
    own = {request.host_url.rstrip("/")}
    if current_app.config.get("BASE_URL"):
        parts = urlsplit(current_app.config["BASE_URL"])
        own.add(f"{parts.scheme}://{parts.netloc}")
    return bool(origin) and origin in own


def matches_prefix(endpoint, prefix):
    """Whether `endpoint` lies under `prefix`; "https://*.host/" allows any one-or-more-label subdomain."""
    end, pre = urlsplit(endpoint), urlsplit(prefix)
    if end.scheme != pre.scheme or end.username or end.password or end.fragment:
        return False
    host, wanted = (end.hostname or ""), (pre.hostname or "")
    if wanted.startswith("*."):
        suffix = wanted[1:]
        host_ok = host.endswith(suffix) and len(host) > len(suffix) and not host.startswith(".")
    else:
        host_ok = host == wanted
    return host_ok and end.port == pre.port and end.path.startswith(pre.path or "/")


def allowed_endpoint(endpoint, prefixes):
    """Whether a subscription endpoint belongs to a configured push service."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        return False
    if any(c.isspace() or ord(c) < 33 for c in endpoint):
        return False
    try:
        return any(matches_prefix(endpoint, prefix) for prefix in prefixes)
    except ValueError:       # a port that is not a number, a broken IPv6 literal
        return False


def key_ok(value, size, first=None):
    """Whether a base64url key decodes to `size` bytes (starting with `first` when given)."""
    if not isinstance(value, str) or len(value) > 200:
        return False
    try:
        raw = b64decode(value)
    except ValueError:
        return False
    return len(raw) == size and (first is None or raw[0] == first)


def read_browser_subscription(sub):
    """(endpoint, p256dh, auth) of a PushSubscription.toJSON(), or (None, reason it is refused)."""
    if not isinstance(sub, dict):
        return None, "expected {\"subscription\": ...}"
    keys = sub.get("keys") if isinstance(sub.get("keys"), dict) else {}
    if not allowed_endpoint(sub.get("endpoint"), current_app.config["PUSH_SERVICES"]):
        return None, "endpoint is not a known push service"
    if not key_ok(keys.get("p256dh"), 65, 4) or not key_ok(keys.get("auth"), 16):
        return None, "keys.p256dh must be a P-256 point and keys.auth 16 bytes, base64url"
    return (sub["endpoint"], keys["p256dh"], keys["auth"]), None


def read_subscription(body):
    """(endpoint, p256dh, auth, areas, lang) from a request body, or a reason it is refused."""
    if not isinstance(body, dict) or not isinstance(body.get("subscription"), dict):
        return None, "expected {\"subscription\": ..., \"areas\": [...], \"lang\": ...}"
    browser, reason = read_browser_subscription(body["subscription"])
    if reason:
        return None, reason
    areas, lang, config = body.get("areas"), body.get("lang"), current_app.config
    region = current_app.extensions["region"]
    if not isinstance(areas, list) or not 0 < len(areas) <= MAX_AREAS or \
            any(not isinstance(a, str) or region.area(a) is None for a in areas):
        return None, "areas must list known area slugs (see /api/areas.json)"
    if lang not in config["LANGUAGES"]:
        return None, f"lang must be one of {', '.join(config['LANGUAGES'])}"
    return (*browser, areas, lang), None


def within_limit(db, now):
    """Count this request against the client's hour; False past PUSH_API_PER_HOUR."""
    hour = int(now.timestamp()) // 3600
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    client = hmac.new(secret, f"push|{hour}|{request.remote_addr or '-'}".encode(),
                      hashlib.sha256).hexdigest()[:32]
    with transaction(db):
        db.execute("DELETE FROM push_api_limits WHERE hour < ?", (hour - KEEP_HOURS,))
        row = db.execute("SELECT requests FROM push_api_limits WHERE client = ? AND hour = ?",
                         (client, hour)).fetchone()
        if row is not None and row[0] >= int(current_app.config["PUSH_API_PER_HOUR"]):
            return False
        db.execute("INSERT INTO push_api_limits (client, hour, requests) VALUES (?, ?, 1) "
                   "ON CONFLICT (client, hour) DO UPDATE SET requests = requests + 1", (client, hour))
    return True


def checked_body():
    """The JSON body after the Origin, size and rate checks, or an error answer."""
    if not same_origin():
        return None, answer(403, error="requests must come from this site's pages (Origin)")
    if (request.content_length or 0) > MAX_BODY:
        return None, answer(413, error=f"body larger than {MAX_BODY} bytes")
    if not within_limit(get_db(), utcnow()):
        return None, answer(429, error="too many requests from this client; try again later")
    body = request.get_json(silent=True)
    if body is None:
        return None, answer(400, error="body must be JSON")
    return body, None


def carried_over(body):
    """A body naming `replaces` (the old endpoint) but no areas: the old one's areas and language.

    The service worker sends this on `pushsubscriptionchange`, when the browser's push service gave
    it a new subscription: it knows the old endpoint, not the areas chosen on the page.
    Returns (body, None), or (None, error answer).
    """
    if not isinstance(body, dict) or "replaces" not in body or "areas" in body:
        return body, None
    old = body["replaces"]
    if not allowed_endpoint(old, current_app.config["PUSH_SERVICES"]):
        return None, answer(400, error="replaces must be the old endpoint, of a known push service")
    choice = subscription_choice(get_db(), old)
    if choice is None:
        return None, answer(404, error="no subscription with that endpoint; subscribe again from the page")
    return {**body, "areas": choice[0], "lang": choice[1]}, None


@bp.post("/api/push/subscriptions")
def subscribe():
    """Store or update a subscription for some areas in one language: 201 new, 200 updated.

    With `replaces` instead of areas and language, the new subscription takes over the old one's.
    """
    body, refused = checked_body()
    if refused:
        return refused
    body, refused = carried_over(body)
    if refused:
        return refused
    fields, reason = read_subscription(body)
    if reason:
        return answer(400, error=reason)
    created = save_subscription(get_db(), *fields, utcnow())
    if isinstance(body.get("replaces"), str) and body["replaces"] != fields[0]:
        delete_subscription(get_db(), body["replaces"])
    return answer(201 if created else 200, areas=sorted(set(fields[3])), lang=fields[4])


@bp.delete("/api/push/subscriptions")
def unsubscribe():
    """Forget a subscription by its endpoint."""
    body, refused = checked_body()
    if refused:
        return refused
    endpoint = body.get("endpoint") if isinstance(body, dict) else None
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        return answer(400, error="expected {\"endpoint\": ...}")
    return answer(200, removed=delete_subscription(get_db(), endpoint))
