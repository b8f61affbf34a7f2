"""The pure shelter parsers: what they make of real-world cells, and fuzzing with arbitrary input."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from preparedness.regions import load_region
from preparedness.shelters.importers import (ShelterFileError, detect_format, parse_csv, parse_file,
                                             parse_geojson)
from preparedness.shelters.importers.values import (parse_capacity, parse_checked_at,
                                                    parse_features, parse_kind, parse_status)

REGION = load_region("belgorod")
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_record(text, **kwargs):
    """The one record a small CSV (str) makes."""
    result = parse_csv(text.encode("utf-8"), REGION, "test", **kwargs)
    assert not result.rejected, result.rejected
    (_, record), = result.records
    return record


@pytest.mark.parametrize("cell, kind", [
    ("Убежище ГО", "bomb_shelter"), ("бомбоубежище", "bomb_shelter"), ("ПРУ", "anti_radiation"),
    ("противорадиационное укрытие", "anti_radiation"), ("Подвал", "basement"),
    ("подземный паркинг", "parking"), ("Подземный переход", "underpass"), ("метро", "underpass"),
    ("простейшее укрытие", "simple_cover"), ("укрытие", "simple_cover"), ("", "other"),
    ("пружина", "other"), ("basement", "basement"), ("bomb_shelter", "bomb_shelter"),
])
def test_kinds_in_russian_and_english(cell, kind):
    assert parse_kind(cell) == kind


@pytest.mark.parametrize("cell, status", [
    ("открыто", "open"), ("Открыт", "open"), ("не работает", "closed"), ("закрыто", "closed"),
    ("недоступно", "closed"), ("мест нет", "full"), ("full", "full"), ("", "unknown"), ("?", "unknown"),
])
def test_statuses_in_russian_and_english(cell, status):
    assert parse_status(cell) == status


def test_cells_as_people_type_them():
    assert parse_capacity("1 200") == 1200
    assert parse_capacity("300 чел.") == 300
    assert parse_capacity("150.0") == 150
    assert parse_features("вода, туалет; электричество / можно с животными") == "water toilet power pets"
    assert parse_checked_at("31.12.2025", "Europe/Moscow") == "2025-12-31T09:00:00+00:00"
    assert parse_checked_at("2025-12-31T10:00:00Z", "Europe/Moscow") == "2025-12-31T10:00:00+00:00"


def test_one_coordinates_cell_and_feature_columns():
    record = only_record("Название;Координаты;Вода;Туалет;Отопление\nУкрытие;50,5955, 36,5873;да;нет;+\n")
    assert (record["lat"], record["lon"]) == (50.5955, 36.5873)
    assert record["features"] == "water heating"


def test_missing_name_gets_the_kind_and_missing_id_is_stable():
    first = only_record("lat,lon,kind,address\n50.6,36.6,подвал,\"ул. Мира, 1\"\n")
    second = only_record("address,kind,lon,lat\n\"ул. Мира, 1\",подвал,36.61,50.61\n")
    assert first["name"] == "Подвал"
    assert first["source_id"] == second["source_id"]


def test_area_named_in_the_file_wins_over_the_nearest_centre():
    record = only_record("name;lat;lon;район\nA;50.6;36.6;Шебекинский городской округ\n")
    assert record["area"] == "shebekino"


def test_duplicate_ids_in_one_file_are_rejected():
    result = parse_csv(b"id,name,lat,lon\n1,A,50.6,36.6\n1,B,50.7,36.7\n", REGION, "test")
    assert [ref for ref, _ in result.records] == ["row 2"]
    assert result.rejected == [("row 3", "id '1' repeats row 2")]


def test_blank_lines_keep_spreadsheet_row_numbers():
    result = parse_csv(b"name,lat,lon\n\nA,50.6,36.6\n,,\nB,36.6,50.6\n", REGION, "test")
    assert [ref for ref, _ in result.records] == ["row 3"]
    assert result.rejected == [("row 5", "latitude and longitude look swapped")]


def test_impossible_numbers_are_rejected_not_stored():
    result = parse_csv(b"name,lat,lon,capacity\nA,nan,36.6,\nB,50.6,inf,\nC,50.6,36.6,-5\n",
                       REGION, "test")
    assert [ref for ref, _ in result.rejected] == ["row 2", "row 3", "row 4"]
    assert not result.records


def test_geojson_multipolygon_and_osmtogeojson_tags():
    document = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"type": "way", "id": 77, "tags": {
            "amenity": "shelter", "shelter_type": "bomb_shelter", "name": "У"}},
        "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[36.6, 50.6], [36.602, 50.6], [36.602, 50.602], [36.6, 50.602], [36.6, 50.6]]]]}}]}
    result = parse_geojson(json.dumps(document).encode(), REGION, "osm")
    (_, record), = result.records
    assert record["source_id"] == "way/77"
    assert (record["lat"], record["lon"]) == (pytest.approx(50.601), pytest.approx(36.601))


def test_format_detection_and_default_source():
    osm = b'{"type":"FeatureCollection","features":[{"properties":{"@id":"node/1"}}]}'
    assert detect_format(osm, "export") == "geojson"
    assert detect_format(b"name;lat;lon\n", "list") == "csv"
    assert parse_file(osm, REGION, file_name="export.geojson")[1] == "osm"
    assert parse_file(b"name;lat;lon\n", REGION, file_name="/x/city-2026.csv")[1] == "city-2026"


@FUZZ
@given(st.binary(max_size=600))
def test_csv_parser_on_arbitrary_bytes_raises_only_its_own_error(data):
    try:
        parse_csv(data, REGION, "fuzz")
    except ShelterFileError:
        pass


@FUZZ
@given(st.lists(st.lists(st.sampled_from(["", "50,6", "36.6", "nan", "1e999", "Ленина 1", "\x00",
                                          "\"", "да", "31.02.2025", "-1", "😀", "\r", ";"]),
                         max_size=8), max_size=6))
def test_csv_parser_on_arbitrary_cells_raises_only_its_own_error(rows):
    header = "name;lat;lon;capacity;checked_at;accessible;kind;coordinates\n"
    data = header + "\n".join(";".join(row) for row in rows)
    for encoded in (data.encode("utf-8"), data.encode("utf-8", "ignore")):
        try:
            parse_csv(encoded, REGION, "fuzz")
        except ShelterFileError:
            pass


@FUZZ
@given(st.binary(max_size=600))
def test_geojson_parser_on_arbitrary_bytes_raises_only_its_own_error(data):
    try:
        parse_geojson(data, REGION, "fuzz")
    except ShelterFileError:
        pass


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.sampled_from(["Point", "Polygon", "MultiPolygon", "bomb_shelter", "shelter", "bunker"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "coordinates", "properties", "geometry", "amenity", "shelter_type",
                         "name", "capacity", "tags", "id", "@id", "wheelchair", "building"]),
        inner, max_size=5),
    max_leaves=25)


@FUZZ
@given(st.lists(st.fixed_dictionaries({"type": st.just("Feature"), "geometry": JSON_VALUES,
                                       "properties": JSON_VALUES}) | JSON_VALUES, max_size=5))
def test_geojson_parser_on_arbitrary_features_raises_only_its_own_error(features):
    document = {"type": "FeatureCollection", "features": features}
    try:
        parse_geojson(json.dumps(document).encode("utf-8"), REGION, "fuzz")
    except ShelterFileError:
        pass
