"""What the service worker keeps on the device, in what order, and the version that names its caches.

A first visit pays for everything the worker downloads, so it is kept small and ordered:
1. essentials, at install: the files every page loads, the offline page, and the action card of every
   notice kind in one compact bundle (many pages in one JSON document: their shared header and footer
   compress away, ~13 KB gzip instead of ~37 KB for thirteen separate pages);
2. once the page is idle, the page the reader has open (from the browser's own cache: no download);
3. if the link is neither 2g nor saving data: the chosen area's shelters (one page of that area, never
   the whole table), the shelter index, the area's "Now", and its shelter list with the nearest
   shelters' pages in one bundle;
4. then the rest: the scripts of some pages, the other guidance pages in a second bundle, and any
   page other parts add.
On 2g or with Save-Data only 1 and 2 happen; the rest waits for a later visit over a better link.

Other parts add their own pages: `app.extensions["offline_urls"]` is a list of callables taking a
language code and returning URLs (call url_for inside; they run during the /sw.js request). Pages of
the bundled blueprints go into the guidance bundle; any other URL is fetched on its own.
"""

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, request, url_for
from werkzeug.exceptions import HTTPException

from ..assets import asset_url
from ..notices.kinds import KINDS

# Built-in pages kept for offline use for the chosen area, when the app has them. "Now" for the area is
# usually the page the reader has open, which the worker takes from the browser's cache for free; the
# area's shelter list comes in the shelters bundle.
AREA_ENDPOINTS = ("pages.now",)
# Rules of these blueprints that need nothing but the language are kept whole...
WHOLE_BLUEPRINTS = ("guidance",)
# ...except those that only redirect or answer a form, and the list of sources (read online).
NOT_KEPT = ("guidance.kit_print", "guidance.kit_sheet", "guidance.sources")
# Blueprints whose pages change only with a deploy: saved in bundles rather than one by one.
BUNDLED_BLUEPRINTS = ("guidance",)
# The two bundles, in the order they are saved: the action cards are essential, the rest is not.
BUNDLES = ("cards", "guidance")
# Nearest shelters' pages kept with the chosen area's list (one shelters bundle holds them all).
LINKED_SHELTERS = 5
ASSET_IN_TEMPLATE = re.compile(r"""asset_url\(\s*['"]([^'"]+)['"]\s*\)""")


@lru_cache(maxsize=8)
def template_assets(template_folder, static_folder):
    """Static files the public templates load through asset_url() and that exist, sorted."""
    found = set()
    for path in Path(template_folder).rglob("*.html"):
        if path.relative_to(template_folder).parts[0] == "admin" and path.name != "public_report.html":
            continue  # operators' pages are never offered offline
        found.update(ASSET_IN_TEMPLATE.findall(path.read_text(encoding="utf-8")))
    return tuple(sorted(name for name in found if (Path(static_folder) / name).is_file()))


def base_assets():
    """The static files every page loads (those base.html names)."""
    base = Path(current_app.template_folder) / "base.html"
    names = ASSET_IN_TEMPLATE.findall(base.read_text(encoding="utf-8"))
    return [name for name in template_assets(current_app.template_folder, current_app.static_folder)
            if name in names]


def shell_urls(lang):
    """The shell: the files every page loads and the offline page.

    The manifest and its icons are left to the browser, which fetches them when it offers to install.
    """
    return [asset_url(name) for name in base_assets()] + [url_for("pwa.offline", lang=lang)]


def other_assets():
    """The static files only some pages load (their scripts): saved with the rest."""
    base = set(base_assets())
    return [asset_url(name) for name in template_assets(current_app.template_folder,
                                                        current_app.static_folder) if name not in base]


def whole_blueprint_pages(lang):
    """Every GET page of the guidance blueprint that needs only the language."""
    urls = []
    for rule in current_app.url_map.iter_rules():
        blueprint = rule.endpoint.split(".", 1)[0]
        if blueprint in WHOLE_BLUEPRINTS and "GET" in rule.methods and rule.arguments == {"lang"} \
                and rule.endpoint not in NOT_KEPT:
            urls.append(url_for(rule.endpoint, lang=lang))
    return sorted(urls)


def action_cards(lang):
    """The action card of every notice kind, most urgent first (a 404 is left out of the bundle)."""
    return [f"/{lang}/checklists/{kind}" for kind in KINDS]


def unique(urls):
    """`urls` without repeats, first occurrence kept."""
    return list(dict.fromkeys(urls))


def offline_pages(lang):
    """Every page and data URL the providers want kept for `lang`, shell excluded."""
    shell = set(shell_urls(lang))
    urls = []
    for provider in current_app.extensions["offline_urls"]:
        urls.extend(url for url in provider(lang) if url not in shell)
    return unique(urls)


