"""How drills show on public pages: a banner at the top of every page that shows an Exercise or Test."""

from flask_babel import lazy_gettext as _l
from jinja2 import pass_context

DRILL_STATUSES = ("Test", "Exercise")

BANNERS = {
    # I18N: banner at the top of any public page that shows a test notice
    "Test": _l("TEST: this page shows a test notice. It is not a real alert."),
    # I18N: banner at the top of any public page that shows an exercise (drill) notice
    "Exercise": _l("EXERCISE: this page shows a drill notice. It is not a real alert."),
}


def _is_notice(value):
    """Whether a template value looks like a notice (a stored row with its status)."""
    # type(), not isinstance(): isinstance would load proxies such as `session` (and add Vary: Cookie).
    return type(value) is dict and "status" in value and "identifier" in value and "kind" in value


@pass_context
def drill_banners(context):
    """[(status, text)] for each drill status among the notices the page renders."""
    found = set()
    for value in context.get_all().values():
        items = value if type(value) in (list, tuple) else [value]
        for item in items:
            if _is_notice(item) and item["status"] in DRILL_STATUSES:
                found.add(item["status"])
    return [(status, BANNERS[status]) for status in DRILL_STATUSES if status in found]
