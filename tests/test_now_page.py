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
    assert re.search(f"<h1[^>]*>{now_word}:", page)
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


def lead_card(page):
    """The "do now" card that leads the page (kind, areas, times, step 1, the shelter button)."""
    found = re.search(r'<section class="do-now card--(\w+)".*?</section>', page, re.S)
    assert found, "no do-now card"
    return found.group(1), found.group(0)


def test_a_drill_has_its_own_card_and_never_leads_over_a_real_alert(client, add_notice):
    add_notice("Rovenki drill", kind="missile", status="Exercise", minutes_ago=1)
    add_notice("Rovenki real", kind="drone", minutes_ago=5)
    page = html(client.get("/en/?area=rovenki"))
    kind, card = lead_card(page)
    assert kind == "drone" and "data-drill" not in card       # the real one leads, though less urgent a kind
    assert page.index("do-now") < page.index("Exercise — not a real alert")   # no banner above it
    drill = re.search(r'<article class="notice notice--missile notice--drill".*?</article>', page, re.S)
    assert drill and "Exercise — not a real alert" in drill.group(0)
    assert page.count("Exercise — not a real alert") == 1


def test_only_drills_lead_with_their_label(client, add_notice, app):
    db = connect(app.config["DATABASE"])
    with transaction(db):
        db.execute("UPDATE notices SET expires = sent")
    db.close()
    add_notice("Rovenki drill", kind="missile", status="Exercise")
    _, card = lead_card(html(client.get("/en/?area=rovenki")))
    assert "data-drill" in card and "Exercise — not a real alert" in card


def test_the_lead_card_says_what_where_since_until_and_the_way_to_a_shelter(client, app, add_notice):
    app.config["NOW"] = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    add_notice("Rovenki missile", kind="missile", minutes_ago=4)
    kind, card = lead_card(html(client.get("/en/?area=rovenki")))
    assert kind == "missile"
    assert "Do now" in card and "Missile danger" in card and "Rovenki district" in card
    assert re.search(r"Issued \d\d:\d\d \(<time datetime=\"[^\"]+\" data-age>4 minutes ago</time>\)", card)
    assert re.search(r"Until \d\d:\d\d", card)
    assert card.count("<li>") == 1                            # step 1 only; the full card is a link
    assert 'class="do-now__go" href="/en/shelters/?area=rovenki"' in card
    assert re.search(r'data-expires="\d{4}-\d\d-\d\dT[\d:]+\+00:00"', card)


def test_a_notice_published_this_minute_is_just_now_never_in_the_future(client, app, add_notice):
    minute = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    app.config["NOW"] = minute + timedelta(seconds=50)
    add_notice("Rovenki fresh", kind="missile", minutes_ago=5 / 60)   # 45 s into the page's minute
    page = html(client.get("/en/?area=rovenki"))
    assert "data-age>just now</time>" in page
    assert not re.search(r"\bin \d+ seconds?\b", page)
    russian = html(client.get("/ru/?area=rovenki"))
    assert "через" not in russian and "только что" in russian


def test_notices_of_one_kind_for_one_area_collapse_into_one_card(client, app, add_notice):
    app.config["NOW"] = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    add_notice("Rovenki missile first", kind="missile", minutes_ago=20)
    add_notice("Rovenki missile again", kind="missile", minutes_ago=2, areas=("rovenki", "valuyki"))
    page = html(client.get("/en/?area=rovenki"))
    missiles = re.findall(r'<article class="notice notice--missile"', page)
    assert len(missiles) == 1
    card = re.search(r'<article class="notice notice--missile".*?</article>', page, re.S).group(0)
    assert "Rovenki missile again" in card and "Rovenki missile first" not in card   # the newest text
    assert "20 minutes ago" in card and re.search(r"updated \d\d:\d\d", card)     # first issued, then updated
    assert "Rovenki district and Valuyki district" in card and "Earlier:" in card


def test_same_urgency_newest_first(client, add_notice):
    add_notice("Older drone", kind="drone", minutes_ago=30, areas=("rovenki",))
    add_notice("Newer drone", kind="drone", minutes_ago=1, areas=("valuyki",))
    page = html(client.get("/en/?area=valuyki"))
    assert headlines(client.get("/en/"))[:0] == []
    assert "Newer drone" in page
    region = headlines(client.get("/en/"))
    # Region-wide, the drone notices overlap the sample region-wide drone: one card, the newest text.
    assert region[1] == "Newer drone", region


def test_first_visit_asks_for_the_area_before_the_summary(client):
    page = html(client.get("/en/"))
    ask = page.index('class="ask-area"')
    assert ask < page.index('class="do-now')
    shortlist = re.findall(r'<li><a href="/en/\?area=([a-z-]+)">', page[ask:page.index("</section>", ask)])
    assert shortlist[:2] == ["belgorod", "shebekino"] and len(shortlist) == 4   # the missile's areas first
    assert "data-locate-area" in page and 'href="#area-form"' in page
    assert 'class="ask-area"' not in html(client.get("/en/?area=belgorod"))


def test_bottom_bar_has_now_shelters_and_a_tel_link_and_carries_the_area(client):
    page = html(client.get("/en/?area=shebekino"))
    bar = re.search(r'<nav class="tabbar".*?</nav>', page, re.S).group(0)
    assert 'href="/en/?area=shebekino"' in bar and 'href="/en/shelters/?area=shebekino"' in bar
    assert 'href="tel:112"' in bar and 'href="/en/notices/?area=shebekino"' in bar
    assert 'href="/en/checklists/"' in bar and 'href="/en/kit"' in bar
    assert 'href="tel:112"' in page[page.index("<footer"):]
    # Tabs without an area of their own pass it on from the address; an unknown one is dropped.
    assert 'href="/en/shelters/?area=shebekino"' in html(client.get("/en/checklists/?area=shebekino"))
    assert client.get("/en/checklists/?area=nowhere").headers["Location"] == "/en/checklists/"
    elsewhere = html(client.get("/en/checklists/?area=nowhere", follow_redirects=True))
    assert "nowhere" not in re.search(r'<nav class="tabbar".*?</nav>', elsewhere, re.S).group(0)
