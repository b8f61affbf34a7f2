"""Offline use in Chromium: after one visit the saved pages open with the server gone, and say so."""

import shutil
from datetime import datetime, timedelta, timezone

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, start_server

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

# What a deploy replaces: the code, pages, static files and catalogs (a copy the test may change).
SITE_PARTS = ("app.py", "preparedness", "templates", "static", "translations")
RUSSIAN_KIT_QUERY = "adults=3&children=1&teenagers=0&infants=0&older=0&on_medication=0&cats=0&dogs=0&days=7"


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
    assert not page.locator("[data-freshness]").is_visible()  # online and fresh: no banner
    # The resident chooses their area; the nearest shelters' pages are saved from the "Now" page.
    with page.expect_navigation():
        page.select_option("select[name=area]", "belgorod")
    nearest = page.evaluate("""() => [...document.querySelectorAll("a[href]")].map((a) => a.pathname)
        .filter((path) => /^\\/ru\\/shelters\\/\\d+$/.test(path))""")
    assert nearest and page.evaluate(SAVED, server.url + nearest[0]), nearest
    # A ticked item is kept on the device.
    page.goto(server.url + "/ru/checklists/grab-bag")
    page.locator("[data-checklist] input[type=checkbox]").first.check()

    server.stop()
    for url in ("/ru/checklists/missile", "/ru/kit", "/ru/shelters/", nearest[0], "/ru/checklists/grab-bag"):
        assert_saved_copy(page, server.url + url)
        assert page.locator("h1").is_visible()
    assert page.locator("[data-checklist] input[type=checkbox]").first.is_checked()
    boxes = page.locator("[data-checklist] input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(boxes.count())].count(True) == 1

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


def test_household_form_is_kept_on_the_device(page, server):
    install(page, server.url + "/ru/kit")
    page.fill("#adults", "3")
    page.fill("#children", "1")
    page.check("input[name=days][value='7']")
    with page.expect_navigation():
        page.get_by_role("button", name="Рассчитать").click()
    plan = page.url
    assert plan == server.url + "/ru/kit?" + RUSSIAN_KIT_QUERY
    assert page.evaluate(SAVED, plan)
    # Online, the planner opens on the last plan.
    page.goto(server.url + "/ru/kit")
    page.wait_for_url(plan)

    server.stop()
    page.goto(server.url + "/ru/kit")
    page.wait_for_url(plan)
    assert page.locator("#plan").is_visible()
    assert page.locator("[data-freshness-offline]").is_visible()
    assert page.input_value("#adults") == "3" and page.is_checked("input[name=days][value='7']")

    # When that plan is not on the device, the saved form is still filled in on the saved planner.
    page.evaluate("(url) => caches.open('preparedness-runtime').then((cache) => cache.delete(url))", plan)
    page.goto(server.url + "/ru/kit")
    page.wait_for_function("document.querySelector('#adults').value === '3'")
    page.wait_for_timeout(500)  # time for a redirect that must not happen
    assert page.url == server.url + "/ru/kit"
    assert page.is_checked("input[name=days][value='7']") and page.input_value("#children") == "1"


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


def copy_site(folder):
    """A deployable copy of the site, so a test can change a file and restart without touching the repo."""
    folder.mkdir()
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / part)
    return folder


def test_a_changed_asset_is_used_after_the_update_and_old_caches_go(page, tmp_path):
    site = copy_site(tmp_path / "site")
    server = start_server(tmp_path, sample_data=True, root=site)
    try:
        install(page, server.url + "/ru/")
        old_css = page.locator("link[href*='site.css']").get_attribute("href")
        before = page.evaluate("caches.keys()")
    finally:
        server.stop()
    # A deploy that changes one stylesheet; the same site comes back on the same address.
    with open(site / "static" / "css" / "site.css", "a") as css:
        css.write("\n:root { --deployed: 2; }\n")
    port = int(server.url.rsplit(":", 1)[1])
    deployed = start_server(tmp_path, sample_data=False, port=port, root=site)
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
    # With the server gone, the saved pages load the new stylesheet, and the old one is nowhere.
    assert_saved_copy(page, server.url + "/ru/checklists/missile")
    new_css = page.locator("link[href*='site.css']").get_attribute("href")
    assert new_css != old_css
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--deployed')").strip() == "2"
    assert page.evaluate("(url) => caches.match(url, {ignoreVary: true}).then((hit) => !hit)", old_css)


def test_chromium_reports_the_page_installable(browser, server, tmp_path):
    # Chromium never offers to install from a private (incognito) profile, so this uses a real one.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_FLAGS, locale="ru-RU")
    try:
        page = context.pages[0] if context.pages else context.new_page()
        install(page, server.url + "/ru/")
        devtools = context.new_cdp_session(page)
        assert devtools.send("Page.getAppManifest")["errors"] == []
        assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()
