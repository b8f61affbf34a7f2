"""Shelters for other systems and for the on-device nearest search: GeoJSON and a nearest query."""

import json
import math
import re

from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, request, url_for

from ..db import get_db
from ..i18n import to_minute, utcnow
from .nearest import nearest_shelters
from .store import UNASSIGNED, area_count, area_page, area_summaries, doubted_shelters

bp = Blueprint("shelters_api", __name__, url_prefix="/api")

MAX_NEAREST = 50
DEFAULT_NEAREST = 5
# How far outside the region's box a point may be and still get an answer (degrees).
REGION_MARGIN = 1.0
# Shelters per page of an area's GeoJSON: bounds the memory and size of any one answer.
PAGE_SIZE = 2000


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
    """One area's shelters as a FeatureCollection (paged), or without ?area= the index of areas."""
    area, page = request.args.get("area"), request.args.get("page")
    canonical = canonical_query(area, page)
    if request.query_string.decode("latin-1") != canonical:
        # Parameters that do not change the answer (?r=1) must not make another cache entry.
        return canonical_redirect(canonical)
    db = get_db()
    if area is None:
        # The index is plain JSON (not GeoJSON): a GeoJSON reader fails on it instead of seeing
        # an empty map.
        return geojson_response(area_index(db), mimetype="application/json")
    if not known_area(area):
        abort(404)
    # A known area without shelters is an empty collection: a device saving its area gets a 200.
    count = area_count(db, area)
    number = page_number(page, count)
    if number is None:
        abort(404)
    shelters = with_reports(db, area_page(db, area, number, PAGE_SIZE))
    document = {"type": "FeatureCollection", "generated": generated(), "area": area,
                "page": number, "pages": pages_of(count), "total": count,
                "features": [feature(s) for s in shelters]}
    if number < document["pages"]:
        document["next"] = area_url(area, number + 1)
    return geojson_response(document)


def canonical_query(area, page):
    """The query string of the one URL that serves this answer: area, then page (not page 1)."""
    pairs = [("area", area)] if area is not None else []
    if area is not None and page is not None and page != "1":
        pairs.append(("page", page))
    return urlencode(pairs)


def canonical_redirect(canonical):
    """A cacheable permanent redirect to the canonical URL of this resource (relative Location)."""
    response = redirect(request.path + ("?" + canonical if canonical else ""), code=301)
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def known_area(area):
    """Whether `area` names one of the region's areas or the shelters without one."""
    return area == UNASSIGNED or current_app.extensions["region"].area(area) is not None


def page_number(raw, count):
    """The page asked for (1 when absent) if it exists for `count` shelters, else None."""
    if raw is None:
        return 1
    if not re.fullmatch(r"[1-9][0-9]{0,5}", raw) or int(raw) > pages_of(count):
        return None
    return int(raw)


def pages_of(count):
    """How many pages `count` shelters fill."""
    return max(1, -(-count // PAGE_SIZE))


def area_url(area, page=1):
    """The path of one page of an area's shelters (relative: no host from any request)."""
    return url_for(".shelters_geojson") + "?" + canonical_query(area, str(page))


def area_index(db):
    """Every area that has shelters: its count, pages, newest change, bounding box and URL."""
    region = current_app.extensions["region"]
    areas = []
    for row in area_summaries(db):
        if not known_area(row["area"]):
            continue  # an area the region pack does not know cannot be asked for by slug
        areas.append({"area": row["area"], "count": row["count"], "pages": pages_of(row["count"]),
                      "updated_at": row["updated_at"], "url": area_url(row["area"]),
                      "bbox": [row["min_lon"], row["min_lat"], row["max_lon"], row["max_lat"]],
                      "centre": list(reversed(region.area(row["area"]).centre))
                      if region.area(row["area"]) else None})
    return {"type": "ShelterIndex", "generated": generated(), "page_size": PAGE_SIZE,
            "total": sum(a["count"] for a in areas), "areas": areas}


def generated():
    """The minute this answer was made, as ISO-8601 (whole minutes keep ETags stable)."""
    return to_minute(utcnow()).isoformat(timespec="seconds")


def geojson_response(document, mimetype="application/geo+json"):
    """A compact JSON body, GeoJSON unless said otherwise."""
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # Cache-Control and the ETag come from preparedness.caching, like every public response.
    return Response(body, mimetype=mimetype)


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
