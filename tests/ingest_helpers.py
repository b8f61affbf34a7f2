"""Helpers for the notices ingestion and output tests: fixture paths, row counts, a fixed clock."""

from datetime import datetime, timezone
from pathlib import Path

from preparedness.db import connect

DATA = Path(__file__).parent / "data" / "notices"
# The fixtures' morning: 10:30 in Belgorod, when the first CAP alert is in force.
FIXTURE_NOW = datetime(2026, 3, 1, 7, 10, tzinfo=timezone.utc)


def path(name):
    """A fixture file's path as a string, for the CLI."""
    return str(DATA / name)


def rows(app, sql, params=()):
    """All rows of a query on the app's database."""
    db = connect(app.config["DATABASE"])
    try:
        return [dict(r) for r in db.execute(sql, params).fetchall()]
    finally:
        db.close()


def table_counts(app):
    """Row counts of the notice tables (to prove that nothing was written)."""
    return {t: rows(app, f"SELECT count(*) AS n FROM {t}")[0]["n"]
            for t in ("notices", "notice_texts", "notice_areas")}


def imported(app, identifier):
    """The stored notice with this identifier, with its areas and texts, or None."""
    found = rows(app, "SELECT * FROM notices WHERE identifier = ?", (identifier,))
    if not found:
        return None
    notice = found[0]
    notice["areas"] = [r["area"] for r in rows(
        app, "SELECT area FROM notice_areas WHERE notice_id = ? ORDER BY area", (notice["id"],))]
    notice["texts"] = {r["lang"]: r for r in rows(
        app, "SELECT * FROM notice_texts WHERE notice_id = ?", (notice["id"],))}
    return notice
