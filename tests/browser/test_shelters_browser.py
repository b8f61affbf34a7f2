""""Shelters near me" in Chromium: worked out on the device, and the position never leaves it."""

import json
import math
import re
import sqlite3
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest

from tests.browser.conftest import start_server

pytestmark = pytest.mark.browser

HERE = {"latitude": 50.6, "longitude": 36.6}
# Every way the position could be written into a request.
POSITION_TEXTS = ("50.6", "36.6", "50,6", "36,6", "50%2C6", "36%2C6")


def metres(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371000 * math.asin(math.sqrt(a))


def tier(properties):
    """0: open and checked in the last 30 days with no residents' reports; 1: unknown, old or doubted; 2: full."""
    if properties["status"] == "full":
        return 2
    checked = properties["checked_at"]
    fresh = checked and datetime.now(timezone.utc) - datetime.fromisoformat(checked) < timedelta(days=30)
    return 0 if properties["status"] == "open" and fresh and not properties["reports"] else 1


def expected_nearest(live_server, n=5):
    """Ids of the shelters the list shows: of the ten nearest within 2 km (or three times the nearest
    one's distance), the trusted first, then doubtful, full last; nearest first within each."""
    ranked = ranked_nearest(live_server)
    reach = max(2000, 3 * ranked[0][0])
    close = [(tier(props), metres_, shelter_id) for metres_, shelter_id, props in ranked[:10] if metres_ <= reach]
    return [shelter_id for _, _, shelter_id in sorted(close)[:n]]


def ranked_nearest(live_server):
    """(metres, id) of every shelter that is not closed, nearest first, from the public GeoJSON."""
    with urllib.request.urlopen(live_server + "/api/shelters.geojson") as response:
        index = json.load(response)
    features = []
    for entry in index["areas"]:
        with urllib.request.urlopen(live_server + entry["url"]) as response:
            features += json.load(response)["features"]
    ranked = sorted(((metres(HERE["latitude"], HERE["longitude"], f["geometry"]["coordinates"][1],
                             f["geometry"]["coordinates"][0]), f["id"], f["properties"])
                     for f in features if f["properties"]["status"] != "closed"), key=lambda r: r[:2])
    return ranked


def distance_in_metres(text):
    """'350 m' or '1.2 km' as metres."""
    number, unit = re.match(r"([\d.,]+)\s*(km|m)", text.replace("\u00a0", " ")).groups()
    return float(number.replace(",", "")) * (1000 if unit == "km" else 1)


@pytest.fixture
def located_page(browser):
    """A phone-sized page whose browser grants the position 50.6, 36.6, recording every request."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB",
                                  geolocation=HERE, permissions=["geolocation"])
    page = context.new_page()
    page.sent = []
    page.on("request", lambda request: page.sent.append((request.url, request.post_data or "")))
    yield page
    context.close()


@pytest.mark.parametrize("path", ["/en/shelters/", "/en/?area=belgorod"])
def test_nearest_list_is_sorted_and_the_position_is_never_sent(located_page, live_server, path):
    page = located_page
    page.goto(live_server + path)
    page.get_by_role("button", name="Find shelters near me").click()
    items = page.locator(".nearest__list li")
    items.first.wait_for()
    assert items.count() == 5
    distances = [distance_in_metres(t) for t in page.locator(".nearest__distance").all_inner_texts()]
    hrefs = page.locator(".nearest__list a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    shown_ids = [int(h.rsplit("/", 1)[1]) for h in hrefs]
    assert shown_ids == expected_nearest(live_server)
    # Each with its distance as the device worked it out (shown rounded).
    exact = {shelter_id: m for m, shelter_id, _ in ranked_nearest(live_server)}
    for shown, shelter_id in zip(distances, shown_ids):
        assert abs(shown - exact[shelter_id]) <= (50 if shown >= 1000 else 5), (shown, exact[shelter_id])
    # Open and recently checked first, full last; each says when it was checked.
    pills = page.locator(".nearest__list .pill").all_inner_texts()
    assert pills[0] == "Open" and ("Full" not in pills or pills.index("Full") > pills.index("Open"))
    assert all(h.startswith("/en/shelters/") for h in hrefs)
    assert all("checked" in t for t in page.locator(".nearest__list .shelter__facts").all_inner_texts())
    assert any(url.endswith("/api/shelters.geojson") for url, _ in page.sent)
    for url, body in page.sent:
        assert not any(text in url or text in body for text in POSITION_TEXTS), url


def test_without_permission_it_says_what_to_do_instead(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(live_server + "/en/shelters/")
        page.get_by_role("button", name="Find shelters near me").click()
        page.get_by_text("Choose your area or search by address instead").wait_for()
        assert page.locator(".nearest__list").count() == 0
    finally:
        context.close()


def test_without_javascript_the_button_is_hidden_and_search_works(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_server + "/en/shelters/")
        assert not page.locator(".nearest__button").is_visible()
        page.get_by_label("Street, house or name").fill("Щорса 45")
        page.get_by_label("Open shelters only").check()
        page.get_by_role("button", name="Show").click()
        page.wait_for_url(re.compile(r".*q=.*open=1"))
        # In Latin letters for an English reader, with the original beside it.
        assert page.locator(".shelter-list .shelter__address").all_inner_texts() == ["г. Белгород, ул. Щорса, 45"]
        assert "g. Belgorod, ul. Shchorsa, 45" in page.locator(".shelter-list .shelter__latin").all_inner_texts()
        # Typed in Latin letters, the way it reads on a foreign map, it finds the same shelter.
        page.get_by_label("Street, house or name").fill("Schorsa 45")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url(re.compile(r".*q=Schorsa.*"))
        assert page.locator(".shelter-list .shelter__address").all_inner_texts() == ["г. Белгород, ул. Щорса, 45"]
    finally:
        context.close()


def test_filter_controls_are_big_enough_to_tap(page, live_server):
    page.goto(live_server + "/en/shelters/")
    for selector in ("#q", "select", ".shelter-filters button", ".check", ".nearest__button"):
        for box in (el.bounding_box() for el in page.locator(selector).all()):
            assert box["height"] >= 48, selector


def test_reports_from_residents_show_on_the_nearest_list(browser, located_page, tmp_path):
    server = start_server(tmp_path)
    try:
        nearest = expected_nearest(server.url, 1)[0]
        context = browser.new_context(java_script_enabled=False, locale="en-GB")
        resident = context.new_page()
        resident.goto(f"{server.url}/en/shelters/{nearest}/report")
        resident.locator("input[value=locked]").check()
        resident.get_by_role("button", name="Send").click()
        resident.get_by_text("Thank you").wait_for()
        context.close()
        # Two more residents, from other addresses (one address counts once a day).
        db = sqlite3.connect(tmp_path / "live.sqlite3")
        with db:
            reported = db.execute("SELECT reported_at FROM shelter_reports").fetchone()[0]
            db.executemany("INSERT INTO shelter_reports (shelter_id, problem, reported_at, reporter) "
                           "VALUES (?, ?, ?, ?)", [(nearest, "full", reported, "other-phone-1"),
                                                   (nearest, "locked", reported, "other-phone-2")])
        db.close()
        page = located_page
        page.goto(server.url + "/en/shelters/")
        page.get_by_role("button", name="Find shelters near me").click()
        page.locator(".nearest__list li").first.wait_for()
        # A shelter residents say is locked or full no longer leads: it follows the trusted ones.
        hrefs = page.locator(".nearest__list a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        shown = [int(h.rsplit("/", 1)[1]) for h in hrefs]
        assert shown == expected_nearest(server.url) and nearest not in shown[:1], shown
        assert page.locator(".nearest__list .shelter__reports").count() == (nearest in shown)
        # The area's list says so beside the shelter, and so does its page.
        page.goto(f"{server.url}/en/shelters/?area=belgorod")
        item = page.locator(f".shelter-list a[href$='/shelters/{nearest}']")
        assert "3 reports: locked, full, today" in item.locator(".shelter__reports").inner_text()
        page.goto(f"{server.url}/en/shelters/{nearest}")
        assert page.locator("p.shelter__reports").inner_text().startswith("3 reports: locked, full, today")
    finally:
        server.stop()
