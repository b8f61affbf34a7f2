"""Parsed records (CAP, feed, Telegram) turned into candidate notices, before validation."""

import json
import re

from ..kinds import KINDS
from .classify import (KIND_DEFAULTS, KIND_DOUBTS, areas_from_geocodes, areas_from_shapes, areas_in_text,
                       classify_text, detect_language, read_kind)
from .morph import tokens
from .sanitise import html_to_text, one_line

SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
# A full stop after these does not end a sentence: "ул. Щорса", "г. Белгород", "с. Масычево",
# "пос. Майский", "и т.д.", "им. Ленина", "д. 5", "вул. Сумська".
ABBREVIATION = re.compile(r"(?<![\w.])(ул|г|гг|с|п|пос|пгт|х|хут|д|дер|им|т\.д|т\.п|т\.е|др|пр|просп|пер|мкр|"
                          r"обл|р-н|ст|вул|м|смт|н\.п|тел|руб|тыс|млн|ч|мин|см|напр|e\.g|i\.e|etc|st|no)\.$",
                          re.IGNORECASE)
KIND_CODE_NAMES = ("preparedness:kind", "preparedness-kind", "kind")


def base_notice(**fields):
    """A candidate notice with every field present."""
    notice = {"identifier": "", "sender": "", "sent": None, "status": "Actual", "msg_type": "Alert",
              "refs": None, "kind": "other", "severity": "Unknown", "urgency": "Unknown",
              "certainty": "Unknown", "effective": None, "expires": None, "areas": [],
              "region_wide": False, "source": "", "url": None, "original_lang": "ru", "texts": {},
              "confidence": None, "classified_by": None, "area_raw": None, "source_updated": None,
              "raw": None, "ref": "", "doubts": (), "clears": None}
    notice.update(fields)
    return notice


def from_cap(alert, region, source):
    """One CAP alert as one candidate notice (kind from an event code, else from its words)."""
    infos = alert["infos"]
    first = infos[0] if infos else {}
    texts = {}
    for info in infos:
        lang = info["language"].split("-")[0].strip().lower()
        texts.setdefault(lang, {f: info.get(f, "") for f in ("event", "headline", "description",
                                                                "instruction")})
    kind, confidence, by, doubts = cap_kind(infos)
    areas, region_wide, raw_areas = cap_areas(infos, region)
    effective = [i["effective"] for i in infos if i["effective"]]
    expires = [i["expires"] for i in infos if i["expires"]]
    refs = " ".join(",".join((r["sender"], r["identifier"], r["sent"])) if r["sender"] else r["identifier"]
                    for r in alert["references"])
    return base_notice(
        identifier=alert["identifier"], sender=alert["sender"], sent=alert["sent"],
        status=alert["status"], msg_type=alert["msg_type"], refs=refs or None,
        kind=kind if infos else None, severity=first.get("severity") or "Unknown",
        urgency=first.get("urgency") or "Unknown", certainty=first.get("certainty") or "Unknown",
        effective=min(effective) if effective else alert["sent"], expires=max(expires) if expires else None,
        areas=sorted(areas), region_wide=region_wide, source=source or f"cap:{alert['sender']}",
        url=first.get("web") or None, original_lang=next(iter(texts), "ru"), texts=texts,
        confidence=confidence, classified_by=by, area_raw=json.dumps(raw_areas, ensure_ascii=False),
        source_updated=alert["sent"], raw=alert["raw"], ref=alert["identifier"] or "alert",
        doubts=doubts if infos else ())


def cap_kind(infos):
    """(kind, confidence, how, doubts) of CAP info blocks: our event code, else their words.

    The words go through the same rules as a post: "Отбой" in a CAP headline is read like one.
    """
    for info in infos:
        for name, value in info["event_codes"] + info["parameters"]:
            if name in KIND_CODE_NAMES and value in KINDS:
                return value, 1.0, "cap", ()
    words = "\n".join(f"{i['event']}.\n{i['headline']}.\n{i['description']}" for i in infos)
    kind, doubts = read_kind(tokens(words))
    # A CAP message is an alert by its structure: words we cannot name make it "other", not doubtful.
    doubts = tuple(d for d in doubts if d != "no_kind")
    return kind, 0.5 if doubts else 0.9, "cap-text", doubts


