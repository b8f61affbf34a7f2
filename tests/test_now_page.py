"""The "Now" page: language, area filter, urgency order, all-clears, empty state."""

import re
from datetime import datetime, timedelta, timezone

import pytest

from preparedness.db import connect, transaction


def html(response):
    """A response's body as text."""
    return response.get_data(as_text=True)


def headlines(response):
    """The notice headlines on a page, in order."""
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(
        r'class="notice__headline"[^>]*>(.*?)</h\d>', html(response), re.S)]


@pytest.mark.parametrize("lang, now_word, sections", [
    ("ru", "Сейчас", "Укрытия"), ("uk", "Зараз", "Укриття"), ("en", "Now", "Shelters")])
def test_now_page_in_each_language(client, lang, now_word, sections):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    page = html(response)
    assert f'<html lang="{lang}" dir="ltr">' in page
    assert f"<h1>{now_word}:" in page
    assert f">{sections}</a>" in page
    assert "Missile danger" in page if lang == "en" else "Missile danger" not in page


def test_area_filter_shows_area_and_region_wide_notices_only(client):
    shebekino = headlines(client.get("/en/?area=shebekino"))
    assert "Missile danger. Belgorod, Shebekino district" in shebekino
    assert "Drone attack danger across Belgorod oblast" in shebekino
    graivoron = headlines(client.get("/en/?area=graivoron"))
    assert not set(graivoron) & {"Missile danger. Belgorod, Shebekino district"}
    assert all("Грайворон" not in h and "Graivoron" not in h for h in shebekino)


def test_most_urgent_first_and_drills_after_real_alerts(client):
    page = html(client.get("/en/?area=gubkin"))
    kinds = re.findall(r'class="notice notice--(\w+)( notice--drill)?"', page)
    assert kinds[0][0] == "drone"                     # the region-wide real threat leads
    assert kinds[-1] == ("air_raid", " notice--drill")  # the exercise comes last, marked
    assert "Exercise — not a real alert" in page


def test_all_clear_ends_the_threat_in_its_area(client):
    page = html(client.get("/en/?area=yakovlevo"))
    assert 'notice--all_clear' in page
    assert 'notice--missile' not in page


def test_expired_notices_are_not_on_the_now_page(client):
    page = html(client.get("/en/?area=krasnaya-yaruga"))
    assert "notice--artillery" not in page


def test_no_alerts_state_names_the_area_and_time(app, client):
    db = connect(app.config["DATABASE"])
    with transaction(db):
        db.execute("UPDATE notices SET expires = sent WHERE region_wide = 1")
    db.close()
    page = html(client.get("/en/?area=rovenki"))
    assert re.search(r"No active alerts for Rovenki district as of \d\d:\d\d\.", page)
    assert 'class="notice ' not in page


def test_times_are_shown_in_the_regions_timezone(app, client, add_notice):
    app.config["NOW"] = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    add_notice("Rovenki check", kind="missile", minutes_ago=5)
    moscow = (app.config["NOW"] - timedelta(minutes=5) + timedelta(hours=3)).strftime("%H:%M")
    page = html(client.get("/en/?area=rovenki"))
    assert f"Issued {moscow}" in page
    assert re.search(r"\((<[^>]+>)?5 minutes ago", page)


def test_russian_only_notice_is_labelled_as_original(client):
    page = html(client.get("/en/?area=shebekino"))
    assert "Original in Russian" in page
    assert 'lang="ru"' in page


def test_area_list_names_all_22_areas_in_reader_language(client):
    page = html(client.get("/uk/"))
    assert len(re.findall(r'<option value="[a-z-]+"', page)) == 22
    assert "Шебекинський" in page


def test_language_switcher_keeps_page_and_area(client):
    page = html(client.get("/ru/?area=shebekino"))
    assert 'href="/en/?area=shebekino"' in page
    assert 'href="/uk/?area=shebekino"' in page
    shelter_page = html(client.get("/ru/shelters/3"))
    assert 'href="/en/shelters/3"' in shelter_page


def test_a_new_notice_shows_on_the_next_request(client, add_notice):
    assert "Rovenki fresh alert" not in html(client.get("/en/?area=rovenki"))
    add_notice("Rovenki fresh alert")
    assert "Rovenki fresh alert" in html(client.get("/en/?area=rovenki"))
