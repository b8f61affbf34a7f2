"""HTTP caching for public responses: Cache-Control by kind of page, strong ETags and 304s."""

from flask import request

YEAR = 365 * 24 * 3600

# (max-age, stale-while-revalidate, stale-if-error) in seconds, by how fast the content changes.
FAST = (30, 30, 86400)          # notices: alerts change within a minute
MEDIUM = (300, 600, 7 * 86400)  # shelters and lists
SLOW = (3600, 86400, 30 * 86400)  # guidance, manifests

# Blueprint or endpoint -> freshness; anything under /<lang>/ not listed here gets MEDIUM.
POLICY = {
    "pages.now": FAST,
    "notices": FAST,
    "notices_api": FAST,
    "shelters": MEDIUM,
    "shelters_api": MEDIUM,
    "guidance": SLOW,
    "pwa": SLOW,
}

NEVER_CACHED = ("/admin", "/healthz")


def cache_control(max_age, revalidate, if_error):
    """The Cache-Control value for a public response."""
    return (f"public, max-age={max_age}, s-maxage={max_age}, "
            f"stale-while-revalidate={revalidate}, stale-if-error={if_error}")


def policy_for(endpoint, path):
    """Freshness for a request, or None when it must not be cached by shared caches."""
    if not endpoint:
        return None
    if endpoint in POLICY:
        return POLICY[endpoint]
    blueprint = endpoint.rsplit(".", 1)[0] if "." in endpoint else None
    if blueprint in POLICY:
        return POLICY[blueprint]
    if path.startswith(("/api/", "/feeds/", "/cap/")):
        return FAST
    return MEDIUM if request.view_args is not None and request.url_rule and \
        "lang" in request.url_rule.arguments else None


def never_cached(path):
    """Whether a path is the operators' or the health check's: no cache may keep any answer there."""
    return any(path == prefix or path.startswith(prefix + "/") for prefix in NEVER_CACHED)


def apply_caching(response):
    """Set Cache-Control and a strong ETag on cacheable GET responses, answer 304 when it matches."""
    if never_cached(request.path):
        # Pages, redirects and errors alike: operator pages must never sit in a cache.
        response.headers["Cache-Control"] = "no-store"
        return response
    if request.method not in ("GET", "HEAD"):
        return response
    if request.endpoint == "static":
        if request.args.get("v"):
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return response
    if response.status_code != 200 or response.headers.getlist("Set-Cookie"):
        return response
    if "Cache-Control" not in response.headers:
        policy = policy_for(request.endpoint, request.path)
        response.headers["Cache-Control"] = cache_control(*policy) if policy else "no-store"
    if "no-store" not in response.headers["Cache-Control"] and not response.is_streamed:
        response.add_etag()
        response.make_conditional(request)
    return response


def init_app(app):
    """Apply the policy to every response."""
    app.after_request(apply_caching)
