"""Kind and areas of a notice from its text (ru, uk, en) or from CAP shapes and geocodes.

Words are read as lemmas (morph.py), the kind from the signals and context rules in rules.py, the
areas from the region's names and gazetteer (places.py). What the text leaves in doubt is returned
with the reading, so that decide.py can hold the notice for a person and say why.
"""

import re
from dataclasses import dataclass

from .geometry import centroid, distance_km, point_in_polygon
from .morph import tokens
from .places import REGION_WIDE, Places, places_in
from .rules import (CANCEL_BETWEEN, CAUSE_REACH, CAUSE_WORDS, CONDITION_REACH, CONDITION_WORDS, CONSEQUENCES,
                    EARLIER_WORDS, FIRST_OF_OTHERS, LATER_REACH, LATER_WORDS, PAST_WORDS, THREATS,
                    WAIT_REACH, WAIT_WORDS, matches)

__all__ = ["REGION_WIDE", "THREATS"]
NEGATIONS = frozenset({"не", "ні", "not", "no"})
# What may leave a reading in doubt (decide.py words them for the operator): "wait" (an all-clear
# named as something to wait for), "report", "other_region", "conflict" (a threat and an all-clear),
# "no_kind", "no_area", "place" (a village name found in several areas, none of them named).
KIND_DOUBTS = frozenset({"wait", "report", "conflict", "no_kind"})

# Words that tell Ukrainian from Russian when the letters alone do not ("ракетна небезпека").
UK_WORDS = re.compile(r"\b(небезпек|тривог|загроз|укритт|ракетна|повітрян|обстріл)")
RU_WORDS = re.compile(r"\b(опасн|тревог|угроз|укрыти|ракетная|воздушн|обстрел)")

# Severity, urgency, certainty for notices whose source says nothing about them.
KIND_DEFAULTS = {
    "missile": ("Extreme", "Immediate", "Likely"), "drone": ("Extreme", "Immediate", "Likely"),
    "air_raid": ("Extreme", "Immediate", "Likely"), "artillery": ("Severe", "Immediate", "Likely"),
    "evacuation": ("Severe", "Immediate", "Likely"), "explosive_object": ("Moderate", "Expected", "Observed"),
    "power_outage": ("Moderate", "Expected", "Observed"), "water_outage": ("Moderate", "Expected", "Observed"),
    "heating_outage": ("Moderate", "Expected", "Observed"), "road_closure": ("Minor", "Expected", "Observed"),
    "shelter_update": ("Minor", "Expected", "Observed"), "all_clear": ("Minor", "Past", "Observed"),
    "other": ("Unknown", "Unknown", "Unknown"),
}


