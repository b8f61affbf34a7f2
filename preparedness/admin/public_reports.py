"""A resident's "report a problem with this shelter" page: uncached, CSRF-protected, no personal data."""

from flask import Blueprint, abort, make_response, render_template, request

from ..db import get_db, transaction
from ..i18n import utcnow
from ..notices.store import iso
from ..shelters.store import shelter_by_id
from .forms import ProblemReportForm

bp = Blueprint("shelter_report", __name__, url_prefix="/<lang:lang>/shelters")


def uncached(body, status=200):
    """A response no cache keeps: it carries this visitor's CSRF token."""
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:shelter_id>/report", methods=["GET", "POST"])
def report(shelter_id):
    """Tell the operators what is wrong with a shelter; stores only the shelter, the problem, the text."""
    db = get_db()
    shelter = shelter_by_id(db, shelter_id)
    if shelter is None:
        abort(404)
    form = ProblemReportForm()
    if request.method == "GET":
        return uncached(render_template("admin/public_report.html", shelter=shelter, form=form,
                                        sent=False, generated=utcnow()))
    if not form.validate():
        return uncached(render_template("admin/public_report.html", shelter=shelter, form=form,
                                        sent=False, generated=utcnow()), 400)
    # Whole minutes are enough to sort the queue, and say nothing more about the sender.
    stamp = iso(utcnow().replace(second=0, microsecond=0))
    with transaction(db):
        db.execute("INSERT INTO shelter_reports (shelter_id, problem, details, reported_at) "
                   "VALUES (?, ?, ?, ?)", (shelter_id, form.problem.data, (form.details.data or "").strip(),
                                           stamp))
    return uncached(render_template("admin/public_report.html", shelter=shelter, form=None, sent=True,
                                    generated=utcnow()))
