"""A draft shown exactly as residents will see it: the public notice card and action card, per language."""

from flask import current_app, g, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from ..i18n import text_direction


def preview_languages(notice, languages):
    """The languages the notice has text in, plus one without (shows how the original is labelled)."""
    chosen = [lang for lang in languages if lang in notice["texts"]]
    without = [lang for lang in languages if lang not in notice["texts"]]
    return chosen + without[:1]


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
            shown.append((lang, Markup(html.replace('"do-now"', f'"do-now-{lang}"'))))
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
    return ", ".join(region.area(a).name(lang) for a in content["areas"] if region.area(a))


def publish_label(content, region, lang, approving):
    """The publish button names what it does: REAL alert vs EXERCISE/TEST, and where to."""
    places = place_names(content, region, lang)
    if content["status"] == "Actual":
        if approving:
            return _("Approve and publish REAL alert to %(places)s", places=places)
        return _("Publish REAL alert to %(places)s", places=places)
    if content["status"] == "Test":
        return _("Publish TEST to %(places)s", places=places)
    return _("Publish EXERCISE to %(places)s", places=places)