def blueprint_of(url):
    """The blueprint whose view answers a GET of `url`, or None."""
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(urlsplit(url).path, method="GET")
    except HTTPException:
        return None
    return endpoint.split(".", 1)[0] if "." in endpoint else None


def bundled_pages(lang):
    """{bundle name: [page URLs]}: the action cards, then every other page that only a deploy changes."""
    cards = action_cards(lang)
    rest = [url for url in offline_pages(lang) if url not in cards and "?" not in url
            and blueprint_of(url) in BUNDLED_BLUEPRINTS]
    return {"cards": cards, "guidance": rest}


def bundle_url(lang, name):
    """Where the bundle `name` of `lang` is served."""
    return url_for(f"pwa.bundle_{name}", lang=lang)


def shelter_pages(lang, args):
    """Paths a shelters bundle holds for its query (?area=slug&ids=1-5-9), or None unless canonical.

    ids: at most LINKED_SHELTERS shelter ids, ascending, joined by "-"; area: one of the region's.
    """
    if set(args) - {"area", "ids"} or any(len(args.getlist(name)) > 1 for name in args):
        return None
    area, ids = args.get("area"), args.get("ids")
    if area is not None and current_app.extensions["region"].area(area) is None:
        return None
    numbers = [int(i) for i in ids.split("-") if re.fullmatch(r"[1-9][0-9]{0,17}", i)] if ids else []
    if ids is not None and ("-".join(map(str, numbers)) != ids or numbers != sorted(set(numbers))
                            or not 0 < len(numbers) <= LINKED_SHELTERS):
        return None
    paths = [url_for("shelters.index", lang=lang, area=area)] if area else []
    return paths + [url_for("shelters.detail", lang=lang, shelter_id=n) for n in numbers]


def separate_pages(lang):
    """The pages kept offline that are fetched one by one (everything not in a bundle)."""
    bundled = {url for urls in bundled_pages(lang).values() for url in urls}
    return [url for url in offline_pages(lang) if url not in bundled]


def worker_lists(lang):
    """Everything the worker for `lang` needs to know, by the name of its constant."""
    return {"SHELL": shell_urls(lang), "ESSENTIAL": [bundle_url(lang, "cards")], "ASSETS": other_assets(),
            "BUNDLES": [bundle_url(lang, name) for name in BUNDLES[1:]], "PAGES": separate_pages(lang),
            "AREAS": [area.slug for area in current_app.extensions["region"].areas],
            "SHELTER_INDEX": url_for("shelters_api.shelters_geojson"), "AREA_PAGES": area_pages(lang),
            "SHELTER_LIST": url_for("shelters.index", lang=lang),
            "SHELTERS_BUNDLE": url_for("pwa.shelters_bundle", lang=lang), "LINKED_SHELTERS": LINKED_SHELTERS}


def area_pages(lang):
    """The pages saved with the chosen area's shelters (the worker adds ?area=slug)."""
    views = current_app.view_functions
    return [url_for(endpoint, lang=lang) for endpoint in AREA_ENDPOINTS if endpoint in views]


def render_page(path):
    """The HTML of a GET of `path` as a reader would get it, or None unless it is a public 200."""
    app = current_app._get_current_object()
    # A context of its own: nothing the outer request keeps on `g` leaks into the page, or back.
    with app.app_context(), app.test_request_context(path, base_url=request.host_url):
        try:
            response = app.full_dispatch_request()
        except Exception:  # noqa: BLE001 - one broken page must not take the others offline
            app.logger.exception("offline bundle: %s failed", path)
            return None
        control = response.headers.get("Cache-Control", "")
        if response.status_code != 200 or "public" not in control or response.headers.get("Set-Cookie"):
            return None
        return response.get_data(as_text=True)


def render_pages(paths):
    """{path: html} of those `paths` that answer a public 200, in order."""
    rendered = ((path, render_page(path)) for path in paths)
    return {path: html for path, html in rendered if html is not None}


@lru_cache(maxsize=8)
def content_fingerprint(*folders):
    """A hash of the templates and compiled catalogs, so a deploy that changes pages changes it."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and path.suffix in (".html", ".mo", ".js", ".json"):
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_version(worker_source, *lists):
    """Names the caches: changes with the worker code, its URL lists (asset hashes included), content."""
    digest = hashlib.sha256(worker_source.encode())
    digest.update(json.dumps(lists).encode())
    digest.update(content_fingerprint(current_app.template_folder,
                                      str(current_app.config["TRANSLATIONS_DIR"])).encode())
    return digest.hexdigest()[:16]


def init_app(app):
    """The built-in providers; other parts append theirs to the same list."""
    providers = app.extensions.setdefault("offline_urls", [])
    providers[:0] = [whole_blueprint_pages, action_cards]
