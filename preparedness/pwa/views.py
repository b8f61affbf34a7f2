"""The web app manifest, the service worker script and the offline page."""

import json

from flask import Blueprint, abort, current_app, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from ..assets import asset_url
from ..caching import POLICY, cache_control
from ..i18n import current_language, text_direction, to_minute, utcnow
from . import precache

bp = Blueprint("pwa", __name__)

THEME_COLOUR = "#8b1a1a"
BACKGROUND_COLOUR = "#ffffff"
WORKER_TEMPLATE = "pwa/sw.js"
# Sections the offline page links to, by path, when the app has them.
OFFLINE_SECTIONS = (
    # I18N: link on the offline page to the saved checklists and action cards
    ("/{lang}/checklists/", _l("Checklists")),
    # I18N: link on the offline page to the emergency kit list
    ("/{lang}/kit", _l("Emergency kit")),
)


@bp.get("/<lang:lang>/manifest.webmanifest")
def manifest():
    """The install manifest in the reader's language."""
    lang = current_language()
    region = current_app.extensions["region"]
    icons = [{"src": asset_url(name), "sizes": size, "type": "image/png", "purpose": purpose}
             for name, size, purpose in (("icons/icon-192.png", "192x192", "any"),
                                         ("icons/icon-512.png", "512x512", "any"),
                                         ("icons/icon-maskable-512.png", "512x512", "maskable"))]
    body = {
        "id": "/",
        "name": _("Preparedness: %(region)s", region=region.name(lang)),
        # I18N: app name under the icon on a phone's home screen; keep it under 12 characters
        "short_name": _("Preparedness"),
        "description": _("Alerts, shelters and what to do now in %(region)s.", region=region.name(lang)),
        "start_url": url_for("pages.now", lang=lang),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "lang": lang,
        "dir": text_direction(lang),
        "icons": icons,
    }
    return current_app.response_class(json.dumps(body, ensure_ascii=False, indent=1),
                                      mimetype="application/manifest+json")


@bp.get("/sw.js")
def service_worker():
    """The service worker for the language in ?lang=, always revalidated by the browser."""
    languages = current_app.config["LANGUAGES"]
    lang = request.args.get("lang")
    g.lang = lang if lang in languages else current_app.config["DEFAULT_LANGUAGE"]
    lists = precache.worker_lists(g.lang)
    source = current_app.jinja_loader.get_source(current_app.jinja_env, WORKER_TEMPLATE)[0]
    version = precache.cache_version(source, languages, lists)
    script = render_template(WORKER_TEMPLATE, version=version, lang=g.lang, languages=languages,
                             lists=lists)
    # application/javascript: the type deploy/nginx.conf compresses (text/javascript is not listed).
    response = current_app.response_class(script, mimetype="application/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)


def bundle(name):
    """Many pages in one compact document, which the service worker splits into its cache."""
    lang = current_language()
    return bundle_response(precache.render_pages(precache.bundled_pages(lang)[name]))


@bp.get("/<lang:lang>/offline/shelters.json")
def shelters_bundle():
    """The chosen area's shelter list and the nearest shelters' pages, in one document.

    One answer per area and set of shelters (everyone in an area is offered the same ones), so a shared
    cache keeps it; any other query is a 404 rather than a new cache entry.
    """
    lang = current_language()
    paths = precache.shelter_pages(lang, request.args)
    if paths is None:
        abort(404)
    response = bundle_response(precache.render_pages(paths))
    response.headers["Cache-Control"] = cache_control(*POLICY["shelters"])
    return response


def bundle_response(pages):
    """{path: html} as the JSON document the service worker splits."""
    body = json.dumps({"generated": to_minute(utcnow()).isoformat(timespec="seconds"), "pages": pages},
                      ensure_ascii=False, separators=(",", ":"))
    return current_app.response_class(body, mimetype="application/json")


# One rule per bundle, each needing only the language, so `flask export` writes them like any page.
for _name in precache.BUNDLES:
    bp.add_url_rule(f"/<lang:lang>/offline/{_name}.json", f"bundle_{_name}",
                    lambda name=_name, **_args: bundle(name))


def route_exists(path):
    """Whether a GET of `path` reaches a view (redirects and 404s do not count)."""
    adapter = current_app.url_map.bind("localhost")
    try:
        adapter.match(path, method="GET")
    except HTTPException:
        return False
    return True


@bp.get("/<lang:lang>/offline")
def offline():
    """What the service worker shows for a page that is not saved on the device."""
    lang = current_language()
    sections = [(path.format(lang=lang), label) for path, label in OFFLINE_SECTIONS
                if route_exists(path.format(lang=lang))]
    return render_template("pwa/offline.html", sections=sections, offline_page=True, generated=utcnow())
