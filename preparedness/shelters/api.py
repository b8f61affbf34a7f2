"""Shelters for other systems and for the on-device nearest search: GeoJSON and a nearest query."""

import json
import math
import re

from flask import Blueprint, Response, current_app, jsonify, request

from ..db import get_db
from ..i18n import to_minute, utcnow
from .store import all_shelters, doubted_shelters, nearest_shelters

bp = Blueprint("shelters_api", __name__, url_prefix="/api")

MAX_NEAREST = 50
DEFAULT_NEAREST = 5
# How far outside the region's box a point may be and still get an answer (degrees).
REGION_MARGIN = 1.0


def with_reports(db, shelters):
    """The shelters, each with its doubting reports (or None) under "reports"."""
    doubted = doubted_shelters(db)
    return [dict(s, reports=doubted.get(s["id"])) for s in shelters]


def feature(shelter):
    """One shelter as a GeoJSON Feature (properties: the public contract, then the rest)."""
    accessible = shelter["accessible"]
    return {
        "type": "Feature", "id": shelter["id"],
        "geometry": {"type": "Point", "coordinates": [shelter["lon"], shelter["lat"]]},
        "properties": {
            "id": shelter["id"], "name": shelter["name"], "address": shelter["address"],
            "kind": shelter["kind"], "capacity": shelter["capacity"], "status": shelter["status"],
            "accessible": None if accessible is None else bool(accessible),
            "area": shelter["area"], "checked_at": shelter["checked_at"],
            "features": shelter["features"].split(), "opening_hours": shelter["opening_hours"],
            "access_notes": shelter["access_notes"], "operator": shelter["operator"],
            "source": shelter["source"], "source_id": shelter["source_id"],
            "confidence": shelter["confidence"], "is_sample": bool(shelter["is_sample"]),
            "updated_at": shelter["updated_at"],
            # Open residents' reports that put the status in doubt ({"open", "problems", "latest"}).
            "reports": shelter.get("reports"),
        },
    }


@bp.get("/shelters.geojson")
def shelters_geojson():
    """Every shelter as a compact FeatureCollection (cached offline by the site)."""
    shelters = with_reports(get_db(), all_shelters(get_db()))
    body = json.dumps({"type": "FeatureCollection",
                       "generated": to_minute(utcnow()).isoformat(timespec="seconds"),
                       "features": [feature(s) for s in shelters]},
                      ensure_ascii=False, separators=(",", ":"))
    # Cache-Control and the ETag come from preparedness.caching, like every public response.
    return Response(body, mimetype="application/geo+json")


def error(message):
    """A 400 answer with a JSON error."""
    response = jsonify(error=message)
    response.status_code = 400
    return response


def number_arg(name):
    """A finite float query parameter, or a message saying what is wrong with it."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None, f"'{name}' is required"
    try:
        value = float(raw)
    except ValueError:
        return None, f"'{name}' must be a number"
    if not math.isfinite(value):
        return None, f"'{name}' must be a finite number"
    return value, None


def count_arg():
    """n: how many shelters (1..50; more is capped at 50), or a message saying what is wrong."""
    raw = request.args.get("n", "").strip()
    if not raw:
        return DEFAULT_NEAREST, None
    if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
        return None, "'n' must be a whole number from 1"
    return min(int(raw), MAX_NEAREST), None


@bp.get("/shelters/nearest")
def shelters_nearest():
    """The n shelters nearest to lat/lon, with distances in metres (for other systems)."""
    lat, lat_problem = number_arg("lat")
    lon, lon_problem = number_arg("lon")
    n, n_problem = count_arg()
    problem = lat_problem or lon_problem or n_problem
    if problem:
        return error(problem)
    box = current_app.extensions["region"].bbox
    if not (box["min_lat"] - REGION_MARGIN <= lat <= box["max_lat"] + REGION_MARGIN
            and box["min_lon"] - REGION_MARGIN <= lon <= box["max_lon"] + REGION_MARGIN):
        return error("lat/lon is out of range: the point is not in or near the region")
    found = with_reports(get_db(), nearest_shelters(get_db(), lat, lon, n))
    response = jsonify(generated=utcnow().isoformat(timespec="seconds"), lat=lat, lon=lon,
                       shelters=[{**feature(s)["properties"], "lat": s["lat"], "lon": s["lon"],
                                  "distance_m": round(s["distance_m"], 1)} for s in found])
    response.headers["Cache-Control"] = "no-store"
    return response
