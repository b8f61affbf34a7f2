"""Languages: locale from the URL, text direction, formatting in the region's timezone."""

from datetime import datetime, timezone

from babel import Locale
from babel.dates import format_skeleton
from babel.lists import format_list as babel_format_list
from babel.support import Translations
from flask import current_app, g, request
from flask_babel import (Babel, format_datetime, format_timedelta, get_locale, get_timezone, get_translations,
                         lazy_gettext as _l)
from werkzeug.routing import BaseConverter
from wtforms.i18n import messages_path

RTL_LANGUAGES = {"ar", "fa", "he", "ur"}

# WTForms' own messages that our forms can show, kept in our catalogs too: WTForms ships no
# Uzbek, Tajik, Kyrgyz or Armenian, so without these a resident would read them in English.
FORM_MESSAGES = (
    # I18N: under a form field left empty or a choice not made (WTForms' own wording)
    _l("This field is required."),
    # I18N: under a list whose submitted value is not one of its options
    _l("Not a valid choice."),
    # I18N: under a field whose text does not have the expected form
    _l("Invalid input."),
)


def text_direction(lang):
    """'rtl' or 'ltr' for a language code."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def native_name(lang):
    """A language's name in itself, capitalised, for the switcher."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def language_converter(languages):
    """A URL converter that matches only `languages`, so /xx/ is an ordinary 404."""

    class LanguageConverter(BaseConverter):
        regex = "|".join(sorted(languages, key=len, reverse=True))

    return LanguageConverter


def negotiated_language():
    """The language for a request without one in its URL: cookie, Accept-Language, default."""
    languages = current_app.config["LANGUAGES"]
    cookie = request.cookies.get("lang")
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or current_app.config["DEFAULT_LANGUAGE"]


def current_language():
    """The language of the page being rendered."""
    lang = g.get("lang")
    if lang:
        return lang
    if request:
        # A 404 has no view args; its path may still start with a language.
        first = request.path.split("/", 2)[1]
        if first in current_app.config["LANGUAGES"]:
            return first
        return negotiated_language()
    return current_app.config["DEFAULT_LANGUAGE"]


def region_timezone():
    """The region's timezone name, used for every date shown."""
    return current_app.extensions["region"].timezone


def utcnow():
    """Now, aware, in UTC; tests move it with app.config['NOW']."""
    fixed = current_app.config.get("NOW")
    return fixed if fixed else datetime.now(timezone.utc)


def parse_utc(value):
    """An aware datetime from a stored ISO-8601 string."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def time_of_day(value):
    """HH:MM in the region's timezone."""
    return format_datetime(parse_utc(value), "HH:mm")


def _date_and_time(value, date_skeleton):
    """A date (by CLDR skeleton) and HH:MM, joined the way the reader's language joins them."""
    locale, tz = get_locale(), get_timezone()
    date = format_skeleton(date_skeleton, value, tzinfo=tz, locale=locale)
    time = format_skeleton("Hm", value, tzinfo=tz, locale=locale)
    return str(locale.datetime_formats["medium"]).replace("{1}", date).replace("{0}", time)


def date_time(value):
    """Day, month, year, hours and minutes in the region's timezone and the reader's language."""
    return _date_and_time(parse_utc(value), "yMMMd")


def until(value, now=None):
    """An end time: HH:MM when it is today in the region, else with the date."""
    end, now = parse_utc(value), now or utcnow()
    tz = get_timezone()
    if end.astimezone(tz).date() == now.astimezone(tz).date():
        return time_of_day(end)
    return _date_and_time(end, "MMMd")


def format_list(items, style="standard"):
    """Items joined the way the reader's language joins a list ("A, B and C"; "A、B和C"; "أ وب وج")."""
    items = [str(item) for item in items]
    if not items:
        return ""
    return babel_format_list(items, style=style, locale=get_locale())


def to_minute(value):
    """A time without seconds: pages stay byte-identical within a minute, so ETags match."""
    return value.replace(second=0, microsecond=0)


def age(value, now=None):
    """How long ago, in words ("12 minutes ago"), in the reader's language."""
    now = to_minute(now or utcnow())
    return format_timedelta(parse_utc(value) - now, add_direction=True, threshold=1.1)


class FormMessages:
    """WTForms' built-in messages in the reader's language: our catalog first, then WTForms' own."""

    def __init__(self):
        self._wtforms = None

    def _fallback(self):
        """WTForms' catalog for the page's language, loaded when a message is first needed."""
        if self._wtforms is None:
            self._wtforms = Translations.load(messages_path(), [get_locale()], domain="wtforms")
        return self._wtforms

    def ugettext(self, string):
        """One message, translated."""
        ours = get_translations().gettext(string)
        return ours if ours != string else self._fallback().ugettext(string)

    def ungettext(self, singular, plural, n):
        """A message with a number, translated."""
        ours = get_translations().ngettext(singular, plural, n)
        return ours if ours not in (singular, plural) else self._fallback().ungettext(singular, plural, n)


def use_form_messages():
    """Give Flask-WTF (which reads request.wtforms_translations) our merged messages for this request."""
    request.wtforms_translations = FormMessages()


def init_app(app):
    """Set up Flask-Babel, the language URL converter and template helpers."""
    app.url_map.converters["lang"] = language_converter(app.config["LANGUAGES"])
    Babel(app, locale_selector=current_language, timezone_selector=region_timezone,
          default_translation_directories=str(app.config["TRANSLATIONS_DIR"]))
    app.before_request(use_form_messages)
    app.jinja_env.globals.update(
        text_direction=text_direction,
        native_name=native_name,
        current_language=current_language,
    )
    app.jinja_env.filters.update(format_list=format_list, to_minute=to_minute, time_of_day=time_of_day,
                                 date_time=date_time, age=age, until=until)
