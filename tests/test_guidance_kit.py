"""Kit planner: the calculator against hand-computed numbers, "How we count" from the rate table, and the
POST form as a reader uses it (the household never travels in a URL)."""

import html as html_text
import json
import re
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from preparedness.guidance import kit
from preparedness.guidance.kit import RATES, Household, Rate, household_problems, kit_plan
from preparedness.guidance.sources import SOURCES

SAMPLE = "adults=2&children=1&infants=1&cats=1&on_medication=1&days=7&water_at_risk=y"


def post(client, path, query=""):
    """POST the kit form's fields (given as a query string) to `path`."""
    return client.post(path, data=dict(parse_qsl(query, keep_blank_values=True)))


def amounts(household):
    """{item: amount} of a plan."""
    return {line.item: line.amount for line in kit_plan(household)}


def test_sample_household_matches_hand_computed_quantities():
    # 2 adults, 1 child, 1 baby under 1, 1 cat, one person on medicines, 7 days, water supply at risk.
    plan = amounts(Household(adults=2, children=1, infants=1, cats=1, on_medication=1, days=7,
                             water_at_risk=True))
    assert plan == {
        "drinking_water": 70,     # (3 people x 3 L + 1 baby x 1 L) x 7 days
        "sanitary_water": 168,    # 4 people x 6 L (supply at risk, top of Sphere's 2-6 L) x 7 days
        "food": 63,               # 3 people who eat meals x 3 meals x 7 days
        "infant_formula": 1.05,   # 1 baby x 0.15 kg x 7 days
        "nappies": 70,            # 1 baby x 10 a day x 7 days
        "pet_food": 0.7,          # 1 cat x 0.1 kg x 7 days
        "pet_water": 2,           # 1 cat x 0.25 L x 7 days = 1.75, rounded up
        "medicines": 14,          # 7 days + 7 in reserve
        "torches": 2,             # one per adult and older person
        "battery_sets": 6,        # 2 torches x ceil(7 / 3)
        "power_bank": 42000,      # 2 phones x 7 days x 0.5 charges x 6,000 mAh
        "cash": 7,                # days of spending
    }


def test_toddlers_eat_meals_and_use_fewer_nappies_than_babies():
    baby = amounts(Household(adults=1, infants=1, days=3))
    toddler = amounts(Household(adults=1, toddlers=1, days=3))
    assert (baby["nappies"], toddler["nappies"]) == (30, 18)
    assert baby["food"] == 9 and toddler["food"] == 18     # a toddler eats meals, a baby formula
    assert "infant_formula" in baby and "infant_formula" not in toddler
    assert 8 <= RATES["nappies_baby"].value <= 12           # newborns use 8-12 a day


def test_water_supply_at_risk_raises_only_sanitary_water():
    calm = amounts(Household(adults=2, days=3))
    at_risk = amounts(Household(adults=2, days=3, water_at_risk=True))
    assert calm["drinking_water"] == at_risk["drinking_water"] == 18
    assert (calm["sanitary_water"], at_risk["sanitary_water"]) == (12, 36)


def test_rows_that_do_not_apply_are_left_out():
    plan = amounts(Household(adults=1, days=3))
    assert not {"infant_formula", "nappies", "pet_food", "pet_water", "medicines"} & set(plan)
    assert plan["power_bank"] == 12000  # ceil(1 x 3 x 0.5) = 2 charges


def test_impossible_households_are_refused():
    assert household_problems(Household(adults=-1)) == {"adults": "negative"}
    assert household_problems(Household(adults=31)) == {"adults": "too_many"}
    assert household_problems(Household(adults=20, children=20)) == {"people": "too_many"}
    assert household_problems(Household()) == {"people": "nobody"}
    assert household_problems(Household(adults=1, days=5)) == {"days": "days"}
    assert household_problems(Household(adults=1, on_medication=2)) == {"on_medication": "more_than_people"}
    with pytest.raises(ValueError):
        kit_plan(Household(adults=-1))


counts = st.integers(min_value=0, max_value=6)


@given(adults=counts, children=counts, teenagers=counts, infants=counts, toddlers=counts, older=counts,
       cats=counts, dogs=counts, days=st.sampled_from((3, 7, 14)), at_risk=st.booleans())
def test_any_sensible_household_gets_positive_whole_litres(adults, children, teenagers, infants, toddlers,
                                                          older, cats, dogs, days, at_risk):
    household = Household(adults=adults, children=children, teenagers=teenagers, infants=infants,
                          toddlers=toddlers, older=older, cats=cats, dogs=dogs, days=days,
                          water_at_risk=at_risk)
    if household_problems(household):
        return
    lines = kit_plan(household)
    assert all(line.amount > 0 for line in lines)
    assert all(isinstance(line.amount, int) for line in lines if line.unit in ("litre", "meal", "nappy"))
    assert {"drinking_water", "sanitary_water", "torches", "cash"} <= {line.item for line in lines}


