"""Right-to-left Arabic and narrow-screen Chinese, as Chromium lays them out."""

import pytest

pytestmark = pytest.mark.browser


def box(page, selector):
    """The bounding box of the first element matching `selector`."""
    return page.locator(selector).first.bounding_box()


def test_arabic_now_page_runs_right_to_left(page, live_server):
    page.goto(live_server + "/ar/?area=shebekino")
    assert page.locator("html").get_attribute("dir") == "rtl"
    width = page.viewport_size["width"]
    brand = box(page, ".brand")
    assert brand["x"] + brand["width"] > width - 40      # the site name starts at the right edge
    assert brand["x"] > 40
    select, button = box(page, "#area"), box(page, ".area-form button")
    assert button["x"] + button["width"] <= select["x"] + 1  # the button sits to the left of the select
    # The coloured bar that marks a notice is on its starting (right) side.
    bar = page.locator(".notice").first.evaluate("e => getComputedStyle(e).borderRightWidth")
    assert bar == "8px"
    # Times stay readable: digits and colon in the expected order.
    assert page.locator(".notice__time").first.inner_text().count(":") >= 2


def test_arabic_checklist_runs_right_to_left(page, live_server):
    page.goto(live_server + "/ar/checklists/grab-bag")
    assert page.locator("html").get_attribute("dir") == "rtl"
    item = page.locator(".checklist li").first
    checkbox = item.locator("input[type=checkbox]")
    checkbox.wait_for()
    text = item.locator(".checklist__text")
    # The tick box comes first in reading order: on the right of the item's text.
    assert checkbox.bounding_box()["x"] > text.bounding_box()["x"]
    heading = box(page, "h1")
    main = box(page, "main")
    assert abs((heading["x"] + heading["width"]) - (main["x"] + main["width"] - 16)) < 4


@pytest.mark.parametrize("path", ["/zh/?area=belgorod", "/zh/checklists/grab-bag", "/zh/kit?adults=2&days=7",
                                  "/zh/shelters/?area=belgorod", "/zh/notices/"])
def test_chinese_pages_do_not_overflow_a_360_px_screen(page, live_server, path):
    page.goto(live_server + path)
    assert page.locator("html").get_attribute("lang") == "zh"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow} px wider than the screen"
