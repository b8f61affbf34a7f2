"""deploy/nginx.conf in front of gunicorn, as shipped: a forged Host or X-Forwarded-Host never reaches
a cached page, parameters that change nothing do not get past the cache, static files carry the
security headers."""

import json
import shutil
import socket
import urllib.request

import pytest

from tools.nginx_run import NGINX, start_nginx, stop_nginx
from tools.origin_run import start_origin

PUBLIC = "https://alerts.example.org"
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http",
          "X-Forwarded-Port": "666", "Forwarded": "host=evil.example;proto=http"}


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand redirects back instead of following them."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url, **headers):
    """(status, headers, body text) of a GET, redirects not followed."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn (deployed settings: one proxy, BASE_URL) behind the shipped nginx config."""
    if not shutil.which("nginx") and not shutil.which(NGINX):
        pytest.fail("nginx is missing: `make test` installs Debian's nginx-light")
    workdir = tmp_path_factory.mktemp("trust-stack")
    # The instance folder's config.py, as an operator writes it (see deploy/README.md).
    (workdir / "config.py").write_text(f"BASE_URL = {PUBLIC!r}\nPROXY_COUNT = 1\n")
    origin_port, cache_port = free_port(), free_port()
    origin = start_origin(workdir, origin_port)
    conf = start_nginx(workdir / "nginx", cache_port, origin_port)
    try:
        yield f"http://127.0.0.1:{cache_port}"
    finally:
        stop_nginx(conf)
        origin.terminate()
        origin.wait(timeout=10)


def public_pages(base, first):
    """A print page (QR code), the Atom feed, a CAP file and the JSON API; each of the two orders
    gets pages of its own, so that neither finds the other's in the cache."""
    notices = json.loads(fetch(base + "/api/notices.json")[2])["notices"]
    if first:
        return ["/ru/checklists/grab-bag/print", "/uk/checklists/missile/print", "/en/kit/sheet",
                "/feeds/ru/notices.atom", "/feeds/en/notices.atom", f"/cap/{notices[0]['id']}.xml",
                "/api/notices.json?active=1"]
    return ["/tg/checklists/grab-bag/print", "/ky/checklists/missile/print", "/hy/kit/sheet",
            "/feeds/uz/notices.atom", "/feeds/zh/notices.atom", f"/cap/{notices[1]['id']}.xml",
            "/api/notices.json?area=belgorod"]


@pytest.mark.parametrize("forged_first", [True, False])
def test_a_forged_host_never_reaches_a_cached_page(stack, forged_first):
    for path in public_pages(stack, forged_first):
        url = stack + path
        first = fetch(url, **FORGED) if forged_first else fetch(url)
        second = fetch(url) if forged_first else fetch(url, **FORGED)
        assert first[0] == second[0] == 200, path
        assert second[1]["X-Cache-Status"] == "HIT", path
        for status, headers, body in (first, second):
            assert "evil" not in body and "666" not in body, path
            assert PUBLIC + "/" in body, path
            assert "evil" not in str(headers)


def test_a_forged_host_does_not_get_into_redirects(stack):
    for path in ("/ru", "/ru/checklists", "/api/shelters.geojson?r=1"):
        status, headers, _ = fetch(stack + path, **FORGED)
        assert status in (301, 302, 308), path
        assert headers["Location"].startswith("/"), (path, headers["Location"])


def test_tracking_parameters_on_a_shared_link_lead_to_the_one_cached_page(stack):
    page = stack + "/ru/?area=valuyki"
    assert fetch(page)[0] == 200
    for junk in ("&fbclid=IwAR0abc", "&fbclid=IwAR1def", "&utm_source=telegram&area=belgorod"):
        status, headers, _ = fetch(page + junk)
        assert status == 301 and headers["Location"] == "/ru/?area=valuyki", junk
        assert fetch(page + junk)[1]["X-Cache-Status"] == "HIT"          # the redirect is cached too
    assert fetch(page)[1]["X-Cache-Status"] == "HIT"


def test_parameters_that_change_nothing_do_not_get_past_the_cache(stack):
    canonical = stack + "/api/shelters.geojson?area=valuyki"
    assert fetch(canonical)[0] == 200
    assert fetch(canonical)[1]["X-Cache-Status"] == "HIT"
    for junk in ("&r=1", "&r=2", "&page=1"):
        first = fetch(canonical + junk)
        again = fetch(canonical + junk)
        assert first[0] == again[0] == 301 and first[1]["Location"] == "/api/shelters.geojson?area=valuyki"
        assert again[1]["X-Cache-Status"] == "HIT"
    index = fetch(stack + "/api/shelters.geojson")
    assert index[0] == 200 and "valuyki" in index[2]


def test_static_files_carry_the_security_headers(stack):
    status, headers, _ = fetch(stack + "/static/css/site.css")
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    page = fetch(stack + "/en/")[1]
    assert page["Cross-Origin-Resource-Policy"] == page["Cross-Origin-Opener-Policy"] == "same-origin"
