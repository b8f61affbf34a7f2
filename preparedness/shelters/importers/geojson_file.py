"""Shelters from GeoJSON: OpenStreetMap exports (overpass, osmtogeojson) and plain FeatureCollections."""

import json

from .csv_file import ALIAS_TO_FIELD, MAX_BYTES, header_key
from .records import ParseResult, ShelterFileError
from .values import ValueProblem

OSM_KEYS = {"amenity", "military", "shelter_type", "bunker_type", "@id"}
OSM_FIELDS = {"name": ("name", "name:ru", "official_name", "ref"), "capacity": ("capacity",),
              "accessible": ("wheelchair",), "opening_hours": ("opening_hours",),
              "operator": ("operator",), "access_notes": ("description", "note", "entrance"),
              "checked_at": ("check_date", "survey:date", "check_date:shelter")}


def load_json(data):
    """The top-level object of GeoJSON bytes, or ShelterFileError."""
    if not isinstance(data, (bytes, bytearray)):
        raise ShelterFileError("expected the file's bytes")
    if len(data) > MAX_BYTES:
        raise ShelterFileError(f"file is larger than {MAX_BYTES // 1024 // 1024} MB")
    try:
        return json.loads(bytes(data).decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ShelterFileError("GeoJSON must be UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise ShelterFileError(f"not valid JSON: {str(exc)[:120]}") from None


def features_of(document):
    """The list of features of a FeatureCollection (or of a single Feature)."""
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        features = document.get("features")
        if isinstance(features, list):
            return features
        raise ShelterFileError("FeatureCollection has no 'features' list")
    if isinstance(document, dict) and document.get("type") == "Feature":
        return [document]
    raise ShelterFileError("not a GeoJSON FeatureCollection")


def point_of(geometry):
    """(lat, lon) of a Point, or the centroid of a (Multi)Polygon; ValueProblem otherwise."""
    if not isinstance(geometry, dict):
        raise ValueProblem("feature has no geometry")
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "Point":
            return _lat_lon(coords)
        if kind == "MultiPoint":
            return _lat_lon(coords[0])
        if kind == "Polygon":
            return _lat_lon(centroid([coords[0]]))
        if kind == "MultiPolygon":
            return _lat_lon(centroid([polygon[0] for polygon in coords]))
    except (TypeError, IndexError, KeyError, ValueError, ZeroDivisionError, OverflowError):
        raise ValueProblem(f"{kind} geometry has unreadable coordinates") from None
    raise ValueProblem(f"geometry type {str(kind)[:20]!r} is not a point or polygon")


def _lat_lon(position):
    """(lat, lon) from a GeoJSON [lon, lat] position."""
    lon, lat = position[0], position[1]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lat, lon)):
        raise ValueError("position is not numbers")
    return lat, lon


def centroid(rings):
    """The area-weighted centroid [lon, lat] of outer rings (their vertex mean if they have no area)."""
    points = [(float(p[0]), float(p[1])) for ring in rings for p in ring]
    # Relative to the first vertex, so small polygons keep their precision.
    x_ref, y_ref = points[0]
    area = cx = cy = 0.0
    for ring in rings:
        ring = [(float(p[0]) - x_ref, float(p[1]) - y_ref) for p in ring]
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
    if abs(area) < 1e-18:
        return [sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)]
    return [x_ref + cx / (3 * area), y_ref + cy / (3 * area)]


def osm_tags(properties):
    """Tags of an OSM feature: the properties themselves, or their 'tags' object (osmtogeojson)."""
    tags = dict(properties)
    if isinstance(properties.get("tags"), dict):
        tags.update(properties["tags"])
    return {str(k): v for k, v in tags.items()}


def osm_kind(tags):
    """('bomb_shelter', None) for a civil-defence shelter, else (None, why it is skipped)."""
    shelter_type, bunker_type = tags.get("shelter_type"), tags.get("bunker_type")
    if tags.get("amenity") == "shelter":
        if shelter_type == "bomb_shelter":
            return "bomb_shelter", None
        return None, f"amenity=shelter with shelter_type={shelter_type or '(none)'}"
    if tags.get("military") == "bunker" or tags.get("building") == "bunker":
        # A bare building=bunker counts; a military=bunker must say it is a bomb shelter.
        bare_building = tags.get("military") != "bunker" and bunker_type is None
        if bunker_type == "bomb_shelter" or bare_building:
            return "bomb_shelter", None
        return None, f"bunker with bunker_type={bunker_type or '(none)'}"
    if shelter_type == "bomb_shelter":
        return "bomb_shelter", None
    return None, "not a shelter (no amenity=shelter, military=bunker or building=bunker)"


def osm_fields(tags, feature_id):
    """Our fields from OSM tags."""
    fields = {name: next((tags[k] for k in keys if tags.get(k) not in (None, "")), None)
              for name, keys in OSM_FIELDS.items()}
    street = " ".join(str(tags[k]) for k in ("addr:street", "addr:place") if tags.get(k))
    parts = [tags.get("addr:city"), street, tags.get("addr:housenumber")]
    fields["address"] = tags.get("addr:full") or ", ".join(str(p) for p in parts if p)
    fields["source_id"] = tags.get("@id") or feature_id or _typed_id(tags)
    fields["confidence"] = "community"
    return fields


def _typed_id(tags):
    """'node/123' from osmtogeojson's {'type': 'node', 'id': 123}, or None."""
    if tags.get("type") in ("node", "way", "relation") and tags.get("id") is not None:
        return f"{tags['type']}/{tags['id']}"
    return None


def plain_fields(properties, feature_id):
    """Our fields from a plain FeatureCollection's properties (names as in CSV headers)."""
    fields = {}
    for key, value in properties.items():
        name = ALIAS_TO_FIELD.get(header_key(key))
        if name and name not in fields:
            fields[name] = value
    if properties.get("source_id") not in (None, ""):
        fields["source_id"] = properties["source_id"]
    elif fields.get("source_id") is None and feature_id is not None:
        fields["source_id"] = feature_id
    return fields


def feature_fields(feature):
    """(fields, None) for a shelter feature, or (None, skip reason) for a feature that is not one."""
    if not isinstance(feature, dict):
        raise ValueProblem("feature is not an object")
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        raise ValueProblem("feature properties are not an object")
    feature_id = feature.get("id")
    feature_id = str(feature_id) if isinstance(feature_id, (str, int)) else None
    tags = osm_tags(properties)
    if OSM_KEYS & tags.keys() or tags.get("building") == "bunker":
        kind, reason = osm_kind(tags)
        if kind is None:
            return None, reason
        return {**osm_fields(tags, feature_id), "kind": kind}, None
    return plain_fields(properties, feature_id), None


def parse_geojson(data, region, source):
    """A ParseResult from GeoJSON bytes; items are named features[i] (counting from 0)."""
    result = ParseResult()
    for index, feature in enumerate(features_of(load_json(data))):
        ref = f"features[{index}]"
        try:
            fields, skip_reason = feature_fields(feature)
            if skip_reason:
                result.skipped.append((ref, skip_reason))
                continue
            lat, lon = point_of(feature.get("geometry"))
        except ValueProblem as problem:
            result.rejected.append((ref, str(problem)))
            continue
        result.add(ref, {**fields, "lat": lat, "lon": lon}, region, source)
    return result.drop_duplicate_ids()


def looks_like_osm(data):
    """Whether GeoJSON bytes come from an OpenStreetMap export (for the default source name)."""
    head = bytes(data[:200_000])
    return b'"@id"' in head or b"openstreetmap" in head.lower() or b'"node/' in head
