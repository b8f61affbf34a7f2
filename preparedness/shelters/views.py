"""Read-only shelter pages: by area, and one shelter."""

from flask import Blueprint, abort, render_template

from ..db import get_db
from ..i18n import utcnow
from ..views import chosen_area
from .kinds import FEATURE_LABELS, KIND_LABELS, STATUS_LABELS
from .store import shelter_by_id, shelters_in_area

bp = Blueprint("shelters", __name__, url_prefix="/<lang:lang>/shelters")


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
def osm_url(shelter):
    """A link that opens the shelter on the OpenStreetMap website (a link, not a request)."""
    lat, lon = f"{shelter['lat']:.5f}", f"{shelter['lon']:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


@bp.get("/")
def index():
    """Shelters of the chosen area (all areas when none is chosen)."""
    area = chosen_area()
    shelters = shelters_in_area(get_db(), area, limit=500)
    return render_template("shelters/index.html", area=area, shelters=shelters, generated=utcnow())


@bp.get("/<int:shelter_id>")
def detail(shelter_id):
    """All facts about one shelter, and how to get there."""
    shelter = shelter_by_id(get_db(), shelter_id)
    if shelter is None:
        abort(404)
    return render_template("shelters/detail.html", shelter=shelter, generated=utcnow())
