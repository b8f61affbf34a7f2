"""Guidance pages: action cards, checklists, the kit planner, and their one-page print views."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..i18n import utcnow
from ..notices.kinds import KINDS
from .cards import AFTER, CARDS, NO_SHELTER, card_for
from .checklists import CHECKLISTS, checklist_by_slug
from .content import SOURCES
from .forms import FIELD_NAMES, KitForm
from .kit import kit_plan
from .present import plan_rows, qr_svg

bp = Blueprint("guidance", __name__, url_prefix="/<lang:lang>")
bp.add_app_template_global(card_for, "action_card_for")


@bp.app_template_global()
def source_links(keys):
    """[(name, url)] of the sources behind a page."""
    return [SOURCES[key] for key in keys]


@bp.get("/checklists/")
def index():
    """Every action card and checklist."""
    return render_template("guidance/index.html", kinds=KINDS, checklists=CHECKLISTS.values(),
                           generated=utcnow())


@bp.get("/checklists/<slug>")
def checklist(slug):
    """An action card (slug is a notice kind) or a checklist with tick-off on the device."""
    if slug in CARDS:
        return render_template("guidance/card.html", card=CARDS[slug], generated=utcnow())
    found = checklist_by_slug(slug)
    if found is None:
        abort(404)
    return render_template("guidance/checklist.html", checklist=found, generated=utcnow())


@bp.get("/checklists/<slug>/print")
def checklist_print(slug):
    """One A4 page of a checklist or action card, with boxes to tick by pen and a QR code."""
    if slug not in CARDS and checklist_by_slug(slug) is None:
        abort(404)
    page_url = url_for("guidance.checklist", slug=slug, _external=True)
    qr = qr_svg(page_url, _("QR code of %(url)s", url=page_url))
    if slug in CARDS:
        return render_template("guidance/card_print.html", card=CARDS[slug], qr=qr, page_url=page_url,
                               generated=utcnow())
    return render_template("guidance/checklist_print.html", checklist=CHECKLISTS[slug], qr=qr,
                           page_url=page_url, generated=utcnow())


def kit_query():
    """The kit planner's fields from the query string (nothing else is carried into links)."""
    return {name: value for name, value in request.args.items() if name in FIELD_NAMES}


def kit_form_and_rows():
    """The form read from the query string, and the plan rows when the query is valid."""
    form = KitForm(request.args)
    submitted = any(name in request.args for name in FIELD_NAMES)
    if not submitted:
        return KitForm(), None, False
    if not form.validate():
        return form, None, True
    return form, plan_rows(kit_plan(form.household())), True


@bp.get("/kit")
def kit():
    """The kit planner: the form, and the quantities for the household it describes."""
    form, rows, submitted = kit_form_and_rows()
    status = 400 if submitted and rows is None else 200
    return render_template("guidance/kit.html", form=form, rows=rows, query=kit_query(),
                           generated=utcnow()), status


@bp.get("/kit/print")
def kit_print():
    """One A4 page of the kit plan for the same query; anything else goes back to the form."""
    form, rows, _submitted = kit_form_and_rows()
    if rows is None:
        return redirect(url_for("guidance.kit", **kit_query()))
    page_url = url_for("guidance.kit", _external=True, **kit_query())
    qr = qr_svg(page_url, _("QR code of %(url)s", url=page_url))
    return render_template("guidance/kit_print.html", form=form, rows=rows, qr=qr, page_url=page_url,
                           query=kit_query(), generated=utcnow())


# The sheet's short cards: the first "do now" steps of the threats a household plans for.
SHEET_KINDS = ("missile", "drone")
SHEET_STEPS = 3


@bp.get("/kit/sheet")
def kit_sheet():
    """The household sheet for the fridge: short cards, the kit, and lines the device or a pen fills in."""
    form, rows, submitted = kit_form_and_rows()
    if submitted and rows is None:
        return redirect(url_for("guidance.kit", **kit_query()))
    page_url = url_for("guidance.kit_sheet", _external=True, **kit_query())
    region = current_app.extensions["region"]
    # Area centres let the device pick shelters near the area it remembers, without asking for a position.
    centres = {area.slug: list(area.centre) for area in region.areas}
    cards = [(kind, CARDS[kind].do_now[:SHEET_STEPS]) for kind in SHEET_KINDS]
    return render_template("guidance/kit_sheet.html", form=form, rows=rows, query=kit_query(), cards=cards,
                           rules=(NO_SHELTER[0], AFTER[3]), centres=centres, page_url=page_url,
                           qr=qr_svg(page_url, _("QR code of %(url)s", url=page_url)), generated=utcnow())


def offline_pages(lang):
    """Checklists a phone keeps for offline use (the action cards are kept by the PWA itself)."""
    return [url_for("guidance.checklist", lang=lang, slug=slug) for slug in CHECKLISTS]


def init_app(app):
    """Register the pages and offer the checklists to the offline cache."""
    app.register_blueprint(bp)
    app.extensions.setdefault("offline_urls", []).append(offline_pages)
