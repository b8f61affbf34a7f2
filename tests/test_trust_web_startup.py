"""A database the app cannot start on stops gunicorn with one line, instead of a restart loop.

The check runs in gunicorn's master (gunicorn.conf.py): with workers alone, two workers failing
together could stop gunicorn with status 1, which systemd restarts in a loop."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_gunicorn_stops_before_any_worker_boots(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREPAREDNESS_")}
    env.update(PREPAREDNESS_DATABASE=str(tmp_path / "missing-folder" / "db.sqlite3"),
               PREPAREDNESS_INSTANCE=str(tmp_path), PREPAREDNESS_SECRET_KEY="startup-secret-0123456789")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    done = subprocess.run([str(gunicorn), "--workers", "4", "--bind", "127.0.0.1:0", "app:app"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3     # deploy/preparedness.service: RestartPreventExitStatus=3
    assert "Booting worker" not in done.stderr
    assert done.stderr.count("preparedness cannot start") == 1
    assert "preparedness cannot start: database folder" in done.stderr
    assert "restore" not in done.stderr
