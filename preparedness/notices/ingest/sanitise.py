"""Imported text made safe to store: HTML reduced to plain text through nh3, control characters gone."""

import html
import re

import nh3

# Characters XML 1.0 cannot carry and a page should never show.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h\d|/tr)\b[^>]*>", re.I)
LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!]|&[#a-zA-Z0-9]+;")
SPACES = re.compile(r"[ \t\u00a0]+")
BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
# An http(s) link as nh3 writes it after cleaning; its target is kept as text beside its label.
CLEAN_LINK = re.compile(r'<a href="(https?://[^"]+)"[^>]*>(.*?)</a>', re.S)


def clean_text(value, limit=10000):
    """Plain text without control characters, trimmed, at most `limit` characters."""
    if not isinstance(value, str):
        return ""
    text = CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = SPACES.sub(" ", text)
    text = BLANK_LINES.sub("\n\n", "\n".join(line.strip() for line in text.split("\n")))
    return text.strip()[:limit]


def html_to_text(value, limit=10000):
    """Plain text from a string that may hold HTML: tags dropped by nh3, entities decoded."""
    if not isinstance(value, str):
        return ""
    if not LOOKS_LIKE_HTML.search(value):
        return clean_text(value, limit)
    marked = BREAKS.sub("\n", CONTROL.sub("", value))
    links_only = nh3.clean(marked, tags={"a"}, attributes={"a": {"href"}}, url_schemes={"http", "https"},
                           link_rel=None, strip_comments=True)
    with_targets = CLEAN_LINK.sub(_link_as_text, links_only)
    stripped = nh3.clean(with_targets, tags=set(), attributes={}, strip_comments=True)
    return clean_text(html.unescape(stripped), limit)


def _link_as_text(match):
    """'label (https://...)' for a kept link; just the target when the label is the target."""
    target, label = html.unescape(match.group(1)), match.group(2)
    plain = html.unescape(re.sub(r"<[^>]*>", "", label)).strip()
    return target if plain in ("", target) else f"{label} ({target})"


def one_line(value, limit=200):
    """The first non-empty line of plain text, shortened to `limit` characters at a word."""
    for line in clean_text(value).split("\n"):
        if line.strip():
            line = line.strip()
            if len(line) <= limit:
                return line
            return line[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:-") + "…"
    return ""
