"""The review queue: notices imported from untrusted sources wait here for a person's decision."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import get_db, transaction
from ..i18n import current_language, utcnow
from ..notices.store import notice_by_id, texts_for
from ..notices.versions import approve_version, reject_version, waiting_version, waiting_versions
from . import audit
from .forms import ReviewForm, options
from .guard import requires
from .publish import approve_imported, reject_imported, run_publish_hooks

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.app_template_global()
def review_reason(reason):
    """Why an import waits for a person, in the operator's language (reasons are catalog entries)."""
    return _(reason) if reason else ""


def queued_notice(db, notice_id):
    """One notice waiting for review, with areas and texts, or None."""
    row = db.execute("SELECT * FROM notices WHERE id = ? AND publication = 'review'",
                     (notice_id,)).fetchone()
    if row is None:
        return None
    areas = [r[0] for r in db.execute("SELECT area FROM notice_areas WHERE notice_id = ? ORDER BY area",
                                      (notice_id,))]
    return {**dict(row), "areas": areas, "texts": texts_for(db, notice_id)}


def review_form(notice=None):
    """The decision form, prefilled with the classifier's suggestion when given a notice."""
    lang = current_language()
    data = {"kind": notice["kind"], "whole_region": bool(notice["region_wide"]),
            "areas": notice["areas"]} if notice else {}
    form = ReviewForm(**data)
    form.areas.choices = options((a.slug, a.name(lang)) for a in current_app.extensions["region"].areas)
    return form


def submitted_decision():
    """The posted decision form, validated: an approval needs areas or the whole region."""
    form = review_form()
    if (form.validate() and form.decision.data == "approve" and not form.whole_region.data
            and not form.areas.data):
        form.areas.errors.append(_("Choose at least one area or the whole region."))
    return form


@bp.get("/")
@requires("review")
def index():
    """Notices waiting for review, newest first."""
    db = get_db()
    rows = db.execute("SELECT id, kind, sent, source, url, confidence, review_reason FROM notices "
                      "WHERE publication = 'review' ORDER BY sent DESC LIMIT 200").fetchall()
    return render_template("admin/review_index.html", rows=rows, versions=waiting_versions(db),
                           generated=utcnow())


@bp.route("/<int:notice_id>", methods=["GET", "POST"])
@requires("review")
def item(notice_id):
    """The original text and link, the suggested kind and areas (editable), approve or reject."""
    db = get_db()
    notice = queued_notice(db, notice_id)
    if notice is None:
        abort(404)
    if request.method == "GET":
        return render_template("admin/review_item.html", notice=notice, form=review_form(notice),
                               generated=utcnow())
    form = submitted_decision()
    if form.errors:
        return render_template("admin/review_item.html", notice=notice, form=form,
                               generated=utcnow()), 400
    if form.decision.data == "approve":
        areas = [] if form.whole_region.data else form.areas.data
        approve_imported(db, notice, form.kind.data, bool(form.whole_region.data), areas)
        flash(_("Published."), "info")
    else:
        reject_imported(db, notice)
        flash(_("Rejected: it will not be shown."), "info")
    return redirect(url_for(".index"), 303)


@bp.route("/versions/<int:pending_id>", methods=["GET", "POST"])
@requires("review")
def version(pending_id):
    """A changed version of a published notice: the published text beside the change, approve or reject."""
    db = get_db()
    pending = waiting_version(db, pending_id)
    published = notice_by_id(db, pending["notice_id"]) if pending else None
    if pending is None or published is None:
        abort(404)
    changed = pending["record"]
    if request.method == "GET":
        return render_template("admin/review_version.html", pending=pending, notice=published,
                               changed=changed, form=review_form(changed), generated=utcnow())
    form = submitted_decision()
    if form.errors:
        return render_template("admin/review_version.html", pending=pending, notice=published,
                               changed=changed, form=form, generated=utcnow()), 400
    decide_version(db, pending, published, form)
    return redirect(url_for(".index"), 303)


def decide_version(db, pending, published, form):
    """Apply or drop a waiting version, with an audit entry, in one transaction."""
    approve = form.decision.data == "approve"
    with transaction(db):
        if approve:
            areas = [] if form.whole_region.data else form.areas.data
            approve_version(db, pending, form.kind.data, bool(form.whole_region.data), areas)
        else:
            reject_version(db, pending)
        audit.record(db, "review.version." + ("approve" if approve else "reject"),
                     f"notice:{published['id']}", before={"kind": published["kind"]},
                     after={"kind": form.kind.data, "pending": pending["id"]})
    if approve:
        run_publish_hooks([published["id"]])
        flash(_("Published."), "info")
    else:
        flash(_("Rejected: the published version stays as it was."), "info")
