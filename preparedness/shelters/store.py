"""Shelters in SQLite: upsert by source id, bulk import, search (FTS5), nearest by R*Tree."""

import math
import re
from datetime import datetime, timedelta, timezone

from .transliterate import candidate_query, has_cyrillic, matches

SHELTER_COLUMNS = ("source", "source_id", "name", "address", "kind", "capacity", "area", "lat",
                   "lon", "status", "checked_at", "accessible", "features", "opening_hours",
                   "access_notes", "operator", "confidence", "is_sample", "updated_at")

# Open and checked within FRESH_CHECK_DAYS first, then unknown or not checked lately, full last, closed after.
STATUS_ORDER = ("CASE WHEN status = 'open' AND checked_at >= ? THEN 0 WHEN status IN ('open', 'unknown') "
                "THEN 1 WHEN status = 'full' THEN 2 ELSE 3 END")
FRESH_CHECK_DAYS = 30
# How many rows a Latin-letter search reads before it checks their words in Python.
LATIN_CANDIDATES = 5000

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
# Addresses (distinct reporters) whose open reports, newer than the last check, make a shelter's
# status doubtful: one person, or one address, cannot do it alone.
REPORTS_TO_DOUBT = 3
# The area slug under which shelters without an area are listed.
UNASSIGNED = "unassigned"


def upsert_shelter(db, shelter):
    """Insert or update a shelter by (source, source_id); returns its id."""
    values = [shelter.get(c) for c in SHELTER_COLUMNS]
    updates = ", ".join(f"{c} = excluded.{c}" for c in SHELTER_COLUMNS[2:])
    row = db.execute(
        f"INSERT INTO shelters ({', '.join(SHELTER_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in SHELTER_COLUMNS)}) "
        f"ON CONFLICT (source, source_id) DO UPDATE SET {updates} RETURNING id", values).fetchone()
    return row[0]


def fresh_since(now=None):
    """The oldest check time that still counts as recent, as stored (ISO-8601 UTC)."""
    now = now or datetime.now(timezone.utc)
    return (now - timedelta(days=FRESH_CHECK_DAYS)).astimezone(timezone.utc).isoformat(timespec="seconds")


def shelters_in_area(db, area=None, limit=200, now=None):
    """Shelters of an area (all if None), open and recently checked first, full last, then by name."""
    where, args = ("WHERE area = ?", [area]) if area else ("", [])
    return [dict(r) for r in db.execute(
        f"SELECT * FROM shelters {where} ORDER BY {STATUS_ORDER}, name LIMIT ?",
        args + [fresh_since(now), limit])]


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
    """How far from (lat, any lon) every point outside the box lat±span, lon±lon_span lies at least.

    A point beyond a parallel is at least the latitude difference away; one beyond the box's side
    meridian is on the far side of that meridian's great circle, at least asin(cos(lat)·sin(dlon)).
    """
    by_lat = EARTH_RADIUS_M * math.radians(span)
    if lon_span >= 90:
        return by_lat
    reach = math.cos(math.radians(lat)) * math.sin(math.radians(lon_span))
    return min(by_lat, EARTH_RADIUS_M * math.asin(min(1.0, reach)))


# Nearest search: rings of growing boxes over the R*Tree (each row read once), bounded in rows.
START_SPAN = 0.005          # half-height of the first box in degrees of latitude (~550 m)
RING_ROWS = 256             # a ring holding more rows than this is split into a thinner one
MAX_ROWS = 4096             # rows read per search at most; past it the answer is the best so far
MAX_STEPS = 64
# Float32 rounding of R*Tree coordinates (< 1e-5 degrees), in metres, allowed for in every bound.
SLACK_M = 2.0


def nearest_shelters(db, lat, lon, n=5, open_only=False):
    """The n shelters closest to a point, each with distance_m, nearest first."""
    return nearest_search(db, lat, lon, n, open_only)[0]


