"""A resident's "report a problem with this shelter" page: uncached, CSRF-protected, no personal data."""

import hashlib
import hmac

from flask import Blueprint, abort, current_app, make_response, render_template, request

from ..db import get_db, transaction
from ..i18n import utcnow
from ..notices.store import iso
from ..shelters.store import shelter_by_id
from .forms import ProblemReportForm

bp = Blueprint("shelter_report", __name__, url_prefix="/<lang:lang>/shelters")

# Reports one client may send in one clock hour; more get 429 and are not stored.
REPORTS_PER_HOUR = 5
# Hour buckets older than this are deleted (the limit needs only the current hour).
KEEP_HOURS = 24


def uncached(body, status=200):
    """A response no cache keeps: it carries this visitor's CSRF token."""
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def client_key(hour):
    """The client for one hour as a keyed hash: the address cannot be read back or linked across hours."""
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    message = f"{hour}|{request.remote_addr or '-'}".encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def count_report(db, now):
    """Count a report against this client's hour; False when the hour's limit is already reached.

    Run it inside the transaction that stores the report.
    """
    hour = int(now.timestamp()) // 3600
    db.execute("DELETE FROM report_limits WHERE hour < ?", (hour - KEEP_HOURS,))
    client = client_key(hour)
    row = db.execute("SELECT reports FROM report_limits WHERE client = ? AND hour = ?",
                     (client, hour)).fetchone()
    if row is not None and row[0] >= REPORTS_PER_HOUR:
        return False
    db.execute("INSERT INTO report_limits (client, hour, reports) VALUES (?, ?, 1) "
               "ON CONFLICT (client, hour) DO UPDATE SET reports = reports + 1", (client, hour))
    return True


def reporter_key(shelter_id):
    """This address for this shelter as a keyed hash: one address counts once per shelter per day
    and doubt needs several addresses, yet the address cannot be read back or followed from one
    shelter to another."""
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    message = f"report|{shelter_id}|{request.remote_addr or '-'}".encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def already_reported_today(db, shelter_id, reporter, now):
    """Whether this address reported this shelter earlier on the same (UTC) day."""
    day = iso(now.replace(hour=0, minute=0, second=0, microsecond=0))
    return db.execute("SELECT 1 FROM shelter_reports WHERE shelter_id = ? AND reporter = ? "
                      "AND reported_at >= ? LIMIT 1", (shelter_id, reporter, day)).fetchone() is not None


def page(shelter, form, status=200, sent=False, limited=False):
    """The report page (form, thanks, or "too many reports"), never cached."""
    return uncached(render_template("admin/public_report.html", shelter=shelter, form=form, sent=sent,
                                    limited=limited, generated=utcnow()), status)


@bp.route("/<int:shelter_id>/report", methods=["GET", "POST"])
def report(shelter_id):
    """Tell the operators what is wrong with a shelter; stores only the shelter, the problem, the text."""
    db = get_db()
    shelter = shelter_by_id(db, shelter_id)
    if shelter is None:
        abort(404)
    form = ProblemReportForm()
    if request.method == "GET":
        return page(shelter, form)
    if not form.validate():
        return page(shelter, form, 400)
    now = utcnow()
    # Whole minutes are enough to sort the queue, and say nothing more about the sender.
    stamp = iso(now.replace(second=0, microsecond=0))
    reporter = reporter_key(shelter_id)
    with transaction(db):
        allowed = count_report(db, now)
        # A second report of the day from the same address adds nothing: thanked, not stored.
        if allowed and not already_reported_today(db, shelter_id, reporter, now):
            db.execute("INSERT INTO shelter_reports (shelter_id, problem, details, reported_at, "
                       "reporter) VALUES (?, ?, ?, ?, ?)",
                       (shelter_id, form.problem.data, (form.details.data or "").strip(), stamp,
                        reporter))
    if not allowed:
        response = page(shelter, None, 429, limited=True)
        response.headers["Retry-After"] = str(3600 - int(now.timestamp()) % 3600)
        return response
    return page(shelter, None, sent=True)
