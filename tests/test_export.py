"""`flask export DIR` and the publication hook, checked through a plain static file server."""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from defusedxml.ElementTree import fromstring

from preparedness import create_app
from preparedness.db import connect, transaction
from preparedness.export.files import relative_file
from preparedness.i18n import utcnow
from preparedness.notices.store import iso, save_notice
from preparedness.regions.demo import load_demo

BASE_URL = "https://alerts.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_app(folder, **config):
    """The real app on a fresh database file with the sample data."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                      "DATABASE": str(folder / "site.sqlite3"), "EXPORT_BASE_URL": BASE_URL, **config})
    with app.app_context():
        db = connect(app.config["DATABASE"])
        load_demo(db, app.extensions["region"], utcnow())
        db.close()
    return app


def serve(folder):
    """`python -m http.server` on `folder` (loopback); returns (process, base URL)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1).close()
            return process, base
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("http.server did not start")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The site exported by `flask export` and served by a static file server: (base URL, app, folder)."""
    work = tmp_path_factory.mktemp("export")
    folder = work / "site"
    app = make_app(work, EXPORT_DIR=str(folder))
    result = app.test_cli_runner().invoke(args=["export", str(folder)])
    assert result.exit_code == 0, result.output
    assert re.search(r"exported \d+ files \(\d+ HTML pages\)", result.output)
    process, base = serve(folder)
    try:
        yield base, app, folder
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(url):
    """(status, content type, body text) of a GET, redirects followed as a browser would."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


