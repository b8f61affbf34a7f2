"""OpenStreetMap semantics: which exports are OSM, which features are shelters, and why the rest are not.

Tagging as documented on the OSM wiki: `amenity=shelter` is any roof (bus stops, picnic and weather
shelters included) and only `shelter_type=bomb_shelter` makes it a place to hide from an attack;
`military=bunker` counts with `bunker_type=bomb_shelter`; `building=bunker` counts on its own.
No `emergency=*` value means a shelter: `emergency=assembly_point` is an open-air gathering place,
except with `assembly_point:bombing=yes` (a place people are sent to when bombing is expected).
"""

import re

OSM_HEADER_WORDS = ("openstreetmap", "overpass", "osmtogeojson", "osmium")
TYPED_ID = re.compile(r"^(node|way|relation)/\d+$")
# Keys only OpenStreetMap data has ("tags": osmtogeojson's older shape); a register may well have
# a "building" or "shelter_type" column, so those count only with OSM's own values.
OSM_TAG_KEYS = {"amenity", "military", "emergency", "bunker_type", "highway", "public_transport",
                "railway", "leisure", "tags"}
OSM_FIELDS = {"name": ("name", "name:ru", "name:uk", "official_name", "ref"),
              "capacity": ("capacity", "capacity:persons"), "accessible": ("wheelchair",),
              "opening_hours": ("opening_hours",), "operator": ("operator",),
              "access_notes": ("description", "note", "entrance"),
              "checked_at": ("check_date", "survey:date", "check_date:shelter")}

# shelter_type values that mean a place to hide from an attack (OSM wiki, Key:shelter_type).
CIVIL_DEFENCE_SHELTER_TYPES = {"bomb_shelter"}
# Why the other documented shelter_type values are skipped, one reason (and count) each.
SHELTER_TYPE_REASONS = {
    "public_transport": "bus or tram stop",
    "picnic_shelter": "picnic shelter",
    "gazebo": "gazebo or pavilion", "pavilion": "gazebo or pavilion",
    "weather_shelter": "weather shelter",
    "sun_shelter": "sun shelter",
    "basic_hut": "hut or lean-to in the countryside", "lean_to": "hut or lean-to in the countryside",
    "rock_shelter": "rock shelter", "field_shelter": "field shelter for animals",
    "changing_rooms": "changing rooms", "smoking_shelter": "smoking shelter",
}
TRANSPORT_TAGS = {"highway": {"bus_stop", "platform"},
                  "railway": {"tram_stop", "platform", "halt", "stop"},
                  "amenity": {"bus_station"}}
ROOFED_SEATS = {"leisure": {"picnic_table"}, "amenity": {"bench", "bbq"}}


def is_osm_document(document, features):
    """Whether a FeatureCollection is an OpenStreetMap export: by OSM ids, or by its generator or
    copyright when its features carry OSM tags (a register geocoded with OSM credits it too)."""
    features = [feature for feature in features if isinstance(feature, dict)]
    if any(osm_id(feature) for feature in features):
        return True
    header = " ".join(str(document.get(key) or "") for key in ("generator", "copyright",
                                                                "attribution", "source"))
    return (any(word in header.lower() for word in OSM_HEADER_WORDS)
            and any(has_osm_tags(properties_of(feature)) for feature in features))


def has_osm_tags(properties):
    """Whether properties look like OSM tags: OSM-only keys, or OSM's values of shared ones."""
    osm_shelter_types = CIVIL_DEFENCE_SHELTER_TYPES | SHELTER_TYPE_REASONS.keys()
    return bool(OSM_TAG_KEYS & properties.keys() or properties.get("building") == "bunker"
                or str(properties.get("shelter_type")) in osm_shelter_types)


def properties_of(feature):
    """A feature's properties, or {} when they are not an object."""
    properties = feature.get("properties")
    return properties if isinstance(properties, dict) else {}


def osm_id(feature):
    """'node/123' (or the export's '@id') of an OSM feature, or None when it carries none."""
    properties = properties_of(feature)
    if isinstance(properties.get("@id"), (str, int)) and str(properties["@id"]):
        return str(properties["@id"])
    for value in (feature.get("id"), properties.get("id")):
        if isinstance(value, str) and TYPED_ID.match(value):
            return value
    if properties.get("type") in ("node", "way", "relation") and isinstance(properties.get("id"), int):
        return f"{properties['type']}/{properties['id']}"      # osmtogeojson's older shape
    return None


def osm_tags(properties):
    """Tags of an OSM feature: the properties themselves, or their 'tags' object (osmtogeojson)."""
    tags = dict(properties)
    if isinstance(properties.get("tags"), dict):
        tags.update(properties["tags"])
    # Tag values are text; anything nested (osmtogeojson's "meta", "relations") is not a tag.
    return {str(key): value for key, value in tags.items() if not isinstance(value, (dict, list))}


def osm_kind(tags):
    """('bomb_shelter' or 'other', None) for a shelter, else (None, the reason it is skipped)."""
    shelter_type, bunker_type = tags.get("shelter_type"), tags.get("bunker_type")
    if shelter_type in CIVIL_DEFENCE_SHELTER_TYPES or bunker_type == "bomb_shelter":
        return "bomb_shelter", None
    if is_transport_stop(tags):
        return None, SHELTER_TYPE_REASONS["public_transport"]
    if tags.get("amenity") == "shelter":
        if shelter_type in SHELTER_TYPE_REASONS:
            return None, SHELTER_TYPE_REASONS[shelter_type]
        if shelter_type:
            return None, f"amenity=shelter with shelter_type={str(shelter_type)[:40]}"
        return None, "amenity=shelter without shelter_type (a roof against the weather)"
    if tags.get("military") == "bunker":
        return None, f"military bunker with bunker_type={str(bunker_type or '(none)')[:40]}"
    if tags.get("building") == "bunker":
        return "bomb_shelter", None
    if "emergency" in tags:
        return emergency_kind(tags)
    if tags.get("shelter") == "yes":
        return roofed_kind(tags)
    return None, "no shelter tags (amenity=shelter, bunker, shelter=yes)"


def is_transport_stop(tags):
    """Whether tags describe a bus, trolleybus or tram stop or platform (or a bus station)."""
    if tags.get("public_transport") or tags.get("shelter_type") == "public_transport":
        return True
    return any(tags.get(key) in values for key, values in TRANSPORT_TAGS.items())


def emergency_kind(tags):
    """An emergency=* feature: an assembly point for bombing is a place to go, the rest are not."""
    value = str(tags.get("emergency"))[:40]
    if value == "assembly_point" and tags.get("assembly_point:bombing") == "yes":
        return "other", None
    if value == "assembly_point":
        return None, "emergency assembly point in the open, not a shelter"
    return None, f"emergency={value} is not a shelter"


def roofed_kind(tags):
    """shelter=yes: a roof over a picnic table or bench is skipped; anything else may be cover."""
    if any(tags.get(key) in values for key, values in ROOFED_SEATS.items()):
        return None, SHELTER_TYPE_REASONS["picnic_shelter"]
    return "other", None


def osm_fields(tags):
    """Our fields from OSM tags."""
    fields = {name: next((tags[k] for k in keys if tags.get(k) not in (None, "")), None)
              for name, keys in OSM_FIELDS.items()}
    street = " ".join(str(tags[k]) for k in ("addr:street", "addr:place") if tags.get(k))
    parts = [tags.get("addr:city"), street, tags.get("addr:housenumber")]
    fields["address"] = tags.get("addr:full") or ", ".join(str(p) for p in parts if p)
    fields["confidence"] = "community"
    return fields
