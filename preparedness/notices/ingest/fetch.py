"""Fetching a file or URL for import, and polling configured sources with conditional GET."""

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .errors import ParseError

MAX_DOWNLOAD = 20_000_000
USER_AGENT = "Preparedness notices importer (+https://example.invalid/preparedness)"


@dataclass
class Fetched:
    """A fetch's outcome: the body (None when not modified) and the validators to remember."""

    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None


def is_url(target):
    """Whether an import target is an http(s) URL rather than a path."""
    return target.startswith(("http://", "https://"))


def read_target(target, timeout=20):
    """The bytes of a local file or an http(s) URL; ParseError with a one-line reason on failure."""
    if is_url(target):
        fetched = fetch(target, timeout=timeout)
        return fetched.body
    try:
        return Path(target).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read {target}: {exc.strerror or exc}") from None


def fetch(url, etag=None, last_modified=None, timeout=20):
    """GET `url` (with If-None-Match / If-Modified-Since when known); body None on 304."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/cap+xml, application/xml, "
               "application/rss+xml, application/atom+xml, application/json;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_DOWNLOAD + 1)
            if len(body) > MAX_DOWNLOAD:
                raise ParseError(f"{url} is larger than {MAX_DOWNLOAD} bytes")
            return Fetched(body, response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(None, etag, last_modified)
        raise ParseError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ParseError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}") from None
