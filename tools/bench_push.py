"""Web Push benchmark (not a test): fan-out rate, and a channel post's way to 10,000 lock screens.

Run: .venv/bin/python -m tools.bench_push [--subscriptions N] [--e2e-subscriptions N] [--trials N]

1. Fan-out: N subscriptions (100,000) for one area, one missile notice, `push drain`'s code path
   against a local push service in a second process that decrypts every message with its
   subscription's private key and checks the VAPID token (tools/push_endpoint.py). Goal: ≤ 60 s
   (aim 30 s), 0 lost: every subscription got exactly one message and nothing failed to decrypt.
2. End to end: a saved channel preview page served locally, `flask notices watch` polling it every
   15 s (the default) in its own process; a post appears at a random moment of the poll cycle and the
   time until the last of 10,000 pushes has been decrypted is measured. Goal: max ≤ interval + 5 s.
Exits non-zero when a goal is missed.
"""

import argparse
import json
import multiprocessing
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from preparedness import create_app
from preparedness.db import connect, transaction
from preparedness.notices.store import iso, save_notice
from preparedness.push.keys import create_keys
from preparedness.push.send import drain
from preparedness.push.store import enqueue
from tests.channel_pages import ChannelServer
from tools.push_endpoint import serve, subscription

ROOT = Path(__file__).resolve().parent.parent
FANOUT_GOAL_S, FANOUT_AIM_S = 60.0, 30.0
INTERVAL_S = 15.0
LANGS = ("ru", "uk", "en", "uz", "tg", "ky", "hy", "zh", "ar")
AREA = "shebekino"


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_endpoint():
    """The local push service in its own process; returns (process, base URL)."""
    port = free_port()
    process = multiprocessing.get_context("spawn").Process(target=serve, args=(port,), daemon=True)
    process.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            stats(url)
            return process, url
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the local push service did not start")


def sender_cpu():
    """CPU seconds of this process and of its finished worker processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def stats(url):
    """What the local push service has received so far."""
    with urllib.request.urlopen(f"{url}/stats", timeout=5) as response:
        return json.loads(response.read())


def make_app(folder, endpoint_url):
    """An app on a fresh database in `folder`, with its own VAPID key, sending to the local service."""
    key = folder / "vapid_private.pem"
    create_keys(key)
    return create_app({"TESTING": True, "SECRET_KEY": "bench-secret-0123456789",
                       "DATABASE": str(folder / "bench.sqlite3"), "PUSH_VAPID_KEY_FILE": str(key),
                       "PUSH_SERVICES": [endpoint_url + "/"], "PUSH_SEND_FROM_WEB": False})


def add_subscriptions(app, endpoint_url, count):
    """`count` subscriptions for AREA, languages in turn (written as the API writes them)."""
    db = connect(app.config["DATABASE"])
    stamp = iso(datetime.now(timezone.utc))
    rows = []
    for i in range(count):
        keys = subscription(i, endpoint_url)["keys"]
        rows.append((i + 1, f"{endpoint_url}/push/{i}", keys["p256dh"], keys["auth"], LANGS[i % len(LANGS)],
                     stamp, stamp))
    with transaction(db):
        db.executemany("INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, lang, created_at, "
                       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT INTO push_subscription_areas (area, subscription_id) VALUES (?, ?)",
                       [(AREA, r[0]) for r in rows])
    db.close()


def publish_missile(app):
    """One published missile notice for AREA, queued for sending; returns the job ids."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    notice = {"identifier": "bench-missile", "sender": "bench", "sent": iso(now), "status": "Actual",
              "msg_type": "Alert", "refs": None, "kind": "missile", "severity": "Extreme",
              "urgency": "Immediate", "certainty": "Observed", "effective": iso(now),
              "expires": iso(now + timedelta(hours=1)), "region_wide": 0, "areas": [AREA],
              "source": "bench", "url": None, "original_lang": "ru", "publication": "published",
              "is_sample": 0, "received_at": iso(now), "raw": None,
              "texts": {"ru": {"event": "", "headline": "Ракетная опасность", "description": "",
                               "instruction": ""}}}
    db = connect(app.config["DATABASE"])
    with transaction(db):
        notice_id, _ = save_notice(db, notice)
    with app.app_context():
        jobs = enqueue(db, [notice_id], now)
    db.close()
    return jobs


def bench_fanout(count):
    """Send one notice to `count` subscriptions; returns (seconds, stats, tally)."""
    process, url = start_endpoint()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            app = make_app(Path(tmp), url)
            add_subscriptions(app, url, count)
            publish_missile(app)
            before, cpu = stats(url)["cpu"], sender_cpu()
            started = time.monotonic()
            [(_, tally, _)] = drain(app)
            seconds = time.monotonic() - started
            got = stats(url)
            got["cpu_sender"], got["cpu_receiver"] = sender_cpu() - cpu, got["cpu"] - before
            return seconds, got, tally
    finally:
        process.terminate()
        process.join(5)


