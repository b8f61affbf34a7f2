"""`flask demo`: load the region pack's sample shelters and notices (idempotent)."""

import json
from datetime import datetime, timedelta, timezone

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import connect, transaction
from ..notices.store import end_referenced, iso, save_notice
from ..shelters.store import upsert_shelter

SAMPLE_SOURCE = "sample"


def sample_shelters(region, now):
    """The pack's sample shelters as store records, checked_at relative to `now`."""
    records = []
    for s in json.loads(region.sample_file("sample_shelters.json")):
        records.append({
            "source": SAMPLE_SOURCE, "source_id": s["source_id"], "name": s["name"],
            "address": s.get("address") or "", "kind": s.get("kind") or "other",
            "capacity": s.get("capacity"), "area": s["area"], "lat": s["lat"], "lon": s["lon"],
            "status": s.get("status") or "unknown",
            "checked_at": iso(_days_ago(now, s["checked_days_ago"])),
            "accessible": None if s.get("accessible") is None else int(bool(s["accessible"])),
            "features": " ".join(s.get("features") or []),
            "opening_hours": s.get("opening_hours"), "access_notes": s.get("access_notes"),
            "operator": s.get("operator"), "confidence": "sample", "is_sample": 1,
            "updated_at": iso(now),
        })
    return records


def _days_ago(now, days):
    """Midday-ish `days` before `now`, so ages read naturally."""
    return now - timedelta(days=days, hours=3)


def sample_notices(region, now):
    """The pack's sample notices as store records, times relative to `now`."""
    records = []
    for n in json.loads(region.sample_file("sample_notices.json")):
        sent = now - timedelta(minutes=n["sent_minutes_ago"])
        expiry = n.get("expires_in_minutes")
        expires = (now + timedelta(minutes=expiry) if expiry is not None else
                   sent + timedelta(minutes=current_app.config["DEFAULT_EXPIRY_MINUTES"][n["kind"]]))
        region_wide = n["areas"] == "*"
        records.append({
            "identifier": n["identifier"], "sender": n["sender"], "sent": iso(sent),
            "status": n.get("status", "Actual"), "msg_type": n.get("msg_type", "Alert"),
            "refs": n.get("references"), "kind": n["kind"],
            "severity": n.get("severity", "Unknown"), "urgency": n.get("urgency", "Unknown"),
            "certainty": n.get("certainty", "Unknown"), "effective": iso(sent),
            "expires": iso(expires), "region_wide": int(region_wide),
            "areas": [] if region_wide else list(n["areas"]),
            "source": SAMPLE_SOURCE, "url": n.get("url"),
            "original_lang": n.get("original_lang", "ru"), "publication": "published",
            "is_sample": 1, "received_at": iso(sent), "raw": None, "texts": n["texts"],
        })
    return records


def load_demo(db, region, now):
    """Write the sample data in one transaction, dated relative to `now`; returns counts per outcome.

    Run again later, it re-dates the sample notices so the demo always has live and expired ones,
    and undoes what was done to them meanwhile (an all-clear that ended them). Only rows of the
    sample source are touched.
    """
    counts = {"shelters": 0, "imported": 0, "updated": 0, "unchanged": 0}
    with transaction(db):
        for record in sample_shelters(region, now):
            upsert_shelter(db, record)
            counts["shelters"] += 1
        db.execute("UPDATE notices SET ended_at = NULL WHERE source = ? AND is_sample = 1",
                   (SAMPLE_SOURCE,))
        for record in sample_notices(region, now):
            notice_id, outcome = save_notice(db, record)
            counts[outcome] += 1
            if record["msg_type"] in ("Update", "Cancel") and record["refs"]:
                # The sample follow-up ends its alert again, also when nothing else changed.
                end_referenced(db, {**record, "origin": SAMPLE_SOURCE}, notice_id)
    return counts


@click.command("demo")
@with_appcontext
def demo_command():
    """Load the region's sample shelters and notices (safe to run again)."""
    region = current_app.extensions["region"]
    db = connect(current_app.config["DATABASE"])
    try:
        counts = load_demo(db, region, datetime.now(timezone.utc))
    finally:
        db.close()
    click.echo(f"{region.name('en')}: {counts['shelters']} sample shelters; sample notices "
               f"imported {counts['imported']}, re-dated to now {counts['updated']}, "
               f"unchanged {counts['unchanged']}")


def init_app(app):
    """Register the command."""
    app.cli.add_command(demo_command)
