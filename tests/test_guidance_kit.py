"""Kit planner: the calculator against hand-computed numbers, and the GET form as a reader uses it."""

import html as html_text
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from preparedness.guidance.kit import RATES, Household, household_problems, kit_plan

SAMPLE = "adults=2&children=1&infants=1&cats=1&on_medication=1&days=7&water_at_risk=y"


def amounts(household):
    """{item: amount} of a plan."""
    return {line.item: line.amount for line in kit_plan(household)}


def test_sample_household_matches_hand_computed_quantities():
    # 2 adults, 1 child, 1 infant, 1 cat, one person on medicines, 7 days, water supply at risk.
    plan = amounts(Household(adults=2, children=1, infants=1, cats=1, on_medication=1, days=7,
                             water_at_risk=True))
    assert plan == {
        "drinking_water": 70,     # (3 people x 3 L + 1 infant x 1 L) x 7 days
        "sanitary_water": 140,    # 4 people x 5 L (supply at risk) x 7 days
        "food": 21,               # 3 people who eat x 7 days
        "infant_formula": 1.05,   # 1 infant x 0.15 kg x 7 days
        "nappies": 42,            # 1 infant x 6 a day x 7 days
        "pet_food": 0.7,          # 1 cat x 0.1 kg x 7 days
        "pet_water": 2,           # 1 cat x 0.25 L x 7 days = 1.75, rounded up
        "medicines": 14,          # 7 days + 7 in reserve
        "torches": 2,             # one per adult
        "battery_sets": 6,        # 2 torches x ceil(7 / 3)
        "power_bank": 42000,      # 2 phones x 7 days x 0.5 charges x 6,000 mAh
        "cash": 7,                # days of spending
    }


def test_water_supply_at_risk_raises_only_sanitary_water():
    calm = amounts(Household(adults=2, days=3))
    at_risk = amounts(Household(adults=2, days=3, water_at_risk=True))
    assert calm["drinking_water"] == at_risk["drinking_water"] == 18
    assert (calm["sanitary_water"], at_risk["sanitary_water"]) == (12, 30)


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


@given(adults=counts, children=counts, teenagers=counts, infants=counts, older=counts, cats=counts,
       dogs=counts, days=st.sampled_from((3, 7, 14)), at_risk=st.booleans())
def test_any_sensible_household_gets_positive_whole_litres(adults, children, teenagers, infants, older,
                                                          cats, dogs, days, at_risk):
    household = Household(adults=adults, children=children, teenagers=teenagers, infants=infants,
                          older=older, cats=cats, dogs=dogs, days=days, water_at_risk=at_risk)
    if household_problems(household):
        return
    lines = kit_plan(household)
    assert all(line.amount > 0 for line in lines)
    assert all(isinstance(line.amount, int) for line in lines if line.unit == "litre")
    assert {"drinking_water", "sanitary_water", "torches", "cash"} <= {line.item for line in lines}


def cells(html):
    """{row label: quantity} of the result table."""
    rows = re.findall(r'<th scope="row">([^<]+)</th><td><span class="kit-table__amount">([^<]+)</span>', html)
    return dict(rows)