def normalise(text):
    """Lower case, ё as е, one kind of dash and quote, single spaces."""
    text = (text or "").lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    text = re.sub(r"[‐-―−]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Classification:
    """What a text is about, how sure we are (0..1), and what leaves it in doubt (see KIND_DOUBTS)."""

    kind: str
    confidence: float
    areas: tuple
    region_wide: bool
    doubts: tuple = ()
    clears: tuple = ()      # for an all-clear: the threat kinds it names ("Отбой угрозы БПЛА"); () = all


def _near(toks, index, words, reach, after=False):
    """Whether one of `words` stands up to `reach` words before (or after) token `index`, in its clause."""
    clause = toks[index].clause
    span = toks[index + 1:index + 1 + reach] if after else toks[max(0, index - reach):index]
    return any(t.clause == clause and (t.word in words or t.lemmas & words) for t in span)


def _names(clear, threat, toks, before=3, after=4):
    """Whether an all-clear's words name this threat ("Отбой ракетной опасности")."""
    start, end = clear
    return (toks[threat[0]].clause == toks[start].clause
            and start - before <= threat[0] < end + after)


def _cancels(toks, start, end):
    """Whether words start..end withdraw a signal: no negation, nothing else cancelled between."""
    inner = toks[start + 1:end - 1]
    return (not any(t.word in NEGATIONS for t in toks[max(0, start - 1):end])
            and all(t.capital or t.word in CANCEL_BETWEEN or t.lemmas & CANCEL_BETWEEN for t in inner))


def _current(toks, start, end):
    """Whether an all-clear at start..end is declared now (not awaited, announced for later or past)."""
    return not (_near(toks, start, WAIT_WORDS | EARLIER_WORDS, WAIT_REACH)
                or _near(toks, end - 1, LATER_WORDS, LATER_REACH, after=True))


def _is_signal(toks, start):
    """Whether a threat at `start` is an alert, not advice ("при ракетной опасности") or a cause."""
    return not (_near(toks, start, CONDITION_WORDS, CONDITION_REACH)
                or _near(toks, start, CAUSE_WORDS, CAUSE_REACH))


def _shelter_now(toks, found):
    """Whether the post tells people to take or keep shelter now (not as advice for a later signal)."""
    return any(not _near(toks, start, CONDITION_WORDS, CONDITION_REACH) for start, _, _ in found.get("shelter", ()))


def _signals(toks, found):
    """(all-clears, threats, threats the all-clears name, other kinds, waited, any weapon named)."""
    attack = "not_attack" not in found
    clears, waited, threats, bare, others, mentioned = [], [], [], [], [], False
    signals = [(s, e, k, False) for s, e, k in found.get("kind", ())]
    signals += [(s, e, k, True) for s, e, k in found.get("bare", ())]
    for start, end, kind, is_bare in sorted(signals, key=lambda f: f[:2]):
        if kind == "all_clear":
            (clears if _current(toks, start, end) else waited).append((start, end))
        elif kind in THREATS:
            mentioned = True
            if attack and _is_signal(toks, start):
                (bare if is_bare else threats).append((start, end, kind))
        elif kind not in [k for _, k in others]:
            others.append((start, kind))
    if not others:
        threats = sorted(threats + bare)
    clears += [(s, e) for s, e, _ in found.get("cancel", ()) if _cancels(toks, s, e)]
    # "до получения сигнала «Отбой ракетной опасности»": the threat right after an awaited all-clear is
    # part of its name; "Отбой не объявлялся: ракетная опасность сохраняется" is a threat of its own.
    named = [t for t in threats if any(_names(c, t, toks) for c in clears)
             or any(_names(w, t, toks, 0, 1) for w in waited)]
    threats = [t for t in threats if t not in named]
    return clears, threats, named, others, bool(waited), mentioned


def read_kind(toks, found=None):
    """(kind, doubts) of a post's words; a threat wins over an all-clear it conflicts with."""
    found = matches(toks) if found is None else found
    clears, threats, named, others, waited, mentioned = _signals(toks, found)
    report = "report" in found and (mentioned or bool(clears))
    if "event" in found:
        return "other", ("report",)
    if report:      # a report names a threat but asks nothing of anyone now, unless what the strike left
        left = [k for _, k in others if k in CONSEQUENCES]
        return (left[0], ()) if left else ("other", ("report",))
    if clears and waited:       # "Отбой … Оставайтесь до отбоя": never an all-clear, a person decides
        return (sorted(threats + named) or [(0, 0, "other")])[0][2], ("conflict",)
    if clears and (threats or "still" in found or _shelter_now(toks, found)):
        return (threats or named or [(0, 0, "other")])[0][2], ("conflict",)
    if threats:
        return threats[0][2], ()
    if clears:
        return "all_clear", ()
    if others:
        first = [k for _, k in others if k in FIRST_OF_OTHERS]
        return (first or [others[0][1]])[0], ()
    return "other", ("wait" if waited else "no_kind",)


def cleared_kinds(toks, found):
    """The threat kinds an all-clear's words name ("Отбой ракетной опасности": missile), sorted."""
    return tuple(sorted({kind for _, _, kind in _signals(toks, found)[2]}))


def _quiet_clauses(toks, found):
    """Clauses whose places the alert is not for: "Город Белгород — без сигнала", "Ранее сигнал «Отбой»
    прозвучал в Белгороде"."""
    quiet = {toks[s].clause for s, _, _ in found.get("none", ())}
    for start, _, kind in found.get("kind", ()):
        if kind == "all_clear" and (_near(toks, start, EARLIER_WORDS, WAIT_REACH)
                                    or _near(toks, start, PAST_WORDS, WAIT_REACH, after=True)):
            quiet.add(toks[start].clause)
    return quiet


def classify_kind(text):
    """(kind, confidence) from text; 'other' with 0.0 when no rule matches."""
    kind, doubts = read_kind(tokens(text or ""))
    return kind, _confidence(kind, doubts)


def _confidence(kind, doubts):
    """0.9 for a reading without doubt, 0.4 with one, 0.0 for no signal at all."""
    if kind == "other" and "no_kind" in doubts:
        return 0.0
    return 0.4 if doubts else 0.9


def areas_in_text(text, region):
    """(area slugs in order of mention, region_wide) named in text, in any case form."""
    found = places_in(text or "", region)
    return found.areas, found.region_wide


def classify_text(text, region):
    """Kind, areas and doubts of a free-text post; no area named means region-wide, in doubt."""
    toks = tokens(text or "")
    phrases = matches(toks)
    kind, doubts = read_kind(toks, phrases)
    found = places_in(text or "", region, toks)
    quiet = _quiet_clauses(toks, phrases)
    areas = tuple(a for a in found.areas if any(c not in quiet for area, c in found.clauses if area == a))
    if areas != found.areas:
        found = Places(areas, found.region_wide, found.other_regions, found.ambiguous, found.clauses)
    doubts = list(doubts)
    if found.other_regions:
        doubts.append("other_region")
    if any(not candidates & set(found.areas) for candidates in found.ambiguous):
        doubts.append("place")
    elif not found.areas and not found.region_wide:
        doubts.append("no_area")
    region_wide = found.region_wide or not found.areas
    clears = cleared_kinds(toks, phrases) if kind == "all_clear" else ()
    return Classification(kind, _confidence(kind, doubts), found.areas, region_wide, tuple(doubts), clears)


def areas_from_shapes(polygons, circles, region):
    """Area slugs whose centre lies in a polygon or circle; a small shape picks the nearest centre."""
    found = set()
    for polygon in polygons:
        inside = {a.slug for a in region.areas if point_in_polygon(a.centre, polygon)}
        found |= inside or nearest_area(centroid(polygon), region)
    for lat, lon, radius in circles:
        inside = {a.slug for a in region.areas if distance_km(a.centre, (lat, lon)) <= radius}
        found |= inside or nearest_area((lat, lon), region)
    return found


def nearest_area(point, region):
    """{slug} of the area whose centre is nearest a point inside the region, else an empty set."""
    if not region.contains(*point):
        return set()
    return {min(region.areas, key=lambda a: distance_km(a.centre, point)).slug}


def areas_from_geocodes(geocodes, region):
    """Area slugs named by CAP geocodes: our own 'preparedness:area' or an area's official codes."""
    found = set()
    for name, value in geocodes:
        for area in region.areas:
            if (name == "preparedness:area" and value == area.slug) or area.geocodes.get(name) == value:
                found.add(area.slug)
    return found


def detect_language(text):
    """'uk', 'ru' or 'en' by the letters a text uses; Russian when unsure."""
    lower = (text or "").lower()
    uk = sum(lower.count(c) for c in "іїєґ") + len(UK_WORDS.findall(lower))
    ru = sum(lower.count(c) for c in "ыэъё") + len(RU_WORDS.findall(lower))
    cyrillic = len(re.findall(r"[а-яіїєґё]", lower))
    latin = len(re.findall(r"[a-z]", lower))
    if cyrillic == 0 and latin:
        return "en"
    return "uk" if uk > ru else "ru"
