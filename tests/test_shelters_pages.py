"""Shelter pages and GeoJSON as a resident or another system sees them."""

import json
import re
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from preparedness.i18n import utcnow

DATA = Path(__file__).resolve().parent / "data" / "shelters"


def page(client, url):
    """The HTML of a page that must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def listed_ids(html):
    """Shelter ids linked from the list, in order."""
    return [int(i) for i in re.findall(r'class="shelter" href="/\w+/shelters/(\d+)"', html)]


def sql(app, query, *args):
    """Rows from the app's database."""
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        rows = conn.execute(query, args).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


@pytest.fixture
def city(app, runner):
    """The sample data plus the city's list (3 shelters, one at ул. Ленина, 12)."""
    assert runner.invoke(args=["shelters", "import", str(DATA / "comma_en.csv"),
                               "--source", "city"]).exit_code == 0
    return dict(sql(app, "SELECT source_id, id FROM shelters WHERE source = 'city'"))


@pytest.mark.parametrize("query", ["ленина 12", "Ленина,12", "ЛЕНИНА 12", "ул. Ленина, д. 12",
                                   "  ленин  12 "])
def test_address_search_finds_the_same_shelter_however_it_is_typed(client, city, query):
    html = page(client, "/en/shelters/?" + f"q={query}")
    assert city["bel-1"] in listed_ids(html)
    assert city["bel-2"] not in listed_ids(html)


@pytest.mark.parametrize("query", [",,,", '"', "*", "(", "AND", "-", "NEAR(", "'", "^"])
def test_punctuation_or_operator_queries_do_not_fail(client, query):
    response = client.get("/en/shelters/", query_string={"q": query})
    assert response.status_code == 200


def test_search_within_an_area_and_with_no_match(client, city):
    assert listed_ids(page(client, "/en/shelters/?area=shebekino&q=ленина 12")) == []
    assert len(listed_ids(page(client, "/en/shelters/?area=shebekino&q=ленина"))) == 1
    html = page(client, "/en/shelters/?q=несуществующая")
    assert "No shelters match these filters" in html


def test_open_only_and_step_free_filters(app, client):
    everything = listed_ids(page(client, "/en/shelters/?area=belgorod"))
    open_ids = listed_ids(page(client, "/en/shelters/?area=belgorod&open=1"))
    step_free = listed_ids(page(client, "/en/shelters/?area=belgorod&accessible=1"))
    both = listed_ids(page(client, "/en/shelters/?area=belgorod&open=1&accessible=1"))
    status = dict(sql(app, "SELECT id, status FROM shelters"))
    accessible = dict(sql(app, "SELECT id, accessible FROM shelters"))
    assert open_ids and set(open_ids) < set(everything)
    assert all(status[i] == "open" for i in open_ids)
    assert step_free and all(accessible[i] == 1 for i in step_free)
    assert set(both) == set(open_ids) & set(step_free)
    assert sorted(open_ids) == sorted(i for i in everything if status[i] == "open")


def test_the_filter_form_is_one_get_form_that_keeps_its_values(client):
    html = page(client, "/en/shelters/?area=belgorod&q=Щорса&open=1")
    assert len(re.findall(r"<form ", html)) == 1
    assert 'method="get"' in html
    assert 'value="Щорса"' in html and 'id="open" name="open" type="checkbox" value="1" checked' in html


def test_every_listed_status_says_when_it_was_checked(client):
    html = page(client, "/en/shelters/")
    items = re.findall(r'<a class="shelter".*?</a>', html, re.S)
    assert items and all("checked" in item for item in items)
    assert all("Sample data" in item for item in items)


def test_detail_page_has_all_facts_and_map_links(app, client, city):
    html = page(client, f"/en/shelters/{city['bel-1']}")
    for text in ("Убежище ГО № 31-001", "г. Белгород, ул. Ленина, 12", "Bomb shelter", "300 places",
                 "Step-free access", 'href="geo:50.59550,36.58730"',
                 "https://www.openstreetmap.org/?mlat=50.59550&amp;mlon=36.58730",
                 "Not confirmed (city: bel-1)"):
        assert text in html, text
    assert "Sample data" not in html


def test_old_or_missing_checks_are_flagged_as_possibly_outdated(app, client, city):
    with app.app_context():
        now = utcnow()
    recent = (now - timedelta(days=3)).isoformat(timespec="seconds")
    old = (now - timedelta(days=45)).isoformat(timespec="seconds")
    sql(app, "UPDATE shelters SET checked_at = ? WHERE source_id = 'bel-1'", recent)
    sql(app, "UPDATE shelters SET checked_at = ? WHERE source_id = 'bel-2'", old)
    fresh = page(client, f"/en/shelters/{city['bel-1']}")
    assert "checked 3 days ago" in fresh and "This status may be out of date" not in fresh
    stale = page(client, f"/en/shelters/{city['bel-2']}")
    assert "checked 45 days ago" in stale and "This status may be out of date" in stale
    never = page(client, f"/en/shelters/{city['sheb-1']}")
    assert "never checked" in never and "This status may be out of date" in never


def test_sample_shelter_is_labelled(client):
    assert "Sample data" in page(client, "/en/shelters/1")


