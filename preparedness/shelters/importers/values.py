"""Reading single values from shelter files: numbers, kinds, statuses, yes/no, dates, features."""

import math
import re
from functools import lru_cache
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

MAX_LENGTHS = {"name": 200, "address": 300, "opening_hours": 200, "access_notes": 1000,
               "operator": 200, "source_id": 200, "confidence": 40}

# Ordered: the first rule whose word starts a word of the value wins ("$": a whole word only).
# Russian, Ukrainian, English and Hebrew civil-defence terms.
KIND_WORDS = (
    ("anti_radiation", ("anti_radiation", "anti-radiation", "противорадиац", "протирадіац", "пру$")),
    ("simple_cover", ("simple_cover", "simple cover", "простейш", "найпростіш")),
    ("parking", ("parking", "паркинг", "паркінг", "парковк", "автостоянк", "гараж", "חניון")),
    ("underpass", ("underpass", "metro", "subway", "метро", "переход", "перехід", "тоннел", "тунел")),
    ("basement", ("basement", "cellar", "подвал", "підвал", "цокол", "подпол", "מרתף")),
    ("bomb_shelter", ("bomb_shelter", "bomb shelter", "public shelter", "bunker", "бомбоубежищ",
                      "убежищ", "сховищ", "бомбосховищ", "защитное сооружение", "зс го", "бункер",
                      "מקלט", "מרחב מוגן")),
    ("simple_cover", ("укрыти", "укритт", "cover", "shelter", "מחסה")),
)

STATUS_WORDS = (
    ("closed", ("closed", "закрыт", "закрит", "не работает", "не працює", "недоступн", "סגור")),
    ("full", ("full", "заполнен", "переполнен", "нет мест", "мест нет", "немає місць", "מלא")),
    ("open", ("open", "открыт", "відкрит", "работает", "працює", "доступн", "פתוח")),
    ("unknown", ("unknown", "неизвестн", "невідом")),
)

FEATURE_WORDS = (
    ("water", ("water", "вод")),
    ("toilet", ("toilet", "wc$", "туалет", "санузел", "уборн")),
    ("heating", ("heating", "отоплен", "обогрев")),
    ("power", ("power", "electricity", "электр", "свет", "генератор")),
    ("pets", ("pets", "животн", "питомц")),
    ("wheelchair_space", ("wheelchair_space", "wheelchair", "коляс")),
)
FEATURE_ORDER = tuple(name for name, _ in FEATURE_WORDS)

YES = {"yes", "y", "true", "1", "да", "д", "+", "есть", "имеется", "designated", "так", "є",
       "наявний", "наявна", "наявне", "наявні", "в наявності", "обладнано", "обладнаний", "כן"}
NO = {"no", "n", "false", "0", "нет", "н", "-", "отсутствует", "ні", "відсутній", "відсутня",
      "відсутнє", "відсутні", "немає", "לא"}

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
DAY_FIRST = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


class ValueProblem(ValueError):
    """One value of one record cannot be used; the message says which and why."""


def clean_text(value, field=None):
    """A value as one tidy line of text ('' for nothing); too long raises ValueProblem."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ValueProblem(f"{field or 'value'} is not text")
    text = str(value)
    if not text.isprintable():
        text = CONTROL_CHARS.sub(" ", text)
    text = " ".join(text.split())
    limit = MAX_LENGTHS.get(field)
    if limit and len(text) > limit:
        raise ValueProblem(f"{field} is longer than {limit} characters")
    return text


def folded(value):
    """Lower case, ё as е, single spaces: the form words are matched in."""
    return clean_text(value).lower().replace("ё", "е")


def word_pattern(word):
    """A rule word as a regex: a word start, or a whole word when it ends in '$'."""
    return re.escape(word[:-1]) + r"(?!\w)" if word.endswith("$") else re.escape(word)


def compiled(rules):
    """[(name, regex)] where each regex finds a word of the rule at the start of a word."""
    return tuple((name, re.compile(r"(?<!\w)(?:" + "|".join(map(word_pattern, words)) + ")"))
                 for name, words in rules)


KIND_PATTERNS, STATUS_PATTERNS, FEATURE_PATTERNS = map(compiled, (KIND_WORDS, STATUS_WORDS,
                                                                  FEATURE_WORDS))


@lru_cache(maxsize=4096)
def first_match(text, patterns):
    """The name of the first rule with a word starting a word of folded `text`, or None."""
    for name, pattern in patterns:
        if pattern.search(text):
            return name
    return None


def parse_kind(value):
    """A shelter kind from a code or a Russian/English description; 'other' when unclear."""
    text = folded(value)
    return (first_match(text, KIND_PATTERNS) if text else None) or "other"


def parse_status(value):
    """open|closed|full|unknown from a code or a Russian/English word."""
    text = folded(value)
    return (first_match(text, STATUS_PATTERNS) if text else None) or "unknown"


def parse_yes_no(value):
    """1, 0 or None (not said, or 'limited') from yes/no words in English or Russian."""
    if isinstance(value, bool):
        return int(value)
    text = folded(value)
    if text in YES:
        return 1
    if text in NO:
        return 0
    return None


def parse_features(value):
    """Known features named in a list or free text, as a space-separated string in fixed order."""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    text = folded(value)
    if not text:
        return ""
    found = {first_match(part, FEATURE_PATTERNS) for part in re.split(r"[,;/|]+", text)}
    return " ".join(name for name in FEATURE_ORDER if name in found)


def parse_coordinate(value, field):
    """A latitude or longitude from a number or text ('50,5955', '50.5955°'); None when empty."""
    if isinstance(value, bool):
        raise ValueProblem(f"{field} is not a number")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = clean_text(value).replace("\u00a0", "").replace(" ", "").rstrip("°")
        if not text:
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise ValueProblem(f"{field} is not a number: {clean_text(value)[:40]!r}") from None
    if not math.isfinite(number):
        raise ValueProblem(f"{field} is not a number: {value!r}")
    return round(number, 7)


def parse_capacity(value):
    """A number of places (None when empty); '1 200', '300 чел.' and 300.0 are read."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value < 0 or value != int(value) or value > 10_000_000:
            raise ValueProblem(f"capacity is not a whole number of places: {value!r}")
        return int(value)
    text = clean_text(value).replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,7})(?:[.,]0+)?(?:[^\d.,].*)?", text)
    if not match:
        raise ValueProblem(f"capacity is not a whole number of places: {clean_text(value)[:40]!r}")
    return int(match.group(1))


def parse_checked_at(value, tz_name):
    """When a shelter was checked, as an ISO-8601 UTC string (None when empty)."""
    text = clean_text(value)
    if not text:
        return None
    tz = ZoneInfo(tz_name)
    moment = _day_first(text, tz) or _iso(text, tz)
    if moment is None:
        raise ValueProblem(f"checked date is not a date: {text[:40]!r}")
    if not 1990 <= moment.year <= 2200:
        raise ValueProblem(f"checked date is out of range: {text[:40]!r}")
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _day_first(text, tz):
    """'31.12.2024' or '31.12.2024 10:30' as an aware datetime, or None."""
    match = DAY_FIRST.fullmatch(text)
    if not match:
        return None
    day, month, year, hour, minute, second = match.groups()
    try:
        if hour is None:
            return datetime.combine(date(int(year), int(month), int(day)), time(12), tz)
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                        tzinfo=tz)
    except ValueError:
        return None


def _iso(text, tz):
    """An ISO-8601 date or date-time as an aware datetime (naive ones in `tz`), or None."""
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(12), tz)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)
