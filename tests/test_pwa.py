"""Installable and offline: manifest, service worker lists and headers, offline page, page hooks."""

import json
import re
import struct
import zlib

import pytest

from preparedness import create_app
from preparedness.config import LANGUAGES
from preparedness.notices.kinds import KINDS
from tools.check import BUDGETS, WORKER_LISTS, precache_sizes, transferred


def worker_constant(script, name):
    """A JSON constant (`const NAME = ...;`) from the service worker script."""
    return json.loads(re.search(rf"^const {name} = (.*);$", script, re.M).group(1))


def worker(client, lang="ru"):
    """The service worker script for `lang`."""
    return client.get(f"/sw.js?lang={lang}").get_data(as_text=True)


def png_rows(data):
    """(width, height, rows of RGBA pixels) of an 8-bit RGBA, non-interlaced PNG (what our icons are)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", data[16:29])
    assert (depth, colour, interlace) == (8, 6, 0), "expected 8-bit RGBA, not interlaced"
    chunks, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"IDAT":
            chunks.append(data[offset + 8:offset + 8 + length])
        offset += 12 + length
    raw, stride, rows, previous = zlib.decompress(b"".join(chunks)), width * 4, [], bytes(width * 4)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a, b, c = line[x - 4] if x >= 4 else 0, previous[x], previous[x - 4] if x >= 4 else 0
            p = a + b - c
            nearest = min((abs(p - a), 0, a), (abs(p - b), 1, b), (abs(p - c), 2, c))[2]
            line[x] = (line[x] + (0, a, b, (a + b) // 2, nearest)[kind]) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


@pytest.mark.parametrize("lang", LANGUAGES)
def test_manifest_meets_the_install_criteria_in_each_language(client, lang):
    response = client.get(f"/{lang}/manifest.webmanifest")
    assert response.status_code == 200
    assert response.content_type == "application/manifest+json"
    manifest = json.loads(response.get_data())
    assert manifest["lang"] == lang and manifest["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert manifest["start_url"] == f"/{lang}/" and manifest["start_url"].startswith(manifest["scope"])
    assert manifest["scope"] == "/" and manifest["id"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["name"] and 0 < len(manifest["short_name"]) <= 12
    assert manifest["theme_color"] == "#8b1a1a" and manifest["background_color"] == "#ffffff"
    page = client.get(manifest["start_url"]).get_data(as_text=True)
    assert f'<meta name="theme-color" content="{manifest["theme_color"]}">' in page
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    assert all(icon["type"] == "image/png" for icon in manifest["icons"])
    for (sizes, purpose), src in icons.items():
        png = client.get(src)
        assert png.status_code == 200 and png.content_type == "image/png"
        width, height, rows = png_rows(png.get_data())
        assert f"{width}x{height}" == sizes
        if purpose == "maskable":  # the launcher crops it to any shape: it must fill the whole square
            corners = [rows[y][x * 4 + 3] for y in (0, height - 1) for x in (0, width - 1)]
            assert corners == [255] * 4


@pytest.mark.parametrize("url", ["/ru/", "/uk/notices/", "/en/shelters/", "/ru/offline", "/ru/no-such-page"])
def test_every_page_links_its_manifest_and_the_worker(client, url):
    page = client.get(url).get_data(as_text=True)
    lang = url.split("/")[1]
    assert f'<link rel="manifest" href="/{lang}/manifest.webmanifest">' in page
    assert f'data-worker="/sw.js?lang={lang}"' in page
    assert re.search(r'<script src="/static/js/offline\.js\?v=[0-9a-f]+" defer>', page)


def test_worker_is_always_revalidated_and_answers_304(client):
    response = client.get("/sw.js?lang=ru")
    assert response.status_code == 200
    # A JavaScript type deploy/nginx.conf compresses.
    assert response.content_type.startswith("application/javascript")
    assert response.headers["Cache-Control"] == "no-cache"
    again = client.get("/sw.js?lang=ru", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def bundle(client, url):
    """{path: html} of a page bundle, after checking it may be kept by any cache."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Cache-Control"].startswith("public"), url
    assert response.content_type == "application/json"
    return json.loads(response.get_data())["pages"]


