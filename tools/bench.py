"""`make bench`: wrk against gunicorn (origin), the nginx cache, and nginx serving a static copy."""

import re
import resource
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from .nginx_run import start_nginx, stop_nginx
from .origin_run import start_origin

PAGE = "/ru/?area=belgorod"
DURATION = "5s"
REPEATS = 3  # each figure is the median of this many runs, taken in turn across targets
PORTS = {"origin": 18400, "cache": 18401, "static": 18402}


def wrk(url, connections, threads=2):
    """Run wrk once; returns {rps, p50_ms, p99_ms, errors}."""
    result = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{DURATION}", "--latency",
                             "--timeout", "5s", url], capture_output=True, text=True, check=True)
    out = result.stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
            "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)), "errors": errors}


def _ms(text):
    """wrk's '1.23ms' / '850.00us' / '1.2s' as milliseconds."""
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


# Headers any host of this site must send, a static one too; the copy carries them like the origin.
COPIED_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                  "Permissions-Policy", "Strict-Transport-Security", "Cache-Control")


def static_server(copy_dir, port, headers):
    """An extra nginx server block that serves the saved page as a plain file, with the same headers."""
    adds = "".join(f'add_header {name} "{headers[name]}"; ' for name in COPIED_HEADERS if name in headers)
    return f"""
    server {{
        listen 127.0.0.1:{port} reuseport;
        root {copy_dir};
        location / {{ try_files /page.html =404; default_type text/html; {adds}}}
    }}"""


def main():
    """Measure, print the table, exit non-zero when a budget from DESIGN.md is missed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(65535, hard), hard))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        origin = start_origin(tmp, PORTS["origin"], workers=4)
        copy_dir = tmp / "copy"
        copy_dir.mkdir()
        with urllib.request.urlopen(f"http://127.0.0.1:{PORTS['origin']}{PAGE}") as response:
            (copy_dir / "page.html").write_bytes(response.read())
            headers = response.headers
        conf = start_nginx(tmp / "nginx", PORTS["cache"], PORTS["origin"],
                           extra_server=static_server(copy_dir, PORTS["static"], headers))
        try:
            rows = run_all()
        finally:
            stop_nginx(conf)
            origin.terminate()
            origin.wait(timeout=10)
    return report(rows)


def run_all():
    """Every (target, connections) measurement: medians of REPEATS runs taken in turn."""
    urls = {"origin": f"http://127.0.0.1:{PORTS['origin']}{PAGE}",
            "cache": f"http://127.0.0.1:{PORTS['cache']}{PAGE}",
            "static": f"http://127.0.0.1:{PORTS['static']}/"}
    for url in urls.values():
        urllib.request.urlopen(url).read()  # warm the cache
    runs = {}
    for _ in range(REPEATS):
        for connections in (64, 1000):
            for name, url in urls.items():
                runs.setdefault((name, connections), []).append(wrk(url, connections))
    return {key: median_run(results) for key, results in runs.items()}


def median_run(results):
    """The run with the median rate; errors summed over all runs."""
    ordered = sorted(results, key=lambda r: r["rps"])
    return dict(ordered[len(ordered) // 2], errors=sum(r["errors"] for r in results))


def report(rows):
    """Print the table and ratios; returns the exit status."""
    print(f"{'target':<8} {'conns':>6} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for (name, connections), r in rows.items():
        print(f"{name:<8} {connections:>6} {r['rps']:>10.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
              f"{r['errors']:>7}")
    failures = []
    for connections in (64, 1000):
        static = rows[("static", connections)]["rps"]
        cache_ratio = rows[("cache", connections)]["rps"] / static
        origin_ratio = rows[("origin", connections)]["rps"] / static
        print(f"at {connections} connections: cache/static {cache_ratio:.2f}, origin/static {origin_ratio:.2f}")
        if cache_ratio < 0.9:
            failures.append(f"cache is {cache_ratio:.0%} of static at {connections} connections (goal 90%)")
    origin = rows[("origin", 64)]
    if origin["rps"] < 1000 or origin["p99_ms"] > 100:
        failures.append(f"origin {origin['rps']:.0f} req/s, p99 {origin['p99_ms']:.0f} ms at 64 connections "
                        "(goal 1,000 req/s, p99 100 ms)")
    if rows[("cache", 1000)]["errors"]:
        failures.append(f"{rows[('cache', 1000)]['errors']} errors through the cache at 1,000 connections")
    for failure in failures:
        print(f"MISSED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
