"""Offline use in Chromium: after one visit the saved pages open with the server gone, and say so."""

import json
import re
import shutil
import time
import urllib.request
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
AREA_SHELTERS = "/api/shelters.geojson?area=belgorod"
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
    # The rest is saved once the page is idle: the guidance, the area's shelters and pages.
    for url in ("/ru/kit", "/ru/checklists/grab-bag", AREA_SHELTERS, "/ru/shelters/?area=belgorod"):
        assert page.evaluate(SAVED, server.url + url), url
    # A ticked item is kept on the device.
    page.goto(server.url + "/ru/checklists/grab-bag")
    page.locator("[data-checklist] input[type=checkbox]").first.check()

    server.stop()
    for url in ("/ru/checklists/missile", "/ru/kit", nearest[0], "/ru/checklists/grab-bag"):
        assert_saved_copy(page, server.url + url)
        assert page.locator("h1").is_visible()
    assert page.locator("[data-checklist] input[type=checkbox]").first.is_checked()
    boxes = page.locator("[data-checklist] input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(boxes.count())].count(True) == 1
    # The shelter list without an area opens the saved list of the chosen one.
    assert_saved_copy(page, server.url + "/ru/shelters/")
    assert page.url == server.url + "/ru/shelters/?area=belgorod"

    # The area's shelter data comes from the device too, with the index that names it.
    data = page.evaluate("(url) => fetch(url).then((r) => r.json())", AREA_SHELTERS)
    assert data["type"] == "FeatureCollection" and data["features"]
    assert {f["properties"]["area"] for f in data["features"]} == {"belgorod"}
    index = page.evaluate("fetch('/api/shelters.geojson').then((r) => r.json())")
    assert "belgorod" in [a["area"] for a in index["areas"]]

    # A page never saved shows the offline page in the reader's language, at the address asked for.
    page.goto(server.url + "/ru/notices/999999")
    assert page.url == server.url + "/ru/notices/999999"
    assert page.locator("[data-offline-page]").is_visible()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("link", name="Что происходит сейчас").is_visible()
    assert not page.locator("[data-freshness]").is_visible()


def save_data(page):
    """The reader's browser saves data: navigator.connection.saveData, and Save-Data on requests."""
    page.context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})


def slow_2g(page):
    """A link the browser rates 2g (the rating comes from the round-trip time)."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 1500, "downloadThroughput": 250_000, "uploadThroughput": 250_000,
        "connectionType": "cellular2g"})


def worker_lists(server, *names):
    """The URLs in the named lists of the Russian service worker."""
    with urllib.request.urlopen(server.url + "/sw.js?lang=ru") as response:
        script = response.read().decode("utf-8")
    return [url for name in names
            for url in json.loads(re.search(rf"^const {name} = (.*);$", script, re.M).group(1))]


def served(log):
    """The paths the server has answered so far, from its request log, in order."""
    return re.findall(r'"GET (\S+) HTTP', log.read_text())


def quiet(page, log, seconds=1.5):
    """Wait until the server has had no request for `seconds`."""
    size, since = log.stat().st_size, time.monotonic()
    while time.monotonic() - since < seconds:
        page.wait_for_timeout(200)
        if log.stat().st_size != size:
            size, since = log.stat().st_size, time.monotonic()


@pytest.mark.parametrize("link", [save_data, slow_2g], ids=["save-data", "2g"])
def test_a_slow_or_metered_link_saves_only_the_essentials(page, server, tmp_path, link):
    log = tmp_path / f"server-{server.url.rsplit(':', 1)[1]}.log"
    before = len(served(log))
    link(page)
    install(page, server.url + "/ru/?area=belgorod")
    # The page open now is kept, from the browser's own cache.
    assert page.evaluate(SAVED, page.url)
    quiet(page, log)
    fetched = served(log)[before:]
    # What the page loads itself, and what the worker saves at install: nothing else.
    loaded = page.evaluate("() => performance.getEntriesByType('resource').map((entry) => entry.name)")
    essentials = {"/sw.js?lang=ru"} | set(worker_lists(server, "SHELL", "ESSENTIAL"))
    assert fetched.count("/ru/?area=belgorod") == 1  # the page itself, once
    extra = set(fetched) - {"/ru/?area=belgorod"} - essentials - {u.removeprefix(server.url) for u in loaded}
    assert not extra, extra
    assert "/ru/offline/cards.json" in fetched

    server.stop()
    for kind in ("missile", "drone", "air_raid", "all_clear"):
        assert_saved_copy(page, server.url + f"/ru/checklists/{kind}")
        assert page.locator("h1").is_visible()
    assert_saved_copy(page, server.url + "/ru/?area=belgorod")
    # The rest waits for a better link: a checklist shows the offline page, which leads to the cards.
    page.goto(server.url + "/ru/checklists/grab-bag")
    assert page.locator("[data-offline-page]").is_visible()


def test_household_is_planned_and_kept_on_the_device_and_works_offline(page, server):
    install(page, server.url + "/ru/kit")
    sent = []
    page.on("request", lambda request: sent.append(request) if "/kit" in request.url else None)
    page.fill("#adults", "3")
    page.fill("#children", "1")
    page.check("input[name=days][value='7']")
    page.get_by_role("button", name="Рассчитать").click()
    assert page.locator("#plan").is_visible()
    assert page.url == server.url + "/ru/kit"                      # planned here: nothing in a URL
    assert not [r for r in sent if r.method == "POST"]              # and nothing sent to the server
    amounts = page.locator(".kit-table__amount").all_inner_texts()
    assert amounts

    # The next visit opens on the same plan, online and with the server gone.
    page.goto(server.url + "/ru/kit")
    page.wait_for_function("!document.querySelector('[data-plan]').hidden")
    assert page.locator(".kit-table__amount").all_inner_texts() == amounts
    server.stop()
    page.goto(server.url + "/ru/kit")
    page.wait_for_function("!document.querySelector('[data-plan]').hidden")
    assert page.locator("[data-freshness-offline]").is_visible()
    assert page.input_value("#adults") == "3"
    assert page.is_checked(".kit-form input[name=days][value='7']")
    assert page.locator(".kit-table__amount").all_inner_texts() == amounts


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
