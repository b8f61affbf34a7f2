"""Checklists and the kit planner in Chromium: ticks stay on the device, − / + steppers, the household sent
only by POST, print buttons; print views fit one A4 page."""

import json
import re
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from preparedness.guidance.checklists import CHECKLISTS
from preparedness.notices.kinds import KINDS

pytestmark = pytest.mark.browser

PDF_PAGE = re.compile(rb"/Type\s*/Page[^s]")
SAMPLE_KIT = {"adults": "2", "children": "1", "infants": "1", "cats": "1", "on_medication": "1", "days": "7",
              "water_at_risk": "y"}
BIG_KIT = {**SAMPLE_KIT, "dogs": "2", "teenagers": "1", "older": "1", "toddlers": "1"}


def test_ticks_survive_a_reload_and_reset_clears_them(page, live_server):
    page.goto(live_server + "/en/checklists/grab-bag")
    items = page.locator(".checklist li")
    total = items.count()
    assert total == len(CHECKLISTS["grab-bag"].items)
    progress = page.locator(".progress")
    expect(progress).to_have_text(f"0 of {total} done")
    expect(progress).to_be_visible()

    page.get_by_label("Drinking water for 3 days").check()
    page.get_by_label("Whistle").check()
    expect(progress).to_have_text(f"2 of {total} done")

    page.reload()
    assert page.get_by_label("Drinking water for 3 days").is_checked()
    assert page.get_by_label("Whistle").is_checked()
    assert not page.get_by_label("Matches, a notepad and a pencil").is_checked()
    expect(page.locator(".progress")).to_have_text(f"2 of {total} done")

    # Ids do not depend on the language: the Russian page shows the same ticks.
    page.goto(live_server + "/ru/checklists/grab-bag")
    expect(page.locator(".checklist input:checked")).to_have_count(2)

    page.goto(live_server + "/en/checklists/grab-bag")
    page.get_by_role("button", name="Clear all ticks").click()
    expect(page.locator(".progress")).to_have_text(f"0 of {total} done")
    page.reload()
    expect(page.locator(".checklist input")).to_have_count(total)
    assert page.locator(".checklist input:checked").count() == 0
    # Other checklists keep their own ticks.
    page.goto(live_server + "/en/checklists/pets")
    expect(page.locator(".checklist input")).to_have_count(len(CHECKLISTS["pets"].items))
    assert page.locator(".checklist input:checked").count() == 0


def test_checklist_reads_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/en/checklists/flat")
        assert page.locator(".checklist li").count() == len(CHECKLISTS["flat"].items)
        assert page.get_by_text("Safety film on the windows").is_visible()
        assert page.locator(".checklist input").count() == 0
        assert not page.locator(".progress").is_visible()
        assert not page.get_by_role("button", name="Clear all ticks").is_visible()
    finally:
        context.close()


def fill_kit(page, live_server, lang, fields):
    """Open the kit planner and send `fields` with its own form (a POST, as a reader does)."""
    page.goto(f"{live_server}/{lang}/kit")
    for name, value in fields.items():
        if name == "days":
            page.locator(f".kit-form input[name=days][value='{value}']").check()
        elif name == "water_at_risk":
            page.locator(".kit-form input[name=water_at_risk]").check()
        else:
            page.locator(f".kit-form input[name={name}]").fill(value)
    page.locator(".kit-form button[type=submit]").click()
    page.wait_for_load_state()


def open_kit_view(page, live_server, lang, fields, action):
    """The kit's print view (`action` = "print" or "sheet") reached through the form, as a reader does."""
    fill_kit(page, live_server, lang, fields)
    page.locator(f"form[action='/{lang}/kit/{action}'] button").click()
    page.wait_for_load_state()


def pdf_pages(page, url=None):
    """How many A4 pages Chromium prints `url` (or the page already open) on, using the page's print CSS."""
    if url:
        page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(PDF_PAGE.findall(pdf))


PRINT_VIEWS = ([f"/en/checklists/{slug}/print" for slug in CHECKLISTS]
               + [f"/ru/checklists/{slug}/print" for slug in ("grab-bag", "home-supplies", "flat")]
               + [f"/en/checklists/{kind}/print" for kind in KINDS]
               + ["/en/kit/sheet", "/ar/kit/sheet"])
KIT_PRINT_VIEWS = [("en", SAMPLE_KIT, "print"), ("ru", BIG_KIT, "print"), ("en", SAMPLE_KIT, "sheet")] + [
    (lang, BIG_KIT, "sheet") for lang in ("ru", "uk", "ky", "ar")]


