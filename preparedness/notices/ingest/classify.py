"""Kind and areas of a notice from its text (ru, uk, en) or from CAP shapes and geocodes."""

import re
from dataclasses import dataclass
from .geometry import centroid, distance_km, point_in_polygon

REGION_WIDE = "*"

# Checked in this order; the first kind that matches wins (all-clear first: "отбой ракетной опасности").
KIND_PATTERNS = (
    ("all_clear", (r"(?<!до )\bотбой\b", r"\bвідбій\b", r"(?<!until )(?<!until the )\ball[- ]clear\b",
                   r"\b(угроза|опасность)\s+(\w+\s+){0,3}миновала", r"\bзагроза\s+(\w+\s+){0,3}минула",
                   r"\bthreat\s+(is\s+|has\s+)?(over|passed|lifted)")),
    ("missile", (r"ракетн\w*\s+(опасн|угроз|небезпек|загроз|удар|атак|тривог)",
                 r"\bmissile\s+(danger|threat|alert|attack|strike|warning)")),
    ("drone", (r"\bбпла\b", r"\bбеспилот", r"\bбезпілот", r"\bдрон", r"\bfpv\b", r"\buavs?\b",
               r"\bdrones?\b", r"\bкамикадзе\b", r"\bшахед", r"\bгерань")),
    ("air_raid", (r"авиационн\w*\s+(опасн|угроз|тревог)", r"воздушн\w*\s+(тревог|опасн)",
                  r"повітрян\w*\s+(тривог|небезпек)", r"авіаційн\w*\s+(небезпек|загроз)",
                  r"\bair[- ]raid", r"\bair\s+(alert|danger)", r"\baviation\s+(danger|threat)")),
    ("artillery", (r"\bобстрел", r"\bартиллер", r"\bобстріл", r"\bартилер", r"\bрсзо\b", r"\bминомет",
                   r"\bshelling\b", r"\bartillery\b")),
    ("evacuation", (r"\bэвакуац", r"\bевакуац", r"\bevacuat")),
    ("explosive_object", (r"взрывоопасн\w*\s+предмет", r"\bвоп\b", r"\bнеразорвавш", r"\bвибухонебезпечн",
                          r"\bнерозірван", r"\bexplosive\s+(object|device|ordnance)", r"\bunexploded\b",
                          r"\buxo\b", r"\bбоеприпас", r"\bбоєприпас")),
    ("power_outage", (r"(отключени|отсутстви|перебо)\w*\s+(\w+\s+)?(электр|света\b)", r"\bбез\s+(света|электр)",
                      r"\bобесточ", r"\bзнеструмл", r"(відключенн|відсутніст)\w*\s+(\w+\s+)?(електр|світла)",
                      r"\bбез\s+(світла|електр)", r"\bpower\s+(outage|cut|failure)", r"\bblackout",
                      r"\bno\s+(power|electricity)\b")),
    ("water_outage", (r"(отключени|отсутстви|перебо)\w*\s+(\w+\s+)?(воды|водоснабж)", r"\bбез\s+(\w+\s+)?воды\b",
                      r"\bводоснабжени", r"\bводопостачанн", r"\bбез\s+(\w+\s+)?води\b",
                      r"\bwater\s+(supply|outage|cut)", r"\bno\s+water\b")),
    ("heating_outage", (r"(отключени|отсутстви)\w*\s+(\w+\s+)?(отоплени|тепл)", r"\bбез\s+(отоплени|тепла)",
                        r"\bтеплоснабжени", r"\bопаленн", r"\bтеплопостачанн", r"\bheating\b")),
    ("road_closure", (r"\bперекрыт\w*\s+(\w+\s+)?(движени|дорог|трасс|улиц|участ|проезд)",
                      r"\bдвижени\w*\s+(\w+\s+){0,6}(перекрыт|закрыт|ограничен|приостановлен)",
                      r"\bограничени\w*\s+движени", r"\bперекрит", r"\bрух\w*\s+(\w+\s+){0,3}(обмежен|перекрит)",
                      r"\broads?\s+(is\s+|are\s+)?(closed|closure|blocked)", r"\btraffic\s+(is\s+)?(closed|restricted|suspended)")),
    ("shelter_update", (r"пункт\w*\s+временного\s+размещени", r"\bпвр\b", r"пункт\w*\s+тимчасового\s+розміщенн",
                        r"укрыти\w*\s+(\w+\s+)?(открыт|работа)", r"укритт\w*\s+(\w+\s+)?(відкрит|працю)",
                        r"пункт\w*\s+(обогрева|незламност)", r"\bshelters?\s+(are\s+|is\s+)?(open|update)")),
)
THREATS = ("missile", "drone", "air_raid", "artillery")
# A threat word in a report of what already happened is not an alert: let a person decide.
REPORT_HINTS = (r"\bв результате\b", r"\bпострадал", r"\bповрежден", r"\bранен", r"\bпогиб",
                r"\bвнаслідок\b", r"\bпостраждал", r"\bпошкоджен", r"\bas a result\b", r"\binjured\b",
                r"\bdamaged\b")

