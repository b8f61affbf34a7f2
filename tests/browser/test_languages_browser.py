"""Right-to-left Arabic and narrow-screen Chinese, as Chromium lays them out."""

import re
from datetime import datetime, timedelta, timezone

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


CHINESE_PAGES = ["/zh/?area=belgorod", "/zh/checklists/grab-bag", "/zh/kit",
                 "/zh/shelters/?area=belgorod", "/zh/notices/", "/zh/offline", "/zh/checklists/grab-bag/print",
                 "/zh/checklists/missile/print", "/zh/kit/print"]
# The household goes to the kit's print view by POST, as the planner's Print button sends it.
HOUSEHOLD = {"adults": "2", "children": "1", "cats": "1", "days": "7"}


def open_page(page, url):
    """GET a page, or for the kit's print view POST the household to it from the planner."""
    if not url.endswith("/kit/print"):
        return page.goto(url)
    page.goto(url.rsplit("/", 1)[0])
    with page.expect_navigation():
        page.evaluate("""([action, fields]) => {
          const form = Object.assign(document.createElement('form'), {method: 'post', action});
          for (const [name, value] of Object.entries(fields))
            form.append(Object.assign(document.createElement('input'), {name, value, type: 'hidden'}));
          document.body.append(form);
          form.submit();
        }""", [url, HOUSEHOLD])


@pytest.mark.parametrize("path", CHINESE_PAGES)
def test_chinese_pages_do_not_overflow_a_360_px_screen(page, live_server, path):
    open_page(page, live_server + path)
    assert page.locator("html").get_attribute("lang") == "zh"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow} px wider than the screen"


def print_layout(page, url):
    """Where the sheet's title, QR code, first tick box and its text sit when Chromium prints `url`."""
    page.set_viewport_size({"width": 794, "height": 1123})  # an A4 sheet at 96 dpi
    open_page(page, url)
    page.emulate_media(media="print")
    return page.evaluate("""() => {
      const rect = el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right}; };
      const item = document.querySelector('.boxes li, .kit-table--boxes tbody th');
      const range = document.createRange();
      range.selectNodeContents(item);
      const lines = Array.from(range.getClientRects());
      const tick = getComputedStyle(item, '::before');
      return {sheet: rect(document.querySelector('.sheet')), title: rect(document.querySelector('.sheet h1')),
              qr: rect(document.querySelector('.sheet .qr')), item: rect(item),
              text_right: Math.max(...lines.map(r => r.right)),
              tick_right: parseFloat(tick.right), tick_width: parseFloat(tick.width)};
    }""")


@pytest.mark.parametrize("path", ["/ar/checklists/grab-bag/print", "/ar/checklists/home-supplies/print",
                                  "/ar/kit/print"])
def test_arabic_print_views_run_right_to_left(page, live_server, path):
    where = print_layout(page, live_server + path)
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The title starts at the right edge of the sheet; the QR code sits on the left.
    assert abs(where["title"]["right"] - where["sheet"]["right"]) < 2
    assert where["qr"]["right"] < where["title"]["left"]
    # Each tick box is drawn at the item's right edge, and the item's words stay to the left of it.
    assert where["tick_right"] == 0 and where["tick_width"] > 10
    assert where["text_right"] <= where["item"]["right"] - where["tick_width"]
    assert where["item"]["right"] > where["sheet"]["right"] - 2


@pytest.mark.parametrize("path", ["/ar/checklists/grab-bag/print", "/ar/kit/print"])
def test_arabic_print_views_fit_one_a4_page(page, live_server, path):
    open_page(page, live_server + path)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_arabic_times_and_amounts_use_one_kind_of_digits(page, live_server):
    page.goto(live_server + "/ar/?area=shebekino")
    times = page.locator(".notice__time").first.inner_text()  # Babel, on the server
    page.goto(live_server + "/ar/kit")
    page.fill(".kit-form [name=adults]", "2")
    page.fill(".kit-form [name=children]", "1")
    page.check(".kit-form input[name=days][value='7']")
    page.locator(".kit-form [type=submit]").first.click()       # planned on the device (kit.js)
    amounts = " ".join(page.locator(".kit-table__amount").all_inner_texts())
    # Three hours later the page says how old it is: time and age written by the browser's Intl.
    page.clock.set_fixed_time(datetime.now(timezone.utc) + timedelta(hours=3))
    page.goto(live_server + "/ar/?area=shebekino")
    stale = page.locator("[data-freshness-stale]")
    stale.wait_for()
    banner = stale.inner_text()
    assert re.search(r"\d{2}:\d{2}", times) and re.search(r"\d", amounts)
    assert re.search(r"\d{2}:\d{2}", banner) and re.search(r"\b3\b", banner), banner
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", times + amounts + banner), "Arabic-Indic digits mixed in"


def test_the_chosen_language_is_remembered_for_the_bare_address(page, live_server):
    page.goto(live_server + "/ru/")
    page.locator(".langs summary").click()
    page.locator('.langs a[hreflang="ar"]').click()
    page.wait_for_url(re.compile(r"/ar/"))
    page.wait_for_load_state()  # app.js runs on every page and keeps the cookie up to date
    page.goto(live_server + "/")
    assert re.search(r"/ar/(\?.*)?$", page.url)
    # Everything else carries the language in its address: every link but the switcher's stays in Arabic.
    links = page.eval_on_selector_all("a[href^='/']:not([hreflang])", "els => els.map(e => e.getAttribute('href'))")
    assert links and all(href.startswith("/ar/") for href in links), links
