"""A saved "Now" page opened offline, hours later: expired notices say so, and nothing stale says "do now"."""

import re
from datetime import datetime, timedelta, timezone

import pytest

from tests.browser.conftest import start_server

pytestmark = pytest.mark.browser

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
SAVED = """async (url) => {
  for (let i = 0; i < 100; i++) {
    if (await caches.match(url, {ignoreVary: true})) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""


@pytest.fixture
def server(tmp_path):
    """The sample data: a missile alert for Shebekino that expires 54 minutes after it is loaded."""
    running = start_server(tmp_path, sample_data=True)
    yield running
    running.stop()


def saved_offline(browser, server, url):
    """A phone that saved `url` online, then lost the server; returns the page."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(CONTROLLED)
    page.goto(url)
    assert page.evaluate(SAVED, url), f"{url} was not saved"
    assert page.locator(".do-now [data-do-now]").first.is_visible()
    server.stop()
    return page


def test_an_expired_notice_ends_and_a_stale_page_says_the_situation_is_unknown(browser, server):
    url = server.url + "/ru/?area=shebekino"
    loaded = datetime.now(timezone.utc)
    page = saved_offline(browser, server, url)
    try:
        # 56 minutes on: the missile alert (54 minutes left when saved) has ended; the page is not yet stale.
        page.clock.set_fixed_time(loaded + timedelta(minutes=56))
        response = page.goto(url)
        assert response.from_service_worker
        lead = page.locator(".do-now")
        ended = lead.locator("[data-ended]")
        ended.wait_for()
        assert re.fullmatch(r"Закончилось в \d\d:\d\d", ended.inner_text()), ended.inner_text()
        assert not lead.locator("[data-do-now]").first.is_visible()   # no "do now", no step, no button
        assert "Сделайте сейчас" not in lead.inner_text()
        assert not lead.locator("[data-until]").is_visible()
        # A notice still in force keeps its times; the region-wide drone alert has ended too.
        cards = page.locator("article[data-notice]")
        states = [cards.nth(i).get_attribute("data-ended-now") is not None for i in range(cards.count())]
        assert True in states and False in states, states

        # Past the staleness limit (60 minutes): nothing on the page is confirmed any more.
        page.clock.set_fixed_time(loaded + timedelta(hours=5))
        page.goto(url)
        unknown = page.locator("[data-status-unknown]")
        unknown.wait_for()
        assert "неизвестна" in unknown.inner_text() and "сирен" in unknown.inner_text()
        assert page.locator(".do-now").count() == 0
        assert "Сделайте сейчас" not in page.locator("main").inner_text()
        assert "Нет активных" not in page.locator("main").inner_text()
        assert unknown.bounding_box()["y"] < 640
    finally:
        page.context.close()


def test_a_stale_calm_page_never_says_no_active_alerts(browser, tmp_path):
    running = start_server(tmp_path, sample_data=False)
    url = running.url + "/ru/?area=rovenki"
    loaded = datetime.now(timezone.utc)
    page = None
    try:
        context = browser.new_context(viewport={"width": 360, "height": 640})
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(CONTROLLED)
        page.goto(url)
        assert page.evaluate(SAVED, url)
        assert page.locator(".status--calm").is_visible()
        running.stop()
        page.clock.set_fixed_time(loaded + timedelta(hours=3))
        page.goto(url)
        page.locator("[data-status-unknown]").wait_for()
        assert page.locator(".status--calm").count() == 0
    finally:
        running.stop()
        if page:
            page.context.close()
