"""Region packs: a region is data (areas, names, centres, timezone) plus its sample data."""

import csv
import io
import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources


@dataclass(frozen=True)
class Area:
    """One municipal area of a region."""

    slug: str
    names: dict
    short_names: dict
    centre: tuple
    variants: tuple = ()
    polygon: list | None = None
    geocodes: dict = field(default_factory=dict)

    def name(self, lang):
        """The area's name in `lang`, falling back to Russian, then the slug."""
        return self.names.get(lang) or self.names.get("ru") or self.slug


@dataclass(frozen=True)
class Region:
    """A region pack: its areas in display order and how to read its sample data."""

    slug: str
    names: dict
    timezone: str
    bbox: dict
    centre: tuple
    areas: tuple
    variants: tuple = ()
    emergency_numbers: dict = field(default_factory=dict)

    def name(self, lang):
        """The region's name in `lang`, falling back to Russian."""
        return self.names.get(lang) or self.names["ru"]

    def area(self, slug):
        """The area with this slug, or None."""
        return self.areas_by_slug.get(slug)

    @cached_property
    def areas_by_slug(self):
        """Areas keyed by slug."""
        return {a.slug: a for a in self.areas}

    def contains(self, lat, lon):
        """Whether a point lies inside the region's bounding box."""
        b = self.bbox
        return b["min_lat"] <= lat <= b["max_lat"] and b["min_lon"] <= lon <= b["max_lon"]

    @cached_property
    def places(self):
        """How posts name the region, its areas and other regions (places.json; empty if none)."""
        try:
            return json.loads(self.sample_file("places.json"))
        except FileNotFoundError:
            return {}

    @cached_property
    def settlements(self):
        """The region's towns and villages as (name, type, area slug), from settlements.csv if any."""
        try:
            text = self.sample_file("settlements.csv")
        except FileNotFoundError:
            return ()
        return tuple((r["name"], r["type"], r["area"]) for r in csv.DictReader(io.StringIO(text))
                     if r["area"] in self.areas_by_slug)

    def sample_file(self, name):
        """The text of one of the pack's sample data files."""
        return resources.files(__name__).joinpath(self.slug, name).read_text(encoding="utf-8")


def load_region(slug):
    """Read the region pack `slug` from this package."""
    try:
        text = resources.files(__name__).joinpath(slug, "region.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(text)
    areas = tuple(
        Area(slug=a["slug"], names=a["names"], short_names=a.get("short_names", a["names"]),
             centre=tuple(a["centre"]), variants=tuple(a.get("variants", ())),
             polygon=a.get("polygon"), geocodes=a.get("geocodes") or {})
        for a in data["areas"]
    )
    return Region(slug=data["slug"], names=data["names"], timezone=data["timezone"],
                  bbox=data["bbox"], centre=tuple(data["centre"]), areas=areas,
                  variants=tuple(data.get("variants", ())),
                  emergency_numbers=data.get("emergency_numbers", {}))