def test_worker_installs_a_shell_and_the_action_cards_that_all_answer(client):
    script = worker(client, "ru")
    shell, essential = worker_constant(script, "SHELL"), worker_constant(script, "ESSENTIAL")
    for url in shell:  # one failure here would stop the worker from installing
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"].startswith("public"), url
    assert "/ru/offline" in shell
    assert {"/static/css/site.css", "/static/js/app.js", "/static/js/offline.js"} <= \
        {u.split("?")[0] for u in shell}
    assert all("?v=" in url for url in shell if url.startswith("/static/"))
    # The manifest and its icons are the browser's to fetch when it offers to install.
    assert not [url for url in shell if url.split("?")[0].endswith((".png", ".webmanifest"))]
    # Scripts that only some pages load wait for the rest (those pages work without them).
    assets = {url.split("?")[0] for url in worker_constant(script, "ASSETS")}
    assert "/static/js/checklist.js" in assets and not assets & {u.split("?")[0] for u in shell}
    assert essential == ["/ru/offline/cards.json"]
    cards = bundle(client, essential[0])
    assert list(cards) == [f"/ru/checklists/{kind}" for kind in KINDS]  # most urgent first


def test_bundled_pages_are_the_pages_themselves(client):
    for url in worker_constant(worker(client, "ru"), "ESSENTIAL") + \
            worker_constant(worker(client, "ru"), "BUNDLES"):
        for path, html in bundle(client, url).items():
            alone = client.get(path)
            assert alone.status_code == 200 and alone.headers["Cache-Control"].startswith("public")
            strip = lambda page: re.sub(r'data-generated="[^"]*"|\d\d:\d\d', "", page)  # noqa: E731
            assert strip(html) == strip(alone.get_data(as_text=True)), path


def test_one_bundle_costs_far_less_than_its_pages_one_by_one(client):
    cards = client.get("/ru/offline/cards.json").get_data()
    pages = json.loads(cards)["pages"]
    one_by_one = sum(transferred(client.get(path).get_data()) for path in pages)
    assert len(pages) == len(KINDS)
    assert transferred(cards) * 2 < one_by_one


def test_the_rest_waits_and_never_holds_the_whole_shelter_table(client, app):
    script = worker(client, "ru")
    rest, pages = worker_constant(script, "BUNDLES"), worker_constant(script, "PAGES")
    assert rest == ["/ru/offline/guidance.json"]
    guidance = bundle(client, rest[0])
    for path in ("/ru/checklists/", "/ru/kit", "/ru/checklists/grab-bag"):
        assert path in guidance
    assert not set(guidance) & {f"/ru/checklists/{kind}" for kind in KINDS}  # in the essentials already
    assert "/ru/kit/print" not in guidance  # only redirects to the planner without a household
    # The shelters saved are the chosen area's (the worker adds ?area=), never the whole table.
    assert worker_constant(script, "SHELTER_INDEX") == "/api/shelters.geojson"
    assert worker_constant(script, "AREA_PAGES") == ["/ru/"]
    assert worker_constant(script, "SHELTER_LIST") == "/ru/shelters/"
    assert "belgorod" in worker_constant(script, "AREAS")
    everything = worker_constant(script, "SHELL") + worker_constant(script, "ESSENTIAL") + rest + pages
    assert "/api/shelters.geojson" not in everything
    assert not [url for url in everything + list(guidance) if url.startswith("/admin") or
                "/uk/" in url or "/en/" in url]


def test_the_area_s_shelters_answer_alone(client):
    """The contract the worker relies on: ?area= answers with that area's shelters only."""
    response = client.get("/api/shelters.geojson?area=belgorod")
    assert response.status_code == 200 and response.headers["Cache-Control"].startswith("public")
    features = json.loads(response.get_data())["features"]
    assert features and {f["properties"]["area"] for f in features} == {"belgorod"}


