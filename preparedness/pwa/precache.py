"""What the service worker keeps on the device, and the version that names its caches.

Other parts add their own pages: `app.extensions["offline_urls"]` is a list of callables taking a
language code and returning URLs (call url_for inside; they run during the /sw.js request).
"""

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from flask import current_app, url_for

from ..assets import asset_url
from ..notices.kinds import KINDS

# Icons named by the manifest rather than by a template.
MANIFEST_ICONS = ("icons/icon-192.png", "icons/icon-512.png", "icons/icon-maskable-512.png")
# Built-in pages kept for offline use, when the app has them.
PAGE_ENDPOINTS = ("pages.now", "notices.index", "shelters.index")
DATA_PATHS = ("/api/shelters.geojson",)
# Rules of these blueprints that need nothing but the language are kept whole...
WHOLE_BLUEPRINTS = ("guidance",)
# ...except those that only redirect without a query.
NOT_KEPT = ("guidance.kit_print",)
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


def shell_urls(lang):
    """The shell: every hashed asset pages load, the manifest icons, the offline page, the manifest."""
    assets = template_assets(current_app.template_folder, current_app.static_folder) + MANIFEST_ICONS
    return [asset_url(name) for name in assets] + [
        url_for("pwa.offline", lang=lang), url_for("pwa.manifest", lang=lang)]


def built_in_pages(lang):
    """Now, the notice and shelter lists and the shelter data."""
    views = current_app.view_functions
    return [url_for(endpoint, lang=lang) for endpoint in PAGE_ENDPOINTS if endpoint in views] + \
        list(DATA_PATHS)


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
    """The action card of every notice kind (a 404 until guidance provides it is skipped)."""
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
    providers[:0] = [built_in_pages, whole_blueprint_pages, action_cards]