def test_kit_page_shows_the_sample_plan_in_english(client):
    response = client.get(f"/en/kit?{SAMPLE}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your kit for 7 days" in html
    assert cells(html) == {
        "Drinking water": "70 litres", "Water for washing and the toilet": "140 litres",
        "Food that keeps and needs no cooking": "21 person-days", "Infant formula (powder)": "1.05 kg",
        "Nappies": "42 nappies", "Pet food": "0.7 kg", "Water for pets": "2 litres",
        "Regular medicines, for each person who takes them": "14 days", "Torches": "2 torches",
        "Spare sets of batteries": "6 sets", "Power bank capacity": "42,000 mAh",
        "Cash in small notes": "7 days of spending",
    }
    assert "2 phones, a full charge every other day" in html
    assert f'href="/en/kit/print?{SAMPLE.replace("&", "&amp;")}"' in html
    # The form keeps what was asked, so the page can be changed and bookmarked.
    assert re.search(r'id="adults" name="adults" value="2"', html)
    assert re.search(r'value="7" checked', html)
    assert re.search(r'name="water_at_risk" value="y" checked', html)


def test_singular_forms_in_english(client):
    html = client.get("/en/kit?adults=1&cats=1&days=3").get_data(as_text=True)
    table = cells(html)
    assert table["Torches"] == "1 torch"
    assert table["Water for pets"] == "1 litre"
    assert table["Spare sets of batteries"] == "1 set"


def test_numbers_are_formatted_for_the_readers_language(client):
    # Grouping and decimal separators come from Babel's locale data, not the catalogs.
    html = client.get(f"/ru/kit?{SAMPLE}").get_data(as_text=True)
    assert "42\u00a0000" in html and "1,05" in html


def test_russian_plural_forms_for_litres_and_days(client):
    table = cells(client.get("/ru/kit?adults=1&cats=1&on_medication=1&days=7").get_data(as_text=True))
    quantities = set(table.values())
    assert "21 литр" in quantities        # 1 adult x 3 L x 7 days: form for 1, 21, 31...
    assert "2 литра" in quantities        # cat water: form for 2-4
    assert "14 литров" in quantities      # washing water: form for 5-20
    assert "14 дней" in quantities        # medicines
    assert "3 дня" in client.get("/ru/kit").get_data(as_text=True)  # the "3 days" choice


def test_the_empty_form_shows_no_result(client):
    html = client.get("/en/kit").get_data(as_text=True)
    assert "kit-table" not in html and "Please check the form" not in html
    assert re.search(r'id="adults" name="adults" value="2"', html)


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
    response = client.get(f"/en/kit?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kit-table" not in html
    assert f'<p class="field__error" id="{field}-error">{message}</p>' in html
    assert f'<a href="#{field}">' in html


@pytest.mark.parametrize("query, message", [
    ("adults=0", "Add at least one person."),
    ("adults=0&children=0&teenagers=0&infants=0&older=0&cats=2", "Add at least one person."),
    ("adults=20&children=20", "At most 30 people in all."),
])
def test_household_size_problems_are_shown_at_the_first_count(client, query, message):
    response = client.get(f"/en/kit?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kit-table" not in html
    assert f'<p class="field__error" id="adults-error">{message}</p>' in html
    assert f'<li><a href="#adults">Adults (18–64): {message}</a></li>' in html


def test_ten_thousand_people_get_a_message_at_every_field_they_were_typed_in(client):
    response = client.get("/en/kit?adults=10000&children=10000&older=3&cats=10000&days=7")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    people = "At most 30 people: plan a larger group with your local administration."
    assert f'<p class="field__error" id="adults-error">{people}</p>' in html
    assert f'<p class="field__error" id="children-error">{people}</p>' in html
    assert '<p class="field__error" id="cats-error">At most 20 pets.</p>' in html
    assert 'id="older-error"' not in html
    # What was typed stays in the boxes, so it can be corrected.
    assert 'id="adults" name="adults" value="10000"' in html and 'value="7" checked' in html


FIELDS = ("adults", "children", "teenagers", "infants", "older", "on_medication", "cats", "dogs", "days",
          "water_at_risk")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(FIELDS), st.one_of(
    st.text(max_size=12), st.integers(min_value=-10**6, max_value=10**6).map(str),
    st.sampled_from(["", " ", "1e3", "0x10", "٣", "2.0", "NaN", "9" * 5000])), min_size=1))
def test_any_query_renders_the_form_and_never_errors(client, values):
    for path in ("/ru/kit", "/en/kit/print", "/en/kit/sheet"):
        response = client.get(path, query_string=values)
        assert response.status_code in (200, 302, 400), (path, values)
        if path == "/ru/kit":
            html = response.get_data(as_text=True)
            assert ('class="kit-table"' in html) == (response.status_code == 200)
            assert '<form class="kit-form"' in html


@pytest.mark.parametrize("name, words", [
    ("drinking_water_l", "Drinking water: {} L per person per day."),
    ("sanitary_water_l", "Washing and toilet: {} L per person per day"),
    ("sanitary_at_risk_l", ", {} L if the water supply may stop."),
    ("infant_water_l", "Infants under 2: {} L of water"),
    ("formula_kg", "{:g} g of formula"),
    ("nappies", "and {} nappies a day."),
    ("cat_food_kg", "A cat: {:g} g of food"),
    ("cat_water_l", "and {} L of water a day"),
    ("dog_food_kg", "a medium dog: {:g} g"),
    ("dog_water_l", "g and {:g} L."),
    ("medicine_reserve_days", "the days planned plus {} days in reserve."),
    ("days_per_battery_set", "a spare set of batteries every {} days."),
    ("phone_charge_mah", "about {} mAh of power bank each."),
])
def test_every_rate_is_in_one_table_with_its_source_and_the_page_says_the_same(client, name, words):
    rate = RATES[name]
    assert rate.source.strip() and rate.per.strip()
    value = rate.value * 1000 if name.endswith("_kg") else rate.value
    assert words.format(value) in html_text.unescape(client.get("/en/kit").get_data(as_text=True))


def test_every_rate_cites_a_named_source():
    for name, rate in RATES.items():
        assert re.search(r"MCHS|Ready\.gov|Sphere|makers|manufacturers", rate.source), name
    assert 1 / RATES["charges_per_phone_day"].value == 2  # "a full charge every other day"


def test_kit_print_view_has_the_table_boxes_and_a_qr_code(client):
    response = client.get(f"/en/kit/print?{SAMPLE}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert cells(html)["Drinking water"] == "70 litres"
    assert "kit-table--boxes" in html
    assert re.search(r'<svg class="qr" role="img" aria-label="QR code of '
                     r'http://localhost/en/kit\?adults=2', html)
    assert "Printed " in html and "Home kit for 7 days" in html


def test_kit_print_without_a_valid_query_goes_back_to_the_form(client):
    assert client.get("/en/kit/print").headers["Location"] == "/en/kit"
    response = client.get("/en/kit/print?adults=-3&lang=uk")
    assert response.status_code == 302 and response.headers["Location"] == "/en/kit?adults=-3"


def test_household_sheet_has_the_kit_short_cards_and_lines_to_fill_in(client):
    response = client.get(f"/en/kit/sheet?{SAMPLE}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Household sheet</h1>" in html
    assert cells(html)["Drinking water"] == "70 litres" and "kit-table--boxes" in html
    assert "Home kit for 7 days" in html
    # Short cards: the first three "do now" steps for a missile and a drone.
    assert '<h2 id="sheet-missile">Missile danger</h2>' in html
    assert '<h2 id="sheet-drone">Drone attack danger</h2>' in html
    assert html.count('<ol class="steps steps--now">') == 2
    assert "Go to the nearest shelter now." in html and "Go indoors or to a shelter now." in html
    assert "Put two solid walls between you and the street" in html and "Call 112" in html
    # Blank lines to write on; the device fills them in, the server never sees them.
    assert len(re.findall(r'<span class="write-line" data-shelter="\d"></span>', html)) == 3
    assert len(re.findall(r'<span class="write-line" data-contact="\d"></span>', html)) == 3
    assert '<form class="fridge-form screen-only" data-contacts-form hidden>' in html
    form = html[html.index("<form class=\"fridge-form"):html.index("</form>")]
    assert " name=" not in form and "action=" not in form  # nothing in it can be submitted
    assert '"shebekino": [50.4, 36.887]' in html_text.unescape(html)
    # Date, language, QR code back to this very sheet.
    assert re.search(r"Printed \w+ \d+, \d{4}.*· English</p>", html)
    assert re.search(r'<svg class="qr" role="img" aria-label="QR code of '
                     r'http://localhost/en/kit/sheet\?adults=2&amp;children=1', html)
    assert 'src="/static/js/fridge.js' in html


def test_kit_result_links_to_the_household_sheet_with_the_same_query(client):
    html = client.get(f"/en/kit?{SAMPLE}").get_data(as_text=True)
    assert f'href="/en/kit/sheet?{SAMPLE.replace("&", "&amp;")}">Print a household sheet for the fridge' in html


def test_household_sheet_without_a_household_still_prints_and_a_bad_one_goes_back(client):
    response = client.get("/ru/kit/sheet")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "kit-table" not in html and 'href="/ru/kit"' in html
    assert html.count('data-contact="') == 3
    bad = client.get("/en/kit/sheet?adults=10000")
    assert bad.status_code == 302 and bad.headers["Location"] == "/en/kit?adults=10000"


@pytest.mark.parametrize("lang, query, expected", [
    # Water for 1 cat for 3 days: 0.75 L, rounded up to 1.
    ("ru", "adults=1&cats=1&days=3", {"1 литр", "9 литров", "6 литров"}),
    ("ru", "adults=1&cats=1&days=7", {"2 литра", "21 литр", "14 литров"}),
    ("ru", "adults=1&dogs=1&cats=2&days=3", {"5 литров"}),  # (1 + 2 x 0.25) x 3 = 4.5 -> 5
    ("ru", "adults=1&on_medication=1&days=3", {"10 дней"}),
    ("uk", "adults=1&cats=1&days=3", {"1 літр", "9 літрів", "6 літрів"}),
    ("uk", "adults=1&cats=1&days=7", {"2 літри", "21 літр", "14 літрів"}),
    ("uk", "adults=1&dogs=1&cats=2&days=3", {"5 літрів"}),
    ("uk", "adults=1&on_medication=1&days=7", {"14 днів"}),
    ("uk", "adults=2&days=3", {"18 літрів", "12 літрів"}),
])
def test_plural_forms_of_litres_and_days_in_russian_and_ukrainian(client, lang, query, expected):
    response = client.get(f"/{lang}/kit?{query}")
    assert response.status_code == 200
    assert expected <= set(cells(response.get_data(as_text=True)).values())
