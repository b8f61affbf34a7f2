"""Shelters in SQLite: upsert by source id, bulk import, search (FTS5), nearest by R*Tree."""

import math
import re
from datetime import timezone

SHELTER_COLUMNS = ("source", "source_id", "name", "address", "kind", "capacity", "area", "lat",
                   "lon", "status", "checked_at", "accessible", "features", "opening_hours",
                   "access_notes", "operator", "confidence", "is_sample", "updated_at")

STATUS_ORDER = "CASE status WHEN 'open' THEN 0 WHEN 'unknown' THEN 1 WHEN 'full' THEN 2 ELSE 3 END"

# Columns that decide whether an imported record changed (not its identity or write time).
COMPARED_COLUMNS = SHELTER_COLUMNS[2:-1]
EARTH_RADIUS_M = 6371000
MAX_SEARCH_TOKENS = 8
# Words of an address people type or leave out at will ("ул.", "д."): dropped from a search
# that has other words, so "ул. Ленина, д. 12" finds "г. Белгород, ул. Ленина, 12".
ADDRESS_WORDS = {"г", "город", "ул", "улица", "д", "дом", "пр", "просп", "проспект", "пер",
                 "переулок", "бул", "бульвар", "пл", "площадь", "ш", "шоссе", "корп", "к", "стр",
                 "строение", "мкр", "микрорайон", "пос", "п", "с", "село", "х", "хутор", "вул",
                 "вулиця", "буд", "м", "місто"}
# From this many new shelters on, an import fills the R*Tree and FTS5 index after the rows.
BULK_INSERT_ROWS = 5000
# Open reports from residents (newer than the last check) that make a shelter's status doubtful.
REPORTS_TO_DOUBT = 2


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
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def box_radius_m(lat, span, lon_span):
    """The distance within which every point is inside the box lat±span, lon±lon_span (degrees)."""
    by_lat = EARTH_RADIUS_M * math.radians(span)
    if lon_span >= 180:
        return by_lat
    # haversine(d) >= cos(lat) * cos(farthest lat in the box) * haversine(dlon)
    cos_far = max(0.0, math.cos(math.radians(min(90.0, abs(lat) + span))))
    reach = math.sqrt(math.cos(math.radians(lat)) * cos_far) * math.sin(math.radians(lon_span) / 2)
    return min(by_lat, 2 * EARTH_RADIUS_M * math.asin(min(1.0, reach)))


def nearest_shelters(db, lat, lon, n=5, open_only=False):
    """The n shelters closest to a point, each with distance_m, from a growing R*Tree box."""
    status = " AND s.status IN ('open', 'unknown')" if open_only else ""
    lon_stretch = 1 / max(math.cos(math.radians(lat)), 0.01)
    span = 0.02
    while span <= 8:
        lon_span = span * lon_stretch
        rows = db.execute(
            "SELECT s.* FROM shelters_rtree r JOIN shelters s ON s.id = r.id "
            "WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?" + status,
            (lat - span, lat + span, lon - lon_span, lon + lon_span)).fetchall()
        found = _closest(rows, lat, lon, n)
        # Only what lies within the box's inscribed circle is sure to beat everything outside it.
        if len(found) == n and found[-1]["distance_m"] <= box_radius_m(lat, span, lon_span):
            return found
        span *= 2
    # Far from every shelter (or fewer than n exist): look at all of them.
    return _closest(db.execute("SELECT s.* FROM shelters s WHERE 1" + status).fetchall(), lat, lon, n)


def _closest(rows, lat, lon, n):
    """The n rows nearest to a point as dicts with distance_m, nearest first."""
    return sorted((dict(r, distance_m=distance_m(lat, lon, r["lat"], r["lon"])) for r in rows),
                  key=lambda s: (s["distance_m"], s["id"]))[:n]


def search_query(text):
    """An FTS5 MATCH expression: each word of `text` as a quoted prefix; None if it has no words."""
    tokens = re.findall(r"\w+", (text or "").lower().replace("ё", "е"))
    tokens = [t for t in tokens if t not in ADDRESS_WORDS] or tokens
    return " ".join(f'"{token}"*' for token in tokens[:MAX_SEARCH_TOKENS]) or None


def find_shelters(db, area=None, q=None, open_only=False, accessible=False, limit=500):
    """Shelters matching the list filters: area, address/name words, open, step-free."""
    where, args = [], []
    if area:
        where.append("area = ?")
        args.append(area)
    match = search_query(q)
    if match:
        where.append("id IN (SELECT rowid FROM shelters_fts WHERE shelters_fts MATCH ?)")
        args.append(match)
    if open_only:
        where.append("status = 'open'")
    if accessible:
        where.append("accessible = 1")
    sql = "SELECT * FROM shelters" + (" WHERE " + " AND ".join(where) if where else "")
    return [dict(r) for r in db.execute(f"{sql} ORDER BY {STATUS_ORDER}, name LIMIT ?", args + [limit])]


