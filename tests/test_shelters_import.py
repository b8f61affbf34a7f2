"""`flask shelters import`: what an operator sees and what ends up in the database."""

import shutil
import sqlite3
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "shelters"
CSV_VARIANTS = ["comma_en.csv", "semicolon_ru_bom.csv", "semicolon_ru_cp1251.csv",
                "comma_ru_decimal_commas.csv"]
FIELDS = ("source_id", "name", "address", "kind", "capacity", "area", "lat", "lon", "status",
          "checked_at", "accessible")


def imported(app, source):
    """The shelters of one source as comparable tuples, by source id."""
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        return conn.execute(f"SELECT {', '.join(FIELDS)} FROM shelters WHERE source = ? "
                            "ORDER BY source_id", (source,)).fetchall()
    finally:
        conn.close()


def count(app, sql="SELECT count(*) FROM shelters"):
    """One number from the database."""
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def run_import(runner, path, *options):
    """Invoke the command as an operator would."""
    return runner.invoke(args=["shelters", "import", str(path), *options])


@pytest.mark.parametrize("name", CSV_VARIANTS)
def test_every_csv_variant_imports_the_same_records(app, runner, name):
    result = run_import(runner, DATA / name, "--source", "city")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "imported 3, updated 0, unchanged 0, rejected 0, skipped 0"
    assert imported(app, "city") == [
        ("bel-1", "Убежище ГО № 31-001", "г. Белгород, ул. Ленина, 12", "bomb_shelter", 300,
         "belgorod", 50.5955, 36.5873, "open", "2026-03-01T09:00:00+00:00", 1),
        ("bel-2", "Подвал жилого дома", "г. Белгород, ул. Мира, 3", "basement", 60, "belgorod",
         50.6012, 36.5801, "closed", "2026-02-15T09:00:00+00:00", 0),
        # No area in the file: the nearest area centre is Shebekino's.
        ("sheb-1", "Паркинг ТЦ «Центр»", "г. Шебекино, ул. Свободы, 7", "parking", None,
         "shebekino", 50.4001, 36.8902, "unknown", None, None),
    ]


def test_reimport_is_unchanged_and_an_edit_is_an_update(app, runner, tmp_path):
    assert run_import(runner, DATA / "comma_en.csv", "--source", "city").exit_code == 0
    again = run_import(runner, DATA / "semicolon_ru_cp1251.csv", "--source", "city")
    assert again.output.splitlines() == ["imported 0, updated 0, unchanged 3, rejected 0, skipped 0"]
    edited = tmp_path / "edited.csv"
    edited.write_text((DATA / "comma_en.csv").read_text(encoding="utf-8")
                      .replace("закрыто", "открыто"), encoding="utf-8")
    result = run_import(runner, edited, "--source", "city")
    assert result.output.splitlines()[0] == "imported 0, updated 1, unchanged 2, rejected 0, skipped 0"
    assert dict((r[0], r[8]) for r in imported(app, "city"))["bel-2"] == "open"


def test_the_windows_1251_semicolon_file_imported_twice_is_unchanged(app, runner):
    path = DATA / "semicolon_ru_cp1251.csv"
    assert run_import(runner, path, "--source", "city").exit_code == 0
    first = imported(app, "city")
    again = run_import(runner, path, "--source", "city")
    assert again.output.splitlines() == ["imported 0, updated 0, unchanged 3, rejected 0, skipped 0"]
    assert imported(app, "city") == first


def test_bad_rows_are_reported_by_number_and_the_rest_imported(app, runner):
    result = run_import(runner, DATA / "bad_rows.csv", "--source", "city")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "imported 3, updated 0, unchanged 0, rejected 3, skipped 0"
    assert lines[1] == "row 3: latitude and longitude look swapped"
    assert lines[2].startswith("row 5: point 55.75000, 37.62000 is outside Belgorod oblast")
    assert lines[3] == "row 6: latitude or longitude is missing"
    assert [r[0] for r in imported(app, "city")] == ["bel-1", "bel-2", "sheb-1"]


def test_strict_aborts_the_whole_file(app, runner):
    before = count(app)
    result = run_import(runner, DATA / "bad_rows.csv", "--source", "city", "--strict")
    assert result.exit_code != 0
    assert "row 3: latitude and longitude look swapped" in result.output
    assert "nothing written" in result.output
    assert count(app) == before


def test_strict_with_a_clean_file_writes_it(app, runner):
    result = run_import(runner, DATA / "comma_en.csv", "--source", "city", "--strict")
    assert result.exit_code == 0
    assert len(imported(app, "city")) == 3


def test_dry_run_counts_but_writes_nothing(app, runner):
    before = count(app)
    result = run_import(runner, DATA / "bad_rows.csv", "--source", "city", "--dry-run")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "imported 3, updated 0, unchanged 0, rejected 3, skipped 0"
    assert result.output.splitlines()[-1] == "dry run: nothing written"
    assert count(app) == before
    assert count(app, "SELECT count(*) FROM shelter_imports") == 0


OSM_SUMMARY = "imported 3, updated 0, unchanged 0, rejected 1, skipped 2"


