"""How a notice reads for one reader: text in their language or the labelled original."""

from babel import Locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jinja2 import pass_context

from .kinds import KIND_LABELS

DRILL_STATUSES = ("Test", "Exercise")

DRILL_BANNERS = {
    # I18N: banner at the top of any public page that shows a test notice
    "Test": _l("TEST: this page shows a test notice. It is not a real alert."),
    # I18N: banner at the top of any public page that shows an exercise (drill) notice
    "Exercise": _l("EXERCISE: this page shows a drill notice. It is not a real alert."),
}


def reader_text(notice, lang):
    """{"lang", "translated", "text"}: the reader's own text, else the publisher's original."""
    texts = notice["texts"]
    if lang in texts:
        return {"lang": lang, "original": False, "text": texts[lang]}
    original = notice["original_lang"] if notice["original_lang"] in texts else next(iter(texts), None)
    if original is None:
        return {"lang": lang, "original": False, "text": {"headline": KIND_LABELS[notice["kind"]]}}
    return {"lang": original, "original": True, "text": texts[original]}


def original_label(text_lang, reader_lang):
    """"Original in Russian", in the reader's language."""
    name = Locale.parse(text_lang).get_display_name(reader_lang)
    # I18N: shown above a notice text that exists only in the publisher's language
    return _("Original in %(language)s", language=name)


def area_names(notice, region, lang):
    """The notice's areas named in `lang`, or the region's name when it is region-wide."""
    if notice["region_wide"]:
        return [region.name(lang)]
    return [region.area(a).name(lang) if region.area(a) else a for a in notice["areas"]]


def _is_notice(value):
    """Whether a template value looks like a notice (a stored row with its status)."""
    # type(), not isinstance(): isinstance would load proxies such as `session` (and add Vary: Cookie).
    return type(value) is dict and "status" in value and "identifier" in value and "kind" in value


@pass_context
def drill_banners(context):
    """[(status, text)] for each drill status among the notices a page renders (base.html shows them)."""
    found = set()
    for value in context.get_all().values():
        items = value if type(value) in (list, tuple) else [value]
        for item in items:
            if _is_notice(item) and item["status"] in DRILL_STATUSES:
                found.add(item["status"])
    return [(status, DRILL_BANNERS[status]) for status in DRILL_STATUSES if status in found]
