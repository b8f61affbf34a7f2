"""Checks a candidate notice must pass before it is stored, and the cleaning every text gets."""

import re
from datetime import timedelta

from ..kinds import KINDS
from .sanitise import clean_text, html_to_text, one_line

STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
LANG = re.compile(r"^[a-z]{2,3}$")
TEXT_LIMITS = {"event": 200, "headline": 300, "description": 10000, "instruction": 5000}
FUTURE_SLACK = timedelta(days=1)


def rejection(notice, region, now):
    """Why a candidate cannot be stored (one line), or None when it can."""
    checks = (
        (not notice["identifier"], "no identifier"),
        (len(notice["identifier"]) > 500, "identifier longer than 500 characters"),
        (notice["sent"] is None, "no readable sent time"),
        (notice["sent"] is not None and notice["sent"] > now + FUTURE_SLACK, "sent time is in the future"),
        (notice["status"] not in STATUSES, f"status {notice['status']!r} is not one of {', '.join(STATUSES)}"),
        (notice["msg_type"] not in MSG_TYPES, f"msgType {notice['msg_type']!r} is not Alert, Update or Cancel"),
        (notice["kind"] not in KINDS, f"unknown kind {notice['kind']!r}"),
        (notice["effective"] is None, "no readable effective time"),
        (any(a not in region.areas_by_slug for a in notice["areas"]), "unknown area"),
        (not notice["areas"] and not notice["region_wide"],
         f"no area in {region.name('en')} (areas: {area_descs(notice) or 'none given'})"),
        (not any(LANG.match(lang) for lang in notice["texts"]) and notice["msg_type"] != "Cancel",
         "no text in a known language"),
        (not has_words(notice) and notice["msg_type"] != "Cancel", "no text"),
    )
    for failed, reason in checks:
        if failed:
            return reason
    # A final Update or Cancel may expire when it is sent: "the event is over" ends what it names.
    if (notice["expires"] is not None and notice["expires"] <= notice["effective"]
            and notice["msg_type"] == "Alert"):
        return "expires before it takes effect"
    return None


def area_descs(notice):
    """The raw area descriptions a CAP notice carried, for the rejection line."""
    raw = notice.get("area_raw") or ""
    return ", ".join(re.findall(r'"area_desc": "([^"]*)"', raw))[:120]


def has_words(notice):
    """Whether any language holds a headline, event or description."""
    return any(clean_text(t.get(f, "")) for t in notice["texts"].values()
               for f in ("event", "headline", "description"))


def sanitised(notice):
    """The notice with plain, bounded texts, known vocabulary and an http(s) URL or none."""
    texts = {}
    for lang, text in notice["texts"].items():
        if not LANG.match(lang):
            continue
        cleaned = {f: html_to_text(text.get(f, ""), TEXT_LIMITS[f]) for f in TEXT_LIMITS}
        cleaned["headline"] = one_line(cleaned["headline"], TEXT_LIMITS["headline"])
        cleaned["event"] = one_line(cleaned["event"], TEXT_LIMITS["event"])
        texts[lang] = cleaned
    url = notice["url"] if isinstance(notice["url"], str) and notice["url"].startswith(
        ("https://", "http://")) and len(notice["url"]) < 2000 else None
    original = notice["original_lang"] if notice["original_lang"] in texts else next(iter(texts), "ru")
    return {**notice, "texts": texts, "url": url, "original_lang": original,
            "sender": one_line(html_to_text(notice["sender"]) or notice["source"], 200),
            "severity": _known(notice["severity"], SEVERITIES),
            "urgency": _known(notice["urgency"], URGENCIES),
            "certainty": _known(notice["certainty"], CERTAINTIES)}


# CAP 1.0's "Very Likely" became "Likely" in CAP 1.1.
OLDER_VALUES = {"Very Likely": "Likely"}


def _known(value, vocabulary):
    """`value` if it is in the CAP vocabulary (older spellings mapped), else 'Unknown'."""
    value = OLDER_VALUES.get(value, value)
    return value if value in vocabulary else "Unknown"