def doubted_shelters(db, shelter_id=None):
    """{shelter id: {"open", "problems" (most reported first), "latest"}} for shelters with enough
    open reports made after their last check (an operator's check or closing the reports clears it)."""
    only = " AND r.shelter_id = ?" if shelter_id is not None else ""
    rows = db.execute(
        "SELECT r.shelter_id, count(*), group_concat(r.problem, ' '), max(r.reported_at) "
        "FROM shelter_reports r JOIN shelters s ON s.id = r.shelter_id "
        "WHERE r.state = 'open' AND (s.checked_at IS NULL OR r.reported_at > s.checked_at)" + only +
        " GROUP BY r.shelter_id HAVING count(*) >= ?",
        ([shelter_id] if only else []) + [REPORTS_TO_DOUBT]).fetchall()
    summaries = {}
    for shelter, count, problems, latest in rows:
        named = problems.split()
        ranked = sorted(set(named), key=lambda p: (-named.count(p), p))
        summaries[shelter] = {"open": count, "problems": ranked, "latest": latest}
    return summaries


def all_shelters(db):
    """Every shelter, ordered by id (for the GeoJSON output)."""
    return [dict(r) for r in db.execute("SELECT * FROM shelters ORDER BY id")]


def save_shelters(db, records, now, write=True):
    """Sort records into imported/updated/unchanged by (source, source_id) and, if `write`, store them.

    Run it inside a transaction; it writes with executemany so 100,000 records take seconds.
    """
    lookup = (f"SELECT id, {', '.join(COMPARED_COLUMNS)} FROM shelters "
              "WHERE source = ? AND source_id = ?")
    stamp = now.astimezone(timezone.utc).isoformat(timespec="seconds")
    inserts, updates = [], []
    counts = {"imported": 0, "updated": 0, "unchanged": 0}
    # A source the database has never seen needs no lookups: every record of it is new.
    known = {source for source in {r["source"] for r in records} if db.execute(
        "SELECT 1 FROM shelters WHERE source = ? LIMIT 1", (source,)).fetchone()}
    for record in records:
        values = tuple(record.get(c) for c in COMPARED_COLUMNS)
        row = (db.execute(lookup, (record["source"], record["source_id"])).fetchone()
               if record["source"] in known else None)
        if row is None:
            inserts.append((record["source"], record["source_id"], *values, stamp))
            counts["imported"] += 1
        elif tuple(row)[1:] != values:
            updates.append((*values, stamp, row[0]))
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    if write:
        insert_shelters(db, inserts)
        db.executemany(f"UPDATE shelters SET {', '.join(f'{c} = ?' for c in COMPARED_COLUMNS)}, "
                       "updated_at = ? WHERE id = ?", updates)
    return counts


def insert_shelters(db, rows):
    """Insert rows (values in SHELTER_COLUMNS order); big batches fill the indexes in one pass each.

    Run it inside a transaction: for a big batch the insert trigger is dropped and re-created
    around the insert, which the transaction makes invisible to other connections.
    """
    insert = (f"INSERT INTO shelters ({', '.join(SHELTER_COLUMNS)}) "
              f"VALUES ({', '.join('?' for _ in SHELTER_COLUMNS)})")
    if len(rows) < BULK_INSERT_ROWS:
        db.executemany(insert, rows)
        return
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                         "AND name = 'shelters_ai'").fetchone()[0]
    last_id = db.execute("SELECT coalesce(max(id), 0) FROM shelters").fetchone()[0]
    db.execute("DROP TRIGGER shelters_ai")
    db.executemany(insert, rows)
    # What the trigger does row by row, done once for the batch: FTS5 indexes it ~8 times faster.
    db.execute("INSERT INTO shelters_rtree SELECT id, lat, lat, lon, lon FROM shelters WHERE id > ?",
               (last_id,))
    db.execute("INSERT INTO shelters_fts (rowid, name, address) "
               "SELECT id, name, address FROM shelters WHERE id > ?", (last_id,))
    db.execute(trigger)


def log_import(db, source, file_name, file_format, counts, now):
    """Remember one import run (what file, which source, how many of each outcome)."""
    db.execute("INSERT INTO shelter_imports (source, file_name, format, imported, updated, "
               "unchanged, rejected, skipped, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (source, file_name, file_format, counts["imported"], counts["updated"],
                counts["unchanged"], counts["rejected"], counts["skipped"],
                now.astimezone(timezone.utc).isoformat(timespec="seconds")))