def test_geojson_has_the_contract_properties_and_is_compact(app, client, city):
    index = json.loads(client.get("/api/shelters.geojson").get_data(as_text=True))
    features = []
    for entry in index["areas"]:
        response = client.get(entry["url"])
        assert response.status_code == 200
        assert response.mimetype == "application/geo+json"
        body = response.get_data(as_text=True)
        data = json.loads(body)
        assert body == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        assert data["type"] == "FeatureCollection"
        features += data["features"]
    assert len(features) == sql(app, "SELECT count(*) FROM shelters")[0][0]
    data = {"features": features}
    for f in data["features"]:
        props = f["properties"]
        assert {"id", "name", "address", "kind", "capacity", "status", "accessible", "area",
                "checked_at", "features", "is_sample"} <= props.keys()
        assert props["status"] in {"open", "closed", "full", "unknown"}
        assert props["accessible"] in (True, False, None)
        assert f["geometry"]["type"] == "Point"
    bel1 = next(f for f in data["features"] if f["id"] == city["bel-1"])
    assert bel1["geometry"]["coordinates"] == [36.5873, 50.5955]
    assert (bel1["properties"]["area"], bel1["properties"]["accessible"]) == ("belgorod", True)


def test_nearest_button_is_hidden_without_javascript(client):
    for url in ("/en/", "/en/shelters/"):
        html = page(client, url)
        assert re.search(r'<button type="button" class="nearest__button" hidden>', html)
        assert "js/nearest.js" in html


def test_detail_page_gives_directions_hours_operator_and_features(app, client, runner, tmp_path):
    path = tmp_path / "district.csv"
    path.write_text("код;наименование;адрес;широта;долгота;режим работы;как пройти;ответственный;"
                    "вода;туалет\n"
                    "d-1;Убежище ГО № 7;г. Белгород, ул. Победы, 80;50,6001;36,5902;круглосуточно;"
                    "Вход со двора, синяя дверь, спуск 12 ступеней;Управляющая компания «Дом»;да;нет\n",
                    encoding="utf-8")
    assert runner.invoke(args=["shelters", "import", str(path), "--source", "district"]).exit_code == 0
    shelter_id = sql(app, "SELECT id FROM shelters WHERE source = 'district'")[0][0]
    html = page(client, f"/en/shelters/{shelter_id}")
    for text in ("<dt>How to get in</dt><dd lang=\"ru\">Вход со двора, синяя дверь, спуск 12 ступеней</dd>",
                 "<dt>Opening hours</dt><dd>круглосуточно</dd>",
                 "<dt>Operator</dt><dd>Управляющая компания «Дом»</dd>",
                 "<dt>Inside</dt><dd>Drinking water</dd>"):
        assert text in html, text


@pytest.mark.parametrize("query", ["Lenina 17", "ul. Lenina, 17", "lenina 17", "Shebekino Lenina 17"])
def test_latin_letters_find_the_cyrillic_address(client, app, query):
    html = page(client, "/en/shelters/?" + f"q={query}")
    found = re.findall(r'<span class="shelter__address" lang="ru">([^<]+)<', html)
    assert found == ["г. Шебекино, ул. Ленина, 17"], found


def test_latin_search_with_an_area_and_no_match(client):
    assert listed_ids(page(client, "/en/shelters/?area=belgorod&q=Lenina 17")) == []
    assert listed_ids(page(client, "/en/shelters/?q=Lenina 99")) == []


def test_names_and_addresses_in_latin_letters_beside_the_original(client):
    english = page(client, "/en/shelters/?q=Щорса 45")
    assert ('<span class="shelter__name" lang="ru">Убежище ГО № 31-014</span>\n  '
            '<span class="shelter__latin" lang="ru-Latn">Ubezhishche GO № 31-014</span>') in english
    assert '<span class="shelter__latin" lang="ru-Latn">g. Belgorod, ul. Shchorsa, 45</span>' in english
    detail = page(client, "/en/shelters/1")
    assert '<h1 lang="ru">Убежище ГО № 31-014 <span class="shelter__latin" lang="ru-Latn">Ubezhishche' in detail
    for lang in ("ru", "uk", "ky", "tg"):   # readers of Cyrillic get it as it is
        assert "Ubezhishche" not in page(client, f"/{lang}/shelters/?q=Щорса 45")
    for lang in ("uz", "hy", "zh", "ar"):
        assert "Ubezhishche GO" in page(client, f"/{lang}/shelters/?q=Щорса 45")


def test_route_button_comes_first_on_a_shelter_page(client, city):
    html = page(client, f"/en/shelters/{city['bel-1']}")
    button = html.index('class="do-now__go" href="geo:50.59550,36.58730"')
    assert button < html.index('class="facts"') and html.count('href="geo:') == 1


def test_open_and_recently_checked_first_then_unknown_or_old_then_full(app, client):
    with app.app_context():
        now = utcnow()
    old = (now - timedelta(days=95)).isoformat(timespec="seconds")
    recent = (now - timedelta(days=2)).isoformat(timespec="seconds")
    rows = sql(app, "SELECT id FROM shelters WHERE area = 'shebekino' ORDER BY id")
    ids = [r[0] for r in rows]
    assert len(ids) >= 4
    sql(app, "UPDATE shelters SET status = 'full', checked_at = ? WHERE id = ?", recent, ids[0])
    sql(app, "UPDATE shelters SET status = 'unknown', checked_at = ? WHERE id = ?", old, ids[1])
    sql(app, "UPDATE shelters SET status = 'open', checked_at = ? WHERE id = ?", old, ids[2])
    sql(app, "UPDATE shelters SET status = 'open', checked_at = ? WHERE id = ?", recent, ids[3])
    for url in ("/en/shelters/?area=shebekino", "/en/?area=shebekino"):
        shown = [i for i in listed_ids(page(client, url)) if i in ids[:4]]
        assert shown[0] == ids[3], url                       # open, checked two days ago
        assert shown[-1] == ids[0] or ids[0] not in shown, url   # the full one last
        assert set(shown[1:3]) <= {ids[1], ids[2]} or len(shown) < 4, url
    listing = page(client, "/en/shelters/?area=shebekino")
    assert "checked 95 days ago" in listing and "checked 2 days ago" in listing
