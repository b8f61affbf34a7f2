"""Nearest shelters: the R*Tree search agrees with brute force; the API checks its parameters."""

import random
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from preparedness.db import open_and_migrate, transaction
from preparedness.regions import load_region
from preparedness.shelters.nearest import MAX_ROWS, distance_m, nearest_search, nearest_shelters
from preparedness.shelters.store import save_shelters

REGION = load_region("belgorod")
BOX = REGION.bbox


@pytest.fixture(scope="module")
def random_db(tmp_path_factory):
    """A database of 3,000 shelters: scattered over the region, clustered in two towns."""
    db, _ = open_and_migrate(tmp_path_factory.mktemp("nearest") / "nearest.sqlite3")
    rng = random.Random(4)
    points = [(rng.uniform(BOX["min_lat"], BOX["max_lat"]), rng.uniform(BOX["min_lon"], BOX["max_lon"]))
              for _ in range(1500)]
    points += [(rng.gauss(50.6, 0.02), rng.gauss(36.6, 0.03)) for _ in range(1000)]
    points += [(rng.gauss(51.3, 0.01), rng.gauss(37.84, 0.02)) for _ in range(500)]
    records = [{"source": "rnd", "source_id": str(i), "name": f"S{i}", "address": "", "kind": "other",
                "capacity": None, "area": None, "lat": round(lat, 7), "lon": round(lon, 7),
                "status": rng.choice(["open", "closed", "unknown"]), "checked_at": None,
                "accessible": None, "features": "", "opening_hours": None, "access_notes": None,
                "operator": None, "confidence": "unverified", "is_sample": 0}
               for i, (lat, lon) in enumerate(points)]
    with transaction(db):
        save_shelters(db, records, datetime.now(timezone.utc))
    yield db
    db.close()


def brute_force(db, lat, lon, n, open_only=False):
    """Distances of the n nearest shelters, by looking at every one."""
    rows = db.execute("SELECT lat, lon, status FROM shelters").fetchall()
    return sorted(distance_m(lat, lon, r["lat"], r["lon"]) for r in rows
                  if not open_only or r["status"] in ("open", "unknown"))[:n]


# Anywhere in the region, on its edges and corners, and a little outside it.
EDGE_LATS = st.sampled_from([BOX["min_lat"], BOX["max_lat"], BOX["min_lat"] - 0.3, BOX["max_lat"] + 0.3])
EDGE_LONS = st.sampled_from([BOX["min_lon"], BOX["max_lon"], BOX["min_lon"] - 0.3, BOX["max_lon"] + 0.3])
LATS = st.floats(BOX["min_lat"] - 0.5, BOX["max_lat"] + 0.5) | EDGE_LATS
LONS = st.floats(BOX["min_lon"] - 0.5, BOX["max_lon"] + 0.5) | EDGE_LONS


@settings(max_examples=300, deadline=None)
@given(lat=LATS, lon=LONS, n=st.integers(1, 50), open_only=st.booleans())
def test_nearest_matches_brute_force(random_db, lat, lon, n, open_only):
    found = nearest_shelters(random_db, lat, lon, n, open_only=open_only)
    assert [s["distance_m"] for s in found] == pytest.approx(brute_force(random_db, lat, lon, n, open_only))


def test_more_than_there_are_returns_all(tmp_path):
    db, _ = open_and_migrate(tmp_path / "few.sqlite3")
    db.execute("INSERT INTO shelters (source, source_id, name, lat, lon, updated_at) "
               "VALUES ('x', '1', 'A', 49.8, 35.4, '2026-01-01T00:00:00+00:00')")
    found = nearest_shelters(db, 51.4, 39.2, 5)
    assert [s["name"] for s in found] == ["A"]
    db.close()


