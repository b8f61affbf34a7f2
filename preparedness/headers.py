"""Security headers on every response (deploy/nginx.conf sets the same on static files)."""

from urllib.parse import urlsplit

from flask import request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=63072000; includeSubDomains"


def add_security_headers(response, hsts=True):
    """Every security header a response lacks; returns the response."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if hsts:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def relative_location(response):
    """Redirects to this site say only the path: a Host the client chose must not end up in one."""
    location = response.headers.get("Location")
    if location and response.status_code in (301, 302, 303, 307, 308):
        parts = urlsplit(location)
        if parts.netloc and parts.netloc == request.host:
            response.headers["Location"] = (parts.path or "/") + (f"?{parts.query}" if parts.query
                                                                   else "")
    return response


def init_app(app):
    """Attach the headers; HSTS only outside debug, where the site is served over HTTPS."""

    @app.after_request
    def security_headers(response):
        """Every response, error pages included, leaves with the headers and a relative Location."""
        return add_security_headers(relative_location(response), hsts=not app.debug)
