"""A real server process and a real Chromium (Debian's) driven through Playwright."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp_path):
    """Environment for a server process on its own database and instance folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREPAREDNESS_")}
    env.update(PREPAREDNESS_DATABASE=str(tmp_path / "live.sqlite3"),
               PREPAREDNESS_INSTANCE=str(tmp_path),
               PREPAREDNESS_SECRET_KEY="browser-test-secret-0123456789")
    return env


def wait_for(url, process, seconds=20):
    """Poll `url` until it answers 200, or fail with the server's output."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer {url} within {seconds} s")


@dataclass
class Server:
    """A `flask run` process of a test's own, which the test may stop."""

    url: str
    process: subprocess.Popen

    def stop(self):
        """Take the site off the network, as a lost connection would."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def run_flask(args, env, root=ROOT, stdin=None):
    """`flask --app app ARGS` in `root`; returns the finished process (output captured)."""
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=root, env=env,
                          input=stdin, capture_output=True, text=True, timeout=60)


def start_server(tmp_path, sample_data=True, port=None, root=ROOT, commands=(), **config):
    """`flask run` of the site in `root` on its own port and database, with PREPAREDNESS_* settings.

    `commands` are (args, stdin) pairs run first, such as creating operator accounts.
    """
    env = server_env(tmp_path)
    env.update({f"PREPAREDNESS_{key}": value for key, value in config.items()})
    for args, stdin in ((["demo"], None),) * bool(sample_data) + tuple(commands):
        done = run_flask(args, env, root, stdin)
        if done.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed: {done.stderr.strip()}")
    port = port or free_port()
    # The request log goes to a file: an unread pipe would fill up and stall the server.
    with open(tmp_path / f"server-{port}.log", "a") as log:
        process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "run", "--host",
                                    "127.0.0.1", "--port", str(port)], cwd=root, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, text=True)
    running = Server(f"http://127.0.0.1:{port}", process)
    try:
        wait_for(f"{running.url}/healthz", process)
    except RuntimeError:
        running.stop()
        raise
    return running


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Base URL of `flask run` serving the sample data from a real SQLite file."""
    running = start_server(tmp_path_factory.mktemp("live"))
    yield running.url
    running.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser profile (no cookies, no storage) with a phone-sized window."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU")
    page = context.new_page()
    yield page
    context.close()
