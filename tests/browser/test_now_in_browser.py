"""What a person sees on the "Now" page in Chromium: language and area choices."""

import pytest

pytestmark = pytest.mark.browser


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
    assert page.get_by_role("navigation", name="Sections").inner_text().split()[:3] == [
        "Now", "Notices", "Shelters"]

    # Choosing an area reloads the page for it (the select submits itself).
    with page.expect_navigation():
        page.get_by_label("Your area").select_option("shebekino")
    assert page.url == live_server + "/en/?area=shebekino"
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

    # The language switcher keeps the page and the area.
    page.get_by_role("navigation", name="Language").locator("summary").click()
    page.get_by_role("link", name="Українська").click()
    page.wait_for_url(live_server + "/uk/?area=shebekino")
    assert page.locator("h1").inner_text().startswith("Зараз: Шебекинський")


def test_area_form_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_server + "/en/")
        page.get_by_label("Your area").select_option("graivoron")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url(live_server + "/en/?area=graivoron")
        assert page.locator("h1").inner_text() == "Now: Graivoron district"
        assert page.locator(".notice--drone").count() >= 2
    finally:
        context.close()


def test_touch_targets_are_at_least_48_px(page, live_server):
    page.goto(live_server + "/en/?area=belgorod")
    for selector in (".sections a", ".langs a", "select", "button"):
        for box in (el.bounding_box() for el in page.locator(selector).all() if el.is_visible()):
            assert box["height"] >= 48, selector
