"""What a person sees on the "Now" page in Chromium: the first screen, languages, areas, the bottom bar."""

import re
from datetime import datetime, timedelta, timezone

import pytest

from preparedness.db import connect, transaction
from preparedness.notices.store import iso, save_notice
from tests.browser.conftest import start_server

pytestmark = pytest.mark.browser

LANGUAGES = ("ru", "uk", "en", "uz", "tg", "ky", "hy", "zh", "ar")
# Where everything that must be read in the first seconds sits on the card.
FIRST_SCREEN = ("#do-now", ".do-now__areas", ".do-now__time", ".do-now .steps--now li", ".do-now__go")


def add_drill(database, kind="missile", areas=("shebekino",)):
    """Publish an exercise notice straight into a running server's database (it reads every change)."""
    sent = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=1)
    notice = {"identifier": f"drill-{kind}", "sender": "test", "sent": iso(sent), "status": "Exercise",
              "msg_type": "Alert", "refs": None, "kind": kind, "severity": "Extreme", "urgency": "Immediate",
              "certainty": "Observed", "effective": iso(sent), "expires": iso(sent + timedelta(hours=1)),
              "region_wide": 0, "areas": list(areas), "source": "test", "url": None, "original_lang": "ru",
              "publication": "published", "is_sample": 0, "received_at": iso(sent), "raw": None,
              "texts": {"ru": {"event": "Учения", "headline": "Учебная ракетная опасность",
                               "description": "", "instruction": "Это учения."}}}
    db = connect(str(database))
    with transaction(db):
        save_notice(db, notice)
    db.close()


@pytest.fixture(scope="module")
def drill_server(tmp_path_factory):
    """The sample data (a real missile alert for Shebekino) plus a missile drill for the same area."""
    folder = tmp_path_factory.mktemp("drill")
    running = start_server(folder)
    add_drill(folder / "live.sqlite3")
    yield running
    running.stop()


