"""Fuzz crawl (part of `make check`): every public link of the site, each parameter mutated.

Every URL the crawl finds is grouped by its shape (path with ids and language as placeholders, the
names of its query parameters); one URL per shape and language is requested again with each
parameter, and each id in its path, replaced by hostile values (reserved names, huge integers,
Unicode, control characters, empty, repeated), and with reserved names added. Any answer of 500 or
more is a failure. Run alone: .venv/bin/python -m tools.fuzz_crawl
"""

import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from .crawl import crawl

# Values every parameter is tried with.
VALUES = ["", "0", "-1", "1.5", "9223372036854775807", "9223372036854775808", "9" * 40, "1e400",
          "nan", "inf", "ünïcødé", "中文", "العربية", "\x00", "\x0b", "\r\n", "%00", "%", "<b>x</b>",
          "'\"", "../../etc/passwd", "a" * 3000, "true", "[]", "{}"]
# Names url_for, Flask or the routes read themselves, and this site's own parameter names.
RESERVED = ["lang", "endpoint", "slug", "notice_id", "shelter_id", "kind", "values", "filename",
            "_method", "_external", "_scheme", "_anchor", "area", "q", "n", "lat", "lon", "page",
            "active", "open", "accessible", "v", "r", "next", "format", "callback"]
RESERVED_VALUES = ["", "zz", "9" * 30]
# Tried with every reserved name on one URL of each shape (the rest get RESERVED_VALUES only).
RESERVED_EXTRA = ["1", "static", "https://evil.example/", "\x00"]
# Path ids are tried with these instead.
IDS = ["0", "9223372036854775807", "9223372036854775808", "9" * 40]
# Seeds next to the site's own pages: data URLs that pages do not link to with all their parameters.
EXTRA_SEEDS = ["/api/notices.json?area=belgorod&active=1&kind=drone", "/api/areas.json",
               "/api/shelters.geojson", "/api/shelters.geojson?area=belgorod&page=1",
               "/api/shelters/nearest?lat=50.6&lon=36.6&n=5", "/feeds/ru/notices.atom",
               "/cap/1.xml", "/sw.js?lang=ru", "/healthz", "/robots.txt", "/ru/kit?adults=2&days=3",
               "/ru/kit/sheet?adults=1", "/ru/shelters/?q=ленина&open=1&accessible=1&area=belgorod"]
LANGUAGE = re.compile(r"^/([a-z]{2})(?=/)")


def shape(url):
    """(path with ids and language as placeholders, sorted query names, language)."""
    parts = urlsplit(url)
    found = LANGUAGE.match(parts.path)
    path = re.sub(r"/\d+", "/{id}", LANGUAGE.sub("/{lang}", parts.path))
    # /{lang}/checklists/grab-bag/print and .../pets/print are one shape: a name in a section.
    path = re.sub(r"^(/\{lang\}/[^/]+/)[^/{]+", r"\1{name}", path)
    return path, tuple(sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})), \
        found.group(1) if found else ""


def representatives(urls, languages):
    """One URL per shape, its language taken in turn from `languages`; no static files."""
    by_shape = {}
    for url in urls:
        if url.startswith("/static/") or url.startswith("/admin"):
            continue
        path, names, lang = shape(url)
        by_shape.setdefault((path, names), {}).setdefault(lang, url)
    chosen = []
    for i, found in enumerate(by_shape.values()):
        wanted = languages[i % len(languages)]
        chosen.append(found.get(wanted) or next(iter(found.values())))
    return chosen


def with_query(path, pairs):
    """path?pairs, each name and value percent-encoded."""
    return path + ("?" + urlencode(pairs, quote_via=quote) if pairs else "")


def mutations(url, full=False):
    """Every hostile variant of `url` (`full`: every reserved name with every value)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    for i, (name, _value) in enumerate(pairs):
        for value in VALUES:
            yield with_query(parts.path, pairs[:i] + [(name, value)] + pairs[i + 1:])
        yield with_query(parts.path, pairs + [(name, "x")])           # repeated
        yield with_query(parts.path, pairs + [(name + "[]", "1")])    # PHP-style array
    for name in RESERVED:
        for value in RESERVED_VALUES + (RESERVED_EXTRA if full else []):
            yield with_query(parts.path, pairs + [(name, value)])
    for match in re.finditer(r"/(\d+)(?=/|\.|$)", parts.path):
        for value in IDS:
            yield with_query(parts.path[:match.start(1)] + value + parts.path[match.end(1):], pairs)


def fuzz(client, urls):
    """(requests made, [failure lines]) for every mutation of every URL."""
    count, failures, full = 0, [], set()
    for url in urls:
        path = shape(url)[0]
        for variant in dict.fromkeys(mutations(url, full=path not in full)):
            count += 1
            status = client.get(variant).status_code
            if status >= 500:
                failures.append(f"fuzz crawl: {variant[:200]} answered {status}")
        full.add(path)
    return count, failures


def check(app, urls, languages=("ru", "ar", "zh", "uk", "en", "uz", "tg", "ky", "hy")):
    """Fuzz one URL per shape of `urls` (plus the data URLs) in `languages`; returns failures."""
    app.config["PROPAGATE_EXCEPTIONS"] = False      # a 500 must come back as a response, not raise
    started = time.monotonic()
    chosen = representatives(list(urls) + EXTRA_SEEDS, list(languages))
    count, failures = fuzz(app.test_client(), chosen)
    print(f"fuzz crawl: {count} mutated requests over {len(chosen)} URL shapes in "
          f"{time.monotonic() - started:.1f} s, {len(failures)} answered 500 or more")
    return failures


def main():
    """Build the site with its sample data, crawl it, fuzz it; exit 1 on any 500."""
    from .check import NOT_FOUND_PROBE, site_app
    with tempfile.TemporaryDirectory() as tmp:
        app = site_app(Path(tmp))
        # Breadth first: a few hundred pages already hold every shape.
        pages = crawl(app.test_client(), [f"/{lang}/" for lang in app.config["LANGUAGES"]]
                      + [NOT_FOUND_PROBE], limit=400)
        failures = check(app, pages)
    for failure in failures[:50]:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