def nearest_search(db, lat, lon, n=5, open_only=False):
    """(shelters, rows read): rings of boxes grow until the n-th nearest lies inside the last box."""
    stretch = 1 / max(math.cos(math.radians(lat)), 0.01)
    ranked, rows, read, found = [], {}, 0, []
    inner, span, ceiling = 0.0, START_SPAN, 180.0
    for _ in range(MAX_STEPS):
        room = MAX_ROWS - read
        thin = span - inner <= 1e-6
        bound = found[-1]["distance_m"] + SLACK_M if len(found) == n else None
        # Until n are found a ring only has to show where the shelters start: a small probe.
        limit = room if thin else min(RING_ROWS if bound else max(4 * n, 32), room)
        ring = ring_rows(db, lat, lon, inner, span, stretch, limit + 1, empty_inside=not ranked,
                         bound=bound)
        read += len(ring)
        if len(ring) > limit and not thin:
            # Too dense for one step: a thinner ring, as thin as the rows just seen allow.
            ceiling = span
            span = _thinner(lat, lon, inner, span, stretch, ranked, ring, n, open_only)
            continue
        ranked = sorted(ranked + [(distance_m(lat, lon, a, b), i) for i, a, b in ring[:limit]])
        found = _qualifying(db, ranked, rows, lat, lon, n, open_only)
        if len(ring) > limit or read >= MAX_ROWS or span >= 180:
            return found, read      # everything, or all the rows one search may read
        if len(found) == n and \
                found[-1]["distance_m"] + SLACK_M <= box_radius_m(lat, span, span * stretch):
            return found, read
        grown = _next_span(lat, inner, span, stretch, found, len(ring), len(ranked), n)
        if span >= ceiling:
            ceiling = 180.0
        elif grown >= ceiling:
            # Past a span already seen to be too dense: go to it when the n found need that much,
            # else halve the way to it.
            grown = ceiling if len(found) == n else (span + ceiling) / 2
        inner, span = span, grown
    return _qualifying(db, ranked, rows, lat, lon, n, open_only), read


def ring_rows(db, lat, lon, inner, outer, stretch, limit, empty_inside=False, bound=None):
    """[(id, lat, lon)] of R*Tree points in the box of half-height `outer` but not in `inner`'s,
    leaving out parts of it farther than `bound` metres (when n candidates already lie within it).

    Points are placed by their stored min_lat/min_lon; the four strips around the inner box meet it
    with strict bounds, so no point is read twice.
    """
    w_in, w_out = min(inner * stretch, 360), (360 if outer >= 180 else min(outer * stretch, 360))
    whole_lon = [lon - w_out, ">=", lon + w_out, "<="]
    if inner == 0 or empty_inside:
        # Nothing lies in the inner box: one query over the whole box is the same ring.
        strips = [([lat - outer, ">=", lat + outer, "<="], whole_lon, 0.0)]
    else:
        inner_lat = [lat - inner, ">=", lat + inner, "<="]
        strips = [([lat + inner, ">", lat + outer, "<="], list(whole_lon), inner),
                  ([lat - outer, ">=", lat - inner, "<"], list(whole_lon), inner),
                  (list(inner_lat), [lon - w_out, ">=", lon - w_in, "<"], -w_in),
                  (list(inner_lat), [lon + w_in, ">", lon + w_out, "<="], -w_in)]
    found = []
    for lats, lons, gap in strips:
        if bound is not None and not _clip(lat, lon, lats, lons, gap, bound):
            continue    # the whole strip is farther than n candidates already found
        found += db.execute(
            f"SELECT id, min_lat, min_lon FROM shelters_rtree WHERE min_lat {lats[1]} ? AND "
            f"min_lat {lats[3]} ? AND min_lon {lons[1]} ? AND min_lon {lons[3]} ? LIMIT ?",
            (lats[0], lats[2], lons[0], lons[2], limit - len(found))).fetchall()
        if len(found) >= limit:
            break
    return found


