"""`make check`: page-size budgets, no third-party requests, no broken links, valid HTML (vnu)."""

import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from preparedness import create_app
from preparedness.db import connect
from preparedness.i18n import utcnow
from preparedness.regions.demo import load_demo

from . import first_visit, fuzz_crawl
from .crawl import crawl, is_internal

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "check-out"
KB = 1024
# Crawled on purpose so the error page is measured and validated too.
NOT_FOUND_PROBE = "/ru/no-such-page"
BUDGETS = {"html": 14 * KB, "first_visit": 50 * KB, "js": 10 * KB, "precache": 200 * KB}
# The lists the worker saves from (the area's shelters come on top: tools/first_visit.py measures them).
WORKER_LISTS = ("SHELL", "ESSENTIAL", "ASSETS", "BUNDLES", "PAGES")
WORKER_LIST = re.compile(rf"^const ({'|'.join(WORKER_LISTS)}) = (.*);$", re.M)


def gz(data):
    """Size of `data` gzipped as a web server would (level 6)."""
    return len(gzip.compress(data, compresslevel=6))


def site_app(tmp):
    """The real app on a fresh database holding the region's sample data."""
    app = create_app({"SECRET_KEY": "check-secret-0123456789abcdef", "DATABASE": str(tmp / "check.sqlite3")})
    with app.app_context():
        db = connect(app.config["DATABASE"])
        load_demo(db, app.extensions["region"], utcnow())
        db.close()
    return app


def first_visit_bytes(pages, url):
    """Gzipped bytes a first visit to `url` downloads: the page and everything it loads."""
    total, todo, done = 0, [url], set()
    while todo:
        current = todo.pop()
        if current in done or current not in pages:
            continue
        done.add(current)
        total += gz(pages[current].body)
        todo.extend(urlsplit(r).path + (f"?{urlsplit(r).query}" if urlsplit(r).query else "")
                    for r in pages[current].resources if is_internal(r))
    return total


def page_scripts(pages, url):
    """Gzipped bytes of the scripts one page loads (the service worker counts in the first visit)."""
    paths = {urlsplit(r).path + (f"?{urlsplit(r).query}" if urlsplit(r).query else "")
             for r in pages[url].resources if is_internal(r)}
    return sum(gz(pages[p].body) for p in paths if p in pages and "javascript" in pages[p].content_type)


def heaviest_scripts(pages):
    """(url, bytes) of the page that loads the most JavaScript."""
    html = [u for u, p in pages.items() if p.content_type.startswith("text/html")]
    return max(((u, page_scripts(pages, u)) for u in html), key=lambda pair: pair[1])


def transferred(data):
    """Bytes on the wire: gzipped, unless the file is already compressed (PNG) and gzip would not help."""
    return min(len(data), gz(data))


def precache_bytes(client, lang):
    """(URLs, bytes) the service worker for `lang` saves at install: its script and every URL it lists."""
    script = client.get(f"/sw.js?lang={lang}").get_data()
    lists = dict(WORKER_LIST.findall(script.decode("utf-8")))
    urls = [url for name in WORKER_LISTS for url in json.loads(lists[name])]
    total = transferred(script)
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:  # the worker skips a page that does not answer 200
            total += transferred(response.get_data())
    return len(urls), total


def precache_sizes(app):
    """{language: (URLs, bytes)} of what each language's service worker saves at install."""
    client = app.test_client()
    return {lang: precache_bytes(client, lang) for lang in app.config["LANGUAGES"]}


