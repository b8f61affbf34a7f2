"""The whole public site as static files, and the few files a publication changes."""

import json
import time
from pathlib import Path

from flask import g
from flask_babel import force_locale

from ..assets import asset_url
from ..db import connect
from ..i18n import native_name, text_direction
from .crawl import crawl, fetch
from .files import (building_folder, relative_file, remove_file, static_host_body, swap_in, worker_file,
                    write_atomically)

HERE = Path(__file__).resolve().parent
# Never exported: the redirect at "/" (replaced by a static page), private and per-query routes.
NOT_EXPORTED = ("/", "/healthz", "/sw.js")
NOT_EXPORTED_PREFIXES = ("/admin",)
# A path no page has: its 404 page becomes 404.html, which most static hosts show for missing files.
MISSING_PROBE = "/{lang}/no-such-page"


def published_ids(app):
    """(notice ids, shelter ids) that have public pages."""
    db = connect(app.config["DATABASE"])
    try:
        notices = [r[0] for r in db.execute(
            "SELECT id FROM notices WHERE publication = 'published' ORDER BY id")]
        shelters = [r[0] for r in db.execute("SELECT id FROM shelters ORDER BY id")]
    finally:
        db.close()
    return notices, shelters


def route_seeds(app, lang):
    """Every GET route that needs nothing but the language, and every URL kept for offline use."""
    urls = []
    with app.test_request_context(f"/{lang}/"):
        g.lang = lang
        for rule in app.url_map.iter_rules():
            if "GET" in rule.methods and rule.arguments == {"lang"} and rule.endpoint != "static":
                urls.append(app.url_for(rule.endpoint, lang=lang))
        for provider in app.extensions.get("offline_urls", []):
            urls.extend(provider(lang))
    return urls


def seed_urls(app):
    """Where the crawl starts: each language's routes and records, the data files, every static file."""
    notices, shelters = published_ids(app)
    urls = []
    for lang in app.config["LANGUAGES"]:
        urls += route_seeds(app, lang)
        urls += [f"/{lang}/notices/{i}" for i in notices] + [f"/{lang}/shelters/{i}" for i in shelters]
    urls += [rule.rule for rule in app.url_map.iter_rules()
             if "GET" in rule.methods and not rule.arguments and "<" not in rule.rule]
    urls += [f"/cap/{i}.xml" for i in notices] + status_urls(app)
    static = Path(app.static_folder)
    urls += ["/static/" + p.relative_to(static).as_posix() for p in sorted(static.rglob("*")) if p.is_file()]
    return [u for u in urls if wanted(u)]


def status_urls(app):
    """The status documents open Now pages check, for the region and each area."""
    return ["/api/status.json"] + [f"/api/status/{a.slug}.json" for a in app.extensions["region"].areas]


def wanted(url):
    """The path to export for a link, or None: no queries (a static host ignores them), nothing private."""
    path, _, query = url.partition("?")
    if path in NOT_EXPORTED or path.startswith(NOT_EXPORTED_PREFIXES):
        return None
    if query and not path.startswith("/static/"):
        return None
    return path


def write_page(root, page):
    """Write one fetched 200 response where a static server looks for it; returns the relative path."""
    relative = relative_file(page.path)
    write_atomically(root, relative, static_host_body(page.content_type, page.body))
    return relative


def root_page(app):
    """The exported "/": a link per language, a meta refresh to the default, JS for the reader's choice."""
    lang = app.config["DEFAULT_LANGUAGE"]
    languages = app.config["LANGUAGES"]
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        g.lang = lang
        template = app.jinja_env.from_string((HERE / "root.html").read_text(encoding="utf-8"))
        return template.render(lang=lang, dir=text_direction(lang), languages=languages,
                               region=app.extensions["region"], stylesheet=asset_url("css/site.css"),
                               language_names=[(code, native_name(code)) for code in languages])


