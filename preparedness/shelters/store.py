"""Shelters in SQLite: upsert by source id, bulk import, search (FTS5), pages by area (nearest: nearest.py)."""

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
