"""Shelter files as they really come: OpenStreetMap exports, registers with a shelter_type, headers
in Russian, Ukrainian, English and Hebrew, Ukrainian and Israeli registers (see data/shelters/README)."""

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from test_admin_support import add_user, csrf_token, english_client, login

from preparedness.regions import Area, Region, load_region
from preparedness.shelters.importers import ShelterFileError, parse_file
from preparedness.shelters.importers.osm import osm_kind
from preparedness.shelters.importers.values import parse_kind, parse_yes_no

DATA = Path(__file__).resolve().parent / "data" / "shelters"
BELGOROD = load_region("belgorod")


def city_region(slug, bbox, centre):
    """A one-area region around a real register's city, so its real coordinates are inside."""
    names = {"ru": slug, "en": slug}
    return Region(slug=slug, names=names, timezone="Europe/Kyiv", bbox=bbox, centre=centre,
                  areas=(Area(slug=slug, names=names, short_names=names, centre=centre),))


UKRAINE = city_region("ukraine", {"min_lat": 44, "max_lat": 53, "min_lon": 22, "max_lon": 41},
                      (50.45, 30.52))
JERUSALEM = city_region("jerusalem", {"min_lat": 31.6, "max_lat": 31.9, "min_lon": 35.0,
                                      "max_lon": 35.35}, (31.77, 35.21))


def shelters(app, source):
    """{source_id: row} of one source's shelters."""
    conn = sqlite3.connect(app.config["DATABASE"])
    conn.row_factory = sqlite3.Row
    try:
        return {r["source_id"]: dict(r) for r in conn.execute(
            "SELECT * FROM shelters WHERE source = ?", (source,))}
    finally:
        conn.close()


def run_import(runner, path, *options):
    """`flask shelters import PATH ...` as an operator types it."""
    return runner.invoke(args=["shelters", "import", str(path), *options])


def test_overpass_export_imports_only_shelters_and_counts_skips_by_reason(app, runner):
    result = run_import(runner, DATA / "overpass_mixed.geojson")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "imported 3, updated 0, unchanged 0, rejected 0, skipped 11",
        "skipped 4: bus or tram stop",
        "skipped 2: picnic shelter",
        "skipped 1: weather shelter",
        "skipped 1: gazebo or pavilion",
        "skipped 1: amenity=shelter without shelter_type (a roof against the weather)",
        "skipped 1: emergency assembly point in the open, not a shelter",
        "skipped 1: sun shelter",
    ]
    rows = shelters(app, "osm")
    assert set(rows) == {"node/5001", "way/5002", "node/5003"}      # ids from the feature's "id"
    assert {r["kind"] for r in rows.values()} == {"bomb_shelter"}
    assert rows["way/5002"]["address"] == "Белгород, улица Попова, 20"
    again = run_import(runner, DATA / "overpass_mixed.geojson")
    assert again.output.splitlines()[0] == "imported 0, updated 0, unchanged 3, rejected 0, skipped 11"


def bus_stop_export(count):
    """An overpass export with ids only at feature level (no "@id", no generator): bus stops and two
    bomb shelters, as the 1,003-stop file in the report."""
    features = [{"type": "Feature", "id": f"node/{9000 + i}",
                 "properties": {"highway": "bus_stop", "shelter": "yes", "name": f"Остановка {i}"},
                 "geometry": {"type": "Point", "coordinates": [36.5 + i / 10000, 50.6]}}
                for i in range(count)]
    features += [{"type": "Feature", "id": f"node/{i}",
                  "properties": {"amenity": "shelter", "shelter_type": "bomb_shelter"},
                  "geometry": {"type": "Point", "coordinates": [36.58, 50.59 + i / 1000]}}
                 for i in (1, 2)]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def test_bus_stops_of_an_export_without_at_ids_are_skipped_not_shelters(app, runner, tmp_path):
    path = tmp_path / "export.geojson"
    path.write_bytes(bus_stop_export(1003))
    result = run_import(runner, path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "imported 2, updated 0, unchanged 0, rejected 0, skipped 1003",
        "skipped 1003: bus or tram stop"]
    assert set(shelters(app, "osm")) == {"node/1", "node/2"}


