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

SEVERITY_RANK = {"Extreme": 0, "Severe": 1, "Moderate": 2, "Minor": 3, "Unknown": 4}


def urgency_key(notice):
    """Sort key: real before drills, most urgent kind first, then severity, then newest."""
    return (
        notice["status"] != "Actual",
        KINDS.index(notice["kind"]),
        SEVERITY_RANK.get(notice["severity"], 4),
        -datetime.fromisoformat(notice["sent"]).timestamp(),
    )