@pytest.fixture
def phone(browser):
    """A 360×640 phone."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["ru", "ar", "ky"])
def test_first_screen_holds_the_real_alert_and_the_way_to_a_shelter(phone, drill_server, lang):
    phone.goto(f"{drill_server.url}/{lang}/?area=shebekino")
    bar_top = phone.locator(".tabbar").bounding_box()["y"]
    assert phone.locator(".do-now").get_attribute("class") == "do-now card--missile"
    assert phone.locator(".do-now[data-drill]").count() == 0          # the drill does not lead
    for selector in FIRST_SCREEN:
        where = phone.locator(selector).first.bounding_box()
        assert where and where["y"] >= 0 and where["y"] + where["height"] <= bar_top, (lang, selector, where)
    time_line = phone.locator(".do-now__time").inner_text()
    assert len(re.findall(r"\d\d:\d\d", time_line)) == 2, time_line   # announced HH:MM … until HH:MM
    assert phone.locator(".do-now__go").get_attribute("href") == f"/{lang}/shelters/?area=shebekino"
    # The drill is labelled on its own card, below the real alert; no banner above anything.
    drill = phone.locator("article.notice--drill")
    assert drill.count() == 1 and drill.locator(".drill-banner").count() == 1
    assert drill.bounding_box()["y"] > phone.locator(".do-now").bounding_box()["y"]
    assert phone.locator("main > .drill-banner").count() == 0
    print(f"{lang}: shelter button ends {phone.locator('.do-now__go').bounding_box()['y'] + 56:.0f} px "
          f"down; bar starts at {bar_top:.0f}")


def test_ages_never_run_ahead_of_a_slow_device_clock(phone, drill_server):
    # The phone's clock is ten minutes behind: the six-minute-old alert would be "in 4 minutes".
    phone.clock.set_fixed_time(datetime.now(timezone.utc) - timedelta(minutes=10))
    phone.goto(f"{drill_server.url}/ru/?area=shebekino")
    ages = phone.locator("time[data-age]").all_inner_texts()
    assert ages and "только что" in ages and not any("через" in a for a in ages), ages


def test_ages_follow_the_device_clock(phone, drill_server):
    # Twenty minutes after the page was made (a saved copy, or a tab left open), ages say so.
    phone.clock.set_fixed_time(datetime.now(timezone.utc) + timedelta(minutes=20))
    phone.goto(f"{drill_server.url}/en/?area=shebekino")
    minutes = [int(m) for m in re.findall(r"(\d+) minutes ago", " ".join(phone.locator("time[data-age]").all_inner_texts()))]
    assert minutes and min(minutes) >= 20, minutes


def test_use_my_location_chooses_the_area_on_the_device(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 640}, permissions=["geolocation"],
                                  geolocation={"latitude": 50.41, "longitude": 36.9})
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    try:
        page.goto(f"{live_server}/en/")
        page.locator(".ask-area").get_by_role("button", name="Use my location").click()
        page.wait_for_url(f"{live_server}/en/?area=shebekino")
        assert not any("50.41" in url or "36.9" in url for url in sent)
    finally:
        context.close()


def test_the_nearest_shelter_button_goes_to_the_nearest_shelter_when_location_is_allowed(browser, drill_server):
    context = browser.new_context(viewport={"width": 360, "height": 640}, permissions=["geolocation"],
                                  geolocation={"latitude": 50.4003, "longitude": 36.8875})
    page = context.new_page()
    try:
        page.goto(f"{drill_server.url}/en/?area=shebekino")
        button = page.locator(".do-now__go")
        page.wait_for_function("() => /\\/shelters\\/\\d+$/.test(document.querySelector('.do-now__go').href)")
        # A full shelter lies 320 m away, an open one 1.9 km: the open one, with its distance.
        assert re.search(r"Podval zhilogo doma|Подвал жилого дома", page.locator(".do-now__target").inner_text())
        assert "1.9" in page.locator(".do-now__target").inner_text()
        button.click()
        page.wait_for_url(re.compile(r"/en/shelters/\d+$"))
        assert page.locator(".shelter-status .pill").inner_text() == "Open"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bottom_bar_fits_320_px_in_every_language(browser, live_server, lang):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/{lang}/?area=belgorod")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{lang}: {overflow} px wider than the screen"
        cells = page.evaluate("""() => [...document.querySelectorAll('.tabbar > ul > li')].map((li) => {
          const cell = li.querySelector('a, summary'), r = cell.getBoundingClientRect();
          // Every word on one line: a word broken in two has two boxes.
          const words = [];
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const text = walker.currentNode;
            for (const m of text.data.matchAll(/\\S+/g)) {
              const range = document.createRange();
              range.setStart(text, m.index);
              range.setEnd(text, m.index + m[0].length);
              words.push({word: m[0], lines: new Set([...range.getClientRects()].map((b) => Math.round(b.top))).size,
                          left: range.getBoundingClientRect().left, right: range.getBoundingClientRect().right});
            }
          }
          return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, words,
                  clipped: cell.scrollWidth > cell.clientWidth || cell.scrollHeight > cell.clientHeight};
        })""")
        assert len(cells) == 4
        for cell in cells:
            assert not cell["clipped"] and cell["left"] >= 0 and cell["right"] <= 320, (lang, cell)
            assert cell["bottom"] <= 640 and cell["bottom"] - cell["top"] >= 48, (lang, cell)
            for word in cell["words"]:
                assert word["lines"] == 1, (lang, word)
                assert cell["left"] <= word["left"] and word["right"] <= cell["right"] + 0.5, (lang, word)
        call = page.locator(".tabbar a[href^='tel:']")
        assert call.get_attribute("href") == "tel:112" and call.is_visible()
        # The other sections are one tap away.
        page.locator(".tabbar summary").click()
        for link in page.locator(".tabbar__more a").all():
            box = link.bounding_box()
            assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 320, lang
    finally:
        context.close()


def test_switch_language_and_area_then_come_back(page, live_server):
    page.goto(live_server + "/")
    assert page.url == live_server + "/ru/"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text().startswith("Сейчас")

    # The switcher is folded under the current language's name; each language is named in itself.
    page.get_by_role("navigation", name="Язык").locator("summary").click()
    page.get_by_role("link", name="English").click()
    assert page.url == live_server + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    sections = page.get_by_role("navigation", name="Sections").inner_text().split()
    assert sections[:4] == ["Now", "Shelters", "112", "More"], sections

    # First visit: the area is asked for at the top; one tap chooses it.
    assert page.locator(".ask-area").bounding_box()["y"] < page.locator(".do-now").bounding_box()["y"]
    page.locator(".ask-area").get_by_role("link", name="Shebekino district").click()
    page.wait_for_url(live_server + "/en/?area=shebekino")
    assert page.locator("h1").inner_text() == "Now: Shebekino district"
    status = page.get_by_role("status").inner_text()
    assert "active notice" in status and "Shebekino district" in status
    headlines = page.locator(".notice__headline").all_inner_texts()
    assert "Missile danger. Belgorod, Shebekino district" in headlines
    assert not any("Graivoron" in h or "Грайворон" in h for h in headlines)
    assert page.get_by_text("Original in Russian").first.is_visible()

    # The device remembers both choices: "/" goes to English, the "Now" page to Shebekino.
    page.goto(live_server + "/")
    page.wait_for_url(live_server + "/en/?area=shebekino")
    assert page.get_by_label("Your area").input_value() == "shebekino"

    # Every tab carries the area, even from a page that has none of its own.
    page.goto(live_server + "/en/checklists/")
    page.locator(".tabbar").get_by_role("link", name="Shelters").click()
    page.wait_for_url(live_server + "/en/shelters/?area=shebekino")
    page.locator(".tabbar summary").click()
    page.locator(".tabbar__more").get_by_role("link", name="Notices").click()
    page.wait_for_url(live_server + "/en/notices/?area=shebekino")

    # The language switcher keeps the page and the area.
    page.goto(live_server + "/en/?area=shebekino")
    page.get_by_role("navigation", name="Language").locator("summary").click()
    page.get_by_role("link", name="Українська").click()
    page.wait_for_url(live_server + "/uk/?area=shebekino")
    assert page.locator("h1").inner_text().startswith("Зараз: Шебекинський")


def test_area_choice_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_server + "/en/")
        page.locator(".ask-area").get_by_role("link", name="Other area").click()
        page.get_by_label("Your area").select_option("graivoron")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url(live_server + "/en/?area=graivoron")
        assert page.locator("h1").inner_text() == "Now: Graivoron district"
        assert page.locator(".notice--drone").count() >= 1
        # Without JavaScript the area still goes with the reader, in the links.
        assert page.locator(".tabbar").get_by_role("link", name="Shelters").get_attribute("href") == \
            "/en/shelters/?area=graivoron"
        assert page.locator(".do-now__go").get_attribute("href") == "/en/shelters/?area=graivoron"
    finally:
        context.close()


def test_touch_targets_are_at_least_48_px(page, live_server):
    page.goto(live_server + "/en/?area=belgorod")
    for selector in (".tabbar a", ".tabbar summary", ".langs a", "select", "button", ".do-now__go"):
        for box in (el.bounding_box() for el in page.locator(selector).all() if el.is_visible()):
            assert box["height"] >= 48, selector
