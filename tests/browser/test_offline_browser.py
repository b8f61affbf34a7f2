"""Offline use in Chromium: after one visit the saved pages open with the server gone, and say so."""

import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from werkzeug.exceptions import HTTPException

from tests.browser.conftest import ROOT, free_port, server_env, wait_for

pytestmark = pytest.mark.browser

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
# Resolves once `url` is in one of the service worker's caches (saving happens in the background).
SAVED = """async (url) => {
  for (let i = 0; i < 100; i++) {
    if (await caches.match(url, {ignoreVary: true})) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""

# The cache names once the old version's caches are gone (removed while the new worker activates).
ONE_VERSION_LEFT = """async () => {
  for (let i = 0; i < 100; i++) {
    const names = await caches.keys();
    if (names.filter((name) => name.startsWith("preparedness-ru-")).length === 1) return names;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return caches.keys();
}"""


@dataclass
class Server:
    """A `flask run` process of this test's own, which the test may stop."""

    url: str
    process: subprocess.Popen

    def stop(self):
        """Take the site off the network, as a lost connection would."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def start_server(tmp_path, sample_data, port=None, **config):
    """`flask run` on its own port and database, with or without the sample data, with PREPAREDNESS_*."""
    env = server_env(tmp_path)
    env.update({f"PREPAREDNESS_{key}": value for key, value in config.items()})
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    if sample_data:
        subprocess.run(flask + ["demo"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=60)
    port = port or free_port()
    process = subprocess.Popen(flask + ["run", "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    running = Server(f"http://127.0.0.1:{port}", process)
    try:
        wait_for(f"{running.url}/healthz", process)
    except RuntimeError:
        running.stop()
        raise
    return running


@pytest.fixture
def server(tmp_path):
    """A server with the sample data, which the test may stop."""
    running = start_server(tmp_path, sample_data=True)
    yield running
    running.stop()


@pytest.fixture
def calm_server(tmp_path):
    """A server with no notices at all: every area has "no active alerts"."""
    running = start_server(tmp_path, sample_data=False)
    yield running
    running.stop()


def routed(app, path):
    """Whether the app has a page at `path` (the guidance part may not be merged yet)."""
    try:
        app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        return False
    return True


def install(page, url):
    """Open `url` and wait until the service worker, with everything it saves, controls the page."""
    page.goto(url)
    page.wait_for_function(CONTROLLED)


def visit_and_save(page, url):
    """Open `url` online through the service worker and wait until its copy is saved."""
    page.goto(url)
    assert page.evaluate(SAVED, page.url), f"{page.url} was not saved"


def assert_saved_copy(page, url):
    """`url` opens with the server gone, from the device, with the offline banner."""
    response = page.goto(url)
    assert response.status == 200
    assert response.from_service_worker
    banner = page.locator("[data-freshness-offline]")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "{" not in text and any(c.isdigit() for c in text.split("(")[0]), text


def test_saved_pages_open_offline_with_a_banner(page, server):
    install(page, server.url + "/ru/")
    # The first page was loaded before the worker existed; a shelter page is saved once visited.
    page.goto(server.url + "/ru/shelters/")
    shelter = page.locator("a.shelter").first.get_attribute("href")
    visit_and_save(page, server.url + shelter)
    assert not page.locator("[data-freshness]").is_visible()  # online and fresh: no banner

    server.stop()
    for url in ("/ru/", "/ru/shelters/", shelter):
        assert_saved_copy(page, server.url + url)
    assert page.locator("h1").is_visible()

    # Shelter data comes from the device too.
    data = page.evaluate("fetch('/api/shelters.geojson').then((r) => r.json())")
    assert data["type"] == "FeatureCollection" and data["features"]

    # A page never saved shows the offline page in the reader's language, at the address asked for.
    page.goto(server.url + "/ru/notices/999999")
    assert page.url == server.url + "/ru/notices/999999"
    assert page.locator("[data-offline-page]").is_visible()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("link", name="Что происходит сейчас").is_visible()
    assert not page.locator("[data-freshness]").is_visible()


@pytest.mark.parametrize("path", ["/ru/checklists/missile", "/ru/kit"])
def test_guidance_is_saved_at_install(page, server, app, path):
    if not routed(app, path):
        pytest.skip(f"{path} is not a route yet: the guidance part is not merged")
    install(page, server.url + "/ru/")
    server.stop()
    assert_saved_copy(page, server.url + path)


def test_old_saved_now_page_does_not_say_all_is_calm(page, calm_server):
    server = calm_server
    install(page, server.url + "/ru/?area=rovenki")
    visit_and_save(page, server.url + "/ru/?area=rovenki")
    calm = page.locator(".status--calm").inner_text()  # "No active alerts for ... as of HH:MM."
    server.stop()

    # The chosen area is remembered on the device: "/ru/" goes to the saved Rovenki page.
    page.goto(server.url + "/ru/")
    page.wait_for_url(server.url + "/ru/?area=rovenki")
    assert page.locator("[data-freshness-offline]").is_visible()
    assert page.locator(".status--calm").is_visible()  # minutes old: still shown, with the banner
    assert page.evaluate("document.cookie").count("lang=ru") == 1
    # The language stays chosen too: "/" opens the saved Russian page.
    page.goto(server.url + "/")
    page.wait_for_url(server.url + "/ru/?area=rovenki")

    # Two hours later the same saved page no longer presents "no active alerts" as current.
    page.clock.set_fixed_time(datetime.now(timezone.utc) + timedelta(hours=2))
    page.goto(server.url + "/ru/?area=rovenki")
    assert page.locator("[data-status-unknown]").is_visible()
    assert page.locator(".status--calm").count() == 0
    assert calm.rsplit(" ", 1)[0] not in page.locator("main").inner_text()
    assert page.locator("[data-freshness-offline]").is_visible()


def test_a_new_version_is_offered_and_replaces_the_old_caches(page, server, tmp_path):
    install(page, server.url + "/ru/")
    before = page.evaluate("caches.keys()")
    server.stop()
    # A deploy: the same site comes back with different settings, so /sw.js changes.
    port = int(server.url.rsplit(":", 1)[1])
    deployed = start_server(tmp_path, sample_data=False, port=port, LANGUAGES='["ru", "en", "uk"]')
    try:
        page.goto(server.url + "/ru/notices/")
        offer = page.locator("[data-update] button")
        offer.wait_for(state="visible")
        with page.expect_navigation():
            offer.click()
        page.wait_for_function(CONTROLLED)
        after = page.evaluate(ONE_VERSION_LEFT)
        assert not page.locator("[data-update]").is_visible()
    finally:
        deployed.stop()
    precaches = [name for name in after if name.startswith("preparedness-ru-")]
    assert len(precaches) == 1 and precaches[0] not in before
