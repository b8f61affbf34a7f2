"""Language redirect, friendly 404s, health check and security headers."""

import re

import pytest
from flask import request

from preparedness import create_app


@pytest.mark.parametrize("headers, cookie, expected", [
    ({}, None, "/ru/"),
    ({"Accept-Language": "en-GB,en;q=0.9"}, None, "/en/"),
    ({"Accept-Language": "uk,ru;q=0.8"}, None, "/uk/"),
    ({"Accept-Language": "de,fr;q=0.8"}, None, "/ru/"),
    ({"Accept-Language": "en"}, "uk", "/uk/"),
    ({"Accept-Language": "en"}, "xx", "/en/"),
])
def test_root_redirects_by_cookie_then_accept_language_then_russian(client, headers, cookie, expected):
    if cookie:
        client.set_cookie("lang", cookie)
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == expected


@pytest.mark.parametrize("url", ["/xx/", "/de/notices/", "/ru/nothing-here", "/ru/notices/99999",
                                 "/ru/shelters/99999", "/ru/?area=atlantis"])
def test_unknown_pages_get_a_friendly_404_in_the_negotiated_language(client, url):
    response = client.get(url, headers={"Accept-Language": "uk"})
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    lang = url.split("/")[1] if url.split("/")[1] in ("ru", "uk", "en") else "uk"
    assert f'<html lang="{lang}"' in page
    assert "Traceback" not in page
    assert "112" in page


def test_404_in_ukrainian_is_translated(client):
    page = client.get("/xx/", headers={"Accept-Language": "uk"}).get_data(as_text=True)
    assert "Сторінку не знайдено" in page


def test_healthz_reports_schema_version(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["schema_version"] == body["expected_schema_version"] >= 1
    assert body["database"] == "ok"


def test_security_headers_on_pages_and_errors(client):
    for url in ("/ru/", "/xx/", "/healthz"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "max-age=" in headers["Strict-Transport-Security"]


def test_public_pages_set_no_cookies(client):
    for url in ("/", "/ru/", "/en/notices/", "/uk/shelters/"):
        assert "Set-Cookie" not in client.get(url).headers


def test_pages_make_no_third_party_requests(client):
    for url in ("/ru/", "/en/notices/", "/uk/shelters/", "/ru/shelters/1"):
        page = client.get(url).get_data(as_text=True)
        assert not re.search(r'(src|href)="(https?:)?//(?!www\.openstreetmap\.org/\?)', page)
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page)


def test_behind_one_proxy_the_clients_address_is_used(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                      "DATABASE": str(tmp_path / "p.sqlite3"), "PROXY_COUNT": 1})
    app.add_url_rule("/whoami", "whoami", lambda: request.remote_addr)
    seen = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.7"},
                                 environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert seen.get_data(as_text=True) == "203.0.113.7"
