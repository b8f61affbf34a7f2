"""HTTP caching: every public response says how long it stays fresh, ETags give 304s."""

import re
from datetime import datetime, timezone

import pytest


@pytest.mark.parametrize("url, max_age", [("/ru/", 30), ("/en/notices/", 30), ("/uk/shelters/", 300)])
def test_public_pages_are_cacheable_with_stale_fallbacks(client, url, max_age):
    response = client.get(url)
    control = response.headers["Cache-Control"]
    assert control.startswith("public")
    assert f"max-age={max_age}" in control and f"s-maxage={max_age}" in control
    assert "stale-while-revalidate=" in control and "stale-if-error=" in control
    assert "Set-Cookie" not in response.headers


def test_etag_gives_304_and_changes_with_content(app, client):
    # Pages are identical within a minute; fix the clock so the two requests share one.
    app.config["NOW"] = datetime.now(timezone.utc).replace(second=30)
    first = client.get("/en/?area=rovenki")
    etag = first.headers["ETag"]
    assert not etag.startswith("W/")
    again = client.get("/en/?area=rovenki", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    other = client.get("/en/?area=shebekino")
    assert other.headers["ETag"] != etag
    app.config["NOW"] = app.config["NOW"].replace(second=59)
    assert client.get("/en/?area=rovenki").headers["ETag"] == etag


def test_hashed_assets_are_immutable_for_a_year(client):
    page = client.get("/ru/").get_data(as_text=True)
    css = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]+)"', page).group(1)
    response = client.get(css)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_health_check_and_redirect_are_not_shared(client):
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"
    assert client.get("/").headers["Cache-Control"].startswith("private")


@pytest.mark.parametrize("url", [
    "/ru/", "/ru/?area=shebekino", "/uk/notices/", "/uk/notices/1", "/en/shelters/", "/en/shelters/1",
    "/ru/checklists/", "/ru/checklists/missile", "/ru/checklists/grab-bag", "/ru/checklists/grab-bag/print",
    "/ru/kit", "/ru/kit", "/ru/offline", "/ru/manifest.webmanifest", "/sw.js?lang=ru",
    "/api/notices.json", "/api/areas.json", "/api/shelters.geojson", "/feeds/ru/notices.atom",
    "/cap/1.xml"])
def test_every_public_page_type_answers_304_to_its_etag(app, client, url):
    app.config["NOW"] = datetime.now(timezone.utc).replace(second=30)
    first = client.get(url)
    assert first.status_code == 200, url
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""
