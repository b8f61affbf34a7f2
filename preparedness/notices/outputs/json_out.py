"""The /api/notices.json and /api/areas.json documents (the shape is fixed by DESIGN.md)."""

from ..store import TEXT_FIELDS, iso


def notice_json(notice, active, cap_url):
    """One notice in the public JSON shape (fixed fields first, then extras)."""
    return {
        "id": notice["id"], "identifier": notice["identifier"], "sender": notice["sender"],
        "sent": notice["sent"], "status": notice["status"], "msg_type": notice["msg_type"],
        "kind": notice["kind"], "severity": notice["severity"], "urgency": notice["urgency"],
        "certainty": notice["certainty"], "areas": list(notice["areas"]),
        "effective": notice["effective"], "expires": notice["expires"], "active": bool(active),
        "source": notice["source"], "url": notice["url"],
        "texts": {lang: {f: text.get(f, "") for f in TEXT_FIELDS} for lang, text in notice["texts"].items()},
        "region_wide": bool(notice["region_wide"]), "references": notice["refs"],
        "original_lang": notice["original_lang"], "ended_at": notice["ended_at"],
        "is_sample": bool(notice["is_sample"]), "cap_url": cap_url,
    }


def notices_document(notices, active_ids, generated, cap_url_for):
    """{"generated", "notices": [...]} for a list of notices."""
    return {"generated": iso(generated),
            "notices": [notice_json(n, n["id"] in active_ids, cap_url_for(n["id"])) for n in notices]}


def areas_document(region, generated):
    """{"generated", "region", "areas": [{slug, names, centre}]} of the region pack."""
    return {
        "generated": iso(generated),
        "region": {"slug": region.slug, "names": region.names, "timezone": region.timezone,
                   "centre": {"lat": region.centre[0], "lon": region.centre[1]}, "bbox": region.bbox},
        "areas": [{"slug": a.slug, "names": a.names, "short_names": a.short_names,
                   "centre": {"lat": a.centre[0], "lon": a.centre[1]}, "geocodes": a.geocodes}
                  for a in region.areas],
    }
