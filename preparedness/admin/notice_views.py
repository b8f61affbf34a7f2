"""Notices in /admin: the desk, compose, preview, publish (two people for real alerts), follow-ups."""

from datetime import timedelta

from flask import (Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template, request,
                   url_for)
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..db import get_db, transaction
from ..i18n import current_language, utcnow
from ..notices.store import active_notices_for, notice_by_id, recent_notices
from ..push.keys import application_server_key
from ..push.worker import announce_desk
from . import audit
from .desk import live_notices, mode_of, waiting_drafts, zone_label
from .drafts import (authors_of, content_from_form, create_draft, discard_draft, draft_by_id,
                     form_data_from_content, preview_notice, publish_block, update_draft)
from .followups import FOLLOW_UPS, follow_up_content
from .forms import PublishForm, notice_form_class, options
from .guard import may, requires
from .preview import confirmation_names, matches_place, place_names, previews, publish_label
from .publish import DraftChanged, NotPending, publish_draft
from .references import referenced_notices

bp = Blueprint("home", __name__)

BLOCK_MESSAGES = {
    # I18N: why the publish button is missing on a real alert's draft
    "second_person": _l("A real alert needs a second person: another operator with the approver "
                        "role must publish it."),
    "needs_approver": _l("Only an operator with the approver role can publish a real alert."),
    "role": _l("Your role cannot publish notices."),
    "not_pending": _l("This draft was already published or discarded."),
    # I18N: why the publish button is missing: you wrote or edited this draft yourself
    "evacuation": _l("An evacuation always needs a second person: another approver who did not write "
                     "or edit it must publish it."),
}


def block_message(key):
    """Why the publish button is not offered, in the operator's language."""
    return str(BLOCK_MESSAGES[key]) if key in BLOCK_MESSAGES else None


def region_tz():
    """The region's timezone name (form times are local)."""
    return current_app.extensions["region"].timezone


def notice_form(**data):
    """The compose form for the app's languages, with area choices and the region's zone named."""
    form = notice_form_class(tuple(current_app.config["LANGUAGES"]))(**data)
    lang = current_language()
    form.areas.choices = options((a.slug, a.name(lang)) for a in current_app.extensions["region"].areas)
    # I18N: label of the end time of a notice; %(zone)s is e.g. "Europe/Moscow, MSK"
    form.expires.label.text = _("In force until (%(zone)s)", zone=zone_label(region_tz(), utcnow()))
    return form


def form_problems(form, now):
    """Checks across fields (text in some language, an area, an end in the future); adds errors."""
    languages, problems = current_app.config["LANGUAGES"], []
    if not any((getattr(form, f"headline_{lang}").data or "").strip() for lang in languages):
        problems.append(_("Write the headline in at least one language."))
    for lang in languages:
        rest = any((getattr(form, f"{f}_{lang}").data or "").strip() for f in ("description", "instruction"))
        if rest and not (getattr(form, f"headline_{lang}").data or "").strip():
            getattr(form, f"headline_{lang}").errors.append(_("A text needs its headline."))
            problems.append(_("A text needs its headline."))
    if not form.whole_region.data and not form.areas.data:
        problems.append(_("Choose at least one area or the whole region."))
    content = content_from_form(form, languages, region_tz())
    if content["expires"] and content["expires"] <= now.isoformat(timespec="seconds"):
        form.expires.errors.append(_("This time is in the past."))
        problems.append(_("This time is in the past."))
    if content["expires"] and content["duration_minutes"]:
        # I18N: the compose form got both "in force for … hours … minutes" and "in force until …"
        problems.append(_("Give either how long it is in force or when it ends, not both."))
    return problems


def compose_page(form, problems, status=200, draft=None):
    """The compose form (new or editing a draft), with the messages for what was wrong."""
    defaults = {kind: format_timedelta(timedelta(minutes=minutes), threshold=1.1)
                for kind, minutes in current_app.config["DEFAULT_EXPIRY_MINUTES"].items()}
    return render_template("admin/compose.html", form=form, problems=problems, draft=draft,
                           languages=current_app.config["LANGUAGES"], expiry_defaults=defaults,
                           generated=utcnow()), status


