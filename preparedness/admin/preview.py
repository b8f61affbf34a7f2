"""A draft shown exactly as residents will see it: the public notice card and action card, per language."""

import re

from flask import current_app, g, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from ..i18n import format_list, text_direction


# The card's relative age ("in 43 seconds" for a draft timed now): a preview shows the clock time only.
RELATIVE_AGE = re.compile(r'\s*\(<time datetime="[^"]*" data-age>[^<]*</time>\)')


def preview_languages(notice, languages):
    """Every language we publish in: those with a text first, then those that will see the original."""
    chosen = [lang for lang in languages if lang in notice["texts"]]
    return chosen + [lang for lang in languages if lang not in notice["texts"]]


def previews(notice, now):
    """[(lang, html)]: the public "Now" card and do-now box as readers in each language get them."""
    shown, saved_lang = [], g.get("lang")
    try:
        for lang in preview_languages(notice, current_app.config["LANGUAGES"]):
            g.lang = lang
            with force_locale(lang):
                html = render_template("admin/_preview.html", notice=notice, lang=lang,
                                       dir=text_direction(lang), generated=now)
            # The public macros use fixed ids; one page holds a preview per language.
            html = RELATIVE_AGE.sub("", html.replace('"do-now"', f'"do-now-{lang}"'))
            shown.append((lang, Markup(html)))
    finally:
        if saved_lang is None:
            g.pop("lang", None)
        else:
            g.lang = saved_lang
    return shown


def place_names(content, region, lang):
    """The areas a draft goes to, named for the publish button."""
    if content["region_wide"]:
        # I18N: where an alert goes: the whole region, e.g. "the whole region (Belgorod oblast)"
        return _("the whole region (%(region)s)", region=region.name(lang))
    return format_list(region.area(a).name(lang) for a in content["areas"] if region.area(a))


def confirmation_names(content, region, lang):
    """What an operator on duty may type to confirm: the first place's name (shown first), in any language."""
    if content["region_wide"]:
        names = [region.name(lang), *region.names.values()]
    else:
        area = next((region.area(a) for a in content["areas"] if region.area(a)), None)
        names = [area.name(lang), *area.names.values(), *area.short_names.values()] if area else [""]
    return [name for name in names if name] or [""]


def normalised(text):
    """Text compared for confirmation: case, ё and spacing do not matter."""
    return " ".join((text or "").casefold().replace("ё", "е").split())


def matches_place(typed, content, region):
    """Whether the typed text is the name of the (first) place the draft goes to."""
    wanted = {normalised(name) for name in confirmation_names(content, region, "ru")}
    return bool(normalised(typed)) and normalised(typed) in wanted


def publish_label(content, region, lang, approving):
    """The publish button names what it does: REAL alert or all-clear vs EXERCISE/TEST, and where to."""
    places = place_names(content, region, lang)
    if content["status"] == "Actual" and content["kind"] == "all_clear":
        if approving:
            # I18N: button: a real all-clear, approved by a second person
            return _("Approve and publish the all-clear for %(places)s", places=places)
        return _("Publish the all-clear for %(places)s", places=places)
    if content["status"] == "Actual":
        if approving:
            return _("Approve and publish REAL alert to %(places)s", places=places)
        return _("Publish REAL alert to %(places)s", places=places)
    if content["status"] == "Test":
        return _("Publish TEST to %(places)s", places=places)
    return _("Publish EXERCISE to %(places)s", places=places)