def _clip(lat, lon, lats, lons, gap, bound):
    """Narrow a strip to where a point may lie within `bound` metres; False if nowhere.

    gap >= 0: the strip is at least `gap` degrees of latitude away, so clip its longitudes;
    gap < 0: it is at least -gap degrees of longitude away, so clip its latitudes (haversine bounds).
    """
    hav = math.sin(min(bound / EARTH_RADIUS_M, math.pi) / 2) ** 2
    far_lat = min(90.0, max(abs(lats[0]), abs(lats[2])))
    cosines = math.cos(math.radians(lat)) * math.cos(math.radians(far_lat))
    if gap >= 0:
        reach = math.degrees(min(bound / EARTH_RADIUS_M, math.pi))
        lats[0], lats[2] = max(lats[0], lat - reach), min(lats[2], lat + reach)
        room = hav - math.sin(math.radians(gap) / 2) ** 2
        if room <= 0:
            return False
        if cosines > 0 and room < cosines:
            reach = math.degrees(2 * math.asin(math.sqrt(room / cosines)))
            lons[0], lons[2] = max(lons[0], lon - reach), min(lons[2], lon + reach)
        return lons[0] <= lons[2] and lats[0] <= lats[2]
    room = hav - cosines * math.sin(math.radians(min(-gap, 180)) / 2) ** 2
    if room <= 0:
        return False
    if room < 1:
        reach = math.degrees(2 * math.asin(math.sqrt(room)))
        lats[0], lats[2] = max(lats[0], lat - reach), min(lats[2], lat + reach)
    return lats[0] <= lats[2]


def _next_span(lat, inner, span, stretch, found, ring, ranked, n):
    """The next box: big enough for the n-th found; else sized by the density the last ring showed."""
    if len(found) == n:
        return max(_span_for(lat, found[-1]["distance_m"], stretch), span + 1e-6)
    if not ring or not found:
        # Nothing new: double the step (not the span), so a ring thinned at dense data stays thin.
        return min(span + 2 * (span - inner), span * 2, 180)
    # Rows per square degree in the last ring, and how many more rows should hold the missing ones.
    density = ring / (_box_area(span, stretch) - _box_area(inner, stretch))
    wanted = min(RING_ROWS / 2, 2 * (n - len(found)) * ranked / len(found))
    area = _box_area(span, stretch) + wanted / density
    return min(max(math.sqrt(area / (4 * stretch)), span + 1e-5), span * 2, 180)


def _thinner(lat, lon, inner, span, stretch, ranked, ring, n, open_only):
    """A smaller outer span after a ring held too many rows: a quarter of the step, or less when
    n of the rows read (those kept and the part of the ring seen) already lie closer than that."""
    outer = inner + (span - inner) / 4
    if open_only:
        return outer    # rows not yet checked for status prove nothing
    seen = sorted([d for d, _ in ranked] + [distance_m(lat, lon, a, b) for _, a, b in ring])
    if len(seen) >= n:
        bound = _span_for(lat, seen[n - 1], stretch)
        outer = min(outer, max(bound, inner + (span - inner) / 64))
    return outer


def _span_for(lat, distance, stretch):
    """The smallest half-height of a box whose every outside point is farther than `distance`."""
    span = (distance + SLACK_M) / (EARTH_RADIUS_M * math.pi / 180)
    while span < 180 and box_radius_m(lat, span, span * stretch) < distance + SLACK_M:
        span *= 1.01
    return min(span, 180)


def _box_area(span, stretch):
    """Square degrees of the box of half-height `span`."""
    return 4 * span * min(span * stretch, 360)


def _qualifying(db, ranked, rows, lat, lon, n, open_only):
    """The n nearest of the ranked candidates that qualify, with exact distances; `rows` caches rows."""
    found, position = [], 0
    while position < len(ranked):
        # Candidates within rounding of the n-th found so far may still beat it.
        if len(found) >= n and ranked[position][0] > found[n - 1]["distance_m"] + SLACK_M:
            break
        chunk = [i for _, i in ranked[position:position + max(n, 16)]]
        missing = [i for i in chunk if i not in rows]
        if missing:
            marks = ", ".join("?" for _ in missing)
            for row in db.execute(f"SELECT * FROM shelters WHERE id IN ({marks})", missing):
                rows[row["id"]] = dict(row, distance_m=distance_m(lat, lon, row["lat"], row["lon"]))
        found += [rows[i] for i in chunk if i in rows and
                  (not open_only or rows[i]["status"] in ("open", "unknown"))]
        found.sort(key=lambda s: (s["distance_m"], s["id"]))
        position += len(chunk)
    return found[:n]


