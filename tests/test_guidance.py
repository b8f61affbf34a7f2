"""Action cards, checklists and their print views, as a reader (or a printer) gets them."""

import gzip
import html as html_text
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from preparedness.guidance.checklists import CHECKLISTS, all_item_ids
from preparedness.i18n import utcnow
from preparedness.notices.kinds import KINDS

LANGUAGES = ("ru", "uk", "en")
REQUIRED_CHECKLISTS = {
    "grab-bag", "home-supplies", "documents-money", "family-plan", "children", "older-disabled", "pets",
    "flat", "power-outage-kit", "water-storage", "schools", "rural", "after-blast",
}
KIND_TITLES = {
    "missile": "Missile danger", "air_raid": "Air raid alert", "drone": "Drone attack danger",
    "artillery": "Artillery shelling", "all_clear": "All clear", "explosive_object": "Explosive object found",
    "power_outage": "Power outage", "water_outage": "Water outage", "heating_outage": "Heating outage",
    "road_closure": "Road closure", "evacuation": "Evacuation", "shelter_update": "Shelter information",
    "other": "Notice",
}


class Outline(HTMLParser):
    """Headings (tag, text) in order, list items of ordered step lists, and data-item ids."""

    def __init__(self):
        super().__init__()
        self.headings, self.steps, self.item_ids, self._heading, self._in_steps = [], [], [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, ""]
        elif tag == "ol" and "steps" in (attrs.get("class") or ""):
            self._in_steps += 1
            self.steps.append([])
        elif tag == "li" and self._in_steps:
            self.steps[-1].append("")
        if "data-item" in attrs:
            self.item_ids.append(attrs["data-item"])

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        elif tag == "ol" and self._in_steps:
            self._in_steps -= 1

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data
        if self._in_steps and self.steps[-1]:
            self.steps[-1][-1] += data


def outline(response):
    """Parse a page's outline."""
    parser = Outline()
    parser.feed(response.get_data(as_text=True))
    return parser


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_card_with_three_sections_in_order(client, kind):
    response = client.get(f"/en/checklists/{kind}")
    assert response.status_code == 200
    page = outline(response)
    assert ("h1", KIND_TITLES[kind]) in page.headings
    assert [text for tag, text in page.headings if tag == "h2"][:3] == [
        "Do now", "If you cannot reach a shelter", "After"]
    do_now, no_shelter, after = page.steps
    assert len(do_now) >= 3 and all(step.strip() for step in do_now)
    assert any("two solid walls" in step for step in no_shelter)
    assert any("away from windows" in step.lower() for step in no_shelter)
    assert any("lie face down" in step for step in no_shelter)
    assert any("all-clear" in step for step in after)
    assert any("debris, drones" in step for step in after)
    assert any("Do not publish photos" in step for step in after)
    assert any("112" in step for step in after)


@pytest.mark.parametrize("lang", ("ru", "uk"))
def test_cards_have_the_same_structure_in_every_language(client, lang):
    for kind in KINDS:
        english = outline(client.get(f"/en/checklists/{kind}"))
        other = outline(client.get(f"/{lang}/checklists/{kind}"))
        assert [len(steps) for steps in other.steps] == [len(steps) for steps in english.steps]
        assert [tag for tag, _ in other.headings] == [tag for tag, _ in english.headings]


def test_the_required_checklists_exist_with_short_stable_item_ids(client):
    assert REQUIRED_CHECKLISTS <= set(CHECKLISTS)
    ids = all_item_ids()
    assert len(ids) == len(set(ids))
    for slug, checklist in CHECKLISTS.items():
        assert all(re.fullmatch(rf"{slug}\.[a-z0-9-]+", item.id) for item in checklist.items)
        for item in checklist.items:
            assert len(str(item.text)) <= 80, item.id
            assert item.why is None or len(str(item.why)) <= 80, item.id


@pytest.mark.parametrize("slug", sorted(REQUIRED_CHECKLISTS))
def test_checklist_page_lists_every_item_with_its_id_and_cites_sources(client, slug):
    pages = {lang: client.get(f"/{lang}/checklists/{slug}") for lang in LANGUAGES}
    assert all(r.status_code == 200 for r in pages.values())
    english = pages["en"].get_data(as_text=True)
    assert outline(pages["en"]).item_ids == [item.id for item in CHECKLISTS[slug].items]
    # Ticks are stored by id, so the ids must be the same whatever the language.
    assert outline(pages["ru"]).item_ids == outline(pages["en"]).item_ids
    for item in CHECKLISTS[slug].items:
        assert str(item.text) in html_text.unescape(english)
    assert "Sources" in english and re.search(r'<a href="https://[^"]+"', english)
    assert 'src="/static/js/checklist.js' in english
    assert f'href="/en/checklists/{slug}/print"' in english