def budget_failures(pages, languages):
    """Every page or total over its budget, every broken link, every third-party request."""
    failures = []
    html = {u: p for u, p in pages.items() if p.content_type.startswith("text/html")}
    for url, page in pages.items():
        if url == NOT_FOUND_PROBE:
            if page.status != 404:
                failures.append(f"{url}: HTTP {page.status}, expected 404")
        elif page.status >= 400:
            referrers = [u for u, p in pages.items() if url in [urlsplit(x).path + (
                f"?{urlsplit(x).query}" if urlsplit(x).query else "") for x in p.links + p.resources]]
            failures.append(f"{url}: HTTP {page.status} (linked from {', '.join(referrers[:3])})")
        for resource in page.resources:
            if not is_internal(resource):
                failures.append(f"{url}: third-party request to {resource}")
    for url, page in html.items():
        if gz(page.body) > BUDGETS["html"]:
            failures.append(f"{url}: HTML {gz(page.body)} B gzip > {BUDGETS['html']} B")
    url, js = heaviest_scripts(pages)
    if js > BUDGETS["js"]:
        failures.append(f"{url}: loads {js} B gzip of JavaScript > {BUDGETS['js']} B")
    for lang in languages:
        total = first_visit_bytes(pages, f"/{lang}/")
        if total > BUDGETS["first_visit"]:
            failures.append(f"/{lang}/: first visit {total} B gzip > {BUDGETS['first_visit']} B")
    return failures


def validate_html(pages):
    """Run vnu-jar over every crawled page; returns its error messages."""
    folder = OUT / "html"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    names = {}
    for i, (url, page) in enumerate(sorted(pages.items())):
        if page.content_type.startswith("text/html"):
            path = folder / f"page{i:04d}.html"
            path.write_bytes(page.body)
            names[path.name] = url
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--format", "json", str(folder)],
                            capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        return [f"vnu did not run (exit {result.returncode}): {result.stderr.strip()[:300]}"]
    return [f"{names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine')}: "
            f"{m.get('message')}" for m in messages if m.get("type") in ("error", "non-document-error")]


def report(pages, languages, precache):
    """A short table of what was measured."""
    html = [p for p in pages.values() if p.content_type.startswith("text/html")]
    largest = max(html, key=lambda p: gz(p.body))
    js = sum(gz(p.body) for p in pages.values() if "javascript" in p.content_type)
    css = sum(gz(p.body) for p in pages.values() if "css" in p.content_type)
    rows = [("pages crawled", f"{len(html)} HTML, {len(pages) - len(html)} other"),
            ("largest page", f"{largest.url}: {gz(largest.body)} B gzip (budget {BUDGETS['html']})"),
            ("JavaScript, one page", "{} loads {} B gzip (budget {})".format(
                *heaviest_scripts(pages), BUDGETS["js"])),
            ("JavaScript, all files", f"{js} B gzip (service worker included)"),
            ("CSS total", f"{css} B gzip")]
    rows += [(f"first visit /{lang}/", f"{first_visit_bytes(pages, f'/{lang}/')} B gzip "
              f"(budget {BUDGETS['first_visit']})") for lang in languages]
    rows += [(f"offline precache {lang}", f"{size} B gzip, {count} URLs (budget {BUDGETS['precache']})")
             for lang, (count, size) in precache.items()]
    for name, value in rows:
        print(f"  {name:<22} {value}")


def main():
    """Crawl, measure, validate; exit non-zero on any failure."""
    with tempfile.TemporaryDirectory() as tmp:
        app = site_app(Path(tmp))
        languages = app.config["LANGUAGES"]
        pages = crawl(app.test_client(), [f"/{lang}/" for lang in languages] + ["/healthz", NOT_FOUND_PROBE])
        fuzz_failures = fuzz_crawl.check(app, pages)
        precache = precache_sizes(app)
    print("budgets:")
    report(pages, languages, precache)
    failures = budget_failures(pages, languages)
    failures += [f"offline precache for {lang}: {size} B gzip > {BUDGETS['precache']} B"
                 for lang, (_count, size) in precache.items() if size > BUDGETS["precache"]]
    print(f"HTML validation (vnu) of {sum(p.content_type.startswith('text/html') for p in pages.values())} pages")
    failures += validate_html(pages)
    failures += first_visit.check()
    failures += fuzz_failures
    for failure in failures:
        print(f"FAIL {failure}")
    print("check: ok" if not failures else f"check: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