def write_extras(app, client, root, base_url):
    """The files no link reaches: "/", one service worker per language, the 404 page."""
    write_atomically(root, "index.html", root_page(app).encode())
    write_atomically(root, "lang-redirect.js", (HERE / "lang-redirect.js").read_bytes())
    languages, default = app.config["LANGUAGES"], app.config["DEFAULT_LANGUAGE"]
    for lang in languages:
        worker = fetch(client, f"/sw.js?lang={lang}", base_url)
        write_atomically(root, worker_file(lang).lstrip("/"), worker.body)
        if lang == default:
            # Pages exported before this change, or caches that still hold them, ask for /sw.js.
            write_atomically(root, "sw.js", worker.body)
    missing = fetch(client, MISSING_PROBE.format(lang=default), base_url)
    write_atomically(root, "404.html", static_host_body(missing.content_type, missing.body))
    return 3 + len(languages) + 1 + write_shelter_files(client, root, base_url)


def shelter_file(area, page):
    """The exported file of one page of an area's shelters, as a URL path."""
    return f"/api/shelters/{area}.geojson" if page == 1 else f"/api/shelters/{area}-{page}.geojson"


def write_shelter_files(client, root, base_url):
    """The shelter index and every area's pages as files (a static host ignores ?area=&page=)."""
    index = json.loads(fetch(client, "/api/shelters.geojson", base_url).body)
    written = 1
    for entry in index["areas"]:
        url, page = entry["url"], 1
        while url:
            data = json.loads(fetch(client, url, base_url).body)
            url = data.pop("next", None)
            if url:
                data["next"] = shelter_file(entry["area"], page + 1)
            write_atomically(root, shelter_file(entry["area"], page).lstrip("/"), compact(data))
            written, page = written + 1, page + 1
        entry["url"] = shelter_file(entry["area"], 1)
    write_atomically(root, "api/shelters.geojson", compact(index))
    return written


def compact(data):
    """JSON as the app writes it: UTF-8, no spaces."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def export_site(app, target, base_url):
    """Export every public page, feed, data file and asset into `target`; returns a summary dict."""
    started = time.monotonic()
    building = building_folder(target)
    client = app.test_client()
    fetched = crawl(client, seed_urls(app), base_url, wanted)
    written, not_exported = [], []
    for page in fetched.values():
        if page.status == 200 and not page.private:
            written.append(write_page(building, page))
        else:
            not_exported.append(f"{page.path}: " + ("needs the server (cookie or no-store)" if page.private
                                                    else f"HTTP {page.status}"))
    extras = write_extras(app, client, building, base_url)
    swap_in(building, target)
    pages = sum(1 for p in fetched.values()
                if p.status == 200 and not p.private and p.content_type.startswith("text/html"))
    return {"files": len(written) + extras, "pages": pages, "not_exported": sorted(not_exported),
            "seconds": time.monotonic() - started}


def changed_urls(app, notice_ids):
    """What a publication of `notice_ids` changes: Now and notice lists, the notices, feeds, JSON, CAP."""
    urls = ["/api/notices.json", "/api/areas.json"]
    for lang in app.config["LANGUAGES"]:
        urls += [f"/{lang}/", f"/{lang}/notices/", f"/feeds/{lang}/notices.atom"]
        urls += [f"/{lang}/notices/{i}" for i in notice_ids]
    urls += [f"/cap/{i}.xml" for i in notice_ids] + status_urls(app)
    return urls


def export_base_url(app, given=None):
    """The public address to export for: given, else EXPORT_BASE_URL, else BASE_URL; None if unset."""
    url = given or app.config.get("EXPORT_BASE_URL") or app.config.get("BASE_URL")
    return str(url).rstrip("/") if url else None


def export_changed(app, notice_ids, target=None, base_url=None):
    """Re-export what publishing `notice_ids` changed, file by file; the whole site if none exists yet."""
    target = Path(target or app.config["EXPORT_DIR"])
    base_url = export_base_url(app, base_url)
    if not base_url:
        app.logger.error("not re-exported to %s: set EXPORT_BASE_URL or BASE_URL", target)
        return {"files": 0, "removed": [], "seconds": 0.0}
    if not (target / "index.html").is_file():
        return export_site(app, target, base_url)
    started = time.monotonic()
    client = app.test_client()
    written, removed = [], []
    for url in changed_urls(app, [int(i) for i in notice_ids]):
        page = fetch(client, url, base_url)
        if page.status == 200 and not page.private:
            written.append(write_page(target, page))
        elif page.status == 404:
            remove_file(target, relative_file(url))
            removed.append(url)
    return {"files": len(written), "removed": removed, "seconds": time.monotonic() - started}
