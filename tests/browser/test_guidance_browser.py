"""Checklists in Chromium: ticks stay on the device, progress and reset; print views fit one A4 page."""

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
SAMPLE_KIT = "adults=2&children=1&infants=1&cats=1&on_medication=1&days=7&water_at_risk=y"


def test_ticks_survive_a_reload_and_reset_clears_them(page, live_server):
    page.goto(live_server + "/en/checklists/grab-bag")
    items = page.locator(".checklist li")
    total = items.count()
    assert total == len(CHECKLISTS["grab-bag"].items)
    progress = page.locator(".progress")
    expect(progress).to_have_text(f"0 of {total} done")
    expect(progress).to_be_visible()

    page.get_by_label("Water, 1.5–2 L per person").check()
    page.get_by_label("Whistle").check()
    expect(progress).to_have_text(f"2 of {total} done")

    page.reload()
    assert page.get_by_label("Water, 1.5–2 L per person").is_checked()
    assert page.get_by_label("Whistle").is_checked()
    assert not page.get_by_label("Foil blanket").is_checked()
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


def pdf_pages(page, url):
    """How many A4 pages Chromium prints `url` on, using the page's own print CSS."""
    page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(PDF_PAGE.findall(pdf))


PRINT_VIEWS = ([f"/en/checklists/{slug}/print" for slug in CHECKLISTS]
               + [f"/ru/checklists/{slug}/print" for slug in ("grab-bag", "home-supplies", "flat")]
               + [f"/en/checklists/{kind}/print" for kind in KINDS]
               + [f"/en/kit/print?{SAMPLE_KIT}", f"/ru/kit/print?{SAMPLE_KIT}&dogs=2&teenagers=1&older=1"]
               + ["/en/kit/sheet", f"/en/kit/sheet?{SAMPLE_KIT}"]
               + [f"/{lang}/kit/sheet?{SAMPLE_KIT}&dogs=2&teenagers=1&older=1" for lang in ("ru", "uk", "ky")])


@pytest.mark.parametrize("path", PRINT_VIEWS)
def test_print_view_is_one_a4_page(page, live_server, path):
    assert pdf_pages(page, live_server + path) == 1



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
        page.goto(f"{live_server}/en/kit/sheet?{SAMPLE_KIT}")
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
        page.goto(f"{live_server}/en/kit/sheet?{SAMPLE_KIT}")
        assert page.locator("[data-shelter]").all_inner_texts() == ["", "", ""]
        assert page.locator("[data-contact]").all_inner_texts() == ["", "", ""]
        assert all(box["height"] > 10 for box in
                   (line.bounding_box() for line in page.locator(".write-line").all()))
        assert not page.locator("[data-contacts-form]").is_visible()
        assert page.get_by_role("heading", name="Missile danger").is_visible()
        assert page.get_by_role("heading", name="Drone attack danger").is_visible()
        assert page.locator(".kit-table").is_visible()
        assert page.locator("svg.qr").is_visible()
        assert pdf_pages(page, f"{live_server}/en/kit/sheet?{SAMPLE_KIT}") == 1
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
