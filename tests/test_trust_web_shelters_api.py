"""/api/shelters.geojson at scale: an index of areas, one area per request in bounded pages, one URL
per answer (parameters that change nothing redirect to it, so they cannot bypass a cache)."""

import json
from datetime import datetime, timezone

import pytest

from preparedness.db import connect, transaction
from preparedness.shelters import api
from preparedness.shelters.store import save_shelters

CONTRACT = {"id", "name", "address", "kind", "capacity", "status", "accessible", "area", "checked_at"}


def body(response):
    """The JSON of a 200 answer: GeoJSON for an area, plain JSON for the index of areas."""
    assert response.status_code == 200, response.status_code
    data = json.loads(response.get_data(as_text=True))
    expected = "application/json" if "areas" in data else "application/geo+json"
    assert response.mimetype == expected
    return data


def add_shelters(app, count, area, prefix="x"):
    """Store `count` shelters in `area` (None: without an area) near Valuyki."""
    records = [{"source": "bulk", "source_id": f"{prefix}{i}", "name": f"S{i}", "address": "a",
                "kind": "basement", "capacity": None, "area": area, "lat": 50.2 + i * 1e-5,
                "lon": 38.1, "status": "open", "checked_at": None, "accessible": None, "features": "",
                "opening_hours": None, "access_notes": None, "operator": None,
                "confidence": "unverified", "is_sample": 0} for i in range(count)]
    db = connect(app.config["DATABASE"])
    with transaction(db):
        save_shelters(db, records, datetime.now(timezone.utc))
    db.close()


def test_without_area_the_answer_is_a_small_index_of_per_area_urls(app, client):
    add_shelters(app, 3000, "valuyki")
    index = body(client.get("/api/shelters.geojson"))
    assert "features" not in index
    by_area = {a["area"]: a for a in index["areas"]}
    assert by_area["valuyki"]["count"] >= 3000
    assert by_area["valuyki"]["url"] == "/api/shelters.geojson?area=valuyki"
    assert index["total"] == sum(a["count"] for a in index["areas"])
    for entry in index["areas"]:
        west, south, east, north = entry["bbox"]
        assert west <= east and south <= north
        assert entry["pages"] == -(-entry["count"] // index["page_size"])
    assert len(json.dumps(index)) < 20000


def test_an_area_answers_its_shelters_only_with_the_contract_properties(client):
    index = body(client.get("/api/shelters.geojson"))
    assert index["areas"]
    for entry in index["areas"]:
        data = body(client.get(entry["url"]))
        assert data["type"] == "FeatureCollection" and data["area"] == entry["area"]
        assert len(data["features"]) == entry["count"]
        for f in data["features"]:
            assert CONTRACT <= f["properties"].keys()
            assert f["properties"]["area"] == entry["area"]


def test_a_big_area_comes_in_bounded_pages_that_link_to_the_next(app, client):
    add_shelters(app, api.PAGE_SIZE + 10, "valuyki")
    seen, url = [], "/api/shelters.geojson?area=valuyki"
    while url:
        data = body(client.get(url))
        assert len(data["features"]) <= api.PAGE_SIZE
        seen += [f["id"] for f in data["features"]]
        url = data.get("next")
    assert len(seen) == len(set(seen)) == data["total"] >= api.PAGE_SIZE + 10


def test_shelters_without_an_area_have_their_own_entry(app, client):
    add_shelters(app, 2, None, prefix="none")
    index = body(client.get("/api/shelters.geojson"))
    entry = next(a for a in index["areas"] if a["area"] == "unassigned")
    data = body(client.get(entry["url"]))
    assert len(data["features"]) == 2 and {f["properties"]["area"] for f in data["features"]} == {None}


@pytest.mark.parametrize("query, location", [
    ("?r=1", "/api/shelters.geojson"),
    ("?area=valuyki&r=1", "/api/shelters.geojson?area=valuyki"),
    ("?r=1&area=valuyki", "/api/shelters.geojson?area=valuyki"),
    ("?area=valuyki&page=1", "/api/shelters.geojson?area=valuyki"),
    ("?page=2", "/api/shelters.geojson"),
    ("?area=valuyki&area=gubkin", "/api/shelters.geojson?area=valuyki"),
    ("?AREA=valuyki", "/api/shelters.geojson"),
])
def test_parameters_that_change_nothing_redirect_to_the_one_cached_url(client, query, location):
    response = client.get("/api/shelters.geojson" + query)
    assert response.status_code == 301
    assert response.headers["Location"] == location
    assert response.headers["Cache-Control"].startswith("public")
    assert client.get(location).status_code == 200


@pytest.mark.parametrize("query", ["?area=nowhere", "?area=valuyki&page=2", "?area=valuyki&page=0",
                                   "?area=valuyki&page=99999999999999999999", "?area=",
                                   "?area=%00", "?area=valuyki&page=-1"])
def test_unknown_areas_and_pages_are_404(client, query):
    assert client.get("/api/shelters.geojson" + query).status_code == 404


def test_a_known_area_without_shelters_is_an_empty_collection(app, client):
    from preparedness.db import connect
    db = connect(app.config["DATABASE"])
    db.execute("DELETE FROM shelters WHERE area = 'valuyki'")
    db.close()
    data = body(client.get("/api/shelters.geojson?area=valuyki"))
    assert data["features"] == [] and data["total"] == 0 and data["pages"] == 1
    assert client.get("/api/shelters.geojson?area=valuyki&page=2").status_code == 404
