"""Fetch pages through the app itself (test client) and follow every same-site link they hold."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# The request environment key through which the app learns the public address being exported for
# (HTTP clients cannot set environment keys, only HTTP_* headers).
BASE_URL_ENVIRON = "preparedness.base_url"
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
RESOURCE_TAGS = ("script", "img", "iframe", "source", "audio", "video")
RESOURCE_RELS = {"stylesheet", "icon", "manifest", "preload", "modulepreload", "apple-touch-icon"}


@dataclass
class Fetched:
    """One URL as the app answered it."""

    path: str
    status: int
    content_type: str
    body: bytes
    location: str = ""
    private: bool = False       # sets a cookie or forbids shared caching: forms with CSRF tokens
    links: list = field(default_factory=list)


class LinkParser(HTMLParser):
    """The URLs a page links to (<a href>, GET form actions) and those it loads (scripts, styles...)."""

    def __init__(self):
        super().__init__()
        self.links, self.resources = [], []

    @property
    def urls(self):
        """Everything the page refers to."""
        return self.links + self.resources

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rels = set((attrs.get("rel") or "").split())
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag in RESOURCE_TAGS and attrs.get("src"):
            self.resources.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and rels & RESOURCE_RELS:
            self.resources.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get" and attrs.get("action"):
            self.links.append(attrs["action"])


def links_in(path, content_type, body):
    """Same-site URLs (path and query) that a page, stylesheet or manifest refers to."""
    text = body.decode("utf-8", "replace")
    if content_type.startswith("text/html"):
        parser = LinkParser()
        parser.feed(text)
        found = parser.urls
    elif content_type.startswith("text/css"):
        found = CSS_URL.findall(text)
    elif "manifest" in content_type:
        found = re.findall(r'"src":\s*"([^"]+)"', text)
    else:
        found = []
    local = []
    for url in found:
        parts = urlsplit(urljoin(path, url))
        if parts.scheme or parts.netloc:
            continue        # another site, or tel:/geo:/mailto:
        local.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return local


def fetch(client, path, base_url):
    """GET `path` from the app as a visitor at `base_url` would."""
    response = client.get(path, base_url=base_url, environ_overrides={BASE_URL_ENVIRON: base_url})
    content_type = response.content_type or ""
    body = response.get_data()
    control = response.headers.get("Cache-Control", "")
    private = bool(response.headers.getlist("Set-Cookie")) or "no-store" in control or "private" in control
    fetched = Fetched(path, response.status_code, content_type, body, response.headers.get("Location", ""),
                      private)
    if response.status_code == 200 and not private:
        fetched.links = links_in(path, content_type, body)
    return fetched


def crawl(client, seeds, base_url, wanted, limit=20000):
    """{path: Fetched} for `seeds` and every link from them that `wanted(path)` accepts."""
    queue = list(dict.fromkeys(seeds))
    seen, fetched = set(queue), {}
    while queue and len(fetched) < limit:
        page = fetch(client, queue.pop(0), base_url)
        fetched[page.path] = page
        for link in page.links:
            target = wanted(link)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return fetched
