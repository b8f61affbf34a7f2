"""The desk's data: drafts waiting (with their age), everything live on the site with its source."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _

from ..i18n import parse_utc
from ..notices.kinds import KIND_LABELS, MSG_TYPE_LABELS
from ..notices.store import active_notices_for
from .drafts import authors_of, pending_drafts
from .references import headline_in


def zone_label(tz_name, now):
    """The region's zone as operators read it: "Europe/Moscow, MSK"."""
    abbreviation = now.astimezone(ZoneInfo(tz_name)).tzname()
    if not abbreviation or abbreviation[0] in "+-":
        return tz_name
    return f"{tz_name}, {abbreviation}"


def mode_of(content):
    """How a draft or notice is styled: 'clear' (a real all-clear), 'real', or 'drill'."""
    if content["status"] != "Actual":
        return "drill"
    return "clear" if content["kind"] == "all_clear" else "real"


def waiting_for(created_at, now):
    """How long a draft has waited, in words ("waiting 4 minutes")."""
    waited = max(now - parse_utc(created_at), timedelta(0))
    if waited < timedelta(minutes=1):
        # I18N: a draft composed less than a minute ago
        return _("just composed")
    # I18N: how long a draft has waited for approval, e.g. "waiting 12 minutes"
    return _("waiting %(duration)s", duration=format_timedelta(waited, threshold=1.1))


def draft_title(row, content, lang):
    """A waiting draft named for the desk: its kind, message type and headline."""
    text = content["texts"].get(lang) or next(iter(content["texts"].values()), {})
    kind = str(KIND_LABELS.get(content["kind"], content["kind"]))
    label = f"{kind} ({MSG_TYPE_LABELS.get(row['msg_type'], row['msg_type'])})"
    return f"{label}: {text['headline']}" if text.get("headline") else label


def waiting_drafts(db, now, lang):
    """Drafts waiting, oldest first, as plain data for the page and for desk.json."""
    shown = []
    for row, content in pending_drafts(db):
        authors = authors_of(db, row["id"])
        shown.append({
            "id": row["id"], "href": url_for("admin.home.draft", draft_id=row["id"]),
            "mode": mode_of(content), "title": draft_title(row, content, lang),
            "authors": ", ".join(authors.values()) or row["author"],
            "created_at": row["created_at"], "age": waiting_for(row["created_at"], now),
            "waited_seconds": int((now - parse_utc(row["created_at"])).total_seconds()),
        })
    return shown


def live_notices(db, now, lang):
    """Every notice in force on the public site, most urgent first, with its source and headline."""
    live = []
    for notice in active_notices_for(db, None, now):
        live.append({**notice, "headline": headline_in(notice["texts"], lang, notice["original_lang"]),
                     "mode": mode_of(notice), "from_desk": notice["source"] == "admin"})
    return live

