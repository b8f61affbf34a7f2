"""Default settings; instance/config.py and PREPAREDNESS_* environment variables override them."""

# Languages with a complete catalog, in the order the switcher shows them.
LANGUAGES = ["ru", "uk", "en", "uz", "tg", "ky", "hy", "zh", "ar"]
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

# Where `flask notices poll` reads notices from. One dict per source:
#   name      unique name, also the notices' `source` (idempotency is by source + identifier)
#   url       an http(s) URL (fetched with If-None-Match/If-Modified-Since), or
#   path      a local file (e.g. a Telegram Desktop export that a job refreshes)
#   format    auto | cap | rss | atom | telegram
#   trusted   True: published at once; False: every notice waits in the admin review queue
#   interval  minutes between polls of this source (poll skips it until then; --force ignores this)
#   post_url  optional, Telegram only: the public post link, with {id} for the message id
# Example for instance/config.py:
#   NOTICE_SOURCES = [
#       {"name": "belregion-cap", "url": "https://alerts.example.invalid/cap/latest.xml",
#        "format": "cap", "trusted": True, "interval": 1},
#       {"name": "shebekino-news", "url": "https://shebekino.example.invalid/news.rss",
#        "format": "rss", "trusted": False, "interval": 5},
#       {"name": "governor", "path": "/var/lib/preparedness/governor/result.json",
#        "format": "telegram", "trusted": False, "interval": 1,
#        "post_url": "https://t.me/example_channel/{id}"},
#   ]
# Run `flask notices poll` every minute (cron or a systemd timer); each source is fetched when due.
NOTICE_SOURCES = []
# Seconds to wait for a source's server before giving up on it for this poll.
NOTICE_POLL_TIMEOUT = 20
# Imported posts whose kind was read from their words with less confidence than this wait for review.
NOTICE_REVIEW_BELOW = 0.5

# Reverse proxies in front of the app (deploy/nginx.conf is one): their X-Forwarded-For/-Proto are
# trusted so login limits and the audit log see the client's address, not the proxy's.
PROXY_COUNT = 0

# How many shelters the "Now" page lists for the chosen area.
NOW_SHELTERS = 3

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Admin (/admin): sessions, login limits, second factor, publishing rules.
# The session cookie: __Host- prefixed, Secure, Path=/ and no Domain (debug runs use "session").
SESSION_COOKIE_NAME = "__Host-session"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_PATH = "/"
SESSION_COOKIE_DOMAIN = None
# Public pages must never carry a Set-Cookie: only a changed session is written back.
SESSION_REFRESH_EACH_REQUEST = False
ADMIN_SESSION_IDLE_MINUTES = 30
ADMIN_SESSION_ABSOLUTE_HOURS = 12
# Failed logins: per account in any hour (then locked until the hour has passed), and per client.
ADMIN_MAX_FAILED_PER_ACCOUNT = 100
ADMIN_MAX_FAILED_PER_CLIENT = 20
ADMIN_CLIENT_WINDOW_MINUTES = 15
# True: every operator must set up a TOTP second factor before using /admin.
ADMIN_REQUIRE_TOTP = False
ADMIN_TOTP_ISSUER = "Preparedness"
# Kinds a single operator may publish as a real (Actual) alert; all others need an approver.
ADMIN_ONE_PERSON_KINDS = ()
# CAP <sender> of notices published from /admin.
ADMIN_SENDER = "preparedness-admin"
WTF_CSRF_TIME_LIMIT = 12 * 3600