class Links(HTMLParser):
    """Every URL a page links to or loads."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action", "data-worker"):
            if attrs.get(name):
                self.urls.append(attrs[name])


def internal_links(page_url, html):
    """Same-site URLs in a page, made absolute."""
    parser = Links()
    parser.feed(html)
    urls = (urljoin(page_url, u) for u in parser.urls)
    return {u.split("#")[0] for u in urls if urlsplit(u).netloc == urlsplit(page_url).netloc}


@pytest.mark.parametrize("lang", ["ru", "uk", "en"])
def test_pages_are_served_in_each_language(exported, lang):
    base, _, _ = exported
    for path in (f"/{lang}/", f"/{lang}/notices/", f"/{lang}/notices/1", f"/{lang}/shelters/",
                 f"/{lang}/shelters/1", f"/{lang}/checklists/", f"/{lang}/checklists/grab-bag",
                 f"/{lang}/checklists/grab-bag/print", f"/{lang}/checklists/missile", f"/{lang}/kit",
                 f"/{lang}/offline"):
        status, content_type, html = get(base + path)
        assert status == 200, path
        assert content_type.startswith("text/html"), path
        assert f'<html lang="{lang}"' in html, path


@pytest.mark.parametrize("lang", ["ru", "uk", "en"])
def test_every_link_in_sample_pages_reaches_an_exported_file(exported, lang):
    base, app, _ = exported
    links = set()
    for path in (f"/{lang}/", f"/{lang}/notices/", f"/{lang}/notices/2", f"/{lang}/shelters/",
                 f"/{lang}/shelters/3", f"/{lang}/checklists/", f"/{lang}/checklists/pets", f"/{lang}/kit"):
        status, _, html = get(base + path)
        assert status == 200, path
        links |= internal_links(base + path, html)
    assert len(links) > 40
    broken = [url for url in sorted(links) if get(url)[0] != 200]
    # Only pages that cannot work without the server (a form with a CSRF token and its cookie) are left out.
    client = app.test_client()
    assert [url for url in broken if is_public(client.get(urlsplit(url).path))] == []


def is_public(response):
    """Whether the app itself serves a response as a shared, cacheable page."""
    return response.status_code == 200 and not response.headers.getlist("Set-Cookie") and \
        "public" in response.headers.get("Cache-Control", "")


def test_pages_register_their_languages_worker_file(exported):
    base, _, _ = exported
    for lang in ("ru", "uk", "en"):
        html = get(f"{base}/{lang}/shelters/")[2]
        assert f'data-worker="/sw-{lang}.js"' in html
        assert "/sw.js?lang=" not in html
        status, content_type, script = get(f"{base}/sw-{lang}.js")
        assert status == 200 and "javascript" in content_type
        assert f'const LANG = "{lang}";' in script


def test_data_files_parse(exported):
    base, _, _ = exported
    notices = json.loads(get(base + "/api/notices.json")[2])
    assert notices["notices"] and {"id", "kind", "areas", "texts"} <= set(notices["notices"][0])
    areas = json.loads(get(base + "/api/areas.json")[2])
    assert "belgorod" in json.dumps(areas)
    index = json.loads(get(base + "/api/shelters.geojson")[2])
    assert index["areas"] and all(a["url"].startswith("/api/shelters/") for a in index["areas"])
    shelters = json.loads(get(base + index["areas"][0]["url"])[2])
    assert shelters["type"] == "FeatureCollection" and shelters["features"]
    assert len(shelters["features"]) == index["areas"][0]["count"]
    feed = fromstring(get(base + "/feeds/uk/notices.atom")[2].encode())
    assert feed.tag == f"{ATOM}feed" and feed.findall(f"{ATOM}entry")
    # Absolute links name the public address given to the export, not the exporting machine.
    assert all(link.get("href").startswith(BASE_URL) for link in feed.iter(f"{ATOM}link"))
    first = notices["notices"][0]["id"]
    alert = fromstring(get(f"{base}/cap/{first}.xml")[2].encode())
    assert alert.tag == f"{CAP}alert" and alert.findall(f"{CAP}info")
    manifest = json.loads(get(base + "/en/manifest.webmanifest")[2])
    assert manifest["start_url"] == "/en/" and manifest["lang"] == "en"
    assert get(base + "/robots.txt")[2].startswith("User-agent: *")


def test_root_page_leads_to_every_language(exported):
    base, _, _ = exported
    status, _, html = get(base + "/")
    assert status == 200
    assert '<meta http-equiv="refresh" content="0; url=/ru/">' in html
    for lang in ("ru", "uk", "en"):
        assert f'href="/{lang}/"' in html
    assert get(base + "/lang-redirect.js")[0] == 200


def test_area_query_falls_back_to_the_whole_region(exported):
    base, _, _ = exported
    whole = get(base + "/ru/")[2]
    assert get(base + "/ru/?area=shebekino") == (200, "text/html", whole)
    assert get(base + "/ru/no-such-page")[0] == 404


def test_publishing_updates_the_exported_now_page(exported):
    base, app, folder = exported
    sent = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=1)
    db = connect(app.config["DATABASE"])
    with transaction(db):
        notice_id, _ = save_notice(db, {
            "identifier": "export-hook", "sender": "test", "sent": iso(sent), "status": "Actual",
            "msg_type": "Alert", "refs": None, "kind": "drone", "severity": "Severe",
            "urgency": "Immediate", "certainty": "Observed", "effective": iso(sent),
            "expires": iso(sent + timedelta(minutes=60)), "region_wide": 1, "areas": [],
            "source": "test", "url": None, "original_lang": "en", "publication": "published",
            "is_sample": 0, "received_at": iso(sent), "raw": None,
            "texts": {"en": {"event": "Drone attack", "headline": "Export hook check",
                             "description": "", "instruction": "Stay indoors."}}})
    db.close()
    assert "Export hook check" not in get(base + "/en/")[2]
    before = json.loads(get(base + "/api/status/rovenki.json")[2])["version"]
    hooks = app.extensions["on_publish"]
    assert hooks
    with app.app_context():
        for hook in hooks:
            hook([notice_id])
    assert "Export hook check" in get(base + "/en/")[2]
    assert "Export hook check" in get(base + "/en/notices/")[2]
    assert "Export hook check" in get(f"{base}/en/notices/{notice_id}")[2]
    assert get(f"{base}/cap/{notice_id}.xml")[0] == 200
    assert notice_id in [n["id"] for n in json.loads(get(base + "/api/notices.json")[2])["notices"]]
    # Open Now pages on the static host see the change through the area's status document.
    status = json.loads(get(base + "/api/status/rovenki.json")[2])
    assert status["version"] != before and notice_id in [n["id"] for n in status["notices"]]
    assert "Export hook check" in get(base + "/feeds/en/notices.atom")[2]
    assert not list(folder.rglob(".export-*"))


def test_a_new_export_replaces_the_old_one_whole(tmp_path):
    app = make_app(tmp_path)
    folder = tmp_path / "site"
    (folder / "ru").mkdir(parents=True)
    (folder / "ru" / "left-over.html").write_text("old")
    result = app.test_cli_runner().invoke(args=["export", str(folder)])
    assert result.exit_code == 0, result.output
    assert not (folder / "ru" / "left-over.html").exists()
    assert (folder / "ru" / "index.html").is_file()
    assert not (tmp_path / "site.tmp").exists() and not (tmp_path / "site.old").exists()


@pytest.mark.parametrize("url, path", [
    ("/ru/", "ru/index.html"), ("/ru/notices/12", "ru/notices/12/index.html"),
    ("/ru/kit?adults=2", "ru/kit/index.html"), ("/api/notices.json", "api/notices.json"),
    ("/cap/7.xml", "cap/7.xml"), ("/static/css/site.css?v=abc", "static/css/site.css"),
    ("/", "index.html"), ("/../etc/passwd", "etc/passwd/index.html")])
def test_urls_map_to_the_files_static_servers_look_for(url, path):
    assert relative_file(url) == path


def test_export_refuses_to_run_without_the_public_address(tmp_path):
    app = make_app(tmp_path, EXPORT_BASE_URL=None)
    result = app.test_cli_runner().invoke(args=["export", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "--base-url" in result.output
    assert not (tmp_path / "site").exists()


def test_export_links_name_the_given_address_never_a_host(tmp_path, monkeypatch):
    import preparedness.export as export
    from preparedness.export.crawl import fetch
    app = make_app(tmp_path, EXPORT_BASE_URL=None, BASE_URL="https://from-config.example")
    given = []
    monkeypatch.setattr(export, "export_site", lambda _app, _dir, base: given.append(base) or
                        {"files": 0, "pages": 0, "not_exported": [], "seconds": 0})
    result = app.test_cli_runner().invoke(args=["export", str(tmp_path / "site"), "--base-url",
                                                "https://given.example/"])
    assert result.exit_code == 0 and given == ["https://given.example"]
    feed = fetch(app.test_client(), "/feeds/en/notices.atom", "https://given.example").body.decode()
    assert "https://given.example/" in feed and "from-config" not in feed and "localhost" not in feed