@bp.get("/")
def index():
    """The desk: drafts waiting (live), everything in force on the site, what was published from here."""
    db, now, lang = get_db(), utcnow(), current_language()
    recent = [n for n in recent_notices(db, now, days=2, limit=30) if n["source"] == "admin"]
    live = live_notices(db, now, lang)
    counts = {"review": db.execute("SELECT count(*) FROM notices WHERE publication = 'review'").fetchone()[0],
              "reports": db.execute("SELECT count(*) FROM shelter_reports WHERE state = 'open'").fetchone()[0]}
    return render_template("admin/index.html", drafts=waiting_drafts(db, now, lang), live=live,
                           recent=recent, active_ids={n["id"] for n in live}, counts=counts,
                           poll_seconds=current_app.config["ADMIN_DESK_POLL_SECONDS"],
                           push_key=application_server_key(current_app) if may("approve") else None,
                           follow_ups=FOLLOW_UPS, generated=now)


@bp.get("/desk.json")
def desk_json():
    """The drafts waiting, for the desk's script (never cached: the admin layer sends no-store)."""
    db, now = get_db(), utcnow()
    drafts = waiting_drafts(db, now, current_language())
    response = jsonify({"generated": now.isoformat(timespec="seconds"), "count": len(drafts),
                        "drafts": drafts})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/notices/new", methods=["GET", "POST"])
@requires("compose")
def compose():
    """Compose a notice; saving it shows the preview with the publish button."""
    if request.method == "GET":
        kind = request.args.get("kind")
        return compose_page(notice_form(kind=kind) if kind else notice_form(), [])
    form, now = notice_form(), utcnow()
    valid = form.validate()
    problems = form_problems(form, now)
    if not valid or problems:
        return compose_page(form, problems, 400)
    content = {**content_from_form(form, current_app.config["LANGUAGES"], region_tz()),
               "msg_type": "Alert", "refs": None}
    db = get_db()
    with transaction(db):
        draft_id = create_draft(db, content, g.user["id"], now)
        audit.record(db, "draft.create", f"draft:{draft_id}", after=content)
    announce_desk(current_app._get_current_object())
    return redirect(url_for(".draft", draft_id=draft_id))


@bp.route("/notices/drafts/<int:draft_id>/edit", methods=["GET", "POST"])
@requires("compose")
def edit_draft(draft_id):
    """Change a pending draft (its follow-up type and references stay)."""
    db = get_db()
    draft, content = draft_by_id(db, draft_id)
    if draft is None or draft["state"] != "pending":
        abort(404)
    if request.method == "GET":
        return compose_page(notice_form(**form_data_from_content(content, region_tz())), [], draft=draft)
    form, now = notice_form(), utcnow()
    valid = form.validate()
    problems = form_problems(form, now)
    if not valid or problems:
        return compose_page(form, problems, 400, draft=draft)
    changed = {**content_from_form(form, current_app.config["LANGUAGES"], region_tz()),
               "msg_type": content.get("msg_type", "Alert"), "refs": content.get("refs")}
    with transaction(db):
        update_draft(db, draft_id, changed, now, g.user["id"])
        audit.record(db, "draft.edit", f"draft:{draft_id}", before=content, after=changed)
    return redirect(url_for(".draft", draft_id=draft_id))


def draft_or_404(db, draft_id):
    """(draft row, content) of an existing draft; 404 otherwise."""
    row, content = draft_by_id(db, draft_id)
    if row is None:
        abort(404)
    return row, content


def draft_page(db, row, content, form=None, status=200):
    """The preview in every language, who wrote it, what it ends, and the button that says what it does."""
    now, lang, region = utcnow(), current_language(), current_app.extensions["region"]
    authors = authors_of(db, row["id"])
    block = publish_block(row, content, g.user, current_app.config, authors)
    label = publish_label(content, region, lang, approving=g.user["id"] not in authors)
    notice = preview_notice(row["id"], content, now, current_app.config)
    if form is None:
        form = PublishForm(formdata=None, version=str(row["version"]))
    return render_template("admin/draft.html", draft=row, content=content, notice=notice,
                           previews=previews(notice, now), block=block_message(block),
                           on_duty=block == "on_duty", form=form, publish_label=label,
                           authors=authors, mode=mode_of(content), zone=zone_label(region_tz(), now),
                           confirm_name=confirmation_names(content, region, lang)[0],
                           places=place_names(content, region, lang),
                           references=referenced_notices(db, content.get("refs"), lang),
                           generated=now), status