def test_index_lists_every_card_and_checklist(client):
    response = client.get("/en/checklists/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for kind in KINDS:
        assert f'href="/en/checklists/{kind}"' in html
    for slug in CHECKLISTS:
        assert f'href="/en/checklists/{slug}"' in html
    assert 'href="/en/kit"' in html


def test_unknown_checklist_is_not_found(client):
    assert client.get("/en/checklists/no-such-list").status_code == 404
    assert client.get("/en/checklists/no-such-list/print").status_code == 404


@pytest.mark.parametrize("slug", ["grab-bag", "after-blast", "missile", "all_clear"])
def test_print_view_has_date_qr_code_and_boxes(client, slug):
    response = client.get(f"/en/checklists/{slug}/print")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'<svg class="qr" role="img" aria-label="QR code of http://localhost/en/checklists/'
                     + re.escape(slug) + r'"[^>]*viewBox="0 0 \d+ \d+"', html)
    assert "<path d=\"M" in html
    assert "Printed Nov" in html or re.search(r"Printed \w+ \d+, \d{4}", html)
    assert f"http://localhost/en/checklists/{slug}" in html
    assert re.search(r'<p class="sheet__meta">Printed [^<]*· English</p>', html)  # date, region, language
    if slug in CHECKLISTS:
        assert html.count("<li>") >= len(CHECKLISTS[slug].items)
        assert 'class="boxes"' in html


def test_now_page_shows_do_now_of_the_most_urgent_notice_and_links(client):
    html = client.get("/en/?area=shebekino").get_data(as_text=True)
    box = re.search(r'<section class="do-now card--(\w+)".*?</section>', html, re.S)
    assert box, "no do-now box"
    first_notice_kind = re.search(r'<article class="notice notice--(\w+)', html).group(1)
    assert box.group(1) == first_notice_kind
    assert f'href="/en/checklists/{first_notice_kind}">Full action card' in box.group(0)
    assert box.group(0).index("Do now") < box.group(0).index("<ol")
    assert 'href="/en/checklists/"' in html and 'href="/en/kit"' in html


def test_calm_now_page_has_no_do_now_box(client, app):
    # A month on, every sample notice has expired.
    app.config["NOW"] = utcnow_in(app) + timedelta(days=30)
    html = client.get("/en/?area=shebekino").get_data(as_text=True)
    assert "No active alerts" in html
    assert 'class="do-now' not in html


def utcnow_in(app):
    """The app's idea of now."""
    with app.app_context():
        return utcnow()


def test_notice_page_shows_the_action_card_for_its_kind(client, app):
    html = client.get("/en/").get_data(as_text=True)
    notice_id = re.search(r'href="/en/notices/(\d+)"', html).group(1)
    page = client.get(f"/en/notices/{notice_id}").get_data(as_text=True)
    kind = re.search(r'<article class="notice notice--(\w+)', page).group(1)
    assert f'<section class="card card--{kind}"' in page
    assert "If you cannot reach a shelter" in page
    assert f'href="/en/checklists/{kind}/print"' in page


def guidance_urls():
    """Every guidance page in every language."""
    paths = ["/checklists/", "/kit",
             "/kit?adults=2&children=1&infants=1&cats=1&dogs=1&days=14&water_at_risk=y",
             "/kit/print?adults=5&teenagers=3&older=2&infants=2&on_medication=4&cats=3&dogs=2&days=14",
             "/kit/sheet", "/kit/sheet?adults=5&teenagers=3&older=2&infants=2&on_medication=4&cats=3&dogs=2&days=14"]
    for slug in list(CHECKLISTS) + list(KINDS):
        paths += [f"/checklists/{slug}", f"/checklists/{slug}/print"]
    return [f"/{lang}{path}" for lang in LANGUAGES for path in paths]


def test_every_guidance_page_is_within_the_html_budget(client):
    for url in guidance_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(gzip.compress(response.get_data(), compresslevel=6)) <= 14 * 1024, url
