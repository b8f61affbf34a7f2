"""Machine-readable notices: /api/notices.json, /api/areas.json, /feeds/<lang>/notices.atom, /cap/<id>.xml."""

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..db import get_db
from ..i18n import current_language, to_minute, utcnow
from .kinds import KIND_LABELS, KINDS, STATUS_LABELS
from .outputs.atom import notices_feed
from .outputs.cap_out import notice_cap
from .outputs.cap_relay import original_cap, reissued
from .outputs.json_out import areas_document, notices_document
from .present import area_names, original_label, reader_text
from .store import active_notices_for, covers, notice_by_id, recent_notices

bp = Blueprint("notice_api", __name__)
PUBLIC_CACHE = "public, max-age=30"


def bad_request(message):
    """A 400 JSON answer naming what was wrong with the query."""
    response = jsonify(error=message)
    response.status_code = 400
    return response


def listed_notices(db, area, now, active_only):
    """(notices, active ids): active ones for the area, plus the last week's unless active_only."""
    active = active_notices_for(db, area, now)
    active_ids = {n["id"] for n in active}
    if active_only:
        return active, active_ids
    earlier = [n for n in recent_notices(db, now, limit=200)
               if n["id"] not in active_ids and covers(n, area)]
    return active + earlier, active_ids


@bp.get("/api/notices.json")
def notices_json():
    """Notices as JSON; ?area=SLUG, ?active=1, ?kind=KIND filter them."""
    area = request.args.get("area", "").strip() or None
    kind = request.args.get("kind", "").strip() or None
    if area and current_app.extensions["region"].area(area) is None:
        return bad_request(f"unknown area {area!r}; see /api/areas.json")
    if kind and kind not in KINDS:
        return bad_request(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    now = utcnow()
    notices, active_ids = listed_notices(get_db(), area, now, request.args.get("active") == "1")
    if kind:
        notices = [n for n in notices if n["kind"] == kind]
    document = notices_document(notices, active_ids, to_minute(now),
                                lambda notice_id: url_for(".cap", notice_id=notice_id, _external=True))
    response = jsonify(document)
    response.headers["Cache-Control"] = PUBLIC_CACHE
    return response


@bp.get("/api/areas.json")
def areas_json():
    """The region's areas: slug, names per language, approximate centre."""
    response = jsonify(areas_document(current_app.extensions["region"], to_minute(utcnow())))
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def entry_view(lang, region):
    """How one notice reads as a feed entry in `lang` (the original labelled when untranslated)."""

    def view(notice):
        """The entry's title, links and texts."""
        reading = reader_text(notice, lang)
        text = reading["text"]
        label = str(KIND_LABELS[notice["kind"]])
        marks = [str(STATUS_LABELS[notice["status"]])] if notice["status"] in STATUS_LABELS else []
        if notice["msg_type"] == "Cancel":
            # I18N: added to the title of a feed entry that withdraws an earlier notice
            marks.insert(0, _("Cancelled"))
        if notice["is_sample"]:
            marks.append(_("Sample data"))
        title = f"{label}: {', '.join(area_names(notice, region, lang))}"
        parts = [str(text.get(f) or "") for f in ("headline", "description", "instruction")]
        if parts[0] and parts[1].startswith(parts[0]):
            parts[0] = ""       # a post's headline is its first sentence: say it once
        summary = original_label(reading["lang"], lang) if reading["original"] else (
            str(text.get("instruction") or text.get("headline") or label))
        return {"title": " · ".join([title, *marks]), "category_label": label,
                "page_url": url_for("notices.detail", notice_id=notice["id"], _external=True),
                "cap_url": url_for(".cap", notice_id=notice["id"], _external=True),
                "text_lang": reading["lang"], "summary": summary,
                "content": "\n\n".join(p for p in parts if p) or label}

    return view


@bp.get("/feeds/<lang:lang>/notices.atom")
def atom_feed():
    """The last week's notices as Atom, in the reader's language (the URL's, kept in g.lang)."""
    lang = current_language()
    region, now = current_app.extensions["region"], utcnow()
    notices = recent_notices(get_db(), now, limit=100)
    feed = {"lang": lang, "generated": to_minute(now).isoformat(timespec="seconds"),
            "title": f"{_('Notices')}: {region.name(lang)}", "author": _("Preparedness"),
            "self_url": url_for(".atom_feed", _external=True),
            "page_url": url_for("notices.index", _external=True)}
    body = notices_feed(notices, feed, entry_view(lang, region))
    return Response(body, content_type="application/atom+xml; charset=utf-8",
                    headers={"Cache-Control": PUBLIC_CACHE})


@bp.get("/cap/<int:notice_id>.xml")
def cap(notice_id):
    """One published notice as CAP 1.2, one <info> per language we hold."""
    notice = notice_by_id(get_db(), notice_id)
    if notice is None:
        abort(404)
    region = current_app.extensions["region"]

    def info_extras(lang):
        """The kind's label and the notice page's URL in one <info> block's language."""
        known = lang if lang in current_app.config["LANGUAGES"] else current_app.config["DEFAULT_LANGUAGE"]
        with force_locale(known):
            label = str(KIND_LABELS[notice["kind"]])
        return {"event_label": label,
                "web": url_for("notices.detail", notice_id=notice_id, lang=known, _external=True)}

    body = original_cap(notice)
    if body is None:
        relayed = notice["origin"] == "import"
        body = notice_cap(reissued(notice, current_app.config["ADMIN_SENDER"]) if relayed else notice,
                          region, info_extras)
    return Response(body, content_type="application/cap+xml; charset=utf-8",
                    headers={"Cache-Control": PUBLIC_CACHE})
