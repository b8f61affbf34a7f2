"""`flask notices watch` as it runs in production: a slow source does not hold up a live one, one
line per change, and SIGTERM ends it cleanly."""

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.channel_pages import ChannelServer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def channel():
    server = ChannelServer()
    server.slow_seconds = 3
    yield server
    server.stop()


def watch(tmp_path, sources):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREPAREDNESS_")}
    env.update(PREPAREDNESS_DATABASE=str(tmp_path / "watch.sqlite3"), PREPAREDNESS_INSTANCE=str(tmp_path),
               PREPAREDNESS_SECRET_KEY="watch-test-secret-0123456789", PYTHONUNBUFFERED="1",
               PREPAREDNESS_NOTICE_SOURCES=json.dumps(sources), PREPAREDNESS_NOTICE_POLL_TIMEOUT="1")
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "notices", "watch"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in process.stdout],
                     daemon=True).start()
    return process, lines


SEEN = []


def wait_line(lines, start, seconds=10):
    deadline = time.monotonic() + seconds
    seen = SEEN
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.1)
        except queue.Empty:
            continue
        seen.append(line)
        if line.startswith(start):
            return line
    raise AssertionError(f"no line starting {start!r} in {seen}")


def test_live_source_is_not_delayed_by_a_slow_one_and_sigterm_stops_it(tmp_path, channel):
    now = datetime.now(timezone.utc).replace(microsecond=0)
    channel.pages["belgorod_gov"] = [(1, "Проверьте запасы воды и лекарств.", now, False)]
    channel.pages["slow"] = []
    sources = [{"name": "slow", "url": f"{channel.url}/s/slow", "format": "telegram-channel",
                "trusted": True, "interval_seconds": 0.5},
               {"name": "governor", "url": f"{channel.url}/s/belgorod_gov", "format": "telegram-channel",
                "trusted": True, "interval_seconds": 0.5}]
    process, lines = watch(tmp_path, sources)
    try:
        wait_line(lines, "watching 2 sources", 20)
        wait_line(lines, "governor: new 1")
        posted = time.monotonic()
        channel.pages["belgorod_gov"].append((2, "Ракетная опасность! Шебекино. Пройдите в укрытие.",
                                              now, False))
        line = wait_line(lines, "governor: new 1")
        assert time.monotonic() - posted < 2.5, "the slow source held up the live one"
        assert "imported 1" in line
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        rest = []
        while not lines.empty():
            rest.append(lines.get())
        assert rest[-1] == "stopped", rest
        errors = [line for line in SEEN + rest if line.startswith("slow: error:")]
        assert len(errors) == 1 and "timed out" in errors[0]           # logged once, not every poll
    finally:
        if process.poll() is None:
            process.kill()