def cap_areas(infos, region):
    """(slugs, region_wide, raw areas kept as received) from every <area> of every info block."""
    slugs, region_wide, raw = set(), False, []
    for info in infos:
        for area in info["areas"]:
            kept = {k: area[k] for k in ("area_desc", "polygons", "circles", "geocodes")}
            if kept not in raw:
                raw.append(kept)
            by_code = areas_from_geocodes(area["geocodes"], region)
            by_shape = areas_from_shapes(area["polygons"], area["circles"], region)
            named, whole = areas_in_text(area["area_desc"], region)
            slugs |= by_code or by_shape or set(named)
            region_wide = region_wide or (whole and not (by_code or by_shape))
    if slugs and len(slugs) == len(region.areas):
        region_wide = True
    return (set() if region_wide else slugs), region_wide, raw


def from_text_post(text, region, **fields):
    """A candidate from a free-text post: kind, areas and language read from its words."""
    found = classify_text(text, region)
    lang = fields.pop("lang", None) or detect_language(text)
    severity, urgency, certainty = KIND_DEFAULTS[found.kind]
    plain = html_to_text(text)
    headline = first_sentence(plain)
    texts = {lang: {"event": "", "headline": headline,
                    "description": "" if plain == headline else plain, "instruction": ""}}
    return base_notice(kind=found.kind, confidence=found.confidence, classified_by="text", doubts=found.doubts,
                       clears=" ".join(found.clears) or None, areas=list(found.areas), region_wide=found.region_wide, severity=severity,
                       urgency=urgency, certainty=certainty, original_lang=lang, texts=texts,
                       effective=fields.get("sent"), **fields)


def first_sentence(plain):
    """A post's first sentence (or first line), as its headline; never cut after "ул." or "г."."""
    line = one_line(plain)
    for match in SENTENCE_END.finditer(line):
        if match.group(0) == "." and ABBREVIATION.search(line[:match.end()]):
            continue
        if match.end() >= 12:
            return line[:match.end()]
    return line


def from_feed(feed, region, source):
    """Candidates from RSS/Atom entries: title and summary read as a post."""
    notices = []
    lang = feed["language"].split("-")[0].lower() or None
    for entry in feed["entries"]:
        title, body = html_to_text(entry["title"]), html_to_text(entry["summary"])
        text = body if title and body.startswith(title) else f"{title}\n{body}".strip()
        entry_lang = entry["language"].split("-")[0].lower() or lang
        notice = from_text_post(text, region, lang=entry_lang, identifier=entry["identifier"],
                                sender=feed["title"] or source, sent=entry["published"],
                                source=source or feed_source(feed),
                                url=entry["link"] or None,
                                source_updated=entry["updated"], ref=entry["identifier"] or "entry",
                                raw=json.dumps(entry, default=str, ensure_ascii=False, sort_keys=True))
        for term in entry["categories"]:
            if term in KINDS:     # the publisher's own kind: only doubts about places remain
                notice.update(kind=term, confidence=1.0, classified_by="feed",
                              doubts=tuple(d for d in notice["doubts"] if d not in KIND_DOUBTS))
        notices.append(notice)
    return notices


def feed_source(feed):
    """The source name of a feed read without --source: "feed:" and its web link, else its title.

    The prefix keeps a feed titled "admin" from speaking as the operators or as another source.
    """
    return "feed:" + (web_link(feed["link"]) or html_to_text(feed["title"]) or "untitled")


def web_link(value):
    """`value` when it is an http(s) URL, else '' (a feed's javascript: link names no source)."""
    return value if value.lower().startswith(("https://", "http://")) else ""


def from_telegram(export, region, source, post_url=None):
    """Candidates from a channel export; identifier = channel id + message id."""
    notices = []
    for message in export["messages"]:
        identifier = f"{export['channel_id']}:{message['id']}"
        url = post_url.format(id=message["id"]) if post_url and message["id"] else None
        notices.append(from_text_post(
            message["text"], region, identifier=identifier,
            sender=export["channel_name"] or source, sent=message["date"],
            source=source or f"telegram:{export['channel_id']}", url=url,
            source_updated=message["edited"] or message["date"], raw=message["raw"],
            ref=f"message {message['id'] or '?'}"))
    return notices
