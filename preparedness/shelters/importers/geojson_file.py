"""Shelters from GeoJSON: OpenStreetMap exports (overpass, osmtogeojson) and plain FeatureCollections."""

import hashlib
import json

from .csv_file import ALIAS_TO_FIELD, MAX_BYTES, header_key
from .osm import is_osm_document, osm_fields, osm_id, osm_kind, osm_tags
from .records import ParseResult, ShelterFileError
from .values import ValueProblem


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


def plain_fields(properties, feature_id):
    """Our fields from a plain FeatureCollection's properties (names as in CSV headers)."""
    fields = {}
    for key, value in properties.items():
        name = ALIAS_TO_FIELD.get(header_key(key))
        if name and name not in fields:
            fields[name] = value
    if properties.get("source_id") not in (None, ""):
        fields["source_id"] = properties["source_id"]
    elif fields.get("source_id") in (None, "") and feature_id is not None:
        fields["source_id"] = feature_id
    return fields


def feature_fields(feature, osm):
    """(fields, None) for a shelter feature, or (None, skip reason) for a feature that is not one.

    `osm` is decided once per document: in an OpenStreetMap export every feature is judged by its
    tags, and a plain dataset's `shelter_type` is just its kind column.
    """
    if not isinstance(feature, dict):
        raise ValueProblem("feature is not an object")
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        raise ValueProblem("feature properties are not an object")
    if osm:
        tags = osm_tags(properties)
        kind, reason = osm_kind(tags)
        if kind is None:
            return None, reason
        return {**osm_fields(tags), "kind": kind, "source_id": osm_id(feature)}, None
    return plain_fields(properties, member_id(feature)), None


def member_id(feature):
    """The feature's own "id" member as text, or None."""
    value = feature.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        return None
    return str(value)


def geometry_id(geometry, name):
    """A stable id for a feature that carries none: from its geometry and name, so re-import matches."""
    basis = json.dumps([geometry, str(name or "")], sort_keys=True, ensure_ascii=False, default=str)
    return "g-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def parse_geojson(data, region, source):
    """A ParseResult from GeoJSON bytes; items are named features[i] (counting from 0)."""
    document = load_json(data)
    features = features_of(document)
    osm = is_osm_document(document, features)
    result = ParseResult(osm=osm)
    for index, feature in enumerate(features):
        ref = f"features[{index}]"
        try:
            fields, skip_reason = feature_fields(feature, osm)
            if skip_reason:
                result.skipped.append((ref, skip_reason))
                continue
            lat, lon = point_of(feature.get("geometry"))
        except ValueProblem as problem:
            result.rejected.append((ref, str(problem)))
            continue
        if osm and not fields.get("source_id"):
            # Plain datasets keep the name-and-address id records get in build_record().
            fields["source_id"] = geometry_id(feature.get("geometry"), fields.get("name"))
        result.add(ref, {**fields, "lat": lat, "lon": lon}, region, source)
    return result.drop_duplicate_ids()
