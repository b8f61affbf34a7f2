"""RSS 2.0 and Atom feeds to plain records, through feedparser after a defusedxml safety check."""

import feedparser

from .cap import local, parse_xml
from .errors import ParseError
from .times import parse_time

FEED_ROOTS = {"rss": "rss", "RDF": "rss", "feed": "atom"}


def feed_kind(data):
    """'rss' or 'atom' for feed bytes; ParseError if they are not a safe, well-formed feed."""
    root = parse_xml(data)
    kind = FEED_ROOTS.get(local(root.tag))
    if kind is None:
        raise ParseError(f"root element is <{local(root.tag)}>, not an RSS or Atom feed")
    return kind


def parse_feed(data):
    """A feed's title, link, language and entries (id, link, title, summary HTML, times)."""
    kind = feed_kind(data)
    parsed = feedparser.parse(bytes(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version"):
        raise ParseError(f"feedparser could not read the feed: {parsed.get('bozo_exception', 'unknown')}")
    feed = parsed.get("feed", {})
    return {
        "format": kind,
        "title": str(feed.get("title", "")),
        "link": str(feed.get("link", "") or feed.get("id", "")),
        "language": str(feed.get("language", "") or ""),
        "entries": [entry_record(e) for e in parsed.get("entries", [])],
    }


def entry_record(entry):
    """One entry: identifier (id, else link), texts and times as plain values."""
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else ""
    summary = str(entry.get("summary", "") or "")
    published = entry_time(entry, "published") or entry_time(entry, "updated")
    return {
        "identifier": str(entry.get("id", "") or entry.get("link", "") or ""),
        "link": str(entry.get("link", "") or ""),
        "title": str(entry.get("title", "") or ""),
        "summary": str(body or summary),
        "language": str((contents[0].get("language") if contents else "") or ""),
        "author": str(entry.get("author", "") or ""),
        "published": published,
        "updated": entry_time(entry, "updated") or published,
        "categories": [str(t.get("term", "")) for t in entry.get("tags", []) or []],
    }


def entry_time(entry, name):
    """An entry's published/updated time as aware UTC, from the raw string (feedparser drops offsets)."""
    # dict.get: feedparser's own get() maps a missing "updated" to "published" with a warning.
    return parse_time(dict.get(entry, name, "")) or rfc822_time(dict.get(entry, f"{name}_parsed"))


def rfc822_time(parsed):
    """feedparser's UTC struct_time as an aware datetime, or None."""
    if not parsed:
        return None
    return parse_time("%04d-%02d-%02dT%02d:%02d:%02dZ" % tuple(parsed[:6]))
