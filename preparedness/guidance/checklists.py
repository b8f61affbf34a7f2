"""Every checklist, found by the slug in its URL."""

from .lists_home import HOME_LISTS
from .lists_people import PEOPLE_LISTS

# Checklist slugs use hyphens, notice kinds underscores, so /checklists/<slug> holds both.
CHECKLISTS = {checklist.slug: checklist for checklist in HOME_LISTS + PEOPLE_LISTS}


def checklist_by_slug(slug):
    """The checklist with this slug, or None."""
    return CHECKLISTS.get(slug)


def all_item_ids():
    """Every checklist item id, in page order (they must be unique and stable)."""
    return [item.id for checklist in CHECKLISTS.values() for item in checklist.items]
