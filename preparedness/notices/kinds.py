"""The fixed vocabulary of notice kinds, their labels and how urgent each is."""

from datetime import datetime

from flask_babel import lazy_gettext as _l

# Most urgent first; the order ranks notices on the "Now" page.
KINDS = (
    "missile", "air_raid", "drone", "artillery", "evacuation", "explosive_object",
    "shelter_update", "power_outage", "water_outage", "heating_outage", "road_closure",
    "other", "all_clear",
)

# Kinds that an all-clear for their area ends.
THREAT_KINDS = frozenset({"missile", "air_raid", "drone", "artillery"})

KIND_LABELS = {
    # I18N: notice kind, shown as the title of an alert
    "missile": _l("Missile danger"),
    # I18N: notice kind
    "air_raid": _l("Air raid alert"),
    # I18N: notice kind, attack by unmanned aerial vehicles
    "drone": _l("Drone attack danger"),
    # I18N: notice kind
    "artillery": _l("Artillery shelling"),
    # I18N: notice kind
    "evacuation": _l("Evacuation"),
    # I18N: notice kind, e.g. an unexploded shell found
    "explosive_object": _l("Explosive object found"),
    # I18N: notice kind
    "shelter_update": _l("Shelter information"),
    # I18N: notice kind
    "power_outage": _l("Power outage"),
    # I18N: notice kind
    "water_outage": _l("Water outage"),
    # I18N: notice kind
    "heating_outage": _l("Heating outage"),
    # I18N: notice kind
    "road_closure": _l("Road closure"),
    # I18N: notice kind
    "other": _l("Notice"),
    # I18N: notice kind, the danger is over
    "all_clear": _l("All clear"),
}

STATUS_LABELS = {
    # I18N: label on a notice that is a drill, not a real alert
    "Exercise": _l("Exercise — not a real alert"),
    # I18N: label on a notice sent only to test the system
    "Test": _l("Test — not a real alert"),
}

# The one word operators see for a notice's status; live and drill must never look alike.
STATUS_WORDS = {
    # I18N: operators' label for a live notice, in capitals
    "Actual": _l("REAL ALERT"),
    # I18N: operators' label for a drill notice, in capitals
    "Exercise": _l("EXERCISE"),
    # I18N: operators' label for a system test notice, in capitals
    "Test": _l("TEST"),
}

MSG_TYPE_LABELS = {
    # I18N: CAP message type: a first notice
    "Alert": _l("New alert"),
    # I18N: CAP message type: replaces an earlier notice
    "Update": _l("Update"),
    # I18N: CAP message type: withdraws an earlier notice
    "Cancel": _l("Cancellation"),
}

SEVERITY_LABELS = {
    # I18N: CAP severity: extraordinary threat to life or property
    "Extreme": _l("Extreme"),
    # I18N: CAP severity: significant threat to life or property
    "Severe": _l("Severe"),
    # I18N: CAP severity: possible threat to life or property
    "Moderate": _l("Moderate"),
    # I18N: CAP severity: minimal or no known threat
    "Minor": _l("Minor"),
    # I18N: CAP severity or urgency not known
    "Unknown": _l("Unknown"),
}

URGENCY_LABELS = {
    # I18N: CAP urgency: act now
    "Immediate": _l("Immediate"),
    # I18N: CAP urgency: act within the next hour
    "Expected": _l("Within the hour"),
    # I18N: CAP urgency: act in the near future
    "Future": _l("Later"),
    # I18N: CAP urgency: no longer needed
    "Past": _l("No longer needed"),
    "Unknown": SEVERITY_LABELS["Unknown"],
}

SEVERITY_RANK = {"Extreme": 0, "Severe": 1, "Moderate": 2, "Minor": 3, "Unknown": 4}
URGENCY_RANK = {"Immediate": 0, "Expected": 1, "Future": 2, "Unknown": 3, "Past": 4}


def urgency_key(notice):
    """Sort key: real before drills, most urgent kind, CAP urgency, severity, then newest first."""
    return (
        notice["status"] != "Actual",
        KINDS.index(notice["kind"]),
        URGENCY_RANK.get(notice.get("urgency"), 3),
        SEVERITY_RANK.get(notice["severity"], 4),
        -datetime.fromisoformat(notice["sent"]).timestamp(),
    )
