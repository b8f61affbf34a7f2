"""Notices in SQLite: save one (idempotently), read the active ones for an area, read one."""

from datetime import timedelta, timezone

from .kinds import THREAT_KINDS, urgency_key

TEXT_FIELDS = ("event", "headline", "description", "instruction")

NOTICE_COLUMNS = ("identifier", "sender", "sent", "status", "msg_type", "refs", "kind",
                  "severity", "urgency", "certainty", "effective", "expires", "region_wide",
                  "source", "url", "original_lang", "publication", "is_sample", "received_at", "raw",
                  # Added by migration 0002 (ingestion); None for notices entered by hand.
                  "confidence", "classified_by", "area_raw", "source_updated",
                  # Added by migration 0007 (import trust).
                  "origin", "review_reason", "source_hash", "corrected", "clears")


def iso(dt):
    """A datetime as the stored ISO-8601 UTC string."""
    return dt.astimezone(timezone.utc).isoformat(timespec="seconds")


def save_notice(db, notice):
    """Insert or update a notice by (source, identifier); returns (id, 'imported'|'updated'|'unchanged')."""
    row = db.execute("SELECT * FROM notices WHERE source = ? AND identifier = ?",
                     (notice["source"], notice["identifier"])).fetchone()
    values = {c: notice.get(c) for c in NOTICE_COLUMNS}
    values["origin"] = notice.get("origin") or ("sample" if notice.get("is_sample") else "import")
    values["corrected"] = int(bool(notice.get("corrected")))
    if row is None:
        cur = db.execute(
            f"INSERT INTO notices ({', '.join(NOTICE_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in NOTICE_COLUMNS)})",
            [values[c] for c in NOTICE_COLUMNS])
        notice_id, outcome = cur.lastrowid, "imported"
    else:
        notice_id = row["id"]
        if same_version(db, row, values, notice):
            return notice_id, "unchanged"
        db.execute(f"UPDATE notices SET {', '.join(f'{c} = ?' for c in NOTICE_COLUMNS)} WHERE id = ?",
                   [values[c] for c in NOTICE_COLUMNS] + [notice_id])
        db.execute("DELETE FROM notice_areas WHERE notice_id = ?", (notice_id,))
        db.execute("DELETE FROM notice_texts WHERE notice_id = ?", (notice_id,))
        outcome = "updated"
    if (notice.get("msg_type") in ("Update", "Cancel") and notice.get("refs")
            and notice.get("publication", "published") == "published"):
        end_referenced(db, {**notice, "origin": values["origin"]}, notice_id)
    db.executemany("INSERT INTO notice_areas (notice_id, area) VALUES (?, ?)",
                   [(notice_id, a) for a in sorted(set(notice["areas"]))])
    db.executemany(
        "INSERT INTO notice_texts (notice_id, lang, event, headline, description, instruction) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(notice_id, lang, *(t.get(f, "") for f in TEXT_FIELDS)) for lang, t in notice["texts"].items()])
    return notice_id, outcome


def same_version(db, row, values, notice):
    """Whether a stored row already holds this version (every column but the receipt time)."""
    return (all(row[c] == values[c] for c in NOTICE_COLUMNS if c not in ("received_at", "review_reason", "source_hash"))
            and _areas(db, row["id"]) == sorted(set(notice["areas"]))
            and texts_for(db, row["id"]) == notice["texts"])


def referenced_identifiers(refs):
    """Identifiers named by CAP references ("sender,identifier,sent" separated by spaces)."""
    found = []
    for token in (refs or "").split():
        parts = token.split(",")
        found.append(parts[1] if len(parts) == 3 else token)
    return found


def end_referenced(db, notice, notice_id):
    """A published Update or Cancel ends the notices it references (the newer one speaks for them).

    Only notices of the same source and origin: a feed cannot end another source's alert, nor an
    operator's, by naming its identifier.
    """
    for identifier in referenced_identifiers(notice["refs"]):
        db.execute("UPDATE notices SET ended_at = ? WHERE identifier = ? AND id != ? AND source = ? "
                   "AND origin = ? AND ended_at IS NULL AND sent <= ?",
                   (notice["sent"], identifier, notice_id, notice["source"],
                    notice.get("origin") or "import", notice["sent"]))


def stored_notice(db, source, identifier):
    """The stored row for (source, identifier), whatever its publication, or None."""
    return db.execute("SELECT * FROM notices WHERE source = ? AND identifier = ?",
                      (source, identifier)).fetchone()


def referenced_notice(db, refs, source):
    """The newest notice of `source` that CAP references name, with areas and texts, or None."""
    identifiers = referenced_identifiers(refs)
    if not identifiers:
        return None
    marks = ", ".join("?" for _ in identifiers)
    rows = db.execute(f"SELECT * FROM notices WHERE source = ? AND identifier IN ({marks}) "
                      "ORDER BY sent DESC LIMIT 1", (source, *identifiers)).fetchall()
    found = with_details(db, rows)
    return found[0] if found else None


def end_if_superseded(db, notice_id, identifier, sent, source, now):
    """A notice that arrives after its published Update or Cancel (same source) is ended at once.

    A follow-up dated in the future ends nothing: it could be waiting to end an alert not yet sent.
    """
    for row in db.execute("SELECT sent, refs FROM notices WHERE msg_type IN ('Update', 'Cancel') "
                          "AND publication = 'published' AND source = ? AND refs LIKE ? "
                          "AND sent >= ? AND sent <= ? ORDER BY sent",
                          (source, f"%{identifier}%", sent, iso(now))):
        if identifier in referenced_identifiers(row["refs"]):
            db.execute("UPDATE notices SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                       (row["sent"], notice_id))
            return


def followups_of(db, notice):
    """Published Updates and Cancels that name this notice in their references, oldest first."""
    rows = db.execute("SELECT * FROM notices WHERE publication = 'published' AND msg_type IN "
                      "('Update', 'Cancel') AND source = ? AND refs LIKE ? AND id != ? ORDER BY sent",
                      (notice["source"], f"%{notice['identifier']}%", notice["id"])).fetchall()
    return [n for n in with_details(db, rows) if notice["identifier"] in referenced_identifiers(n["refs"])]


def ending_all_clear(db, threat):
    """The first published all-clear sent while a threat was in force that ends it everywhere, or None."""
    if threat["kind"] not in THREAT_KINDS:
        return None
    rows = db.execute("SELECT * FROM notices WHERE publication = 'published' AND kind = 'all_clear' "
                      "AND msg_type != 'Cancel' AND status = ? AND sent > ? AND sent < ? ORDER BY sent",
                      (threat["status"], threat["sent"], threat["expires"])).fetchall()
    return next((c for c in with_details(db, rows) if _clear_ends(c, threat, None)), None)


def end_cleared_threats(db, clear):
    """Mark the threats a published all-clear ends everywhere as ended, so they stay ended after it expires."""
    rows = db.execute(
        "SELECT * FROM notices WHERE publication = 'published' AND ended_at IS NULL AND status = ? "
        f"AND kind IN ({', '.join('?' for _ in THREAT_KINDS)}) AND sent < ? AND expires > ?",
        (clear["status"], *sorted(THREAT_KINDS), clear["sent"], clear["sent"])).fetchall()
    for threat in with_details(db, rows):
        if _clear_ends(clear, threat, None):
            db.execute("UPDATE notices SET ended_at = ? WHERE id = ?", (clear["sent"], threat["id"]))


def followup_references(db):
    """(source, identifier) pairs that stored Update and Cancel messages name (one scan per import)."""
    found = set()
    for row in db.execute("SELECT source, refs FROM notices WHERE msg_type IN ('Update', 'Cancel') "
                          "AND refs IS NOT NULL"):
        found.update((row["source"], i) for i in referenced_identifiers(row["refs"]))
    return found


def _areas(db, notice_id):
    """Sorted area slugs of one notice."""
    return [r[0] for r in db.execute(
        "SELECT area FROM notice_areas WHERE notice_id = ? ORDER BY area", (notice_id,))]


def texts_for(db, notice_id):
    """{lang: {event, headline, description, instruction}} of one notice."""
    return {r["lang"]: {f: r[f] for f in TEXT_FIELDS} for r in db.execute(
        "SELECT * FROM notice_texts WHERE notice_id = ?", (notice_id,))}


def with_details(db, rows):
    """Plain dicts of notice rows with their areas and texts attached."""
    notices = [dict(r) for r in rows]
    if not notices:
        return notices
    ids = [n["id"] for n in notices]
    marks = ", ".join("?" for _ in ids)
    areas, texts = {}, {}
    for r in db.execute(f"SELECT notice_id, area FROM notice_areas WHERE notice_id IN ({marks}) "
                        "ORDER BY area", ids):
        areas.setdefault(r[0], []).append(r[1])
    for r in db.execute(f"SELECT * FROM notice_texts WHERE notice_id IN ({marks})", ids):
        texts.setdefault(r["notice_id"], {})[r["lang"]] = {f: r[f] for f in TEXT_FIELDS}
    for n in notices:
        n["areas"] = areas.get(n["id"], [])
        n["texts"] = texts.get(n["id"], {})
    return notices


def covers(notice, area):
    """Whether a notice applies to `area` (None: the whole region, so every notice does)."""
    return area is None or bool(notice["region_wide"]) or area in notice["areas"]


def active_notices_for(db, area, now):
    """Published notices in force now for `area` (None: anywhere in the region), most urgent first.

    A threat ends where an all-clear sent after it applies.
    """
    stamp = iso(now)
    rows = db.execute(
        "SELECT * FROM notices WHERE publication = 'published' AND status IN "
        "('Actual', 'Exercise', 'Test') AND msg_type != 'Cancel' AND ended_at IS NULL "
        "AND effective <= ? AND expires > ?", (stamp, stamp)).fetchall()
    notices = [n for n in with_details(db, rows) if covers(n, area)]
    clears = [n for n in notices if n["kind"] == "all_clear"]
    live = [n for n in notices if not (n["kind"] in THREAT_KINDS and any(
        c["sent"] > n["sent"] and c["status"] == n["status"] and _clear_ends(c, n, area)
        for c in clears))]
    return sorted(live, key=urgency_key)


def clears_kind(clear, threat):
    """Whether an all-clear is for a threat's kind: the kinds it names, or every kind if it names none
    ("Отбой угрозы атаки БПЛА" does not end a missile danger)."""
    named = (clear.get("clears") or "").split()
    return not named or threat["kind"] in named


def _clear_ends(clear, threat, area):
    """Whether an all-clear ends a threat as seen from `area` (both already apply there)."""
    if not clears_kind(clear, threat):
        return False
    if area is not None or clear["region_wide"]:
        return True
    return not threat["region_wide"] and set(threat["areas"]) <= set(clear["areas"])


def notice_by_id(db, notice_id):
    """One published notice with areas and texts, or None."""
    rows = db.execute("SELECT * FROM notices WHERE id = ? AND publication = 'published'",
                      (notice_id,)).fetchall()
    found = with_details(db, rows)
    return found[0] if found else None


def recent_notices(db, now, days=7, limit=100):
    """Published notices sent in the last `days` days, newest first."""
    since = iso(now - timedelta(days=days))
    rows = db.execute("SELECT * FROM notices WHERE publication = 'published' AND sent >= ? "
                      "ORDER BY sent DESC LIMIT ?", (since, limit)).fetchall()
    return with_details(db, rows)


def is_active(notice, now):
    """Whether a notice (from any query) is in force at `now`, ignoring all-clears."""
    stamp = iso(now)
    return (notice["ended_at"] is None and notice["msg_type"] != "Cancel"
            and notice["effective"] <= stamp < notice["expires"])
