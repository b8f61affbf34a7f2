"""Crawl the site through the real app (test client): every page in every language, and its assets."""

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from preparedness.export.crawl import CSS_URL, LinkParser


@dataclass
class Page:
    """One fetched URL."""

    url: str
    status: int
    content_type: str
    body: bytes
    links: list = field(default_factory=list)       # same-site pages it links to
    resources: list = field(default_factory=list)   # what a browser loads to show it


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
            page.resources = [urljoin(url, m) for m in CSS_URL.findall(page.body.decode("utf-8", "replace"))]
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
