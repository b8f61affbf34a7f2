"""Read-only notice pages: the recent list and one notice."""

from flask import Blueprint, abort, render_template

from ..db import get_db
from ..i18n import utcnow
from .kinds import KIND_LABELS, MSG_TYPE_LABELS, STATUS_LABELS, STATUS_WORDS
from .present import area_names, original_label, reader_text
from .store import active_notices_for, notice_by_id, recent_notices

bp = Blueprint("notices", __name__, url_prefix="/<lang:lang>/notices")
for helper in (reader_text, original_label, area_names):
    bp.add_app_template_global(helper)


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


@bp.get("/")
def index():
    """Active notices anywhere in the region, then the last week's."""
    current = utcnow()
    db = get_db()
    active = active_notices_for(db, None, current)
    active_ids = {n["id"] for n in active}
    earlier = [n for n in recent_notices(db, current) if n["id"] not in active_ids]
    return render_template("notices/index.html", active=active, earlier=earlier, generated=current)


@bp.get("/<int:notice_id>")
def detail(notice_id):
    """One notice with all its facts."""
    db = get_db()
    notice = notice_by_id(db, notice_id)
    if notice is None:
        abort(404)
    current = utcnow()
    active_ids = {n["id"] for n in active_notices_for(db, None, current)}
    return render_template("notices/detail.html", notice=notice,
                           active=notice["id"] in active_ids, generated=current)
