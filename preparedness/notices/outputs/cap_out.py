"""One notice as a CAP 1.2 alert: one <info> per language we hold, areas as circles and geocodes."""

import re
import xml.etree.ElementTree as ET

from ..ingest.geometry import distance_km
from ..kinds import THREAT_KINDS
from . import xml_bytes

CAP = "urn:oasis:names:tc:emergency:cap:1.2"
CATEGORY = {"power_outage": "Infra", "water_outage": "Infra", "heating_outage": "Infra",
            "road_closure": "Transport", "shelter_update": "Safety"}
RESPONSE = {"evacuation": "Evacuate", "explosive_object": "Avoid", "road_closure": "Avoid",
            "all_clear": "AllClear", "other": "Monitor"}
# CAP forbids spaces, commas, '<' and '&' in sender and identifier.
NOT_IN_TOKEN = re.compile(r"[\s,<&]+")


def cap_time(stamp):
    """A stored UTC time as CAP writes it: seconds, and UTC as "-00:00" (CAP 1.2, 3.3.2)."""
    return stamp[:19] + "-00:00" if stamp.endswith(("+00:00", "Z")) else stamp


def token(value):
    """A value safe for CAP's sender/identifier fields."""
    return NOT_IN_TOKEN.sub("-", value.strip()) or "unknown"


def _add(parent, tag, text=None):
    """Append a CAP element (with text when given)."""
    element = ET.SubElement(parent, f"{{{CAP}}}{tag}")
    if text is not None:
        element.text = str(text)
    return element


def area_radius_km(area, region):
    """Half the distance to the nearest other area centre: a circle that holds only its own centre."""
    others = [distance_km(area.centre, b.centre) for b in region.areas if b.slug != area.slug]
    return round(min(others) / 2, 1) if others else 10.0


def notice_cap(notice, region, info_extras):
    """CAP 1.2 XML bytes. `info_extras(lang)` gives {event_label, web} for that language's <info>."""
    ET.register_namespace("", CAP)
    alert = ET.Element(f"{{{CAP}}}alert")
    _add(alert, "identifier", token(notice["identifier"]))
    _add(alert, "sender", token(notice["sender"]) if " " not in notice["sender"] else token(notice["source"]))
    _add(alert, "sent", cap_time(notice["sent"]))
    _add(alert, "status", notice["status"])
    _add(alert, "msgType", notice["msg_type"])
    _add(alert, "source", notice["source"])
    _add(alert, "scope", "Public")
    if notice["is_sample"]:
        _add(alert, "note", "Sample data, not a real notice")
    elif notice.get("relay_note"):
        _add(alert, "note", notice["relay_note"])
    if notice["refs"]:
        _add(alert, "references", notice["refs"])
    for lang, text in notice["texts"].items():
        add_info(alert, notice, lang, text, region, info_extras(lang))
    return xml_bytes(alert)


def add_info(alert, notice, lang, text, region, extras):
    """One <info> block in CAP's element order."""
    info = _add(alert, "info")
    _add(info, "language", lang)
    _add(info, "category", CATEGORY.get(notice["kind"], "Safety"))
    _add(info, "event", text.get("event") or extras["event_label"])
    _add(info, "responseType", "Shelter" if notice["kind"] in THREAT_KINDS else
         RESPONSE.get(notice["kind"], "Prepare"))
    for name in ("urgency", "severity", "certainty"):
        _add(info, name, notice[name])
    code = _add(info, "eventCode")
    _add(code, "valueName", "preparedness:kind")
    _add(code, "value", notice["kind"])
    _add(info, "effective", cap_time(notice["effective"]))
    _add(info, "expires", cap_time(notice["expires"]))
    _add(info, "senderName", notice["sender"])
    for name in ("headline", "description", "instruction"):
        if text.get(name):
            _add(info, name, text[name])
    _add(info, "web", extras["web"])
    add_areas(info, notice, lang, region)


def add_areas(info, notice, lang, region):
    """One <area> per area (centre circle + our geocode), or the region's box when region-wide."""
    if notice["region_wide"]:
        area = _add(info, "area")
        _add(area, "areaDesc", region.name(lang))
        b = region.bbox
        corners = [(b["min_lat"], b["min_lon"]), (b["min_lat"], b["max_lon"]), (b["max_lat"], b["max_lon"]),
                   (b["max_lat"], b["min_lon"]), (b["min_lat"], b["min_lon"])]
        _add(area, "polygon", " ".join(f"{lat},{lon}" for lat, lon in corners))
        return
    for slug in notice["areas"]:
        found = region.area(slug)
        if found is None:
            continue
        area = _add(info, "area")
        _add(area, "areaDesc", found.name(lang))
        _add(area, "circle", f"{found.centre[0]},{found.centre[1]} {area_radius_km(found, region)}")
        for name, value in [("preparedness:area", slug), *sorted(found.geocodes.items())]:
            geocode = _add(area, "geocode")
            _add(geocode, "valueName", name)
            _add(geocode, "value", value)
