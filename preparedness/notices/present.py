"""How a notice reads for one reader: text in their language or the labelled original."""

from babel import Locale
from flask_babel import gettext as _
from jinja2 import pass_context

from ..i18n import age, parse_utc, utcnow
from .kinds import KIND_LABELS, urgency_key


def reader_text(notice, lang):
    """{"lang", "translated", "text"}: the reader's own text, else the publisher's original."""
    texts = notice["texts"]
    if lang in texts:
        return {"lang": lang, "original": False, "text": texts[lang]}
    # More readers of a language we do not hold read English than Russian, so English comes first.
    original = next((code for code in ("en", notice["original_lang"]) if code in texts), next(iter(texts), None))
    if original is None:
        return {"lang": lang, "original": False, "text": {"headline": KIND_LABELS[notice["kind"]]}}
    return {"lang": original, "original": True, "dir": "auto", "text": texts[original]}


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


@pass_context
def drill_banners(_context):
    """Nothing: a drill is labelled on its own card (macros/notices.html), never by a page banner.

    Kept so templates that still ask for banners render none.
    """
    return []


def notice_age(value, now=None):
    """How long ago, never in the future: a time at or after the page's minute reads "just now"."""
    now = now or utcnow()
    if (now.replace(second=0, microsecond=0) - parse_utc(value)).total_seconds() < 60:
        # I18N: age of a notice published less than a minute ago, in "Issued 17:12 (just now)"
        return _("just now")
    return age(value, now)


def _overlaps(card, notice):
    """Whether a notice names an area a card already covers (region-wide covers every area)."""
    return card["region_wide"] or notice["region_wide"] or bool(set(card["areas"]) & set(notice["areas"]))


def _card_of(notice):
    """A card holding one notice."""
    return {"notice": notice, "members": [notice], "kind": notice["kind"], "status": notice["status"],
            "region_wide": bool(notice["region_wide"]), "areas": sorted(notice["areas"])}


def _merge_cards(card, other):
    """Fold `other` into `card`: the union of areas, every member, the newest text."""
    card["members"] += other["members"]
    card["region_wide"] = card["region_wide"] or other["region_wide"]
    card["areas"] = sorted(set(card["areas"]) | set(other["areas"]))
    card["notice"] = max(card["members"], key=lambda n: n["sent"])


def _finish_card(card):
    """The times a card shows: first announced, last updated (if several), in force until the last ends."""
    members = sorted(card["members"], key=lambda n: n["sent"], reverse=True)
    card.update(members=members, first_sent=members[-1]["sent"],
                updated=members[0]["sent"] if len(members) > 1 else None,
                effective=min(n["effective"] for n in members), expires=max(n["expires"] for n in members),
                is_sample=any(n["is_sample"] for n in members))
    return card


def notice_cards(notices):
    """Active notices as cards, most urgent first: one card per kind and status for overlapping areas.

    Two missile notices for one area are one danger, so they read as one card ("updated HH:MM");
    a drill never merges with a real alert.
    """
    cards = []
    for notice in notices:
        card = _card_of(notice)
        for other in [c for c in cards if c["kind"] == card["kind"] and c["status"] == card["status"]
                      and _overlaps(c, card)]:
            _merge_cards(card, other)
            cards.remove(other)
        cards.append(card)
    return sorted((_finish_card(c) for c in cards), key=lambda c: urgency_key(c["notice"]))


def lead_card(cards):
    """The card whose "do now" leads the page: the most urgent real one, a drill only when nothing is real."""
    return next((c for c in cards if c["status"] == "Actual"), cards[0] if cards else None)


def area_shortlist(cards, region, size=4):
    """Areas to offer first on a first visit: those with real notices now, then the region's first areas."""
    named = [a for c in cards if c["status"] == "Actual" for a in c["areas"]]
    slugs = list(dict.fromkeys(named + [a.slug for a in region.areas]))
    return [region.area(s) for s in slugs if region.area(s)][:size]
