"""What a first visit costs a phone: the page and everything the service worker saves, per language.

A real Chromium opens a page through deploy/nginx.conf (gzip, cache) in front of gunicorn, as a phone
on a fresh profile would; nginx's access log counts every byte it sends (headers included) until the
service worker is in control and the network has been quiet for a moment. Measured:
- each language's "Now" page for an area, under good conditions (budget 100 KiB: the UK's online-only
  emergency-alerts page is ~103 KB);
- the same page with Save-Data and a 2g link: the essentials only;
- with 200,000 synthetic shelters in the database (as tools.bench_shelters makes them), the same first
  visit: the worker saves one page of one area's shelters, never the table (budget 200 KB).

Run: .venv/bin/python -m tools.first_visit [--langs ru,en] [--shelters 200000 | --shelters 0] [--detail]
"""

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from playwright.sync_api import sync_playwright

from preparedness.config import LANGUAGES
from preparedness.db import open_and_migrate
from preparedness.regions import load_region
from preparedness.shelters.cli import import_shelters

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, free_port

from .bench_shelters import synthetic_csv
from .nginx_run import NGINX, local_config, stop_nginx, wait_until_up
from .origin_run import start_origin

KIB = 1024
BUDGET = 100 * KIB
LARGE_BUDGET = 200_000
LARGE_SHELTERS = 200_000
QUIET_SECONDS = 1.5
IDLE_TIMEOUT_SECONDS = 60
LOG_FORMAT = "log_format first_visit '$status $bytes_sent \"$request_uri\"';"
LOG_LINE = re.compile(r'^(\d{3}) (\d+) "(.*)"$')
# A link the browser reports as 2g (effective type comes from round-trip time), and "save data" on.
SLOW_LINK = {"offline": False, "latency": 1500, "downloadThroughput": 250_000,
             "uploadThroughput": 250_000, "connectionType": "cellular2g"}


def start_logging_nginx(workdir, listen_port, origin_port):
    """deploy/nginx.conf as tools.nginx_run runs it, plus an access log of status, bytes sent and URL."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "cache").mkdir(exist_ok=True)
    (workdir / "temp").mkdir(exist_ok=True)
    text = local_config(workdir, listen_port, origin_port)
    conf = workdir / "nginx.conf"
    conf.write_text(text.replace("access_log off;",
                                 f"{LOG_FORMAT} access_log {workdir}/access.log first_visit;", 1))
    subprocess.run([NGINX, "-c", str(conf), "-p", str(workdir)], check=True, capture_output=True)
    wait_until_up(f"http://127.0.0.1:{listen_port}/healthz")
    return conf


@contextmanager
def running_site(workdir, shelters=0):
    """gunicorn on the sample data (plus `shelters` synthetic ones) behind nginx; yields (url, log)."""
    workdir.mkdir(parents=True, exist_ok=True)
    if shelters:
        add_synthetic_shelters(workdir / "origin.sqlite3", shelters)
    listen_port, origin_port = free_port(), free_port()
    origin = start_origin(workdir, origin_port)
    conf = None
    try:
        conf = start_logging_nginx(workdir / "nginx", listen_port, origin_port)
        yield f"http://127.0.0.1:{listen_port}", workdir / "nginx" / "access.log"
    finally:
        if conf:
            stop_nginx(conf)
        origin.terminate()
        origin.wait(timeout=10)


def add_synthetic_shelters(path, count):
    """A database holding `count` synthetic shelters spread over the region (as tools.bench_shelters)."""
    region = load_region("belgorod")
    db, _ = open_and_migrate(path)
    try:
        import_shelters(db, synthetic_csv(region, count, random.Random(1)), region,
                        datetime.now(timezone.utc), file_name="synthetic.csv", source="synthetic")
        db.commit()
    finally:
        db.close()


def slow_link(context, page):
    """Save-Data on and a 2g link, as DevTools would set them for this page."""
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", SLOW_LINK)
    devtools.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})


def wait_until_quiet(page, log, in_flight):
    """Until no request is open and the log has not grown for QUIET_SECONDS (or the timeout)."""
    deadline = time.monotonic() + IDLE_TIMEOUT_SECONDS
    size, since = log.stat().st_size, time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(200)
        now_size = log.stat().st_size
        if now_size != size or in_flight:
            size, since = now_size, time.monotonic()
        elif time.monotonic() - since >= QUIET_SECONDS:
            return
    raise RuntimeError("the network did not become quiet")


def log_entries(log, offset):
    """[(status, bytes sent, URL)] logged after `offset`."""
    with open(log, "rb") as lines:
        lines.seek(offset)
        found = [LOG_LINE.match(line.decode("utf-8", "replace").strip()) for line in lines]
    return [(int(m.group(1)), int(m.group(2)), m.group(3)) for m in found if m]


def visit(browser, url, log, lite=False):
    """[(status, bytes, URL)] a fresh phone profile costs the server opening `url` until quiet."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU")
    in_flight = set()
    context.on("request", lambda r: in_flight.add(r))
    context.on("requestfinished", lambda r: in_flight.discard(r))
    context.on("requestfailed", lambda r: in_flight.discard(r))
    try:
        page = context.new_page()
        if lite:
            slow_link(context, page)
        offset = log.stat().st_size
        page.goto(url)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null",
                               timeout=IDLE_TIMEOUT_SECONDS * 1000)
        wait_until_quiet(page, log, in_flight)
        return log_entries(log, offset)
    finally:
        context.close()