def test_osm_export_keeps_bomb_shelters_and_skips_other_shelters(app, runner):
    result = run_import(runner, DATA / "osm_export.geojson")
    assert result.exit_code == 0, result.output
    # Two bomb shelters and a bunker kept; a bus stop and a picnic shelter skipped (not errors);
    # a relation osmtogeojson left without geometry rejected by its index.
    assert result.output.splitlines() == [OSM_SUMMARY, "skipped 1: bus or tram stop",
                                          "skipped 1: picnic shelter",
                                          "features[5]: feature has no geometry"]
    conn = sqlite3.connect(app.config["DATABASE"])
    conn.row_factory = sqlite3.Row
    rows = {r["source_id"]: dict(r) for r in conn.execute("SELECT * FROM shelters WHERE source = 'osm'")}
    conn.close()
    assert set(rows) == {"node/1001", "node/1005", "way/2002"}
    assert rows["node/1005"]["address"] == "Белгород, Гражданский проспект, 40"
    school = rows["node/1001"]
    assert (school["name"], school["kind"], school["capacity"], school["accessible"]) == (
        "Укрытие у школы № 5", "bomb_shelter", 150, 1)
    assert school["address"] == "Белгород, улица Ленина, 12"
    assert school["opening_hours"] == "24/7" and school["area"] == "belgorod"
    bunker = rows["way/2002"]
    # The polygon's centroid, and a name made up from the kind as OSM gave none.
    assert bunker["lat"] == pytest.approx(50.4001) and bunker["lon"] == pytest.approx(36.8902)
    assert (bunker["name"], bunker["accessible"], bunker["area"]) == ("Убежище", 0, "shebekino")
    again = run_import(runner, DATA / "osm_export.geojson")
    assert again.output.splitlines()[0] == "imported 0, updated 0, unchanged 3, rejected 1, skipped 2"
    assert count(app, "SELECT count(*) FROM shelters WHERE source = 'osm'") == 3


def test_geojson_with_swapped_coordinates_is_rejected_by_feature_index(app, runner, tmp_path):
    path = tmp_path / "authority.geojson"
    path.write_text('{"type":"FeatureCollection","features":['
                    '{"type":"Feature","properties":{"name":"A","id":"a"},'
                    '"geometry":{"type":"Point","coordinates":[36.6,50.6]}},'
                    '{"type":"Feature","properties":{"name":"B","id":"b"},'
                    '"geometry":{"type":"Point","coordinates":[50.6,36.6]}},'
                    '{"type":"Feature","properties":{"name":"C"},"geometry":null}]}',
                    encoding="utf-8")
    result = run_import(runner, path, "--source", "authority")
    assert result.output.splitlines() == [
        "imported 1, updated 0, unchanged 0, rejected 2, skipped 0",
        "features[1]: latitude and longitude look swapped",
        "features[2]: feature has no geometry"]


@pytest.mark.parametrize("content, name, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.csv", "is a binary file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.geojson", "is a binary file"),
    (b"PK\x03\x04\x14\x00\x06\x00", "shelters.csv", "looks like an Excel (.xlsx) or zip file"),
    (b"", "empty.csv", "file is empty"),
    (b"\r\n  \n", "blank.csv", "file is empty"),
    (b"name;address\nA;B\n", "no_coordinates.csv", "no latitude/longitude columns"),
    (b'{"type": "Point", "coordinates": [36.6, 50.6]}', "point.geojson",
     "not a GeoJSON FeatureCollection"),
    (b'[{"type": "Feature"}]', "list.geojson", "not a GeoJSON FeatureCollection"),
    (b'{"type": "FeatureCollection", "features": [', "cut.geojson", "not valid JSON"),
])
def test_unreadable_files_write_nothing_and_fail_with_one_line(app, runner, tmp_path, content, name,
                                                               reason):
    before = count(app)
    imports_before = count(app, "SELECT count(*) FROM shelter_imports")
    path = tmp_path / name
    path.write_bytes(content)
    result = run_import(runner, path)
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"Error: {path}: ") and reason in result.output, result.output
    assert count(app) == before
    assert count(app, "SELECT count(*) FROM shelter_imports") == imports_before


def test_format_option_overrides_the_file_name(app, runner, tmp_path):
    path = tmp_path / "export.txt"
    shutil.copy(DATA / "osm_export.geojson", path)
    assert run_import(runner, path, "--format", "csv").exit_code != 0
    result = run_import(runner, path, "--format", "geojson")
    assert result.output.splitlines()[0] == OSM_SUMMARY


def test_an_import_is_logged(app, runner):
    run_import(runner, DATA / "bad_rows.csv", "--source", "city")
    conn = sqlite3.connect(app.config["DATABASE"])
    row = conn.execute("SELECT source, file_name, format, imported, rejected FROM shelter_imports").fetchone()
    conn.close()
    assert row == ("city", "bad_rows.csv", "csv", 3, 3)


def test_a_big_file_is_searchable_and_findable_like_a_small_one(app, client, runner, tmp_path):
    # Enough rows for the bulk path, which fills the R*Tree and FTS5 index after the rows.
    lines = ["id;name;address;lat;lon"] + [
        f"big-{i};Укрытие № {i};ул. Садовая, {i};{50.3 + i / 20000:.5f};{36.3 + i / 20000:.5f}"
        for i in range(6000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_import(runner, path, "--source", "big")
    assert result.output.splitlines()[0] == "imported 6000, updated 0, unchanged 0, rejected 0, skipped 0"
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        wanted = conn.execute("SELECT id FROM shelters WHERE source_id = 'big-4321'").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM shelters_rtree").fetchone()[0] == count(app)
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'shelters_ai'").fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Raises if the FTS5 index does not match the rows it indexes.
        conn.execute("INSERT INTO shelters_fts (shelters_fts) VALUES ('integrity-check')")
    finally:
        conn.close()
    assert f'href="/en/shelters/{wanted}"' in client.get("/en/shelters/?q=садовая 4321").get_data(as_text=True)
    nearest = client.get("/api/shelters/nearest?lat=50.51605&lon=36.51605&n=1").get_json()
    assert nearest["shelters"][0]["id"] == wanted
    # The next, small import goes through the insert trigger again.
    assert run_import(runner, DATA / "comma_en.csv", "--source", "city").exit_code == 0
    assert "Подвал жилого дома" in client.get("/en/shelters/?q=мира 3").get_data(as_text=True)