def plan_shown(html):
    """Whether the page shows a plan (the section is there either way, hidden until there is one)."""
    return '<section aria-labelledby="plan" data-plan>' in html


def cells(html):
    """{row label: quantity} of the result table."""
    rows = re.findall(r'<th scope="row">([^<]+)</th><td><span class="kit-table__amount">([^<]+)</span>', html)
    return dict(rows)


def test_kit_page_shows_the_sample_plan_in_english(client):
    response = post(client, "/en/kit", SAMPLE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "Your kit for 7 days" in html
    assert cells(html) == {
        "Drinking water": "70 litres", "Water for washing and the toilet": "168 litres",
        "Meals or ration packs that keep and need no cooking": "63 meals", "Infant formula (powder)": "1.05 kg",
        "Nappies": "70 nappies", "Pet food": "0.7 kg", "Water for pets": "2 litres",
        "Regular medicines, for each person who takes them": "14 days", "Torches": "2 torches",
        "Spare sets of batteries": "6 sets", "Power bank capacity": "42,000 mAh",
        "Cash in small notes": "7 days of spending",
    }
    assert "person-day" not in html
    assert "2 phones, a full charge every other day" in html
    # The form keeps what was sent, so it can be changed.
    assert re.search(r'id="adults" name="adults" value="2"', html)
    assert re.search(r'value="7" checked', html)
    assert re.search(r'name="water_at_risk" value="y" checked', html)


def test_the_page_carries_what_the_device_needs_to_plan_without_sending_anything(client):
    html = client.get("/ru/kit").get_data(as_text=True)
    pack = json.loads(html_text.unescape(re.search(r'data-pack="([^"]*)"', html).group(1)))
    assert pack["rates"] == {name: rate.value for name, rate in RATES.items()}
    assert pack["units"]["litre"] == {"one": "{n} литр", "few": "{n} литра", "many": "{n} литров"}
    assert [row[0] for row in pack["rows"]][:3] == ["drinking_water", "sanitary_water", "food"]
    assert "{n}" in pack["heading"]["few"] and "{n}" in pack["notes"]["power_bank"]["one"]
    assert 'src="/static/js/kit.js' in html


def test_the_household_never_travels_in_a_url(client):
    html = client.get("/en/kit").get_data(as_text=True)
    assert '<form class="kit-form" method="post" action="/en/kit"' in html
    result = post(client, "/en/kit", SAMPLE).get_data(as_text=True)
    # The print views get the household by POST too: hidden fields in forms, never a query string.
    assert '<form class="inline-form" method="post" action="/en/kit/print">' in result
    assert '<form class="inline-form" method="post" action="/en/kit/sheet">' in result
    assert not re.search(r'href="[^"]*\?[^"]*adults=', result)
    # A household in a query string (an old bookmark) is not read: it leads to the blank form.
    assert client.get(f"/en/kit?{SAMPLE}").headers["Location"] == "/en/kit"
    old = client.get(f"/en/kit?{SAMPLE}", follow_redirects=True).get_data(as_text=True)
    assert not plan_shown(old) and 'id="adults" name="adults" value="2"' in old


def test_kit_posts_need_no_csrf_token_but_change_nothing(client, app):
    assert app.config.get("WTF_CSRF_ENABLED", True)
    assert post(client, "/en/kit/print", SAMPLE).status_code == 200
    assert post(client, "/en/kit/sheet", SAMPLE).status_code == 200


def test_singular_forms_in_english(client):
    table = cells(post(client, "/en/kit", "adults=1&cats=1&days=3").get_data(as_text=True))
    assert table["Torches"] == "1 torch"
    assert table["Water for pets"] == "1 litre"
    assert table["Spare sets of batteries"] == "1 set"


def test_numbers_are_formatted_for_the_readers_language(client):
    # Grouping and decimal separators come from Babel's locale data, not the catalogs.
    html = post(client, "/ru/kit", SAMPLE).get_data(as_text=True)
    assert "42\u00a0000" in html and "1,05" in html


def test_arabic_uses_the_dual(client):
    table = cells(post(client, "/ar/kit", "adults=2&days=3").get_data(as_text=True))
    assert "مصباحان يدويان (2)" in table.values()
    assert not any(re.fullmatch(r"2 مصباح.*", value) for value in table.values())


def test_the_empty_form_shows_no_result(client):
    html = client.get("/en/kit").get_data(as_text=True)
    assert not plan_shown(html) and "Please check the form" not in html
    assert '<section aria-labelledby="plan" data-plan hidden>' in html
    assert re.search(r'id="adults" name="adults" value="2"', html)
    assert 'src="/static/js/kit.js' in html and "data-fewer=" in html and "data-more=" in html


@pytest.mark.parametrize("query, field, message", [
    ("adults=-1", "adults", "This cannot be less than 0."),
    ("adults=2&children=abc", "children", "Enter a whole number, for example 2."),
    ("adults=2&infants=2.5", "infants", "Enter a whole number, for example 2."),
    ("adults=45", "adults", "At most 30 people: plan a larger group with your local administration."),
    ("adults=2&dogs=500", "dogs", "At most 20 pets."),
    ("adults=2&days=5", "days", "Choose 3, 7 or 14 days."),
    ("adults=1&on_medication=3", "on_medication", "More people on medicines than people in the household."),
])
def test_bad_input_shows_a_message_at_the_field_and_no_result(client, query, field, message):
    response = post(client, "/en/kit", query)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert not plan_shown(html)
    assert f'<p class="field__error" id="{field}-error">{message}</p>' in html
    assert f'<a href="#{field}">' in html


@pytest.mark.parametrize("query, message", [
    ("adults=0", "Add at least one person."),
    ("adults=0&children=0&teenagers=0&infants=0&older=0&cats=2", "Add at least one person."),
    ("adults=20&children=20", "At most 30 people in all."),
])
def test_household_size_problems_are_shown_at_the_first_count(client, query, message):
    response = post(client, "/en/kit", query)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert not plan_shown(html)
    assert f'<p class="field__error" id="adults-error">{message}</p>' in html
    assert f'<li><a href="#adults">Adults (18–64): {message}</a></li>' in html


FIELDS = ("adults", "children", "teenagers", "infants", "toddlers", "older", "on_medication", "cats", "dogs",
          "days", "water_at_risk")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(FIELDS), st.one_of(
    st.text(max_size=12), st.integers(min_value=-10**6, max_value=10**6).map(str),
    st.sampled_from(["", " ", "1e3", "0x10", "٣", "2.0", "NaN", "9" * 5000])), min_size=1))
