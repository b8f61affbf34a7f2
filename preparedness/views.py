"""The language redirect, the "Now" page and the health check."""

from flask import Blueprint, abort, current_app, g, jsonify, redirect, render_template, request, url_for

from .db import get_db, latest_version, schema_version
from .i18n import current_language, negotiated_language, text_direction, utcnow
from .notices.store import active_notices_for
from .page_cache import cached_page
from .shelters.store import shelters_in_area

bp = Blueprint("pages", __name__)


@bp.get("/")
def root():
    """Send the reader to their language: cookie, then Accept-Language, then the default."""
    response = redirect(url_for("pages.now", lang=negotiated_language()), code=302)
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def chosen_area():
    """The area slug from ?area=, None for the whole region; 404 for an unknown one."""
    slug = request.args.get("area", "").strip()
    if not slug:
        return None
    if current_app.extensions["region"].area(slug) is None:
        abort(404)
    return slug


@bp.get("/<lang:lang>/")
@cached_page
def now():
    """What is happening in my area right now, and where to go."""
    area = chosen_area()
    current = utcnow()
    db = get_db()
    notices = active_notices_for(db, area, current)
    shelters = shelters_in_area(db, area, limit=current_app.config["NOW_SHELTERS"]) if area else []
    return render_template("pages/now.html", area=area, notices=notices, shelters=shelters,
                           generated=current)


@bp.get("/healthz")
def healthz():
    """200 with the schema version when the database answers, 503 otherwise."""
    try:
        version = schema_version(get_db())
        get_db().execute("SELECT count(*) FROM notices").fetchone()
    except Exception as exc:  # any failure to read is "not healthy"
        response = jsonify(status="error", database=str(exc))
        response.status_code = 503
    else:
        healthy = version == latest_version()
        response = jsonify(status="ok" if healthy else "error", schema_version=version,
                           expected_schema_version=latest_version(), database="ok",
                           region=current_app.config["REGION"])
        response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def language_links():
    """[(code, url)]: this page in every language, or each language's "Now" page."""
    rule = request.url_rule
    same_page = rule is not None and "lang" in rule.arguments
    links = []
    for code in current_app.config["LANGUAGES"]:
        if same_page:
            url = url_for(request.endpoint, **request.view_args, **request.args.to_dict(), lang=code)
        else:
            url = url_for("pages.now", lang=code)
        links.append((code, url))
    return links


def init_app(app):
    """Language in every URL: pulled into g.lang, put back by url_for."""

    @app.url_value_preprocessor
    def pull_lang(_endpoint, values):
        if values and "lang" in values:
            g.lang = values.pop("lang")

    @app.context_processor
    def page_context():
        lang = current_language()
        return {"lang": lang, "dir": text_direction(lang), "region": current_app.extensions["region"],
                "language_links": language_links()}

    @app.url_defaults
    def add_lang(endpoint, values):
        if "lang" not in values and app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = g.get("lang") or negotiated_language()
