"""Shelter kinds, statuses and features with their labels."""

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    # I18N: shelter kind, a purpose-built civil-defence bomb shelter
    "bomb_shelter": _l("Bomb shelter"),
    # I18N: shelter kind
    "basement": _l("Basement"),
    # I18N: shelter kind
    "parking": _l("Underground parking"),
    # I18N: shelter kind, pedestrian underpass or metro
    "underpass": _l("Underpass"),
    # I18N: shelter kind (ПРУ in Russian)
    "anti_radiation": _l("Anti-radiation shelter"),
    # I18N: shelter kind, the simplest cover (простейшее укрытие)
    "simple_cover": _l("Simple cover"),
    # I18N: shelter kind
    "other": _l("Other cover"),
}

STATUS_LABELS = {
    # I18N: shelter status
    "open": _l("Open"),
    # I18N: shelter status
    "closed": _l("Closed"),
    # I18N: shelter status, no room left
    "full": _l("Full"),
    # I18N: shelter status
    "unknown": _l("Status unknown"),
}

FEATURE_LABELS = {
    # I18N: shelter feature
    "water": _l("Drinking water"),
    # I18N: shelter feature
    "toilet": _l("Toilet"),
    # I18N: shelter feature
    "heating": _l("Heating"),
    # I18N: shelter feature
    "power": _l("Electricity"),
    # I18N: shelter feature
    "pets": _l("Pets allowed"),
    # I18N: shelter feature
    "wheelchair_space": _l("Space for wheelchairs"),
}

CONFIDENCE_LABELS = {
    # I18N: where shelter data comes from: the authorities' own list
    "official": _l("Official list"),
    # I18N: where shelter data comes from: OpenStreetMap volunteers
    "community": _l("OpenStreetMap volunteers"),
    # I18N: shelter data nobody has confirmed yet
    "unverified": _l("Not confirmed"),
    # I18N: made-up example data shipped with the app
    "sample": _l("Sample data"),
}

# Short forms of residents' reports, shown in "2 reports: locked, today".
REPORTED_PROBLEM_LABELS = {
    # I18N: a problem residents reported about a shelter, in "2 reports: locked, today"
    "closed": _l("closed during an alert"),
    # I18N: a problem residents reported about a shelter, in "2 reports: locked, today"
    "locked": _l("locked"),
    # I18N: a problem residents reported about a shelter, in "2 reports: full, today"
    "full": _l("full"),
    # I18N: a problem residents reported about a shelter, in "2 reports: not at this address, today"
    "wrong_place": _l("not at this address"),
    # I18N: a problem residents reported about a shelter, in "2 reports: damaged or flooded, today"
    "damaged": _l("damaged or flooded"),
    # I18N: a problem residents reported about a shelter, in "2 reports: not a shelter, today"
    "not_a_shelter": _l("not a shelter"),
    # I18N: a problem residents reported about a shelter, in "2 reports: another problem, today"
    "other": _l("another problem"),
}
