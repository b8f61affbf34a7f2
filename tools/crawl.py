"""Crawl the site through the real app (test client): every page in every language, and its assets."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Page:
    """One fetched URL."""

    url: str
    status: int
    content_type: str
    body: bytes
    links: list = field(default_factory=list)       # same-site pages it links to
    resources: list = field(default_factory=list)   # what a browser loads to show it


class LinkParser(HTMLParser):
    """Collects <a href> links and the URLs a browser would request."""

    def __init__(self):
        super().__init__()
        self.links, self.resources = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.resources.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and set((attrs.get("rel") or "").split()) & {
                "stylesheet", "icon", "manifest", "preload", "modulepreload", "apple-touch-icon"}:
            self.resources.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get" and attrs.get("action"):
            self.links.append(attrs["action"])


CSS_URL = re.compile(rb"url\(\s*['\"]?([^'\")]+)")


def is_internal(url):
    """Whether a URL stays on this site (no scheme, no host)."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def crawl(client, start_urls, limit=2000):
    """Fetch every internal page reachable from `start_urls`; returns {url: Page}."""
    seen, queue, pages = set(start_urls), list(start_urls), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        response = client.get(url)
        page = Page(url, response.status_code, response.content_type or "", response.get_data())
        if page.content_type.startswith("text/html"):
            parser = LinkParser()
            parser.feed(page.body.decode("utf-8", "replace"))
            page.links = [urljoin(url, link) for link in parser.links]
            page.resources = [urljoin(url, r) for r in parser.resources]
        elif page.content_type.startswith("text/css"):
            page.resources = [urljoin(url, m.decode()) for m in CSS_URL.findall(page.body)]
        pages[url] = page
        for target in page.links + page.resources:
            parts = urlsplit(target)
            if parts.scheme in ("geo", "tel", "mailto") or not is_internal(target):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen:
                seen.add(local)
                queue.append(local)
    return pages
