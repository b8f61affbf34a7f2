"""deploy/nginx.conf on a real nginx in front of real gunicorn: caching, stale on error, gzip."""

import gzip
import shutil
import socket
import urllib.request

import pytest

from tools.nginx_run import NGINX, start_nginx, stop_nginx
from tools.origin_run import start_origin


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn and nginx on loopback; yields (nginx base URL, gunicorn process)."""
    if not shutil.which("nginx") and not shutil.which(NGINX):
        pytest.fail("nginx is missing: `make test` installs Debian's nginx-light")
    workdir = tmp_path_factory.mktemp("stack")
    origin_port, cache_port = free_port(), free_port()
    origin = start_origin(workdir, origin_port)
    conf = start_nginx(workdir / "nginx", cache_port, origin_port)
    try:
        yield f"http://127.0.0.1:{cache_port}", origin
    finally:
        stop_nginx(conf)
        if origin.poll() is None:
            origin.terminate()
            origin.wait(timeout=10)


def fetch(url, **headers):
    """(status, headers, body) of a GET."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_pages_are_served_from_cache_after_the_first_request(stack):
    base, _ = stack
    first = fetch(base + "/ru/?area=valuyki")
    second = fetch(base + "/ru/?area=valuyki")
    assert first[0] == second[0] == 200
    assert first[1]["X-Cache-Status"] in ("MISS", "EXPIRED")
    assert second[1]["X-Cache-Status"] == "HIT"
    assert second[2] == first[2]
    # The app's security headers come through the cache.
    assert "frame-ancestors 'none'" in second[1]["Content-Security-Policy"]
    assert "Set-Cookie" not in second[1]


def test_gzip_and_immutable_static_files(stack):
    base, _ = stack
    status, headers, body = fetch(base + "/en/notices/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(body)
    status, headers, _ = fetch(base + "/static/css/site.css?v=1")
    assert status == 200 and "immutable" in headers["Cache-Control"]


def test_health_check_always_reaches_the_origin(stack):
    base, _ = stack
    fetch(base + "/healthz")
    status, headers, _ = fetch(base + "/healthz")
    assert status == 200 and headers.get("X-Cache-Status") is None


def test_cached_pages_survive_the_origin_going_down(stack):
    base, origin = stack
    assert fetch(base + "/uk/shelters/?area=gubkin")[0] == 200
    origin.terminate()
    origin.wait(timeout=10)
    status, headers, body = fetch(base + "/uk/shelters/?area=gubkin")
    assert status == 200
    assert headers["X-Cache-Status"] in ("HIT", "STALE", "UPDATING")
    assert "Губкин".encode() in body
