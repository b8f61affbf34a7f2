"""The one decision whether an imported notice is published without a person.

A wrong automatic publication is worse than a delay: a false all-clear sends people out of shelter, a
report read as an alert cries wolf, another region's alert frightens the wrong town. So a notice is
published only when its source is trusted, its kind is certain, it is a public message (Actual, or an
Exercise/Test, which pages show on a card of their own and which only end exercises and tests), its
areas are inside the region or it clearly names the whole region, and, for an all-clear, it ends at
least one threat in force in those areas. Everything else waits for review with the first reason that
holds, a short sentence the review queue shows translated.
"""

from ..kinds import THREAT_KINDS
from ..reasons import N_, NOT_ACTUAL, NOT_TRUSTED
from ..store import clears_kind

# Why a reading leaves the kind or areas in doubt (the keys are Classification.doubts).
DOUBT_REASONS = {
    "wait": N_("mentions an all-clear as something to wait for"),
    "report": N_("a report of what happened, not an alert"),
    "other_region": N_("names another region"),
    "conflict": N_("names both a threat and an all-clear"),
    "no_kind": N_("no alert signal recognised"),
    "no_area": N_("names no area of the region"),
    "place": N_("names a village whose district is unclear"),
}
NOTHING_TO_END = N_("an all-clear, but no threat is in force in its areas")
OUTSIDE = N_("an area outside the region")


def publish_decision(notice, source_trusted, active_threats, region_areas=None):
    """(publish, reason or None) for a candidate notice.

    `active_threats`: the threat notices in force (dicts with kind, areas, region_wide, status), or a
    callable returning them, read only for an all-clear. `region_areas`: the region's area slugs.
    """
    reason = _first_doubt(notice, source_trusted, region_areas)
    if reason is None and notice["kind"] == "all_clear" and notice.get("msg_type", "Alert") == "Alert":
        threats = active_threats() if callable(active_threats) else active_threats
        if not any(ends(notice, threat) for threat in threats or ()):
            reason = NOTHING_TO_END
    return reason is None, reason


def _first_doubt(notice, source_trusted, region_areas):
    """The first reason to hold a notice that needs no look at the store, or None."""
    if not source_trusted:
        return NOT_TRUSTED
    if notice.get("status", "Actual") not in ("Actual", "Exercise", "Test"):
        return NOT_ACTUAL
    doubts = notice.get("doubts") or ()
    if doubts:
        return DOUBT_REASONS.get(doubts[0], DOUBT_REASONS["no_kind"])
    if notice["kind"] == "other" and notice.get("classified_by") not in ("cap", "cap-text"):
        return DOUBT_REASONS["no_kind"]
    if region_areas is not None and any(a not in region_areas for a in notice["areas"]):
        return OUTSIDE
    if not notice["areas"] and not notice["region_wide"]:
        return DOUBT_REASONS["no_area"]
    return None


def ends(clear, threat):
    """Whether an all-clear applies where a threat of its kind and of the same status is in force."""
    if threat["kind"] not in THREAT_KINDS or threat.get("status", "Actual") != clear.get("status", "Actual"):
        return False
    if not clears_kind(clear, threat):
        return False
    if clear["region_wide"] or threat["region_wide"]:
        return True
    return bool(set(clear["areas"]) & set(threat["areas"]))
