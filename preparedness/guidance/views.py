"""Guidance pages: action cards, checklists, the kit planner, their one-page print views, the sources."""

from flask import Blueprint, abort, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..i18n import utcnow
from ..notices.kinds import KINDS
from .cards import CARDS, DRONE, EXPLOSIVE_OBJECT, MISSILE, card_for
from .checklists import CHECKLISTS, checklist_by_slug
from .forms import FIELD_NAMES, KitForm
from .kit import kit_plan
from .present import device_pack, how_we_count, plan_rows, qr_svg
from .sources import SOURCES, authority_name

bp = Blueprint("guidance", __name__, url_prefix="/<lang:lang>")
bp.add_app_template_global(card_for, "action_card_for")
bp.add_app_template_global(authority_name, "source_authority")

# The sources the kit planner's figures come from (its rates name them; see kit.RATES).
KIT_SOURCES = ("sphere-water", "ready-water", "ready-kit", "nappies", "mchs-grab-bag")


@bp.app_template_global()
def source_links(ids):
    """[Source] for source ids, in the order given."""
    return [SOURCES[sid] for sid in ids]


@bp.app_template_global()
def step_authorities(source_ids):
    """The authorities behind one step, once each, in the reader's language."""
    return list(dict.fromkeys(str(authority_name(sid)) for sid in source_ids))


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


def cited_by():
    """{source id: [(kind or checklist slug, title)]}: what each source backs, for the sources page."""
    backs = {sid: [] for sid in SOURCES}
    for card in CARDS.values():
        for sid in card.sources:
            backs[sid].append(("card", card.kind))
    for found in CHECKLISTS.values():
        for sid in found.sources:
            backs[sid].append(("checklist", found.slug))
    return backs


@bp.get("/sources")
def sources():
    """Every source the guidance relies on, who publishes it, when we read it and what it backs."""
    return render_template("guidance/sources.html", sources=SOURCES.values(), backs=cited_by(),
                           checklists=CHECKLISTS, kit_sources=KIT_SOURCES, generated=utcnow())


def kit_form():
    """The form from the POST body (the household never travels in a URL), or a blank one."""
    if request.method == "POST":
        return KitForm(request.form)
    return KitForm()


def kit_form_and_rows():
    """The form, and the plan rows when a valid household was sent."""
    form = kit_form()
    if request.method != "POST":
        return form, None
    if not form.validate():
        return form, None
    return form, plan_rows(kit_plan(form.household()))


def household_fields(form):
    """The form's values as (name, value) pairs, to send on to the print views as hidden fields."""
    fields = [(name, form[name]._value()) for name in FIELD_NAMES if name not in ("days", "water_at_risk")]
    fields.append(("days", form.days.data or ""))
    if form.water_at_risk.data:
        fields.append(("water_at_risk", "y"))
    return fields


def private(page, status=200):
    """A response that no cache keeps when it answers a POST (it holds the household's make-up)."""
    response = make_response(page, status)
    if request.method == "POST":
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/kit", methods=("GET", "POST"))
def kit():
    """The kit planner: the form, and the quantities for the household it describes (sent by POST)."""
    form, rows = kit_form_and_rows()
    status = 400 if request.method == "POST" and rows is None else 200
    page = render_template("guidance/kit.html", form=form, rows=rows, hidden=household_fields(form),
                           rules=how_we_count(), pack=device_pack(), kit_sources=KIT_SOURCES, generated=utcnow())
    return private(page, status)


@bp.route("/kit/print", methods=("GET", "POST"))
def kit_print():
    """One A4 page of the kit plan for the household sent; anything else goes back to the form."""
    form, rows = kit_form_and_rows()
    if rows is None:
        return redirect(url_for("guidance.kit"))
    page_url = url_for("guidance.kit", _external=True)
    qr = qr_svg(page_url, _("QR code of %(url)s", url=page_url))
    return private(render_template("guidance/kit_print.html", form=form, rows=rows, qr=qr, page_url=page_url,
                                   kit_sources=KIT_SOURCES, generated=utcnow()))


# The sheet's short cards: the first "do now" steps of the threats a household plans for.
SHEET_CARDS = (MISSILE, DRONE)
SHEET_STEPS = 3


@bp.route("/kit/sheet", methods=("GET", "POST"))
def kit_sheet():
    """The household sheet for the fridge: short cards, the kit, and lines the device or a pen fills in."""
    form, rows = kit_form_and_rows()
    if request.method == "POST" and rows is None:
        return redirect(url_for("guidance.kit"))
    page_url = url_for("guidance.kit_sheet", _external=True)
    region = current_app.extensions["region"]
    # Area centres let the device pick shelters near the area it remembers, without asking for a position.
    centres = {area.slug: list(area.centre) for area in region.areas}
    cards = [(card.kind, card.do_now[:SHEET_STEPS]) for card in SHEET_CARDS]
    rules = (MISSILE.no_shelter[1], EXPLOSIVE_OBJECT.do_now[0])
    used = {sid for _kind, steps in cards for st in steps for sid in st.sources} | {
        sid for st in rules for sid in st.sources}
    sheet_sources = [sid for sid in SOURCES if sid in used] + ([*KIT_SOURCES] if rows else [])
    page = render_template("guidance/kit_sheet.html", form=form, rows=rows, cards=cards, rules=rules,
                           centres=centres, page_url=page_url, sheet_source_ids=list(dict.fromkeys(sheet_sources)),
                           qr=qr_svg(page_url, _("QR code of %(url)s", url=page_url)), generated=utcnow())
    return private(page)


def offline_pages(lang):
    """Checklists a phone keeps for offline use (the action cards are kept by the PWA itself)."""
    return [url_for("guidance.checklist", lang=lang, slug=slug) for slug in CHECKLISTS]


KIT_ENDPOINTS = ("guidance.kit", "guidance.kit_print", "guidance.kit_sheet")


def exempt_kit_from_csrf():
    """Let the kit's POSTs through without a CSRF token: they change and store nothing.

    CSRFProtect is set up after this part, so the exemption is made here, before its check runs.
    """
    csrf = current_app.extensions.get("csrf")
    if csrf is not None and request.endpoint in KIT_ENDPOINTS:
        csrf.exempt(current_app.view_functions[request.endpoint])


def init_app(app):
    """Register the pages, let the kit's stateless POSTs through, offer the checklists offline."""
    app.register_blueprint(bp)
    app.before_request(exempt_kit_from_csrf)
    app.extensions.setdefault("offline_urls", []).append(offline_pages)