def summary(entries):
    """(KiB, requests) of log entries."""
    return sum(b for _s, b, _u in entries) / KIB, len(entries)


def print_entries(entries):
    """One line per request: bytes sent, status, URL (with --detail)."""
    for status, sent, url in entries:
        print(f"      {sent:7d} B  {status}  {url}")


def measure(base, log, langs, area, detail=False):
    """Print the table; returns the failures."""
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for lang in langs:
                entries = visit(browser, f"{base}/{lang}/?area={area}", log)
                kib, count = summary(entries)
                if detail:
                    print_entries(entries)
                print(f"  first visit /{lang}/?area={area:<10} {kib:6.1f} KiB in {count:3d} requests "
                      f"(budget {BUDGET / KIB:.0f} KiB)")
                if kib * KIB > BUDGET:
                    failures.append(f"first visit /{lang}/?area={area}: {kib:.1f} KiB > {BUDGET / KIB:.0f} KiB")
                failures += [f"first visit /{lang}/: HTTP {s} for {u}" for s, _b, u in entries if s >= 400]
            entries = visit(browser, f"{base}/{langs[0]}/?area={area}", log, lite=True)
            kib, count = summary(entries)
            if detail:
                print_entries(entries)
            print(f"  same, Save-Data + 2g /{langs[0]}/ {kib:6.1f} KiB in {count:3d} requests (essentials)")
        finally:
            browser.close()
    return failures


def measure_large(base, log, lang, area, shelters):
    """The first visit with `shelters` in the database: printed; returns the failures."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            entries = visit(browser, f"{base}/{lang}/?area={area}", log)
        finally:
            browser.close()
    kib, count = summary(entries)
    total = sum(b for _s, b, _u in entries)
    print(f"  with {shelters:,} shelters /{lang}/?area={area}: {total / 1000:.1f} KB in {count} requests "
          f"(budget {LARGE_BUDGET / 1000:.0f} KB)")
    if total <= LARGE_BUDGET:
        return []
    return [f"first visit with {shelters:,} shelters: {total / 1000:.1f} KB > {LARGE_BUDGET / 1000:.0f} KB"]


def check(langs=LANGUAGES, shelters=LARGE_SHELTERS, area="belgorod", detail=False):
    """Measure every language (and the large database unless `shelters` is 0); returns the failures."""
    print("first visit, service worker included (Chromium through nginx, bytes sent):")
    with tempfile.TemporaryDirectory() as tmp:
        with running_site(Path(tmp) / "sample") as (base, log):
            failures = measure(base, log, list(langs), area, detail)
        if shelters:
            with running_site(Path(tmp) / "large", shelters) as (base, log):
                failures += measure_large(base, log, list(langs)[0], area, shelters)
    return failures


def main():
    """Command line: measure, print the failures, exit non-zero on any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default=",".join(LANGUAGES))
    parser.add_argument("--shelters", type=int, default=LARGE_SHELTERS)
    parser.add_argument("--detail", action="store_true", help="print every request")
    args = parser.parse_args()
    failures = check(args.langs.split(","), args.shelters, detail=args.detail)
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
