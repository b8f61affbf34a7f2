""""Shelters near me" in Chromium: worked out on the device, and the position never leaves it."""

import json
import math
import re
import urllib.request

import pytest

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


def expected_nearest(live_server, n=5):
    """Ids of the n nearest shelters that are not closed, from the public GeoJSON."""
    return [shelter_id for _, shelter_id in ranked_nearest(live_server)[:n]]


def ranked_nearest(live_server):
    """(metres, id) of every shelter that is not closed, nearest first, from the public GeoJSON."""
    with urllib.request.urlopen(live_server + "/api/shelters.geojson") as response:
        features = json.load(response)["features"]
    ranked = sorted((metres(HERE["latitude"], HERE["longitude"], f["geometry"]["coordinates"][1],
                            f["geometry"]["coordinates"][0]), f["id"])
                    for f in features if f["properties"]["status"] != "closed")
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
    assert distances == sorted(distances)
    # The three nearest, each with its distance as the device worked it out (shown rounded).
    for shown, (exact, _) in zip(distances[:3], ranked_nearest(live_server)[:3]):
        assert abs(shown - exact) <= (50 if shown >= 1000 else 5), (shown, exact)
    hrefs = page.locator(".nearest__list a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert [int(h.rsplit("/", 1)[1]) for h in hrefs] == expected_nearest(live_server)
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
        assert page.locator(".shelter-list .shelter__address").all_inner_texts() == [
            "г. Белгород, ул. Щорса, 45"]
    finally:
        context.close()


def test_filter_controls_are_big_enough_to_tap(page, live_server):
    page.goto(live_server + "/en/shelters/")
    for selector in ("#q", "select", ".shelter-filters button", ".check", ".nearest__button"):
        for box in (el.bounding_box() for el in page.locator(selector).all()):
            assert box["height"] >= 48, selector


def test_reports_from_residents_show_on_the_nearest_list(browser, located_page, live_server):
    nearest = expected_nearest(live_server, 1)[0]
    for problem in ("locked", "full"):
        context = browser.new_context(java_script_enabled=False, locale="en-GB")
        resident = context.new_page()
        try:
            resident.goto(f"{live_server}/en/shelters/{nearest}/report")
            resident.locator(f"input[value={problem}]").check()
            resident.get_by_role("button", name="Send").click()
            resident.get_by_text("Thank you").wait_for()
        finally:
            context.close()
    page = located_page
    page.goto(live_server + "/en/shelters/")
    page.get_by_role("button", name="Find shelters near me").click()
    first = page.locator(".nearest__list li").first
    first.wait_for()
    assert first.locator("a").get_attribute("href").endswith(f"/{nearest}")
    assert "residents reported problems" in first.locator(".shelter__reports").inner_text()
    assert page.locator(".nearest__list .shelter__reports").count() == 1
    page.goto(f"{live_server}/en/shelters/{nearest}")
    assert page.locator("p.shelter__reports").inner_text().startswith("2 reports: full, locked, today")
