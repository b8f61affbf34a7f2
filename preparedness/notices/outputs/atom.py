"""The notices Atom feed for one language: entries in the reader's language or the labelled original."""

import xml.etree.ElementTree as ET

from . import xml_bytes

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _add(parent, tag, text=None, **attrs):
    """Append an Atom element with optional text and attributes."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def entry_updated(notice):
    """When a notice last changed: sent, edited at the source, or ended."""
    return max(t for t in (notice["sent"], notice.get("source_updated"), notice["ended_at"]) if t)


def notices_feed(notices, feed, entry_view):
    """Atom XML bytes.

    `feed`: {lang, title, self_url, page_url, generated, author}; `entry_view(notice)` gives
    {title, page_url, cap_url, text_lang, content, summary, category_label} in the reader's language.
    """
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed["lang"]})
    _add(root, "id", feed["self_url"])
    _add(root, "title", feed["title"])
    updated = max([entry_updated(n) for n in notices] + [feed["generated"]])
    _add(root, "updated", updated)
    _add(root, "link", rel="self", type="application/atom+xml", href=feed["self_url"])
    _add(root, "link", rel="alternate", type="text/html", href=feed["page_url"])
    _add(_add(root, "author"), "name", feed["author"])
    for notice in notices:
        view = entry_view(notice)
        entry = _add(root, "entry")
        _add(entry, "id", view["page_url"])
        _add(entry, "title", view["title"])
        _add(entry, "updated", entry_updated(notice))
        _add(entry, "published", notice["sent"])
        _add(_add(entry, "author"), "name", notice["sender"])
        _add(entry, "link", rel="alternate", type="text/html", href=view["page_url"])
        _add(entry, "link", rel="alternate", type="application/cap+xml", href=view["cap_url"])
        if notice["url"]:
            _add(entry, "link", rel="via", href=notice["url"])
        _add(entry, "category", term=notice["kind"], label=view["category_label"])
        _add(entry, "summary", view["summary"], type="text")
        content = _add(entry, "content", view["content"], type="text")
        content.set(XML_LANG, view["text_lang"])
    return xml_bytes(root)
