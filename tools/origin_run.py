"""Start the app under gunicorn on loopback with its own database holding the sample data."""

import os
import subprocess
import sys
from pathlib import Path

from .nginx_run import wait_until_up

ROOT = Path(__file__).resolve().parent.parent


def origin_env(workdir):
    """Environment for an app process on `workdir`'s database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREPAREDNESS_")}
    env.update(PREPAREDNESS_DATABASE=str(Path(workdir) / "origin.sqlite3"),
               PREPAREDNESS_INSTANCE=str(workdir),
               PREPAREDNESS_SECRET_KEY="origin-secret-0123456789abcdef")
    return env


def start_origin(workdir, port, workers=2):
    """Load the sample data, then start gunicorn; returns the process."""
    env = origin_env(workdir)
    subprocess.run([sys.executable, "-m", "flask", "--app", "app", "demo"], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=120)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen([str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                                "--backlog", "4096", "--log-level", "warning", "app:app"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_until_up(f"http://127.0.0.1:{port}/healthz")
    return process
