"""Shelters in /admin: status with "checked now", file upload through the importer, residents' reports."""

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import get_db, transaction
from ..i18n import utcnow
from ..notices.store import iso
from ..shelters.cli import import_shelters
from ..shelters.importers import ShelterFileError
from ..shelters.store import find_shelters, shelter_by_id
from . import audit
from .forms import ShelterImportForm, ShelterStatusForm
from .guard import requires

bp = Blueprint("shelters", __name__, url_prefix="/shelters")
RESOLUTIONS = ("fixed", "not_confirmed")
# Rejection lines shown on the page; a file of a million bad rows must not make a page of 80 MB.
REJECTED_SHOWN = 200


@bp.get("/")
@requires("shelters")
def index():
    """Find a shelter to edit by words of its name or address."""
    q = request.args.get("q", "").strip()[:200]
    shelters = find_shelters(get_db(), None, q, limit=100)
    return render_template("admin/shelters.html", shelters=shelters, q=q, generated=utcnow())


@bp.route("/<int:shelter_id>", methods=["GET", "POST"])
@requires("shelters")
def edit(shelter_id):
    """Change a shelter's status; "checked now" stamps the time of the check."""
    db = get_db()
    shelter = shelter_by_id(db, shelter_id)
    if shelter is None:
        abort(404)
    form = ShelterStatusForm(status=shelter["status"])
    if request.method == "GET":
        return render_template("admin/shelter_edit.html", shelter=shelter, form=form, generated=utcnow())
    if not form.validate():
        return render_template("admin/shelter_edit.html", shelter=shelter, form=form,
                               generated=utcnow()), 400
    now = iso(utcnow())
    checked = now if form.checked_now.data else shelter["checked_at"]
    before = {"status": shelter["status"], "checked_at": shelter["checked_at"]}
    after = {"status": form.status.data, "checked_at": checked}
    with transaction(db):
        db.execute("UPDATE shelters SET status = ?, checked_at = ?, updated_at = ? WHERE id = ?",
                   (form.status.data, checked, now, shelter_id))
        audit.record(db, "shelter.edit", f"shelter:{shelter_id}", before=before, after=after)
    flash(_("Saved."), "info")
    return redirect(url_for(".edit", shelter_id=shelter_id), 303)


@bp.route("/import", methods=["GET", "POST"])
@requires("shelters")
def upload():
    """Import a CSV/GeoJSON file; the page shows the importer's report with rejected rows."""
    form = ShelterImportForm()
    if request.method == "GET":
        return render_template("admin/shelter_import.html", form=form, report=None, generated=utcnow())
    if not form.validate():
        return render_template("admin/shelter_import.html", form=form, report=None,
                               generated=utcnow()), 400
    upload_file, db = form.file.data, get_db()
    try:
        report = import_shelters(db, upload_file.read(), current_app.extensions["region"], utcnow(),
                                 file_name=upload_file.filename or "upload", file_format=form.file_format.data,
                                 source=form.source.data or None, dry_run=form.dry_run.data,
                                 strict=form.strict.data)
    except ShelterFileError as exc:
        form.file.errors.append(str(exc))
        return render_template("admin/shelter_import.html", form=form, report=None,
                               generated=utcnow()), 400
    with transaction(db):
        audit.record(db, "shelter.import", f"file:{upload_file.filename}", after={
            "source": report.source, "format": report.file_format, "written": report.written,
            **report.counts})
    return render_template("admin/shelter_import.html", form=form, report=report,
                           rejected=report.rejected[:REJECTED_SHOWN],
                           more_rejected=max(0, len(report.rejected) - REJECTED_SHOWN), generated=utcnow())


@bp.get("/reports")
@requires("shelters")
def reports():
    """Residents' open problem reports, oldest first."""
    rows = get_db().execute(
        "SELECT r.*, s.name, s.address, s.status FROM shelter_reports r JOIN shelters s "
        "ON s.id = r.shelter_id WHERE r.state = 'open' ORDER BY r.reported_at LIMIT 200").fetchall()
    return render_template("admin/shelter_reports.html", rows=rows, generated=utcnow())


@bp.post("/reports/<int:report_id>/<resolution>")
@requires("shelters")
def resolve(report_id, resolution):
    """Close a report: checked and fixed, or not confirmed."""
    db = get_db()
    if resolution not in RESOLUTIONS:
        abort(404)
    row = db.execute("SELECT * FROM shelter_reports WHERE id = ? AND state = 'open'", (report_id,)).fetchone()
    if row is None:
        abort(404)
    with transaction(db):
        db.execute("UPDATE shelter_reports SET state = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
                   (resolution, g.user["id"], iso(utcnow()), report_id))
        audit.record(db, f"report.{resolution}", f"shelter:{row['shelter_id']}",
                     before={"report": report_id, "problem": row["problem"], "state": "open"},
                     after={"state": resolution})
    return redirect(url_for(".reports"), 303)
