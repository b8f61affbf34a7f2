"""Read-only notice pages: the recent list and one notice."""

from flask import Blueprint, abort, render_template, request

from ..db import get_db
from ..i18n import utcnow
from ..views import chosen_area
from .kinds import KIND_LABELS, KINDS, MSG_TYPE_LABELS, STATUS_LABELS, STATUS_WORDS, THREAT_KINDS
from .present import (area_names, area_shortlist, drill_banners, lead_card, notice_age, notice_cards,
                      original_label, reader_text)
from .store import (active_notices_for, covers, ending_all_clear, followups_of, notice_by_id,
                    recent_notices, referenced_notice)

bp = Blueprint("notices", __name__, url_prefix="/<lang:lang>/notices")
for helper in (reader_text, original_label, area_names, drill_banners, notice_cards, lead_card,
               area_shortlist):
    bp.add_app_template_global(helper)
bp.add_app_template_filter(notice_age)
# Kinds whose "do now" sends people to a shelter: the "Now" page offers the nearest one.
bp.add_app_template_global(tuple(sorted(THREAT_KINDS)), "shelter_kinds")


@bp.app_template_global()
def kind_label(kind):
    """A notice kind in the reader's language."""
    return KIND_LABELS[kind]


@bp.app_template_global()
def status_word(status):
    """REAL ALERT / EXERCISE / TEST, in the reader's language, for operators."""
    return STATUS_WORDS.get(status, status)


@bp.app_template_global()
def msg_type_label(msg_type):
    """New alert / Update / Cancellation, in the reader's language."""
    return MSG_TYPE_LABELS.get(msg_type, msg_type)


@bp.app_template_global()
def notice_status_label(status):
    """How a drill or test notice is marked, in the reader's language."""
    return STATUS_LABELS.get(status, status)


def chosen_kind():
    """The notice kind from ?kind=, None for every kind; 404 for one outside the vocabulary."""
    kind = request.args.get("kind", "").strip()
    if not kind:
        return None
    if kind not in KINDS:
        abort(404)
    return kind


@bp.get("/")
def index():
    """Active notices, then the last week's; ?area= and ?kind= narrow both lists."""
    area, kind = chosen_area(), chosen_kind()
    current = utcnow()
    db = get_db()
    active = [n for n in active_notices_for(db, area, current) if kind in (None, n["kind"])]
    active_ids = {n["id"] for n in active}
    earlier = [n for n in recent_notices(db, current) if n["id"] not in active_ids
               and covers(n, area) and kind in (None, n["kind"])]
    return render_template("notices/index.html", active=active, earlier=earlier, area=area, kind=kind,
                           kinds=KINDS, generated=current)


def notice_state(db, notice, active):
    """How a notice stands: (state, later message that ended it or None, earlier notice it names or None)."""
    earlier = (referenced_notice(db, notice["refs"], notice["source"])
               if notice["msg_type"] != "Alert" else None)
    if earlier is not None and earlier["publication"] != "published":
        earlier = None
    if active:
        return "active", None, earlier
    followups = followups_of(db, notice)
    if followups:
        last = followups[-1]
        return ("cancelled" if last["msg_type"] == "Cancel" else "updated"), last, earlier
    clear = ending_all_clear(db, notice)
    return ("cleared" if clear else "ended"), clear, earlier


@bp.get("/<int:notice_id>")
def detail(notice_id):
    """One notice with all its facts: whether it stands, what replaced it, its original post."""
    db = get_db()
    notice = notice_by_id(db, notice_id)
    if notice is None:
        abort(404)
    current = utcnow()
    active = notice["id"] in {n["id"] for n in active_notices_for(db, None, current)}
    state, later, earlier = notice_state(db, notice, active)
    return render_template("notices/detail.html", notice=notice, active=active, state=state,
                           later=later, earlier=earlier, generated=current)