# Words that tell Ukrainian from Russian when the letters alone do not ("ракетна небезпека").
UK_WORDS = re.compile(r"\b(небезпек|тривог|загроз|укритт|ракетна|повітрян|обстріл)")
RU_WORDS = re.compile(r"\b(опасн|тревог|угроз|укрыти|ракетная|воздушн|обстрел)")
COMPILED = tuple((kind, tuple(re.compile(p) for p in patterns)) for kind, patterns in KIND_PATTERNS)
REPORT = tuple(re.compile(p) for p in REPORT_HINTS)

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
    """What a text is about and how sure we are (0..1)."""

    kind: str
    confidence: float
    areas: tuple
    region_wide: bool


def classify_kind(text):
    """(kind, confidence) from text; 'other' with 0.0 when no rule matches."""
    norm = normalise(text)
    headline = normalise((text or "").strip().split("\n", 1)[0])[:200]
    matched = [kind for kind, patterns in COMPILED if any(p.search(norm) for p in patterns)]
    if not matched:
        return "other", 0.0
    kind = matched[0]
    in_headline = any(p.search(headline) for p in dict(COMPILED)[kind])
    confidence = 0.9 if in_headline else 0.7
    if kind in THREATS and len([k for k in matched if k in THREATS]) > 1:
        confidence = min(confidence, 0.7)
    if kind in THREATS and any(p.search(norm) for p in REPORT):
        confidence = 0.4
    return kind, confidence


# Built once per region pack (packs do not change while the app runs).
_PATTERNS = {}


def area_pattern(region):
    """One regex of every area and region name variant, longest first, and what each names."""
    if region.slug not in _PATTERNS:
        _PATTERNS[region.slug] = build_area_pattern(region)
    return _PATTERNS[region.slug]


def build_area_pattern(region):
    """The regex behind area_pattern()."""
    names = {}
    for area in region.areas:
        for variant in (*area.variants, *area.names.values(), *area.short_names.values()):
            names.setdefault(normalise(variant), area.slug)
    for variant in (*region.variants, *region.names.values()):
        names.setdefault(normalise(variant), REGION_WIDE)
    ordered = sorted((n for n in names if n), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")
    return pattern, names


def areas_in_text(text, region):
    """(area slugs in order of mention, region_wide) named in text, in any case form."""
    pattern, names = area_pattern(region)
    found = []
    for match in pattern.finditer(normalise(text)):
        slug = names[match.group(1)]
        if slug not in found:
            found.append(slug)
    areas = tuple(s for s in found if s != REGION_WIDE)
    return areas, (REGION_WIDE in found and not areas)


def classify_text(text, region):
    """Kind, areas and confidence of a free-text post; no area named means region-wide, less sure."""
    kind, confidence = classify_kind(text)
    areas, region_wide = areas_in_text(text, region)
    if not areas and not region_wide:
        region_wide, confidence = True, round(confidence * 0.5, 2)
    return Classification(kind, confidence, areas, region_wide)


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
