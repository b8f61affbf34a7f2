"""Turning one row or feature (already mapped to our field names) into a checked shelter record."""

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field

from .values import (ValueProblem, clean_text, folded, parse_capacity, parse_checked_at,
                     parse_coordinate, parse_features, parse_kind, parse_status, parse_yes_no)

FEATURE_COLUMNS = ("water", "toilet", "heating", "power", "pets", "wheelchair_space")

# A name for shelters the file leaves unnamed, in the language the data is kept in (Russian).
DEFAULT_NAMES = {
    "bomb_shelter": "Убежище", "basement": "Подвал", "parking": "Подземный паркинг",
    "underpass": "Подземный переход", "anti_radiation": "Противорадиационное укрытие",
    "simple_cover": "Простейшее укрытие", "other": "Укрытие",
}


# Folded area names per region slug, filled on first use.
AREA_NAMES = {}


class ShelterFileError(ValueError):
    """A whole file cannot be read as shelters; the message is one line saying why."""


@dataclass
class ParseResult:
    """What a parser made of a file: good records, rejected and skipped items with reasons."""

    records: list = field(default_factory=list)     # [(ref, record dict)]
    rejected: list = field(default_factory=list)    # [(ref, reason)]
    skipped: list = field(default_factory=list)     # [(ref, reason)]
    osm: bool = False                               # read as an OpenStreetMap export

    def skip_counts(self):
        """[(reason, count)] of the skipped items, most frequent first."""
        return Counter(reason for _, reason in self.skipped).most_common()

    def name_source(self, source):
        """Give every record the source name chosen after reading the file."""
        for _, record in self.records:
            record["source"] = source

    def add(self, ref, fields, region, source):
        """Check one item's fields and keep it as a record, or as a rejection."""
        try:
            self.records.append((ref, build_record(fields, region, source)))
        except ValueProblem as problem:
            self.rejected.append((ref, str(problem)))

    def drop_duplicate_ids(self):
        """Reject the later items that repeat an earlier item's (source, source_id)."""
        seen, kept = {}, []
        for ref, record in self.records:
            key = (record["source"], record["source_id"])
            if key in seen:
                self.rejected.append((ref, f"id {record['source_id']!r} repeats {seen[key]}"))
            else:
                seen[key] = ref
                kept.append((ref, record))
        self.records = kept
        return self


def point_problem(lat, lon, region):
    """Why a point cannot be a shelter of `region`, or None when it can."""
    if lat is None or lon is None:
        return "latitude or longitude is missing"
    if region.contains(lat, lon):
        return None
    if region.contains(lon, lat):
        return "latitude and longitude look swapped"
    return (f"point {lat:.5f}, {lon:.5f} is outside {region.name('en')} "
            f"(latitude {region.bbox['min_lat']}..{region.bbox['max_lat']}, "
            f"longitude {region.bbox['min_lon']}..{region.bbox['max_lon']})")


def nearest_area(region, lat, lon):
    """The slug of the area whose centre is closest to a point."""
    stretch = math.cos(math.radians(lat))
    return min(region.areas, key=lambda a: (a.centre[0] - lat) ** 2
               + ((a.centre[1] - lon) * stretch) ** 2).slug


def area_for(region, value, lat, lon):
    """An area named in the file (slug, name or a form of it), else the one with the nearest centre."""
    text = folded(value)
    best, best_length = None, 0
    for slug, names in (area_names(region) if text else ()):
        for name in names:
            if (text == name or text.startswith(name + " ")) and len(name) > best_length:
                best, best_length = slug, len(name)
    return best or nearest_area(region, lat, lon)


def area_names(region):
    """[(slug, every folded form its name can take in a file)], worked out once per region."""
    if region.slug not in AREA_NAMES:
        AREA_NAMES[region.slug] = [
            (a.slug, {folded(n) for n in (a.slug, *a.names.values(), *a.short_names.values(),
                                          *a.variants) if n})
            for a in region.areas]
    return AREA_NAMES[region.slug]


def stable_id(name, address, lat, lon):
    """An id for a record the file gives none: from its name and address (or place)."""
    basis = f"{folded(name)}|{folded(address)}" if address else f"{folded(name)}|{lat:.4f}|{lon:.4f}"
    return "h-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def build_record(fields, region, source):
    """A store record from mapped fields; raises ValueProblem with the reason it cannot be one."""
    if "coordinates" in fields and not (fields.get("lat") or fields.get("lon")):
        fields = {**fields, **split_pair(fields["coordinates"])}
    lat = parse_coordinate(fields.get("lat"), "latitude")
    lon = parse_coordinate(fields.get("lon"), "longitude")
    problem = point_problem(lat, lon, region)
    if problem:
        raise ValueProblem(problem)
    kind = kind_of(fields)
    name = clean_text(fields.get("name"), "name") or DEFAULT_NAMES[kind]
    address = clean_text(fields.get("address") or joined_address(fields), "address")
    source_id = clean_text(fields.get("source_id"), "source_id") or stable_id(name, address, lat, lon)
    return {
        "source": source, "source_id": source_id, "name": name, "address": address,
        "kind": kind, "capacity": parse_capacity(fields.get("capacity")),
        "area": area_for(region, fields.get("area"), lat, lon), "lat": lat, "lon": lon,
        "status": parse_status(fields.get("status")),
        "checked_at": parse_checked_at(fields.get("checked_at"), region.timezone),
        "accessible": parse_yes_no(fields.get("accessible")),
        "features": features_of(fields),
        "opening_hours": clean_text(fields.get("opening_hours"), "opening_hours") or None,
        "access_notes": clean_text(fields.get("access_notes"), "access_notes") or None,
        "operator": clean_text(fields.get("operator"), "operator") or None,
        "confidence": clean_text(fields.get("confidence"), "confidence") or "unverified",
        "is_sample": 0,
    }


def kind_of(fields):
    """The kind the detailed column names ('Вид укриття': Підвал), else the kind column's."""
    detail = parse_kind(fields["kind_detail"]) if fields.get("kind_detail") else "other"
    return detail if detail != "other" else parse_kind(fields.get("kind"))


def joined_address(fields):
    """One address from separate settlement, street and building number columns ('' if none)."""
    parts = [clean_text(fields.get(name)) for name in ("address_city", "address_street",
                                                       "address_number")]
    return ", ".join(part for part in parts if part)


def split_pair(value):
    """{'lat', 'lon'} from one 'lat, lon' or 'lat; lon' cell."""
    text = clean_text(value)
    for separator in (";", ", ", " ", ","):
        parts = [p for p in text.split(separator) if p.strip()]
        if len(parts) == 2:
            return {"lat": parts[0], "lon": parts[1]}
    raise ValueProblem(f"coordinates are not 'latitude, longitude': {text[:40]!r}")


def features_of(fields):
    """Features from a list column and from one yes/no column per feature."""
    named = set(parse_features(fields.get("features") or "").split())
    named.update(f for f in FEATURE_COLUMNS if f in fields and parse_yes_no(fields[f]) == 1)
    return " ".join(f for f in FEATURE_COLUMNS if f in named)
