"""Action cards, checklists, their sources and print views, as a reader (or a printer) gets them."""

import gzip
import html as html_text
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from preparedness.guidance.cards import CARDS
from preparedness.guidance.checklists import CHECKLISTS, all_item_ids
from preparedness.guidance.sources import AUTHORITIES, SOURCES
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
SECTIONS = {"Do now": "do_now", "If you cannot reach a shelter": "no_shelter", "After": "after"}
# Words that send a reader to a shelter or to the ground, in English and Russian.
SHELTER_OR_GROUND = {
    "en": re.compile(r"\blie\b|lie down|lie face|ditch|kerb|furrow|go to the nearest shelter|basement", re.I),
    "ru": re.compile(r"ложит|лягте|канав|бордюр|борозд|идите в ближайшее укрытие|спуститесь", re.I),
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


def card_steps(client, lang, kind):
    """{section attribute: [step texts]} of a rendered action card."""
    page = outline(client.get(f"/{lang}/checklists/{kind}"))
    headings = [text for tag, text in page.headings if tag == "h2" and text != "Sources"]
    return page, dict(zip(headings, page.steps))


def test_every_step_and_item_names_sources_that_are_in_the_registry():
    for card in CARDS.values():
        for step in card.steps:
            assert step.sources, (card.kind, str(step.text))
            assert set(step.sources) <= set(SOURCES), (card.kind, step.sources)
    for checklist in CHECKLISTS.values():
        for item in checklist.items:
            assert item.sources, item.id
            assert set(item.sources) <= set(SOURCES), (item.id, item.sources)
    for source in SOURCES.values():
        assert source.authority in AUTHORITIES, source.id
        assert source.url.startswith(("https://", "http://")) and source.title.strip()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.read)


def test_ready_gov_and_sphere_back_only_supplies_never_what_to_do_in_an_attack():
    supply_lists = {"grab-bag", "home-supplies", "documents-money", "power-outage-kit", "water-storage",
                    "children", "family-plan", "pets", "older-disabled"}
    for card in CARDS.values():
        for step in card.steps:
            authorities = {SOURCES[s].authority for s in step.sources}
            assert not authorities & {"ready", "sphere"} or card.kind == "water_outage", (card.kind, step.text)
    for slug, checklist in CHECKLISTS.items():
        if slug not in supply_lists:
            assert not any(SOURCES[s].authority in ("ready", "sphere") for s in checklist.sources), slug


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_its_own_card_with_sections_in_order(client, kind):
    response = client.get(f"/en/checklists/{kind}")
    assert response.status_code == 200
    page, sections = card_steps(client, "en", kind)
    assert ("h1", KIND_TITLES[kind]) in page.headings
    card = CARDS[kind]
    expected = [title for title, attr in SECTIONS.items() if getattr(card, attr)]
    assert list(sections) == expected and expected[0] == "Do now"
    for title, steps in sections.items():
        assert len(steps) == len(getattr(card, SECTIONS[title]))
        # Each step names its authority in brackets after the text.
        assert all(re.search(r"\S.*\(.+\)\s*$", step.strip(), re.S) for step in steps), steps
    assert 'href="/en/sources"' in response.get_data(as_text=True)


def test_no_section_is_shared_by_two_cards():
    for attr in ("do_now", "no_shelter", "after"):
        sections = [getattr(card, attr) for card in CARDS.values() if getattr(card, attr)]
        assert len(sections) == len(set(sections)), attr


@pytest.mark.parametrize("lang", ("en", "ru"))
@pytest.mark.parametrize("kind", ("all_clear", "explosive_object"))
def test_all_clear_and_explosive_object_send_nobody_to_a_shelter_or_the_ground(client, lang, kind):
    _page, sections = card_steps(client, lang, kind)
    steps = [step for section in sections.values() for step in section]
    assert steps
    assert len(sections) == 2  # no "if you cannot reach a shelter" section
    for step in steps:
        assert not SHELTER_OR_GROUND[lang].search(step), step


def test_drone_card_says_get_away_out_of_sight_and_lie_down_only_at_a_whistle(client):
    _page, en = card_steps(client, "en", "drone")
    text = " ".join(step for section in en.values() for step in section)
    assert "at least 100 m away" in text and "out of its line of sight" in text
    assert "under trees" in text
    lie = [step for section in en.values() for step in section if "Lie down" in step]
    assert lie and all("only when you hear a whistle or a blast" in step for step in lie)
    assert any("get out and move away from it" in step for step in en["If you cannot reach a shelter"])
    _page, ru = card_steps(client, "ru", "drone")
    ru_text = " ".join(step for section in ru.values() for step in section)
    assert "не менее чем на 100 м" in ru_text and "прямой видимости" in ru_text
    assert "только когда слышите свист или взрыв" in ru_text
    assert "отойдите от неё" in ru_text


def test_missile_card_has_the_two_warning_levels_the_floor_curtains_and_gas(client):
    _page, en = card_steps(client, "en", "missile")
    text = " ".join(step for section in en.values() for step in section)
    assert "«Threat of missile danger» (угроза ракетной опасности)" in text
    assert "«Missile danger» (ракетная опасность)" in text
    assert "sit on the floor" in text and "curtains" in text and "shut off the gas" in text
    assert "never shelter under cars or against walls" in text
    assert "Turn on the radio or TV" in text


