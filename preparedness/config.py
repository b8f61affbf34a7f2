"""Default settings; instance/config.py and PREPAREDNESS_* environment variables override them."""

# Languages with a complete catalog, in the order the switcher shows them.
LANGUAGES = ["ru", "uk", "en", "uz", "tg", "ky", "hy", "zh", "ar"]
DEFAULT_LANGUAGE = "ru"

REGION = "belgorod"

# SQLite file; None means instance/preparedness.sqlite3.
DATABASE = None
# How long a web request waits for another writer (a big import) before it answers 503 "busy,
# try again" with Retry-After; commands (imports, polls) wait 5 s.
DATABASE_BUSY_TIMEOUT_MS = 3000
# /healthz reports an error below this much free space where the database lives (megabytes).
HEALTH_MIN_FREE_MB = 64

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
#   format    auto | cap | rss | atom | telegram | telegram-channel (a t.me/s/ preview page)
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

# The site's public address (scheme://host[:port]), the start of every absolute link: Atom, CAP,
# JSON "url" fields, QR codes on print pages, the static export. Never taken from a request's Host.
# Unset, debug and test runs use http://127.0.0.1:5000 (and say so in the log outside them).
BASE_URL = None

# Reverse proxies in front of the app (deploy/nginx.conf is one): their X-Forwarded-For/-Proto are
# trusted so login limits and the audit log see the client's address, not the proxy's.
# X-Forwarded-Host is never trusted (see BASE_URL).
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
# Failed logins (see preparedness/admin/limits.py): they slow guessing, never lock the owner out.
# One address on one account: this many free failures, then waits of 1 s, 2 s, 4 s ... up to the cap.
ADMIN_FREE_FAILURES = 3
ADMIN_BASE_DELAY_SECONDS = 1
ADMIN_MAX_DELAY_SECONDS = 15 * 60
# Failures on one account in an hour, from all addresses, after which every address gets only one
# free failure (an address that has not failed is still checked at once).
ADMIN_ACCOUNT_SLOW_AFTER = 20
# One address on any account: this many failures within the window, then it waits out the window.
ADMIN_MAX_FAILED_PER_CLIENT = 20
ADMIN_CLIENT_WINDOW_MINUTES = 15
# True: every operator must set up a TOTP second factor before using /admin.
ADMIN_REQUIRE_TOTP = False
ADMIN_TOTP_ISSUER = "Preparedness"
# Kinds a single operator may publish as a real (Actual) alert; all others need an approver.
ADMIN_ONE_PERSON_KINDS = ()
# On-duty mode for a night shift of one: True lets an approver publish their own real alert or
# all-clear after typing the area's name. Evacuations always need a second approver.
ON_DUTY_SINGLE_APPROVER = False
# Seconds between the desk's checks for new drafts (a small script; without it, a refresh link).
ADMIN_DESK_POLL_SECONDS = 10
# CAP <sender> of notices published from /admin.
ADMIN_SENDER = "preparedness-admin"
WTF_CSRF_TIME_LIMIT = 12 * 3600
# Largest request body: shelter files of up to 20 MB plus the form around them; more gets a 413 page.
MAX_CONTENT_LENGTH = 21 * 1024 * 1024

# Live sources and Web Push (`flask notices watch`, `flask push keys|drain`).
# Seconds between `flask notices watch` polls of a telegram-channel source (a source's own
# `interval_seconds` overrides it; other formats use their `interval` in minutes); after failures a
# source waits twice as long each time, up to NOTICE_WATCH_MAX_BACKOFF.
# A channel source: {"name": "governor", "url": "https://t.me/s/<channel>", "format": "telegram-channel",
#                    "trusted": False}
NOTICE_WATCH_INTERVAL = 15
NOTICE_WATCH_MAX_BACKOFF = 300
# Subscription endpoints must start with one of these (the browsers' push services); anything else
# is refused, so the sender can never be pointed at an arbitrary address. "*." matches subdomains.
PUSH_SERVICES = [
    "https://fcm.googleapis.com/",
    "https://updates.push.services.mozilla.com/",
    "https://web.push.apple.com/",
    "https://*.notify.windows.com/",
]
# The VAPID "sub" claim: how a push service can reach the operators (mailto: or https:).
PUSH_VAPID_SUBJECT = "mailto:operators@example.invalid"
# Private key file; None means instance/vapid_private.pem (`flask push keys` creates it).
PUSH_VAPID_KEY_FILE = None
# Seconds a push service keeps an undelivered message: threats and all-clears go stale fast.
PUSH_THREAT_TTL = 900
PUSH_NOTICE_TTL = 6 * 3600
# Messages in flight at once, and seconds to wait for a push service's answer.
PUSH_CONCURRENCY = 128
PUSH_TIMEOUT = 10
# True: the web process sends in a background thread as soon as a notice is published (the
# watcher sends as well; a job is claimed by one sender only).
PUSH_SEND_FROM_WEB = True
# Subscribe/unsubscribe requests one client may make per hour.
PUSH_API_PER_HOUR = 30
# Seconds between an open "Now" page's checks of its area's status (jittered in the browser).
LIVE_STATUS_INTERVAL = 20
# Fan-outs to at least PUSH_PARALLEL_ABOVE subscriptions are split over PUSH_PROCESSES worker
# processes (0: one per CPU core); smaller ones are sent by the sender's own event loop.
PUSH_PROCESSES = 0
PUSH_PARALLEL_ABOVE = 20000
