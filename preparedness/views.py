"""The language redirect, the "Now" page and the health check."""

import shutil
import sqlite3
from pathlib import Path

from flask import Blueprint, abort, current_app, g, jsonify, redirect, render_template, request, url_for
from werkzeug.routing import BuildError

from .db import get_db, latest_version, schema_version, transaction
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
    """200 when the database answers reads and takes a write; 503 otherwise (details in the log).

    The answer says which part failed (database, write, disk, schema), never SQLite's own words.
    """
    report = {"region": current_app.config["REGION"]}
    try:
        db = get_db()
        version = schema_version(db)
        db.execute("SELECT count(*) FROM notices").fetchone()
    except Exception:  # any failure to read is "not healthy"
        current_app.logger.exception("/healthz: the database cannot be read")
        report.update(status="error", database="error")
        return health_response(report, 503)
    report.update(database="ok", schema_version=version, expected_schema_version=latest_version())
    healthy = version == latest_version()
    report["write"] = write_check(db)
    report["disk"] = disk_check()
    healthy = healthy and report["write"] in ("ok", "busy") and report["disk"] == "ok"
    report["status"] = "ok" if healthy else "error"
    return health_response(report, 200 if healthy else 503)


def write_check(db):
    """"ok" when a one-row write commits, "busy" while another writer holds the database,
    "read-only" or "error" (logged) when writes fail."""
    if current_app.config.get("DATABASE_READONLY"):
        return "read-only"
    try:
        db.execute("PRAGMA busy_timeout = 200")
        with transaction(db):
            db.execute("INSERT INTO health_probe (id, checked_at) VALUES (1, ?) "
                       "ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
                       (utcnow().isoformat(timespec="seconds"),))
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return "busy"
        current_app.logger.error("/healthz: a write to the database failed: %s", exc)
        return "error"
    return "ok"


def disk_check():
    """"ok", or "low" (logged) when the database's disk has less than HEALTH_MIN_FREE_MB free."""
    folder = Path(current_app.config["DATABASE"]).resolve().parent
    free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    if free_mb < current_app.config.get("HEALTH_MIN_FREE_MB", 64):
        current_app.logger.error("/healthz: only %d MB free on the disk of %s", free_mb, folder)
        return "low"
    return "ok"


def health_response(report, status):
    """The health report as uncached JSON."""
    response = jsonify(report)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def kept_query():
    """The query parameters a page's links may carry on: never a name url_for or the route reads
    itself (_external, _method, endpoint, lang, slug...), so a query cannot change a link's target."""
    arguments = request.url_rule.arguments if request.url_rule else set()
    return {name: values for name, values in request.args.lists()
            if not name.startswith("_") and name != "endpoint" and name not in arguments}


def language_links():
    """[(code, url)]: this page in every language, or each language's "Now" page."""
    rule = request.url_rule
    same_page = rule is not None and "lang" in rule.arguments and request.view_args is not None
    links = []
    for code in current_app.config["LANGUAGES"]:
        url = None
        if same_page:
            try:
                url = url_for(request.endpoint, **request.view_args, **kept_query(), lang=code)
            except (BuildError, ValueError, TypeError):
                url = None      # an error page for a URL that cannot be built again
        links.append((code, url or url_for("pages.now", lang=code)))
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
