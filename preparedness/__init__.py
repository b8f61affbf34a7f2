"""Preparedness: current, clear guidance for civilians in a region under attack."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, has_request_context, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from . import (admin, assets, caching, db, errors, export, headers, i18n, known_queries, page_cache, pwa,
               robots, translate_cli, views)
from . import push
from .db import StartupError
from .export.crawl import BASE_URL_ENVIRON
from .guidance import views as guidance_views
from .notices import api as notice_api
from .notices import cli as notice_cli
from .notices import views as notice_views
from .regions import demo, load_region
from .shelters import api as shelter_api
from .shelters import cli as shelter_cli
from .shelters import views as shelter_views

ROOT = Path(__file__).resolve().parent.parent

# Values that must never be used as SECRET_KEY outside debug/testing.
PLACEHOLDER_SECRETS = {None, "", "dev", "change-me", "changeme", "secret"}
# Absolute links when BASE_URL is not set (debug, tests): the development server's address.
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"


class Preparedness(Flask):
    """Flask whose absolute URLs always start with the configured public address (BASE_URL).

    The request's Host and X-Forwarded-Host are the client's to choose; a cached page, feed, CAP
    file or QR code built from them would send every later reader to the client's site.
    """

    def url_for(self, endpoint, /, *, _anchor=None, _method=None, _scheme=None, _external=None,
                **values):
        """A path, or with _external (or outside a request) BASE_URL followed by the path."""
        if not has_request_context():
            # Outside a request (a command, a job) links are absolute unless asked otherwise.
            with self.test_request_context("/"):
                return self.url_for(endpoint, _anchor=_anchor, _method=_method,
                                    _external=True if _external is None else _external, **values)
        path = super().url_for(endpoint, _anchor=_anchor, _method=_method, _external=False, **values)
        if not (_external or _scheme):
            return path
        return self.base_url().rstrip("/") + path

    def base_url(self):
        """The site's public address: the export's when exporting, else BASE_URL."""
        exporting = request.environ.get(BASE_URL_ENVIRON) if has_request_context() else None
        return exporting or self.config["BASE_URL"] or DEVELOPMENT_BASE_URL


class SQLiteInteger(IntegerConverter):
    """<int:...> in routes: 0 .. 2**63-1, the range of an SQLite INTEGER PRIMARY KEY."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def create_app(test_config=None):
    """Build the app: config, region, database, languages, blueprints, CLI, headers."""
    app = Preparedness(__name__,
                       instance_path=os.environ.get("PREPAREDNESS_INSTANCE", str(ROOT / "instance")),
                       instance_relative_config=True, template_folder=str(ROOT / "templates"),
                       static_folder=str(ROOT / "static"))
    load_config(app, test_config)
    region = load_region(app.config["REGION"])
    if region is None:
        raise StartupError(f"unknown region {app.config['REGION']!r}: no pack in preparedness/regions/")
    app.extensions["region"] = region
    # Ids in URLs are SQLite integers: a larger number is a missing page, not an overflow.
    app.url_map.converters["int"] = SQLiteInteger
    db.init_app(app)
    i18n.init_app(app)
    register_parts(app)
    if app.config["PROXY_COUNT"]:
        hops = int(app.config["PROXY_COUNT"])
        # Only what deploy/nginx.conf sets itself is trusted: the client's address and scheme.
        # X-Forwarded-Host is never read: links come from BASE_URL, not from any Host.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=0,
                                x_prefix=0)
    return app


def load_config(app, test_config):
    """Defaults, then instance/config.py, then PREPAREDNESS_* variables (or the test config)."""
    app.config.from_object("preparedness.config")
    app.config["TRANSLATIONS_DIR"] = ROOT / "translations"
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("PREPAREDNESS")
    else:
        app.config.from_mapping(test_config)
    if not app.config["DATABASE"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE"] = str(Path(app.instance_path) / "preparedness.sqlite3")
    if not (app.debug or app.testing):
        if app.config["SECRET_KEY"] in PLACEHOLDER_SECRETS or len(str(app.config["SECRET_KEY"])) < 16:
            raise StartupError("SECRET_KEY is not set: put a long random value in instance/config.py "
                               "or PREPAREDNESS_SECRET_KEY")
        app.config.setdefault("SESSION_COOKIE_SECURE", True)
        app.config["SESSION_COOKIE_SECURE"] = True
        if not app.config["BASE_URL"] and db.flask_command() in (None, "run"):   # serving pages
            app.logger.warning("BASE_URL is not set: links in feeds, CAP, JSON and QR codes name %s; "
                               "set PREPAREDNESS_BASE_URL to the site's public address",
                               DEVELOPMENT_BASE_URL)
    if app.config["BASE_URL"] and not valid_base_url(app.config["BASE_URL"]):
        raise StartupError(f"BASE_URL {app.config['BASE_URL']!r} is not an http(s) address such as "
                           "https://example.org")


def valid_base_url(url):
    """Whether `url` is scheme://host[:port][/path] with http or https and nothing else."""
    parts = urlsplit(str(url))
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not (parts.query or
                                                                             parts.fragment)


def register_parts(app):
    """Blueprints, error pages, security headers and CLI commands."""
    known_queries.init_app(app)
    views.init_app(app)
    page_cache.init_app(app)
    assets.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(notice_views.bp)
    app.register_blueprint(notice_api.bp)
    app.register_blueprint(shelter_views.bp)
    guidance_views.init_app(app)
    app.register_blueprint(shelter_api.bp)
    app.register_blueprint(robots.bp)
    pwa.init_app(app)
    admin.init_app(app)
    CSRFProtect(app)
    errors.init_app(app)
    headers.init_app(app)
    caching.init_app(app)
    demo.init_app(app)
    notice_cli.init_app(app)
    push.init_app(app)
    shelter_cli.init_app(app)
    translate_cli.init_app(app)
    export.init_app(app)


# gunicorn's "worker failed to boot" status; deploy/preparedness.service does not restart on it.
BOOT_ERROR = 3


def create_app_or_exit():
    """create_app(); when the app cannot start, one line that says why and exit status 3."""
    try:
        return create_app()
    except StartupError as error:
        # One line that says what is wrong, instead of a traceback.
        print(f"preparedness cannot start: {error}", file=sys.stderr)
        raise SystemExit(BOOT_ERROR) from None
