"""Checklists in Chromium: ticks stay on the device, progress and reset; print views fit one A4 page."""

import re

import pytest

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
    assert progress.inner_text() == f"0 of {total} done"

    page.get_by_label("Water, 1.5–2 L per person").check()
    page.get_by_label("Whistle").check()
    assert progress.inner_text() == f"2 of {total} done"

    page.reload()
    assert page.get_by_label("Water, 1.5–2 L per person").is_checked()
    assert page.get_by_label("Whistle").is_checked()
    assert not page.get_by_label("Foil blanket").is_checked()
    assert page.locator(".progress").inner_text() == f"2 of {total} done"

    # Ids do not depend on the language: the Russian page shows the same ticks.
    page.goto(live_server + "/ru/checklists/grab-bag")
    assert page.locator(".checklist input:checked").count() == 2

    page.goto(live_server + "/en/checklists/grab-bag")
    page.get_by_role("button", name="Clear all ticks").click()
    assert page.locator(".progress").inner_text() == f"0 of {total} done"
    page.reload()
    assert page.locator(".checklist input:checked").count() == 0
    # Other checklists keep their own ticks.
    page.goto(live_server + "/en/checklists/pets")
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
               + [f"/en/kit/print?{SAMPLE_KIT}", f"/ru/kit/print?{SAMPLE_KIT}&dogs=2&teenagers=1&older=1"])


@pytest.mark.parametrize("path", PRINT_VIEWS)
def test_print_view_is_one_a4_page(page, live_server, path):
    assert pdf_pages(page, live_server + path) == 1