def test_any_form_renders_and_never_errors(client, values):
    for path in ("/ru/kit", "/en/kit/print", "/en/kit/sheet"):
        response = client.post(path, data=values)
        assert response.status_code in (200, 302, 400), (path, values)
        if path == "/ru/kit":
            html = response.get_data(as_text=True)
            assert plan_shown(html) == (response.status_code == 200)
            assert '<form class="kit-form"' in html


def how_we_count(client, lang="en"):
    """The "How we count" lines of the kit page."""
    html = client.get(f"/{lang}/kit").get_data(as_text=True)
    block = html[html.index('<details class="assumptions">'):html.index("</details>", html.index("assumptions"))]
    return [html_text.unescape(re.sub(r"<[^>]+>", "", li)).strip() for li in re.findall(r"<li>(.*?)</li>", block)]


def test_how_we_count_is_written_from_the_rate_table(client, monkeypatch):
    lines = how_we_count(client)
    assert "Drinking water: 3 L per person per day. (Sphere Handbook)" in lines
    assert any(line.startswith("Nappies: 10 a day for a baby under 1 (newborns use 8–12), 6 a day") for line in lines)
    assert any("6,000 mAh of power bank per full charge" in line and "older people" in line for line in lines)
    assert any(line.startswith("A torch for each adult and older person") for line in lines)
    # Change a rate: the words change with it.
    monkeypatch.setitem(RATES, "drinking_water_l", Rate(4, ("sphere-water",)))
    monkeypatch.setitem(RATES, "phone_charge_mah", Rate(5000))
    changed = how_we_count(client)
    assert "Drinking water: 4 L per person per day. (Sphere Handbook)" in changed
    assert not any("3 L per person per day" in line for line in changed)
    assert any("5,000 mAh" in line for line in changed)


def test_every_rate_has_a_registered_source_or_says_it_is_our_assumption(client):
    for name, rate in RATES.items():
        assert set(rate.sources) <= set(SOURCES), name
    lines = how_we_count(client)
    for line in lines:
        assert line.endswith(")") and ("our assumption" in line or re.search(r"Sphere|Paediatric", line)), line
    assert any("Paediatric guidance (AAP, NHS)" in line and "our assumption" in line for line in lines)
    assert 1 / RATES["charges_per_phone_day"].value == 2  # "a full charge every other day"
    # Ready.gov and Sphere are cited only for quantities, and Sphere's hygiene range tops out at 6 L.
    assert RATES["sanitary_at_risk_l"].value <= 6


