"""Notice drafts: what an operator composed, how it becomes a stored notice, who may publish it."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..notices.kinds import KIND_LABELS
from ..notices.store import iso
from .roles import allowed
from .text import without_control_characters

TEXT_FIELDS = ("headline", "description", "instruction")
# CAP severity, urgency and certainty a kind starts with ("usual for the kind" in the form).
KIND_DEFAULTS = {
    "missile": ("Extreme", "Immediate", "Observed"),
    "drone": ("Extreme", "Immediate", "Observed"),
    "air_raid": ("Extreme", "Immediate", "Observed"),
    "artillery": ("Extreme", "Immediate", "Observed"),
    "evacuation": ("Extreme", "Immediate", "Observed"),
    "explosive_object": ("Severe", "Immediate", "Observed"),
    "all_clear": ("Minor", "Immediate", "Observed"),
    "power_outage": ("Moderate", "Expected", "Observed"),
    "water_outage": ("Moderate", "Expected", "Observed"),
    "heating_outage": ("Moderate", "Expected", "Observed"),
    "road_closure": ("Moderate", "Expected", "Observed"),
    "shelter_update": ("Minor", "Expected", "Observed"),
    "other": ("Moderate", "Expected", "Likely"),
}
# Kinds one approver may never publish alone, on duty or not.
ALWAYS_TWO_PEOPLE = ("evacuation",)

DRAFT_STATE_LABELS = {
    # I18N: a composed notice that waits for a second operator
    "pending": _l("Waiting for approval"),
    # I18N: a composed notice that has gone out
    "published": _l("Published"),
    # I18N: a composed notice that was dropped without publishing
    "discarded": _l("Discarded"),
}


def kind_default(kind, field):
    """The usual severity, urgency or certainty of a kind."""
    return KIND_DEFAULTS.get(kind, KIND_DEFAULTS["other"])[("severity", "urgency", "certainty").index(field)]


def content_from_form(form, languages, region_tz):
    """The draft's content (plain data) from a validated notice form."""
    texts = {}
    for lang in languages:
        text = {f: without_control_characters((getattr(form, f"{f}_{lang}").data or "").strip())
                for f in TEXT_FIELDS}
        if any(text.values()):
            texts[lang] = text
    kind = form.kind.data
    chosen = {f: getattr(form, f).data or kind_default(kind, f) for f in ("severity", "urgency", "certainty")}
    return {"kind": kind, "status": form.status.data, **chosen,
            "region_wide": bool(form.whole_region.data),
            "areas": [] if form.whole_region.data else sorted(form.areas.data or []),
            "expires": local_to_utc(form.expires.data, region_tz),
            "duration_minutes": duration_minutes(form.duration_hours.data, form.duration_minutes.data),
            "texts": texts}


def duration_minutes(hours, minutes):
    """A duration from the form's hours and minutes, or None when both are empty or zero."""
    total = (hours or 0) * 60 + (minutes or 0)
    return total or None


def form_data_from_content(content, region_tz):
    """Keyword data to prefill a notice form from a draft's content."""
    data = {k: content[k] for k in ("kind", "status", "severity", "urgency", "areas")}
    data["certainty"] = content.get("certainty", "Observed")
    data["whole_region"] = content["region_wide"]
    data["expires"] = utc_to_local(content["expires"], region_tz)
    if content.get("duration_minutes"):
        data["duration_hours"], data["duration_minutes"] = divmod(content["duration_minutes"], 60)
    for lang, text in content["texts"].items():
        for field in TEXT_FIELDS:
            data[f"{field}_{lang}"] = text.get(field, "")
    return data


def local_to_utc(value, region_tz):
    """'YYYY-MM-DDTHH:MM' in the region's timezone as a stored UTC string, or None."""
    if not value:
        return None
    return iso(datetime.strptime(value, "%Y-%m-%dT%H:%M").replace(tzinfo=ZoneInfo(region_tz)))


def utc_to_local(value, region_tz):
    """A stored UTC string as 'YYYY-MM-DDTHH:MM' in the region's timezone, or ''."""
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(ZoneInfo(region_tz)).strftime("%Y-%m-%dT%H:%M")


def expiry(content, now, default_minutes):
    """When the notice ends: the chosen time, else the chosen duration or the kind's default after `now`."""
    if content["expires"]:
        return content["expires"]
    minutes = content.get("duration_minutes") or default_minutes.get(content["kind"], 24 * 60)
    return iso(now + timedelta(minutes=minutes))


def event_labels(kind, languages):
    """The kind's label in each language (CAP <event>)."""
    labels = {}
    for lang in languages:
        with force_locale(lang):
            labels[lang] = str(KIND_LABELS[kind])
    return labels


