"""/robots.txt: every public page may be indexed; the admin may not."""

from flask import Blueprint, current_app

bp = Blueprint("robots", __name__)

ROBOTS = "User-agent: *\nDisallow: /admin\n"


@bp.get("/robots.txt")
def robots_txt():
    """The crawler rules, cached like other slow-changing public files."""
    response = current_app.response_class(ROBOTS, mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
