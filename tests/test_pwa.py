"""Installable and offline: manifest, service worker lists and headers, offline page, page hooks."""

import json
import re
import struct
import zlib

import pytest

from preparedness import create_app
from preparedness.config import LANGUAGES
from preparedness.notices.kinds import KINDS
from tools.check import BUDGETS, precache_sizes, transferred


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
    assert response.content_type.startswith("text/javascript")
    assert response.headers["Cache-Control"] == "no-cache"
    again = client.get("/sw.js?lang=ru", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_worker_keeps_the_language_s_pages_and_a_shell_that_all_answer(client, app):
    script = worker(client, "ru")
    shell, pages = worker_constant(script, "SHELL"), worker_constant(script, "PAGES")
    for url in shell:  # one failure here would stop the worker from installing
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"].startswith("public"), url
    assert "/ru/offline" in shell
    assert {"/static/css/site.css", "/static/js/app.js", "/static/js/offline.js",
            "/static/icons/icon-192.png", "/static/icons/icon-512.png"} <= {u.split("?")[0] for u in shell}
    assert all("?v=" in url for url in shell if url.startswith("/static/"))
    assert {"/ru/", "/ru/notices/", "/ru/shelters/", "/api/shelters.geojson"} <= set(pages)
    assert {f"/ru/checklists/{kind}" for kind in KINDS} <= set(pages)
    for path in ("/ru/checklists/", "/ru/kit"):  # whole guidance pages, once guidance is there
        if any(rule.rule == path.replace("/ru/", "/<lang:lang>/") for rule in app.url_map.iter_rules()):
            assert path in pages
    assert not [url for url in shell + pages if url.startswith("/admin") or "/uk/" in url or "/en/" in url]
    assert "/ru/kit/print" not in pages  # only redirects to the planner without a household


def test_check_measures_each_language_s_precache_within_budget(app):
    sizes = precache_sizes(app)
    assert set(sizes) == set(app.config["LANGUAGES"])
    client = app.test_client()
    shell = worker_constant(worker(client, "ru"), "SHELL")
    count, size = sizes["ru"]
    assert count == len(shell) + len(worker_constant(worker(client, "ru"), "PAGES"))
    # At least every shell file and the worker itself; at most the budget make check enforces.
    assert sum(transferred(client.get(url).get_data()) for url in shell) < size <= BUDGETS["precache"]


def test_each_language_has_its_own_worker_version(client):
    ru, uk = worker(client, "ru"), worker(client, "uk")
    assert worker_constant(uk, "LANG") == "uk"
    assert "/uk/shelters/" in worker_constant(uk, "PAGES")
    assert worker_constant(ru, "VERSION") != worker_constant(uk, "VERSION")
    # An unknown language gets the default one rather than an error.
    assert worker_constant(worker(client, "xx"), "LANG") == "ru"


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