def notice_record(draft_id, content, now, config):
    """The record store.save_notice takes, as it will be published at `now`."""
    events = event_labels(content["kind"], content["texts"])
    texts = {lang: {"event": events[lang], **text} for lang, text in content["texts"].items()}
    original = config["DEFAULT_LANGUAGE"] if config["DEFAULT_LANGUAGE"] in texts else next(iter(texts))
    stamp = iso(now)
    return {
        "identifier": f"{config['REGION']}-admin-{draft_id}", "sender": config["ADMIN_SENDER"],
        "sent": stamp, "status": content["status"], "msg_type": content.get("msg_type", "Alert"),
        "refs": content.get("refs"), "kind": content["kind"], "severity": content["severity"],
        "urgency": content["urgency"], "certainty": content.get("certainty", "Observed"), "effective": stamp,
        "expires": expiry(content, now, config["DEFAULT_EXPIRY_MINUTES"]),
        "region_wide": int(content["region_wide"]), "source": "admin", "origin": "operator", "url": None,
        "original_lang": original, "publication": "published", "is_sample": 0, "received_at": stamp,
        "raw": None, "confidence": None, "classified_by": None, "area_raw": None,
        "source_updated": None, "areas": list(content["areas"]), "texts": texts,
    }


def preview_notice(draft_id, content, now, config):
    """The notice as the public templates will see it (a stored row's shape)."""
    record = notice_record(draft_id, content, now, config)
    return {**record, "id": 0, "ended_at": None}


def publish_block(draft, content, user, config, authors):
    """Why `user` may not publish this draft (a key), "on_duty" when they may after typing the area's
    name, or None when they may publish it as it is.

    Everyone who wrote or edited the draft is one of its `authors` (ids); none of them is a second person.
    """
    if draft["state"] != "pending":
        return "not_pending"
    if not allowed(user["role"], "compose"):
        return "role"
    if content["status"] != "Actual" or content["kind"] in config["ADMIN_ONE_PERSON_KINDS"]:
        return None
    if not allowed(user["role"], "approve"):
        return "needs_approver"
    if user["id"] not in authors:
        return None
    if config["ON_DUTY_SINGLE_APPROVER"] and content["kind"] not in ALWAYS_TWO_PEOPLE:
        return "on_duty"
    return "evacuation" if content["kind"] in ALWAYS_TWO_PEOPLE else "second_person"


def add_author(db, draft_id, user_id):
    """Count a user among a draft's authors (who wrote or changed it)."""
    db.execute("INSERT OR IGNORE INTO draft_authors (draft_id, user_id) VALUES (?, ?)", (draft_id, user_id))


def authors_of(db, draft_id):
    """{user id: username} of everyone who wrote or edited a draft."""
    return {row[0]: row[1] for row in db.execute(
        "SELECT u.id, u.username FROM draft_authors a JOIN users u ON u.id = a.user_id "
        "WHERE a.draft_id = ? ORDER BY u.username", (draft_id,))}


def create_draft(db, content, user_id, now):
    """Store a new pending draft; returns its id."""
    stamp = iso(now)
    cur = db.execute("INSERT INTO notice_drafts (record, status, kind, msg_type, created_by, "
                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (json.dumps(content, ensure_ascii=False), content["status"], content["kind"],
                      content.get("msg_type", "Alert"), user_id, stamp, stamp))
    add_author(db, cur.lastrowid, user_id)
    return cur.lastrowid


def update_draft(db, draft_id, content, now, user_id):
    """Replace a pending draft's content: a new version, and the editor becomes one of its authors."""
    db.execute("UPDATE notice_drafts SET record = ?, status = ?, kind = ?, updated_at = ?, "
               "version = version + 1 WHERE id = ? AND state = 'pending'",
               (json.dumps(content, ensure_ascii=False), content["status"], content["kind"], iso(now),
                draft_id))
    add_author(db, draft_id, user_id)


def draft_by_id(db, draft_id):
    """(draft row, content dict) or (None, None)."""
    row = db.execute("SELECT d.*, u.username AS author FROM notice_drafts d "
                     "JOIN users u ON u.id = d.created_by WHERE d.id = ?", (draft_id,)).fetchone()
    return (row, json.loads(row["record"])) if row else (None, None)


def pending_drafts(db):
    """Drafts waiting to be published, oldest first, with their authors."""
    return [(row, json.loads(row["record"])) for row in db.execute(
        "SELECT d.*, u.username AS author FROM notice_drafts d JOIN users u ON u.id = d.created_by "
        "WHERE d.state = 'pending' ORDER BY d.created_at")]


def mark_published(db, draft_id, notice_id, approver_id, now, on_duty=False):
    """Record that a draft went out (who approved it, if a second person did; on duty or not)."""
    db.execute("UPDATE notice_drafts SET state = 'published', notice_id = ?, approved_by = ?, "
               "published_at = ?, on_duty = ? WHERE id = ?",
               (notice_id, approver_id, iso(now), int(on_duty), draft_id))


def discard_draft(db, draft_id):
    """Drop a pending draft (kept for the audit trail, never shown again)."""
    db.execute("UPDATE notice_drafts SET state = 'discarded' WHERE id = ? AND state = 'pending'",
               (draft_id,))