@pytest.mark.parametrize("path", PRINT_VIEWS)
def test_print_view_is_one_a4_page(page, live_server, path):
    assert pdf_pages(page, live_server + path) == 1


@pytest.mark.parametrize("lang, fields, action", KIT_PRINT_VIEWS)
def test_kit_print_views_are_one_a4_page(page, live_server, lang, fields, action):
    open_kit_view(page, live_server, lang, fields, action)
    assert page.locator(".kit-table--boxes").is_visible()
    assert pdf_pages(page) == 1


def plan_table(page):
    """The plan's rows as (label, amount, note) texts."""
    return page.locator(".kit-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.innerText.replace(/\\s+/g, ' ').trim())")


@pytest.mark.parametrize("lang", ("ru", "uk", "en", "uz", "tg", "ky", "hy", "zh", "ar"))
def test_kit_plans_on_the_device_exactly_as_the_server_does_and_sends_nothing(browser, live_server, lang):
    server = browser.new_context(java_script_enabled=False)
    device = browser.new_context(viewport={"width": 360, "height": 640})
    try:
        page = server.new_page()
        fill_kit(page, live_server, lang, BIG_KIT)
        expected = plan_table(page)
        heading = page.locator("#plan").inner_text()
        page = device.new_page()
        sent = []
        page.on("request", lambda request: sent.append((request.method, request.url, request.post_data)))
        fill_kit(page, live_server, lang, BIG_KIT)
        expect(page.locator("[data-plan]")).to_be_visible()
        assert plan_table(page) == expected and len(expected) == 12
        assert page.locator("#plan").inner_text() == heading
        assert page.url == f"{live_server}/{lang}/kit"
    finally:
        server.close()
        device.close()
    assert {method for method, _url, _body in sent} == {"GET"}
    assert [url for _m, url, _b in sent if url.endswith(f"/{lang}/kit")] == [f"{live_server}/{lang}/kit"]
    assert not any("adults=" in url for _m, url, _b in sent)


def test_kit_steppers_and_the_print_button(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append((request.method, request.url)))
    try:
        page.goto(f"{live_server}/en/kit")
        adults = page.locator(".kit-form input[name=adults]")
        page.get_by_role("button", name="More: Adults (18–64)").click()
        expect(adults).to_have_value("3")
        page.get_by_role("button", name="Fewer: Cats").click()  # never below 0
        expect(page.locator(".kit-form input[name=cats]")).to_have_value("0")
        page.get_by_role("button", name="More: Toddlers (1–2)").click()
        page.locator(".kit-form button[type=submit]").click()
        expect(page.locator(".kit-table")).to_contain_text("18 nappies")  # a toddler: 6 a day x 3 days
        expect(page.locator("#plan")).to_be_focused()
        # Printing asks the server for the print view, by POST (never in a URL).
        page.locator("form[action='/en/kit/print'] button").click()
        page.wait_for_load_state()
        assert page.url == f"{live_server}/en/kit/print"
        expect(page.locator(".kit-table")).to_contain_text("18 nappies")
        page.evaluate("window.print = () => { window.printed = true; }")
        page.get_by_role("button", name="Print", exact=True).click()
        assert page.evaluate("window.printed") is True
    finally:
        context.close()
    assert ("POST", f"{live_server}/en/kit") not in sent  # planned on the device
    assert ("POST", f"{live_server}/en/kit/print") in sent
    assert not any("adults=" in url or "toddlers=" in url for _method, url in sent)