def test_how_we_count_reads_in_russian_and_arabic(client):
    assert "Питьевая вода: 3 л на человека в день. (Руководство «Сфера»)" in how_we_count(client, "ru")
    assert any("تقديرنا" in line for line in how_we_count(client, "ar"))


def test_kit_print_view_has_the_table_boxes_a_qr_code_and_a_print_button(client):
    response = post(client, "/en/kit/print", SAMPLE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert cells(html)["Drinking water"] == "70 litres"
    assert "kit-table--boxes" in html
    assert re.search(r'<svg class="qr" role="img" aria-label="QR code of http://[^/"]+/en/kit"', html)
    assert "Printed " in html and "Home kit for 7 days" in html
    assert '<button type="button" data-print hidden>Print</button>' in html


def test_kit_print_without_a_valid_household_goes_back_to_the_form(client):
    assert client.get("/en/kit/print").headers["Location"] == "/en/kit"
    response = post(client, "/en/kit/print", "adults=-3")
    assert response.status_code == 302 and response.headers["Location"] == "/en/kit"


def test_household_sheet_has_its_own_fields_first_the_kit_short_cards_and_lines_to_fill_in(client):
    response = post(client, "/en/kit/sheet", SAMPLE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Household sheet</h1>" in html
    assert cells(html)["Drinking water"] == "70 litres" and "kit-table--boxes" in html
    # The contacts form comes before the sheet on screen.
    assert html.index("data-contacts-form") < html.index('<article class="sheet fridge"')
    # Short cards: the first three "do now" steps for a missile and a drone.
    assert '<h2 id="sheet-missile">Missile danger</h2>' in html
    assert '<h2 id="sheet-drone">Drone attack danger</h2>' in html
    assert html.count('<ol class="steps steps--now">') == 2
    assert "Go indoors or to a shelter now." in html and "windowless room" in html
    # Blank lines to write on; the device fills them in, the server never sees them.
    assert len(re.findall(r'<span class="write-line" data-shelter="\d"></span>', html)) == 3
    assert len(re.findall(r'<span class="write-line" data-contact="\d"></span>', html)) == 3
    form = html[html.index("<form class=\"fridge-form"):html.index("</form>")]
    assert " name=" not in form and "action=" not in form  # nothing in it can be submitted
    assert '"shebekino": [50.4, 36.887]' in html_text.unescape(html)
    assert re.search(r"Printed \w+ \d+, \d{4}.*· English</p>", html)
    assert re.search(r'<svg class="qr" role="img" aria-label="QR code of http://[^/"]+/en/kit/sheet"', html)
    assert 'src="/static/js/fridge.js' in html and 'src="/static/js/kit.js' in html


def test_household_sheet_without_a_household_still_prints_and_a_bad_one_goes_back(client):
    response = client.get("/ru/kit/sheet")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "kit-table" not in html and 'href="/ru/kit"' in html
    assert html.count('data-contact="') == 3
    bad = post(client, "/en/kit/sheet", "adults=10000")
    assert bad.status_code == 302 and bad.headers["Location"] == "/en/kit"


@pytest.mark.parametrize("lang, query, expected", [
    # Water for 1 cat for 3 days: 0.75 L, rounded up to 1.
    ("ru", "adults=1&cats=1&days=3", {"1 литр", "9 литров", "6 литров"}),
    ("ru", "adults=1&cats=1&days=7", {"2 литра", "21 литр", "14 литров"}),
    ("ru", "adults=1&dogs=1&cats=2&days=3", {"5 литров"}),  # (1 + 2 x 0.25) x 3 = 4.5 -> 5
    ("ru", "adults=1&on_medication=1&days=3", {"10 дней", "9 порций"}),
    ("uk", "adults=1&cats=1&days=3", {"1 літр", "9 літрів", "6 літрів"}),
    ("uk", "adults=1&cats=1&days=7", {"2 літри", "21 літр", "14 літрів"}),
    ("uk", "adults=1&on_medication=1&days=7", {"14 днів", "21 порція"}),
])
def test_plural_forms_in_russian_and_ukrainian(client, lang, query, expected):
    response = post(client, f"/{lang}/kit", query)
    assert response.status_code == 200
    assert expected <= set(cells(response.get_data(as_text=True)).values())


def test_kit_module_keeps_every_count_field_in_one_list():
    assert set(kit.COUNT_FIELDS) == {"adults", "children", "teenagers", "infants", "toddlers", "older",
                                     "on_medication", "cats", "dogs"}