def test_explosive_object_card_has_every_point_of_the_review(client):
    _page, en = card_steps(client, "en", "explosive_object")
    text = " ".join(step for section in en.values() for step in section)
    for words in ("Mark the place", "Do not use a phone or radio near it", "Go back the way you came",
                  "PFM-1", "Never bury it, burn it or throw it into water", "look like toys, bags or phones",
                  "never pick up an unknown object"):
        assert words in text, words


def test_no_card_or_checklist_names_a_stairwell_as_a_safe_place(client):
    for kind in KINDS:
        assert "stairwell" not in client.get(f"/en/checklists/{kind}").get_data(as_text=True).lower()
    for slug in CHECKLISTS:
        assert "stairwell" not in client.get(f"/en/checklists/{slug}").get_data(as_text=True).lower()


def test_checklists_carry_the_regional_points_of_the_review(client):
    def text(slug):
        return html_text.unescape(client.get(f"/en/checklists/{slug}").get_data(as_text=True))
    assert "a second strike often follows" in text("rural")
    assert "lie down in a furrow" not in text("rural")
    assert "write down the time" in text("after-blast")
    assert "Drinking water for 3 days" in text("grab-bag") and "1.5–2 L" not in text("grab-bag")
    family = text("family-plan")
    assert "turn on the radio or tv" in family.lower() and "Mobile internet may be cut" in family
    assert "operational HQ" in family and "122" in family
    assert "never pick up an unknown object" in text("children")
    assert "temporary accommodation point" in html_text.unescape(
        client.get("/en/checklists/evacuation").get_data(as_text=True))


@pytest.mark.parametrize("lang", LANGUAGES + ("ar", "zh"))
def test_sources_page_lists_every_source_and_what_it_backs(client, lang):
    response = client.get(f"/{lang}/sources")
    html = html_text.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    for source in SOURCES.values():
        assert f'id="{source.id}"' in html and source.url in html and source.title in html
    assert "2026-11-28" in html
    for kind in KINDS:
        assert f'href="/{lang}/checklists/{kind}"' in html
    for slug in CHECKLISTS:
        assert f'href="/{lang}/checklists/{slug}"' in html
    assert f'href="/{lang}/kit"' in html


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
            assert len(str(item.text)) <= 160, item.id
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
    for sid in CHECKLISTS[slug].sources:
        assert SOURCES[sid].url.replace("&", "&amp;") in english
    assert 'src="/static/js/checklist.js' in english
    assert f'href="/en/checklists/{slug}/print"' in english


def test_index_lists_every_card_and_checklist_and_the_sources(client):
    response = client.get("/en/checklists/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for kind in KINDS:
        assert f'href="/en/checklists/{kind}"' in html
    for slug in CHECKLISTS:
        assert f'href="/en/checklists/{slug}"' in html
    assert 'href="/en/kit"' in html and 'href="/en/sources"' in html


def test_unknown_checklist_is_not_found(client):
    assert client.get("/en/checklists/no-such-list").status_code == 404
    assert client.get("/en/checklists/no-such-list/print").status_code == 404


@pytest.mark.parametrize("slug", ["grab-bag", "after-blast", "missile", "all_clear"])
def test_print_view_has_date_qr_code_boxes_and_a_print_button(client, slug):
    response = client.get(f"/en/checklists/{slug}/print")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'<svg class="qr" role="img" aria-label="QR code of http://[^/"]+/en/checklists/'
                     + re.escape(slug) + r'"[^>]*viewBox="0 0 \d+ \d+"', html)
    assert "<path d=\"M" in html
    assert re.search(rf"http://[^/\"]+/en/checklists/{slug}<", html)
    assert re.search(r'<p class="sheet__meta">Printed [^<]*· English</p>', html)  # date, region, language
    assert '<button type="button" data-print hidden>Print</button>' in html
    assert re.search(r"http://[^/\"]+/en/sources<", html)
    if slug in CHECKLISTS:
        assert html.count("<li>") >= len(CHECKLISTS[slug].items)
        assert 'class="boxes"' in html


def test_now_page_shows_do_now_of_the_most_urgent_notice_and_links(client):
    html = client.get("/en/?area=shebekino").get_data(as_text=True)
    box = re.search(r'<section class="do-now card--(\w+)".*?</section>', html, re.S)
    assert box, "no do-now box"
    kind = box.group(1)
    assert f'href="/en/checklists/{kind}">Full action card' in box.group(0)
    # Step 1 is the card's own text, never a Python object's repr.
    assert str(CARDS[kind].do_now[0].text) in html_text.unescape(box.group(0))
    assert "Step(" not in html


def test_calm_now_page_has_no_do_now_box(client, app):
    # A month on, every sample notice has expired.
    app.config["NOW"] = utcnow_in(app) + timedelta(days=30)
    html = client.get("/en/?area=shebekino").get_data(as_text=True)
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
    assert f'href="/en/checklists/{kind}/print"' in page


def guidance_urls():
    """Every guidance page in every language."""
    paths = ["/checklists/", "/kit", "/kit/sheet", "/sources"]
    for slug in list(CHECKLISTS) + list(KINDS):
        paths += [f"/checklists/{slug}", f"/checklists/{slug}/print"]
    return [f"/{lang}{path}" for lang in LANGUAGES + ("ar",) for path in paths]


def test_every_guidance_page_is_within_the_html_budget(client):
    for url in guidance_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(gzip.compress(response.get_data(), compresslevel=6)) <= 14 * 1024, url
