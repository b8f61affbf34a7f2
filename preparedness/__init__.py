"""Preparedness: current, clear guidance for civilians in a region under attack."""

import os
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (admin, assets, caching, db, errors, export, headers, i18n, page_cache, pwa, robots,
               translate_cli, views)
from .db import StartupError
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


def create_app(test_config=None):
    """Build the app: config, region, database, languages, blueprints, CLI, headers."""
    app = Flask(__name__, instance_path=os.environ.get("PREPAREDNESS_INSTANCE", str(ROOT / "instance")),
                instance_relative_config=True, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"))
    load_config(app, test_config)
    region = load_region(app.config["REGION"])
    if region is None:
        raise StartupError(f"unknown region {app.config['REGION']!r}: no pack in preparedness/regions/")
    app.extensions["region"] = region
    db.init_app(app)
    i18n.init_app(app)
    register_parts(app)
    if app.config["PROXY_COUNT"]:
        hops = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
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


def register_parts(app):
    """Blueprints, error pages, security headers and CLI commands."""
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
    shelter_cli.init_app(app)
    translate_cli.init_app(app)
    export.init_app(app)
