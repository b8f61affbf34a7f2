"""Shelter pages: the list (by area, address words, open, step-free) and one shelter."""

from datetime import timedelta

from flask import Blueprint, abort, g, render_template, request
from flask_babel import format_timedelta, get_timezone
from flask_babel import gettext as _
from flask_babel import ngettext

from ..db import get_db
from ..i18n import age, parse_utc, utcnow
from ..views import chosen_area
from .kinds import (CONFIDENCE_LABELS, FEATURE_LABELS, KIND_LABELS, REPORTED_PROBLEM_LABELS,
                    STATUS_LABELS)
from .store import doubted_shelters, find_shelters, shelter_by_id
from .transliterate import to_latin

bp = Blueprint("shelters", __name__, url_prefix="/<lang:lang>/shelters")

# A status checked longer ago than this is flagged as possibly out of date.
STALE_CHECK_DAYS = 30
# How many shelters one list page shows; more asks the reader to narrow the search.
LIST_LIMIT = 100
MAX_QUERY_LENGTH = 200


# Readers of these languages read Cyrillic; everyone else also gets names in Latin letters.
CYRILLIC_READERS = {"ru", "uk", "ky", "tg"}
bp.add_app_template_filter(to_latin)


@bp.app_template_global()
def in_latin_too(lang):
    """Whether shelter names and addresses (Cyrillic) are shown in Latin letters as well."""
    return lang not in CYRILLIC_READERS


@bp.app_template_global()
def shelter_kind_label(kind):
    """A shelter kind in the reader's language."""
    return KIND_LABELS.get(kind, KIND_LABELS["other"])


@bp.app_template_global()
def shelter_status_label(status):
    """A shelter status in the reader's language."""
    return STATUS_LABELS.get(status, STATUS_LABELS["unknown"])


@bp.app_template_global()
def shelter_feature_label(feature):
    """A shelter feature in the reader's language."""
    return FEATURE_LABELS.get(feature, feature)


@bp.app_template_global()
def shelter_confidence_label(confidence):
    """How far the shelter data can be trusted, in the reader's language."""
    return CONFIDENCE_LABELS.get(confidence, confidence)


@bp.app_template_global()
def shelter_check_is_stale(shelter, now):
    """Whether a shelter's status was never checked or was checked over 30 days before `now`."""
    checked = shelter.get("checked_at")
    return not checked or (now - parse_utc(checked)).days > STALE_CHECK_DAYS


@bp.app_template_filter()
def checked_age(value, now):
    """How long ago a shelter was checked, counted in days up to a year ("45 days ago")."""
    delta = parse_utc(value) - now
    if abs(delta) < timedelta(days=1):
        return age(value, now)
    return format_timedelta(delta, granularity="day", threshold=400, add_direction=True)


@bp.app_template_global()
def shelter_reports(shelter):
    """The open residents' reports that put a shelter's status in doubt, or None (one query a page)."""
    if "doubted_shelters" not in g:
        g.doubted_shelters = doubted_shelters(get_db())
    return g.doubted_shelters.get(shelter["id"])


def report_day(value, now):
    """The day of a report in the region: "today", "yesterday" or "3 days ago"."""
    tz = get_timezone()
    days = (now.astimezone(tz).date() - parse_utc(value).astimezone(tz).date()).days
    if days <= 0:
        # I18N: when residents last reported a problem, in "2 reports: locked, today"
        return _("today")
    if days == 1:
        # I18N: when residents last reported a problem, in "2 reports: locked, yesterday"
        return _("yesterday")
    return format_timedelta(timedelta(days=-days), granularity="day", threshold=400, add_direction=True)


@bp.app_template_global()
def shelter_reports_text(reports, now):
    """"2 reports: locked, full, today" in the reader's language."""
    problems = ", ".join(str(REPORTED_PROBLEM_LABELS.get(p, REPORTED_PROBLEM_LABELS["other"]))
                         for p in reports["problems"])
    # I18N: residents' open reports about a shelter: how many, what they said, when the last came
    return ngettext("%(num)d report: %(problems)s, %(when)s", "%(num)d reports: %(problems)s, %(when)s",
                    reports["open"], problems=problems, when=report_day(reports["latest"], now))


@bp.app_template_global()
def osm_url(shelter):
    """A link that opens the shelter on the OpenStreetMap website (a link, not a request)."""
    lat, lon = f"{shelter['lat']:.5f}", f"{shelter['lon']:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


@bp.get("/")
def index():
    """Shelters of the chosen area (all areas when none), narrowed by address, open, step-free."""
    area = chosen_area()
    filters = {"q": request.args.get("q", "").strip()[:MAX_QUERY_LENGTH],
               "open": request.args.get("open") == "1",
               "accessible": request.args.get("accessible") == "1"}
    shelters = find_shelters(get_db(), area, filters["q"], filters["open"], filters["accessible"],
                             limit=LIST_LIMIT + 1)
    return render_template("shelters/index.html", area=area, filters=filters,
                           shelters=shelters[:LIST_LIMIT], more=len(shelters) > LIST_LIMIT,
                           generated=utcnow())


@bp.get("/<int:shelter_id>")
def detail(shelter_id):
    """All facts about one shelter, and how to get there."""
    shelter = shelter_by_id(get_db(), shelter_id)
    if shelter is None:
        abort(404)
    return render_template("shelters/detail.html", shelter=shelter, stale_days=STALE_CHECK_DAYS,
                           generated=utcnow())