@bp.get("/notices/drafts/<int:draft_id>")
@requires("compose")
def draft(draft_id):
    """The preview exactly as residents will see it, and the button that says what it publishes."""
    db = get_db()
    row, content = draft_or_404(db, draft_id)
    return draft_page(db, row, content)


@bp.post("/notices/drafts/<int:draft_id>/publish")
@requires("compose")
def publish(draft_id):
    """Publish the previewed version of a draft, if this operator may (two people for real alerts)."""
    db, now = get_db(), utcnow()
    row, content = draft_or_404(db, draft_id)
    block = publish_block(row, content, g.user, current_app.config, authors_of(db, draft_id))
    if block not in (None, "on_duty"):
        flash(block_message(block), "error")
        return redirect(url_for(".draft", draft_id=draft_id), 303)
    form = PublishForm()
    if not form.validate():
        return draft_page(db, row, content, form, 400)
    if int(form.version.data) != row["version"]:
        return changed_since_preview(draft_id)
    if block == "on_duty" and not matches_place(form.confirm_place.data, content,
                                                current_app.extensions["region"]):
        # I18N: on-duty publishing by one approver: the typed name did not match
        form.confirm_place.errors.append(_("Type the name exactly as shown to publish alone."))
        return draft_page(db, row, content, form, 400)
    if content["expires"] and content["expires"] <= now.isoformat(timespec="seconds"):
        flash(_("The end time has passed: edit the draft first."), "error")
        return redirect(url_for(".draft", draft_id=draft_id), 303)
    try:
        notice_id = publish_draft(db, row, content, g.user, now, row["version"], on_duty=block == "on_duty")
    except NotPending:
        flash(block_message("not_pending"), "error")
        return redirect(url_for(".draft", draft_id=draft_id), 303)
    except DraftChanged:
        return changed_since_preview(draft_id)
    flash(_("Published."), "info")
    return redirect(url_for(".notice", notice_id=notice_id), 303)


def changed_since_preview(draft_id):
    """Back to the preview: the draft was edited after this operator looked at it."""
    # I18N: publishing failed because someone edited the draft after this operator's preview
    flash(_("The draft was changed after you opened its preview, so nothing was published. Check the "
            "new version below, then publish it."), "error")
    return redirect(url_for(".draft", draft_id=draft_id), 303)


@bp.post("/notices/drafts/<int:draft_id>/discard")
@requires("compose")
def discard(draft_id):
    """Drop a pending draft."""
    db = get_db()
    row, content = draft_or_404(db, draft_id)
    with transaction(db):
        discard_draft(db, draft_id)
        audit.record(db, "draft.discard", f"draft:{draft_id}", before=content)
    return redirect(url_for(".index"), 303)


@bp.get("/notices/<int:notice_id>")
@requires("compose")
def notice(notice_id):
    """A published notice with its one-click follow-ups."""
    db, now = get_db(), utcnow()
    found = notice_by_id(db, notice_id)
    if found is None:
        abort(404)
    active = any(n["id"] == notice_id for n in active_notices_for(db, None, now))
    return render_template("admin/notice.html", notice=found, active=active, mode=mode_of(found),
                           references=referenced_notices(db, found["refs"], current_language()),
                           previews=previews(found, now), follow_ups=FOLLOW_UPS, generated=now)


@bp.post("/notices/<int:notice_id>/follow-up/<what>")
@requires("compose")
def follow_up(notice_id, what):
    """Prepare an update, cancellation or all-clear of a notice as a draft, then show it."""
    db, now = get_db(), utcnow()
    original = notice_by_id(db, notice_id)
    if original is None or what not in FOLLOW_UPS:
        abort(404)
    content = follow_up_content(what, original, current_app.config["LANGUAGES"],
                                current_app.config["DEFAULT_LANGUAGE"])
    with transaction(db):
        draft_id = create_draft(db, content, g.user["id"], now)
        audit.record(db, f"draft.{what}", f"notice:{notice_id}", after={"draft": draft_id, **content})
    announce_desk(current_app._get_current_object())
    target = ".edit_draft" if what == "update" else ".draft"
    return redirect(url_for(target, draft_id=draft_id), 303)
