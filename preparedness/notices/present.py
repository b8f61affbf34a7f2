"""How a notice reads for one reader: text in their language or the labelled original."""

from babel import Locale
from flask_babel import gettext as _

from .kinds import KIND_LABELS


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