def test_an_osm_feature_without_any_id_gets_a_stable_one(tmp_path):
    export = {"type": "FeatureCollection", "generator": "overpass-turbo", "features": [
        {"type": "Feature", "properties": {"building": "bunker", "name": "Бункер"},
         "geometry": {"type": "Point", "coordinates": [36.58, 50.59]}}]}
    data = json.dumps(export).encode("utf-8")
    first = parse_file(data, BELGOROD, file_name="x.geojson")[2].records[0][1]["source_id"]
    again = parse_file(data, BELGOROD, file_name="x.geojson")[2].records[0][1]["source_id"]
    assert first == again and first.startswith("g-")


def test_a_register_with_shelter_type_is_a_plain_dataset(app, runner):
    result = run_import(runner, DATA / "shelter_type_register.geojson", "--source", "register")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "imported 5, updated 0, unchanged 0, rejected 0, skipped 0"]
    rows = shelters(app, "register")
    assert [rows[str(i)]["kind"] for i in range(1, 6)] == [
        "bomb_shelter", "anti_radiation", "simple_cover", "other", "simple_cover"]
    assert rows["1"]["address"] == "м. Бєлгород, вул. Попова, 2"
    assert (rows["1"]["operator"], rows["1"]["opening_hours"]) == ("КП «Укриття»", "Цілодобово")
    assert (rows["1"]["accessible"], rows["2"]["accessible"]) == (0, 1)


@pytest.mark.parametrize("name, expected", [
    ("semicolon_ru_bom.csv", ("Убежище ГО № 31-001", "г. Белгород, ул. Ленина, 12", "bomb_shelter", 300)),
    ("headers_uk.csv", ("Сховище № 31-002", "м. Бєлгород, вул. Попова, 36", "bomb_shelter", 250)),
    ("headers_en.csv", ("Civil defence shelter 31-003", "Belgorod, Popova St 40", "bomb_shelter", 300)),
    ("headers_he.csv", ("מקלט 12", "בלגורוד, רחוב פופוב 36", "bomb_shelter", 80)),
])
def test_headers_in_four_languages(app, runner, name, expected):
    result = run_import(runner, DATA / name, "--source", "city")
    assert result.exit_code == 0, result.output
    assert ", rejected 0, skipped 0" in result.output.splitlines()[0]
    first = min(shelters(app, "city").values(), key=lambda r: r["id"])
    assert (first["name"], first["address"], first["kind"], first["capacity"]) == expected


def test_ukrainian_kinds_and_accessibility_columns():
    rows = {r["name"]: r for _, r in parse_file((DATA / "headers_uk.csv").read_bytes(), BELGOROD,
                                                file_name="uk.csv")[2].records}
    assert {name: r["kind"] for name, r in rows.items()} == {
        "Сховище № 31-002": "bomb_shelter", "ПРУ школи № 9": "anti_radiation",
        "Укриття у житловому будинку": "basement", "Паркінг ТЦ": "parking"}
    assert [r["accessible"] for r in rows.values()] == [1, 0, 0, 1]
    assert rows["Сховище № 31-002"]["opening_hours"] == "Цілодобово"


