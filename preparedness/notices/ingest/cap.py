"""CAP 1.2, 1.1 and 1.0 alerts (any namespace prefix, or none) to plain records, through defusedxml."""

import xml.etree.ElementTree as ET
from datetime import timezone

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .errors import ParseError
from .times import parse_time

# CAP 1.0 (2004) used a URL as its namespace; 1.1 and 1.2 are OASIS URNs.
CAP_VERSIONS = {"urn:oasis:names:tc:emergency:cap:1.2": "1.2",
                "urn:oasis:names:tc:emergency:cap:1.1": "1.1",
                "urn:oasis:names:tc:emergency:cap:1.0": "1.0",
                "http://www.incident.com/cap/1.0": "1.0", "": "unknown"}
CAP_NAMESPACES = tuple(CAP_VERSIONS)
INFO_FIELDS = ("category", "event", "responseType", "urgency", "severity", "certainty", "audience",
               "senderName", "headline", "description", "instruction", "web", "contact")
MAX_BYTES = 5_000_000


def parse_xml(data):
    """An ElementTree root from bytes, refusing DTDs, entities and external references."""
    if not isinstance(data, (bytes, bytearray)):
        raise ParseError("expected bytes")
    if len(data) > MAX_BYTES:
        raise ParseError(f"file is larger than {MAX_BYTES} bytes")
    try:
        return fromstring(bytes(data), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ParseError(f"unsafe XML refused ({type(exc).__name__}): DTDs and entities are not allowed")
    except ET.ParseError as exc:
        raise ParseError(f"not well-formed XML: {exc}") from None
    except (ValueError, UnicodeError, LookupError) as exc:
        raise ParseError(f"cannot read XML: {exc}") from None


def local(tag):
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag):
    """An element's namespace URI ('' when it has none)."""
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def children(element, name):
    """Direct children called `name`, in any namespace."""
    return [c for c in element if local(c.tag) == name]


def text_of(element, name):
    """Stripped text of the first child called `name`, or ''."""
    for child in children(element, name):
        return (child.text or "").strip()
    return ""


def parse_cap(data, default_tz=timezone.utc):
    """One CAP <alert> as a dict with its info blocks, areas and references; ParseError if not CAP."""
    root = parse_xml(data)
    if local(root.tag) != "alert":
        raise ParseError(f"root element is <{local(root.tag)}>, not a CAP <alert>")
    if namespace(root.tag) not in CAP_NAMESPACES:
        raise ParseError(f"unknown CAP namespace {namespace(root.tag)!r}")
    codes = [c.text.strip() for c in children(root, "code") if c.text and c.text.strip()]
    return {
        "format": "cap",
        "version": CAP_VERSIONS[namespace(root.tag)],
        "identifier": text_of(root, "identifier"),
        "sender": text_of(root, "sender"),
        "sent": parse_time(text_of(root, "sent"), default_tz),
        "sent_text": text_of(root, "sent"),
        "status": text_of(root, "status"),
        "msg_type": text_of(root, "msgType"),
        "scope": text_of(root, "scope"),
        "source": text_of(root, "source"),
        "note": text_of(root, "note"),
        "codes": codes,
        "references": parse_references(text_of(root, "references")),
        "infos": [parse_info(info, default_tz) for info in children(root, "info")],
        "raw": bytes(data).decode("utf-8", "replace"),
    }


def parse_references(text):
    """CAP references ("sender,identifier,sent" separated by spaces) as a list of triplets."""
    found = []
    for token in text.split():
        parts = token.split(",")
        if len(parts) >= 3:
            found.append({"sender": parts[0], "identifier": ",".join(parts[1:-1]), "sent": parts[-1]})
        else:
            found.append({"sender": "", "identifier": token, "sent": ""})
    return found


def parse_info(info, default_tz):
    """One <info> block: its language, texts, codes, times and areas."""
    record = {f: text_of(info, f) for f in INFO_FIELDS}
    record["language"] = text_of(info, "language") or "en-US"   # CAP's default
    record["categories"] = [(c.text or "").strip() for c in children(info, "category")]
    record["event_codes"] = value_pairs(info, "eventCode")
    record["parameters"] = value_pairs(info, "parameter")
    for name in ("effective", "onset", "expires"):
        record[name] = parse_time(text_of(info, name), default_tz)
    record["areas"] = [parse_area(area) for area in children(info, "area")]
    return record


def value_pairs(element, name):
    """[(valueName, value)] of children like <eventCode> and <geocode>."""
    return [(text_of(c, "valueName"), text_of(c, "value")) for c in children(element, name)]


def parse_area(area):
    """One <area>: its description, polygons, circles and geocodes (bad shapes dropped, counted)."""
    polygons, circles, bad = [], [], 0
    for element in children(area, "polygon"):
        points = parse_points(element.text or "")
        if points and len(points) >= 4:
            polygons.append(points)
        else:
            bad += 1
    for element in children(area, "circle"):
        circle = parse_circle(element.text or "")
        if circle:
            circles.append(circle)
        else:
            bad += 1
    return {"area_desc": text_of(area, "areaDesc"), "polygons": polygons, "circles": circles,
            "geocodes": value_pairs(area, "geocode"), "bad_shapes": bad}


def parse_point(token):
    """(lat, lon) from "lat,lon", or None when it is not a point on Earth."""
    parts = token.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return (lat, lon)


def parse_points(text):
    """A polygon's (lat, lon) pairs, or None if any pair is unreadable."""
    points = [parse_point(token) for token in text.split()]
    return None if not points or None in points else points


def parse_circle(text):
    """(lat, lon, radius_km) from "lat,lon radius", or None."""
    parts = text.split()
    if len(parts) != 2:
        return None
    point = parse_point(parts[0])
    try:
        radius = float(parts[1])
    except ValueError:
        return None
    if point is None or not 0 <= radius <= 20000:
        return None
    return (point[0], point[1], radius)