def test_a_form_the_device_cannot_read_goes_to_the_server(page, live_server):
    page.goto(f"{live_server}/en/kit")
    page.locator(".kit-form input[name=adults]").fill("two")
    page.locator(".kit-form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_contain_text("Enter a whole number")
    assert not page.locator("[data-plan]").is_visible()


def test_kit_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        fill_kit(page, live_server, "ru", SAMPLE_KIT)
        assert page.locator(".kit-table").is_visible()
        assert page.locator(".stepper").count() == 0
        page.locator("form[action='/ru/kit/print'] button").click()
        page.wait_for_load_state()
        assert page.locator(".kit-table--boxes").is_visible()
        assert not page.locator("[data-print]").is_visible()  # the browser's own Print command instead
    finally:
        context.close()



@pytest.mark.parametrize("lang", ("ru", "uk", "en", "ar"))
def test_now_page_shows_the_first_missile_step_above_the_fold(browser, live_server, lang):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/{lang}/checklists/missile")
        first_on_card = page.locator("ol.steps--now li").first.inner_text()
        # The sample data has an active missile notice for Shebekino.
        page.goto(f"{live_server}/{lang}/?area=shebekino")
        first_step = page.locator("section.do-now.card--missile ol.steps li").first
        assert first_step.inner_text() == first_on_card
        where = first_step.bounding_box()
        print(f"{lang}: first missile step ends {where['y'] + where['height']:.0f} px down of 640")
        assert first_step.is_visible()
        assert where["y"] >= 0 and where["y"] + where["height"] <= 640
    finally:
        context.close()


def nearest_open(live_server, lat, lon):
    """Names and addresses of the 3 nearest shelters that are not closed, from the server's own API."""
    with urllib.request.urlopen(f"{live_server}/api/shelters/nearest?lat={lat}&lon={lon}&n=10") as response:
        found = json.load(response)["shelters"]
    return [f"{s['name']}, {s['address']}" for s in found if s["status"] != "closed"][:3]


def test_fridge_sheet_is_filled_in_on_the_device_and_nothing_is_sent(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, permissions=["geolocation"],
                                  geolocation={"latitude": 50.596, "longitude": 36.587})  # Belgorod
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append((request.method, request.url, request.post_data)))
    try:
        page.goto(live_server + "/en/?area=shebekino")  # the Now page remembers the area
        page.goto(f"{live_server}/en/kit/sheet")
        shelters = page.locator("[data-shelter]")
        expect(shelters).to_have_text(nearest_open(live_server, 50.4, 36.887))  # Shebekino's centre

        page.get_by_label("Name 1").fill("Olga Ivanova")
        page.get_by_label("Phone 1").fill("+7 900 111-22-33")
        page.get_by_label("Name 2").fill("Pavel")
        page.get_by_label("Meeting point near home").fill("School No. 5, main gate")
        page.get_by_role("button", name="Save").click()
        page.reload()
        contacts = page.locator("[data-contact]")
        assert contacts.all_inner_texts() == ["Olga Ivanova · +7 900 111-22-33", "Pavel", ""]
        assert page.locator("[data-meeting]").inner_text() == "School No. 5, main gate"
        assert page.get_by_label("Phone 1").input_value() == "+7 900 111-22-33"

        # A position the user grants replaces the area's centre.
        page.get_by_role("button", name="Find shelters near me").click()
        belgorod = nearest_open(live_server, 50.596, 36.587)
        expect(shelters).to_have_text(belgorod)

        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert len(PDF_PAGE.findall(pdf)) == 1
        assert b"%PDF" in pdf[:8]
    finally:
        context.close()
    assert {method for method, _url, _body in sent} == {"GET"}
    assert not any(body for _method, _url, body in sent)
    for _method, url, _body in sent:
        assert not re.search(r"Olga|Ivanova|Pavel|900|School|50\.59|36\.58|50\.4\b", url), url


def test_fridge_sheet_without_javascript_has_lines_to_write_on(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        open_kit_view(page, live_server, "en", SAMPLE_KIT, "sheet")
        assert page.locator("[data-shelter]").all_inner_texts() == ["", "", ""]
        assert page.locator("[data-contact]").all_inner_texts() == ["", "", ""]
        assert all(box["height"] > 10 for box in
                   (line.bounding_box() for line in page.locator(".write-line").all()))
        assert not page.locator("[data-contacts-form]").is_visible()
        assert page.get_by_role("heading", name="Missile danger").is_visible()
        assert page.get_by_role("heading", name="Drone attack danger").is_visible()
        assert page.locator(".kit-table").is_visible()
        assert page.locator("svg.qr").is_visible()
        assert pdf_pages(page) == 1
    finally:
        context.close()


LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 500);
})"""


@pytest.mark.parametrize("slug", ["grab-bag", "flat"])
def test_checklist_ticks_appear_without_moving_the_page(page, live_server, slug):
    page.goto(f"{live_server}/en/checklists/{slug}")
    page.locator(".checklist input").first.check()

    def late_script(route):
        """Hold checklist.js back, as a slow phone network would, so the page is painted before it runs."""
        time.sleep(0.4)
        route.continue_()

    page.route(re.compile(r"/static/js/checklist\.[^/]*js"), late_script)
    page.reload(wait_until="load")
    shift = page.evaluate(LAYOUT_SHIFT)
    print(f"{slug}: cumulative layout shift {shift:.4f}")
    assert page.locator(".checklist input").count() == len(CHECKLISTS[slug].items)
    assert page.locator(".progress").is_visible()
    assert shift < 0.01