def with_coordinates(path, lat, lon):
    """A register's CSV bytes with two coordinate columns added (the Kyiv register has none)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(rows[0] + ["Широта", "Довгота"])
    writer.writerows(row + [lat, lon] for row in rows[1:])
    return out.getvalue().encode("utf-8")


def test_the_real_kyiv_register_without_coordinates_is_refused_in_one_line():
    with pytest.raises(ShelterFileError) as refused:
        parse_file((DATA / "ua_kyiv_register.csv").read_bytes(), UKRAINE, file_name="kyiv.csv")
    assert str(refused.value).startswith("no latitude/longitude columns")
    assert "'Тип укриття'" in str(refused.value) and "\n" not in str(refused.value)


def test_the_real_kyiv_register_maps_every_column_it_has():
    data = with_coordinates(DATA / "ua_kyiv_register.csv", "50.45", "30.52")
    result = parse_file(data, UKRAINE, file_name="kyiv.csv")[2]
    records = dict(result.records)
    first = records["row 2"]
    assert (first["address"], first["kind"], first["accessible"], first["opening_hours"]) == (
        "вул. Юрія Іллєнка, 32", "basement", 0, "Цілодобово")
    assert first["operator"].startswith("КП \"Керуюча компанія")
    # "Вид укриття" says more than "Тип укриття": a metro station, a car park, a ground floor.
    assert (records["row 4"]["kind"], records["row 6"]["kind"]) == ("underpass", "parking")
    kinds = {r["kind"] for r in records.values()}
    assert kinds == {"basement", "underpass", "parking", "simple_cover", "other"}
    assert records["row 11"]["accessible"] == 1                      # "В наявності"
    # Two metro entrances the register gives the same text for: the second is rejected, with why.
    assert result.rejected == [("row 39", "id 'h-d3307ca67d0832e5' repeats row 7")]


@pytest.mark.parametrize("name", ["ua_opendata_835_example.csv", "ua_opendata_835_titles.csv"])
def test_the_ukrainian_open_data_standard_in_codes_or_titles(name):
    result = parse_file((DATA / name).read_bytes(), UKRAINE, file_name=name)[2]
    records = dict(result.records)
    assert (records["row 2"]["source_id"], records["row 2"]["kind"]) == ("123441", "bomb_shelter")
    assert records["row 2"]["address"] == "Берегове, вул. Берег, 15-А"
    assert records["row 2"]["operator"] == "КП “Укриття”"
    # The template's third example point lies in the Mediterranean: rejected with its row.
    assert [ref for ref, _ in result.rejected] == ["row 4"]
    assert "outside" in result.rejected[0][1]


def test_the_real_jerusalem_list_with_full_address_and_category():
    fmt, source, result = parse_file((DATA / "il_jerusalem_shelters.csv").read_bytes(), JERUSALEM,
                                     file_name="il_jerusalem_shelters.csv")
    assert (fmt, source, result.rejected) == ("csv", "il_jerusalem_shelters", [])
    records = {r["source_id"]: r for _, r in result.records}
    assert len(records) == 24
    beit_avichai = records["601"]
    assert (beit_avichai["name"], beit_avichai["address"], beit_avichai["kind"]) == (
        "Beit Avichai", "King George 44", "parking")
    assert {r["kind"] for r in records.values()} == {"parking", "bomb_shelter"}


def test_location_name_and_full_address_headers():
    data = "Location Name,Full Address,Latitude,Longitude\nA,\"Belgorod, Lenina 1\",50.6,36.6\n"
    record = parse_file(data.encode(), BELGOROD, file_name="x.csv")[2].records[0][1]
    assert (record["name"], record["address"]) == ("A", "Belgorod, Lenina 1")


@pytest.mark.parametrize("cell, kind", [
    ("Сховище", "bomb_shelter"), ("ПРУ", "anti_radiation"), ("Протирадіаційне укриття", "anti_radiation"),
    ("Найпростіше укриття", "simple_cover"), ("Найпростіші укриття", "simple_cover"),
    ("Підвал", "basement"), ("Підвальне приміщення", "basement"), ("Цокольний поверх", "basement"),
    ("Паркінг", "parking"), ("Підземний паркінг з пандусом", "parking"),
    ("Підземний перехід", "underpass"), ("метро", "underpass"), ("Станція метрополітену", "underpass"),
    ("Вхід в станцію метро", "underpass"), ("Простейшее укрытие", "simple_cover"),
    ("מקלט ציבורי", "bomb_shelter"), ("מקלט ציבורי במוסדות חינוך", "bomb_shelter"),
    ("חניון", "parking"), ("חניון מחסה לציבור", "parking"), ("Protected underground parking lots", "parking"),
    ("Public shelters", "bomb_shelter"), ("Споруди подвійного призначення", "other"),
])
def test_kinds_in_ukrainian_russian_english_and_hebrew(cell, kind):
    assert parse_kind(cell) == kind


@pytest.mark.parametrize("cell, value", [
    ("Так", 1), ("В наявності", 1), ("Наявний", 1), ("Відсутній", 0), ("ВІдсутній", 0), ("Ні", 0),
    ("כן", 1), ("לא", 0), ("<Null>", None),
])
def test_yes_and_no_in_ukrainian_and_hebrew(cell, value):
    assert parse_yes_no(cell) == value


@pytest.mark.parametrize("tags, outcome", [
    ({"amenity": "shelter", "shelter_type": "bomb_shelter"}, ("bomb_shelter", None)),
    ({"military": "bunker", "bunker_type": "bomb_shelter"}, ("bomb_shelter", None)),
    ({"building": "bunker"}, ("bomb_shelter", None)),
    ({"military": "bunker", "bunker_type": "pillbox"}, (None, "military bunker with bunker_type=pillbox")),
    # A bomb shelter under a bus stop's tags is still a bomb shelter.
    ({"highway": "bus_stop", "shelter_type": "bomb_shelter"}, ("bomb_shelter", None)),
    ({"public_transport": "platform", "shelter": "yes"}, (None, "bus or tram stop")),
    ({"amenity": "shelter", "shelter_type": "lean_to"}, (None, "hut or lean-to in the countryside")),
    ({"amenity": "shelter", "shelter_type": "smth"}, (None, "amenity=shelter with shelter_type=smth")),
    ({"emergency": "assembly_point", "assembly_point:bombing": "yes"}, ("other", None)),
    ({"emergency": "fire_hydrant"}, (None, "emergency=fire_hydrant is not a shelter")),
    ({"shelter": "yes", "building": "school"}, ("other", None)),
    ({"shelter": "yes", "amenity": "bench"}, (None, "picnic shelter")),
    ({"amenity": "school"}, (None, "no shelter tags (amenity=shelter, bunker, shelter=yes)")),
])
def test_what_openstreetmap_calls_a_shelter(tags, outcome):
    assert osm_kind(tags) == outcome


def test_the_upload_page_shows_why_features_were_skipped(app):
    add_user(app, "ap", "approver")
    client = english_client(app)
    assert login(client, "ap").status_code == 302
    page = client.get("/admin/shelters/import").get_data(as_text=True)
    with open(DATA / "overpass_mixed.geojson", "rb") as fh:
        response = client.post("/admin/shelters/import", data={
            "csrf_token": csrf_token(page), "file": (fh, "overpass.geojson"), "file_format": "auto"},
            content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ("imported 3, updated 0, unchanged 0, rejected 0, skipped 11 (bus or tram stop 4, "
            "picnic shelter 2, weather shelter 1, gazebo or pavilion 1") in html


def test_a_register_crediting_openstreetmap_is_still_a_plain_dataset():
    register = {"type": "FeatureCollection", "attribution": "Map data © OpenStreetMap contributors",
                "features": [{"type": "Feature", "properties": {"name": "Сховище 1", "type": "Сховище"},
                              "geometry": {"type": "Point", "coordinates": [36.58, 50.59]}}]}
    result = parse_file(json.dumps(register).encode("utf-8"), BELGOROD, file_name="reg.geojson")[2]
    assert (result.osm, result.skipped, len(result.records)) == (False, [], 1)
    assert result.records[0][1]["kind"] == "bomb_shelter"


def test_a_shelter_type_register_crediting_openstreetmap_is_not_skipped():
    features = json.loads((DATA / "shelter_type_register.geojson").read_text(encoding="utf-8"))
    features["copyright"] = "© OpenStreetMap contributors"
    result = parse_file(json.dumps(features).encode("utf-8"), BELGOROD, file_name="r.geojson")[2]
    assert (result.osm, result.skipped, len(result.records)) == (False, [], 5)
