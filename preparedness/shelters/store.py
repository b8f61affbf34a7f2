"""Shelters in SQLite: upsert by source id, list by area, read one, nearest by R*Tree."""

import math

SHELTER_COLUMNS = ("source", "source_id", "name", "address", "kind", "capacity", "area", "lat",
                   "lon", "status", "checked_at", "accessible", "features", "opening_hours",
                   "access_notes", "operator", "confidence", "is_sample", "updated_at")

STATUS_ORDER = "CASE status WHEN 'open' THEN 0 WHEN 'unknown' THEN 1 WHEN 'full' THEN 2 ELSE 3 END"


def upsert_shelter(db, shelter):
    """Insert or update a shelter by (source, source_id); returns its id."""
    values = [shelter.get(c) for c in SHELTER_COLUMNS]
    updates = ", ".join(f"{c} = excluded.{c}" for c in SHELTER_COLUMNS[2:])
    row = db.execute(
        f"INSERT INTO shelters ({', '.join(SHELTER_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in SHELTER_COLUMNS)}) "
        f"ON CONFLICT (source, source_id) DO UPDATE SET {updates} RETURNING id", values).fetchone()
    return row[0]


def shelters_in_area(db, area=None, limit=200):
    """Shelters of an area (all if None), open ones first, then by name."""
    where, args = ("WHERE area = ?", [area]) if area else ("", [])
    return [dict(r) for r in db.execute(
        f"SELECT * FROM shelters {where} ORDER BY {STATUS_ORDER}, name LIMIT ?", args + [limit])]


def shelter_by_id(db, shelter_id):
    """One shelter as a dict, or None."""
    row = db.execute("SELECT * FROM shelters WHERE id = ?", (shelter_id,)).fetchone()
    return dict(row) if row else None


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(a))


def nearest_shelters(db, lat, lon, n=5, open_only=False):
    """The n shelters closest to a point, each with distance_m, from a growing R*Tree box."""
    metres_per_degree = 111_320
    lon_stretch = 1 / max(math.cos(math.radians(lat)), 0.01)
    span = 0.02
    while True:
        rows = db.execute(
            "SELECT s.* FROM shelters_rtree r JOIN shelters s ON s.id = r.id "
            "WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?"
            + (" AND s.status IN ('open', 'unknown')" if open_only else ""),
            (lat - span, lat + span, lon - span * lon_stretch, lon + span * lon_stretch)).fetchall()
        found = sorted((dict(r, distance_m=distance_m(lat, lon, r["lat"], r["lon"])) for r in rows),
                       key=lambda s: s["distance_m"])[:n]
        # Only a result inside the box's inscribed circle is sure to beat everything outside it.
        if len(found) == n and found[-1]["distance_m"] <= span * metres_per_degree:
            return found
        if span > 20:
            return found
        span *= 2