def test_api_answers_nearest_first_with_distances(client, app):
    response = client.get("/api/shelters/nearest?lat=50.6&lon=36.6&n=7")
    assert response.status_code == 200
    shelters = response.get_json()["shelters"]
    assert len(shelters) == 7
    distances = [s["distance_m"] for s in shelters]
    assert distances == sorted(distances)
    with app.app_context():
        db, _ = open_and_migrate(app.config["DATABASE"])
        assert distances == pytest.approx(brute_force(db, 50.6, 36.6, 7), abs=0.1)
        db.close()
    assert {"id", "name", "address", "kind", "status", "accessible", "area", "checked_at"} <= shelters[0].keys()


def test_api_caps_n_at_50(client):
    assert len(client.get("/api/shelters/nearest?lat=50.6&lon=36.6&n=500").get_json()["shelters"]) == 50


@pytest.mark.parametrize("query", [
    "", "lat=50.6", "lon=36.6", "lat=abc&lon=36.6", "lat=50.6&lon=", "lat=nan&lon=36.6",
    "lat=inf&lon=36.6", "lat=95&lon=36.6", "lat=50.6&lon=200", "lat=55.75&lon=37.62",
    "lat=50.6&lon=36.6&n=0", "lat=50.6&lon=36.6&n=-3", "lat=50.6&lon=36.6&n=two",
    "lat=50.6&lon=36.6&n=2.5",
])
def test_api_rejects_missing_invalid_or_out_of_range_parameters(client, query):
    response = client.get("/api/shelters/nearest?" + query)
    assert response.status_code == 400
    assert response.is_json and response.get_json()["error"]


@pytest.fixture(scope="module")
def dense_db(tmp_path_factory):
    """40,000 shelters spread evenly over the region's box, plus 600 at one single point."""
    db, _ = open_and_migrate(tmp_path_factory.mktemp("dense") / "dense.sqlite3")
    rng = random.Random(7)
    points = [(rng.uniform(BOX["min_lat"], BOX["max_lat"]), rng.uniform(BOX["min_lon"], BOX["max_lon"]))
              for _ in range(40000)] + [(50.6, 36.6)] * 600
    records = [{"source": "d", "source_id": str(i), "name": f"D{i}", "address": "", "kind": "other",
                "capacity": None, "area": None, "lat": round(lat, 6), "lon": round(lon, 6),
                "status": "open", "checked_at": None, "accessible": None, "features": "",
                "opening_hours": None, "access_notes": None, "operator": None,
                "confidence": "unverified", "is_sample": 0} for i, (lat, lon) in enumerate(points)]
    with transaction(db):
        save_shelters(db, records, datetime.now(timezone.utc))
    yield db
    db.close()


def sqlite_steps(db, call):
    """(result, thousands of SQLite virtual-machine steps) of call()."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    db.set_progress_handler(count, 1000)
    try:
        return call(), steps[0]
    finally:
        db.set_progress_handler(None, 1000)


# Inside, on the edges, at the corners and a degree outside: the search box must never grow over
# the whole table (the unbounded search read 10,000s of rows from outside the region).
AROUND = [(50.6, 36.6), (BOX["min_lat"], 37.0), (BOX["max_lat"] + 1, 37.5), (50.5, BOX["min_lon"] - 1),
          (BOX["max_lat"] + 1, BOX["max_lon"] + 1), (BOX["min_lat"] - 1, BOX["min_lon"] - 1),
          (BOX["min_lat"] - 0.7, BOX["max_lon"] + 0.4), (50.6, 36.6001)]


@pytest.mark.parametrize("lat, lon", AROUND)
def test_nearest_is_bounded_anywhere_in_and_around_the_region(dense_db, lat, lon):
    found, steps = sqlite_steps(dense_db, lambda: nearest_shelters(dense_db, lat, lon, 5))
    assert [s["distance_m"] for s in found] == pytest.approx(brute_force(dense_db, lat, lon, 5))
    assert steps < 40, steps


def test_the_rows_one_search_reads_are_capped(dense_db):
    found, read = nearest_search(dense_db, 50.6, 36.6, 50)
    assert len(found) == 50 and read <= MAX_ROWS
    assert max(s["distance_m"] for s in found) < 1