def watch_process(folder, app, channel_url):
    """`flask notices watch` on the benchmark's database, polling the local channel every 15 s."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREPAREDNESS_")}
    sources = [{"name": "governor", "url": f"{channel_url}/s/belgorod_gov", "format": "telegram-channel",
                "trusted": True}]
    env.update(PREPAREDNESS_DATABASE=app.config["DATABASE"], PREPAREDNESS_INSTANCE=str(folder),
               PREPAREDNESS_SECRET_KEY="bench-secret-0123456789",
               PREPAREDNESS_PUSH_VAPID_KEY_FILE=app.config["PUSH_VAPID_KEY_FILE"],
               PREPAREDNESS_PUSH_SERVICES=json.dumps(app.config["PUSH_SERVICES"]),
               PREPAREDNESS_NOTICE_SOURCES=json.dumps(sources), PYTHONUNBUFFERED="1")
    log = open(folder / "watch.log", "w")
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "notices", "watch"], cwd=ROOT,
                            env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for_count(url, target, timeout):
    """Poll the push service until it holds `target` messages; returns its stats."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = stats(url)
        if got["count"] >= target or got["error_count"]:
            return got
        time.sleep(0.05)
    return stats(url)


def bench_end_to_end(count, trials):
    """Posts appearing on a channel page → pushes decrypted; returns per-trial seconds and stats."""
    process, url = start_endpoint()
    channel = ChannelServer()
    latencies, got = [], {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            app = make_app(folder, url)
            add_subscriptions(app, url, count)
            start = datetime.now(timezone.utc).replace(microsecond=0)
            channel.pages["belgorod_gov"] = [(1, "Проверьте запасы воды и лекарств.", start, False)]
            watcher = watch_process(folder, app, channel.url)
            try:
                time.sleep(INTERVAL_S + 3)            # the first poll reads the channel's history
                for trial in range(trials):
                    time.sleep(random.uniform(0, INTERVAL_S))
                    text = ("Ракетная опасность! Шебекино. Пройдите в укрытие." if trial % 2 == 0
                            else "Отбой ракетной опасности. Шебекино.")
                    posted = time.monotonic()
                    channel.pages["belgorod_gov"].append((trial + 2, text, datetime.now(timezone.utc)
                                                          .replace(microsecond=0), False))
                    first = wait_for_count(url, count * trial + 1, INTERVAL_S + 60)
                    got = wait_for_count(url, count * (trial + 1), INTERVAL_S + 120)
                    latencies.append((got["last"] - posted, first["now"] - posted))
            finally:
                watcher.terminate()
                watcher.wait(30)
    finally:
        channel.stop()
        process.terminate()
        process.join(5)
    return latencies, got


def main():
    """Run both parts, print the numbers, exit non-zero when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--e2e-subscriptions", type=int, default=10_000)
    parser.add_argument("--trials", type=int, default=3)
    args = parser.parse_args()
    ok = True
    seconds, got, tally = bench_fanout(args.subscriptions)
    lost = args.subscriptions - got["distinct"]
    print(f"fan-out: {args.subscriptions:,} subscriptions in {seconds:.1f} s "
          f"({args.subscriptions / seconds:,.0f}/s; goal ≤ {FANOUT_GOAL_S:.0f} s, aim {FANOUT_AIM_S:.0f} s); "
          f"delivered {got['count']:,}, lost {lost}, duplicates {got['duplicates']}, "
          f"undecryptable {got['error_count']}, VAPID tokens {got['tokens']}, sender retries "
          f"{len(tally.retries)}; CPU seconds: sender {got['cpu_sender']:.1f}, push service "
          f"{got['cpu_receiver']:.1f} (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    ok = ok and seconds <= FANOUT_GOAL_S and lost == 0 and got["error_count"] == 0
    latencies, got = bench_end_to_end(args.e2e_subscriptions, args.trials)
    ordered = sorted(last for last, _ in latencies)
    p50 = ordered[len(ordered) // 2] if ordered else float("nan")
    worst = ordered[-1] if ordered else float("nan")
    print(f"end to end: post on the channel page -> last of {args.e2e_subscriptions:,} pushes decrypted, "
          f"{len(latencies)} posts, poll every {INTERVAL_S:.0f} s: p50 {p50:.1f} s, max {worst:.1f} s "
          f"(goal ≤ {INTERVAL_S + 5:.0f} s); each post (first push / last push): "
          f"{', '.join(f'{first:.1f}/{last:.1f}' for last, first in latencies)} s; "
          f"undecryptable {got.get('error_count', '?')}")
    ok = ok and len(latencies) == args.trials and worst <= INTERVAL_S + 5 and not got.get("error_count")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