def search_query(text):
    """An FTS5 MATCH expression: each word of `text` as a quoted prefix; None if it has no words."""
    tokens = re.findall(r"\w+", (text or "").lower().replace("ё", "е"))
    tokens = [t for t in tokens if t not in ADDRESS_WORDS] or tokens
    return " ".join(f'"{token}"*' for token in tokens[:MAX_SEARCH_TOKENS]) or None


def find_shelters(db, area=None, q=None, open_only=False, accessible=False, limit=500, now=None):
    """Shelters matching the list filters: area, address/name words (Cyrillic or Latin), open, step-free."""
    where, args = [], []
    if area:
        where.append("area = ?")
        args.append(area)
    latin = bool(q) and not has_cyrillic(q) and bool(re.search("[A-Za-z]", q))
    # A Latin search finds candidates by their first letters, then keeps those whose words match.
    match = candidate_query(q) if latin else search_query(q)
    if match:
        where.append("id IN (SELECT rowid FROM shelters_fts WHERE shelters_fts MATCH ?)")
        args.append(match)
    if open_only:
        where.append("status = 'open'")
    if accessible:
        where.append("accessible = 1")
    sql = "SELECT * FROM shelters" + (" WHERE " + " AND ".join(where) if where else "")
    rows = db.execute(f"{sql} ORDER BY {STATUS_ORDER}, name LIMIT ?",
                      args + [fresh_since(now), LATIN_CANDIDATES if latin else limit])
    if latin:
        rows = (r for r in rows if matches(q, r["name"], r["address"]))
    return [dict(r) for _, r in zip(range(limit), rows)]


def doubted_shelters(db, shelter_id=None):
    """{shelter id: {"open" (addresses), "problems" (most reported first), "latest"}} for shelters
    with open reports from enough addresses since their last check (a check or closing them clears it)."""
    only = " AND r.shelter_id = ?" if shelter_id is not None else ""
    rows = db.execute(
        "SELECT r.shelter_id, count(DISTINCT coalesce(r.reporter, 'report ' || r.id)), "
        "group_concat(r.problem, ' '), max(r.reported_at) "
        "FROM shelter_reports r JOIN shelters s ON s.id = r.shelter_id "
        "WHERE r.state = 'open' AND (s.checked_at IS NULL OR r.reported_at > s.checked_at)" + only +
        " GROUP BY r.shelter_id HAVING count(DISTINCT coalesce(r.reporter, 'report ' || r.id)) >= ?",
        ([shelter_id] if only else []) + [REPORTS_TO_DOUBT]).fetchall()
    summaries = {}
    for shelter, count, problems, latest in rows:
        named = problems.split()
        ranked = sorted(set(named), key=lambda p: (-named.count(p), p))
        summaries[shelter] = {"open": count, "problems": ranked, "latest": latest}
    return summaries


def all_shelters(db):
    """Every shelter, ordered by id (for the static export and tests; never per request)."""
    return [dict(r) for r in db.execute("SELECT * FROM shelters ORDER BY id")]


def area_condition(area):
    """(SQL condition, args) for the shelters of an area slug; UNASSIGNED means no area."""
    return ("area IS NULL", []) if area == UNASSIGNED else ("area = ?", [area])


def area_page(db, area, page, size):
    """One page (1-based) of an area's shelters, ordered by id."""
    where, args = area_condition(area)
    return [dict(r) for r in db.execute(
        f"SELECT * FROM shelters WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
        args + [size, (page - 1) * size])]


def area_summaries(db):
    """[{area, count, updated_at, min_lat, max_lat, min_lon, max_lon}] for every area with shelters."""
    rows = db.execute("SELECT coalesce(area, ?) AS area, count(*) AS count, max(updated_at) AS "
                      "updated_at, min(lat) AS min_lat, max(lat) AS max_lat, min(lon) AS min_lon, "
                      "max(lon) AS max_lon FROM shelters GROUP BY area ORDER BY area", (UNASSIGNED,))
    return [dict(r) for r in rows]


def area_count(db, area):
    """How many shelters an area slug has."""
    where, args = area_condition(area)
    return db.execute(f"SELECT count(*) FROM shelters WHERE {where}", args).fetchone()[0]


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
