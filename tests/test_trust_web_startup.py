"""A database the app cannot start on stops gunicorn with one line, instead of a restart loop."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_gunicorn_stops_after_one_failed_boot_per_worker(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREPAREDNESS_")}
    env.update(PREPAREDNESS_DATABASE=str(tmp_path / "missing-folder" / "db.sqlite3"),
               PREPAREDNESS_INSTANCE=str(tmp_path), PREPAREDNESS_SECRET_KEY="startup-secret-0123456789")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    done = subprocess.run([str(gunicorn), "--workers", "2", "--bind", "127.0.0.1:0", "app:app"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3     # deploy/preparedness.service: RestartPreventExitStatus=3
    assert done.stderr.count("Booting worker") <= 2
    assert "preparedness cannot start: database folder" in done.stderr
    assert "restore" not in done.stderr