def test_the_area_s_list_and_nearest_shelters_come_in_one_bundle(client):
    ids = sorted(f["properties"]["id"] for f in json.loads(
        client.get("/api/shelters.geojson?area=belgorod").get_data())["features"])[:3]
    url = "/ru/offline/shelters.json?area=belgorod&ids=" + "-".join(map(str, ids))
    assert worker_constant(worker(client), "SHELTERS_BUNDLE") == "/ru/offline/shelters.json"
    response = client.get(url)
    # Shelter statuses change: kept no longer than the shelter pages themselves.
    assert response.headers["Cache-Control"] == client.get("/ru/shelters/").headers["Cache-Control"]
    pages = bundle(client, url)
    assert list(pages) == ["/ru/shelters/?area=belgorod"] + [f"/ru/shelters/{i}" for i in ids]
    one_by_one = sum(transferred(client.get(path).get_data()) for path in pages)
    assert transferred(response.get_data()) * 2 < one_by_one


@pytest.mark.parametrize("query", [
    "ids=5-2", "ids=2-2", "ids=02", "ids=", "ids=1-2-3-4-5-6", "ids=99999999999999999999", "area=atlantis",
    "area=belgorod&r=1", "area=belgorod&area=rovenki", "ids=1&ids=2"])
def test_a_shelters_bundle_has_one_address_per_answer(client, query):
    # Anything but the canonical query would be a new cache entry for the same answer.
    assert client.get(f"/ru/offline/shelters.json?{query}").status_code == 404


def test_check_measures_each_language_s_precache_within_budget(app):
    sizes = precache_sizes(app)
    assert set(sizes) == set(app.config["LANGUAGES"])
    client = app.test_client()
    script = worker(client, "ru")
    shell = worker_constant(script, "SHELL")
    count, size = sizes["ru"]
    assert count == sum(len(worker_constant(script, name)) for name in WORKER_LISTS)
    # At least every shell file and the worker itself; at most the budget make check enforces.
    assert sum(transferred(client.get(url).get_data()) for url in shell) < size <= BUDGETS["precache"]


def test_each_language_has_its_own_worker_version(client):
    ru, uk = worker(client, "ru"), worker(client, "uk")
    assert worker_constant(uk, "LANG") == "uk"
    assert worker_constant(uk, "ESSENTIAL") == ["/uk/offline/cards.json"]
    assert worker_constant(ru, "VERSION") != worker_constant(uk, "VERSION")
    # An unknown language gets the default one rather than an error.
    assert worker_constant(worker(client, "xx"), "LANG") == "ru"


def test_unknown_bundles_are_not_found(client):
    assert client.get("/ru/offline/everything.json").status_code == 404
    assert client.get("/xx/offline/cards.json").status_code == 404


def test_other_parts_add_offline_pages_through_the_hook(app):
    client = app.test_client()
    before = worker_constant(worker(client), "VERSION")
    app.extensions["offline_urls"].append(lambda lang: [f"/{lang}/shelters/?area=rovenki"])
    script = worker(client)
    assert "/ru/shelters/?area=rovenki" in worker_constant(script, "PAGES")
    assert worker_constant(script, "VERSION") != before


def test_worker_leaves_admin_other_sites_and_non_get_alone(client):
    script = worker(client)
    assert 'request.method !== "GET"' in script
    assert "url.origin !== self.location.origin" in script
    assert 'url.pathname.startsWith("/admin")' in script
    # Only what the server marks public is saved, and the server never marks a cookie-setting page so.
    assert "/\\bpublic\\b/.test(control)" in script


@pytest.mark.parametrize("lang", ["ru", "uk", "en"])
def test_offline_page_in_each_language(client, lang):
    response = client.get(f"/{lang}/offline")
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("public")
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in page
    assert "data-offline-page" in page and f'href="/{lang}/"' in page
    assert "data-freshness" not in page  # nothing on it can be out of date


def test_pages_carry_hidden_translatable_staleness_messages(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                      "DATABASE": str(tmp_path / "p.sqlite3"), "STALE_AFTER_MINUTES": 15})
    page = app.test_client().get("/en/").get_data(as_text=True)
    assert 'data-stale-after="15"' in page and 'data-timezone="Europe/Moscow"' in page
    for marker, text in [("data-freshness-offline", "Offline — information as of {time} ({age})."),
                         ("data-status-unknown", "Status unknown — follow sirens, radio and official channels."),
                         ("data-freshness-notices", "These notices may have ended or changed since then."),
                         ("data-update", "Reload for the newest version")]:
        element = re.search(rf"<p [^>]*{marker}[^>]*>(.*?)</p>", page).group(0)
        assert " hidden>" in element and text in element
