"""Absolute URLs come from BASE_URL, never from the request: a forged Host or X-Forwarded-Host
cannot put another site into a print page's QR code, the Atom feed, CAP or JSON."""

import json
import re

import pytest

from preparedness import create_app
from preparedness.db import connect
from preparedness.i18n import utcnow
from preparedness.regions.demo import load_demo

PUBLIC = "https://alerts.example.org"
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http",
          "X-Forwarded-Port": "8080", "X-Forwarded-Prefix": "/evil", "Forwarded": "host=evil.example"}


@pytest.fixture
def proxied(tmp_path):
    """The app as deployed behind one proxy, with its public address configured."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                      "DATABASE": str(tmp_path / "p.sqlite3"), "PROXY_COUNT": 1, "BASE_URL": PUBLIC})
    with app.app_context():
        db = connect(app.config["DATABASE"])
        load_demo(db, app.extensions["region"], utcnow())
        db.close()
    return app


def first_notice(client):
    """The id of a published notice."""
    return client.get("/api/notices.json").get_json()["notices"][0]["id"]


def absolute_urls(text):
    """Every http(s) URL in a body."""
    return re.findall(r"https?://[^\s\"'<>)]+", text)


def test_feeds_cap_json_and_print_pages_name_the_configured_address(proxied):
    client = proxied.test_client()
    notice = first_notice(client)
    for url in ("/feeds/en/notices.atom", f"/cap/{notice}.xml", "/api/notices.json",
                "/en/checklists/grab-bag/print", "/en/kit/sheet"):
        body = client.get(url, headers=FORGED).get_data(as_text=True)
        assert "evil" not in body, url
        ours = [u for u in absolute_urls(body) if u.startswith(PUBLIC)]
        assert ours, url
    page = client.get("/en/checklists/grab-bag/print", headers=FORGED).get_data(as_text=True)
    assert f"{PUBLIC}/en/checklists/grab-bag" in page


def test_the_forwarded_host_is_never_read_but_the_client_address_is(proxied):
    seen = {}

    @proxied.get("/probe-request")
    def probe():
        from flask import request
        seen.update(host=request.host, remote=request.remote_addr, scheme=request.scheme)
        return "ok"

    proxied.test_client().get("/probe-request", headers={
        "X-Forwarded-Host": "evil.example", "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Proto": "https"}, base_url="http://origin.internal")
    assert seen == {"host": "origin.internal", "remote": "203.0.113.9", "scheme": "https"}


@pytest.mark.parametrize("query", ["?_external=1", "?_scheme=https&_external=1", "?_anchor=x",
                                   "?_method=POST", "?endpoint=static", "?lang=zz", "?slug=x",
                                   "?values=1", "?filename=x"])
def test_reserved_names_in_the_query_never_make_links_absolute_or_fail(proxied, query):
    client = proxied.test_client()
    for path in ("/en/", "/en/checklists/grab-bag", "/en/shelters/1"):
        response = client.get(path + query, headers=FORGED)
        assert response.status_code in (200, 301, 404), (path, query, response.status_code)
        if response.status_code == 301:       # a name the page does not read: the page without it
            assert response.headers["Location"] == path, (path, query)
            continue
        body = response.get_data(as_text=True)
        assert "evil" not in body and PUBLIC + "/" not in re.sub(r'class="sheet__url".*?<', "", body)
        if response.status_code == 200:
            # The language switch still leads to this page, relative, without the reserved name.
            switch = re.findall(r'href="(/ru/[^"]*)" hreflang="ru"', body)
            assert switch and switch[0].startswith(path.replace("/en/", "/ru/")), (path, query)


def test_redirects_name_only_the_path(proxied):
    response = proxied.test_client().get("/en/checklists", headers=FORGED)
    assert response.status_code in (301, 308)
    assert response.headers["Location"].startswith("/")


def test_without_base_url_the_development_address_is_used_not_the_host(app):
    body = app.test_client().get("/feeds/en/notices.atom", headers=FORGED).get_data(as_text=True)
    assert "evil" not in body and "http://127.0.0.1:5000/" in body


def test_a_base_url_that_is_not_an_address_stops_the_start(tmp_path):
    from preparedness.db import StartupError
    with pytest.raises(StartupError, match="BASE_URL"):
        create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                    "DATABASE": str(tmp_path / "x.sqlite3"), "BASE_URL": "evil.example"})


def test_json_urls_are_the_public_ones(proxied):
    client = proxied.test_client()
    data = json.loads(client.get("/api/notices.json", headers=FORGED).get_data(as_text=True))
    urls = [v for n in data["notices"] for k, v in n.items() if k.endswith("url") and v]
    assert urls and all(u.startswith(PUBLIC + "/") for u in urls)


def test_links_built_outside_a_request_use_the_configured_address(proxied):
    with proxied.app_context():
        from flask import url_for
        assert url_for("notices.detail", notice_id=3, lang="ru") == PUBLIC + "/ru/notices/3"
        assert url_for("notices.detail", notice_id=3, lang="ru", _external=False) == "/ru/notices/3"
