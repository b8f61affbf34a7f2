"""Default settings; instance/config.py and PREPAREDNESS_* environment variables override them."""

# Languages with a complete catalog, in the order the switcher shows them.
LANGUAGES = ["ru", "uk", "en"]
DEFAULT_LANGUAGE = "ru"

REGION = "belgorod"

# SQLite file; None means instance/preparedness.sqlite3.
DATABASE = None

# Must be set to a long random value outside debug and testing.
SECRET_KEY = None

# Minutes after which a page's data counts as stale.
STALE_AFTER_MINUTES = 60

# How long a notice without an expiry stays active, per kind, in minutes.
DEFAULT_EXPIRY_MINUTES = {
    "missile": 60,
    "drone": 60,
    "air_raid": 60,
    "artillery": 60,
    "all_clear": 60,
    "explosive_object": 6 * 60,
    "power_outage": 12 * 60,
    "water_outage": 12 * 60,
    "heating_outage": 24 * 60,
    "road_closure": 24 * 60,
    "evacuation": 72 * 60,
    "shelter_update": 7 * 24 * 60,
    "other": 24 * 60,
}

# How many shelters the "Now" page lists for the chosen area.
NOW_SHELTERS = 3

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
