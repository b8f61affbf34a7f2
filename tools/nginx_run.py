"""Run deploy/nginx.conf on loopback: rewrite only the lines marked "# site:" and start nginx."""

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def local_config(workdir, listen_port, origin_port, static_dir=ROOT / "static"):
    """deploy/nginx.conf with its site lines pointed at `workdir` and loopback ports."""
    workdir = Path(workdir)
    values = {
        "user": "user root;" if os.geteuid() == 0 else "",
        "pid": f"pid {workdir}/nginx.pid;",
        "error_log": f"error_log {workdir}/error.log warn;",
        "access_log": "access_log off;",
        "cache": f"proxy_cache_path {workdir}/cache levels=1:2 keys_zone=preparedness:32m",
        "temp": f"proxy_temp_path {workdir}/temp;",
        "upstream": f"server 127.0.0.1:{origin_port};",
        "listen": f"listen 127.0.0.1:{listen_port} reuseport;",
        "static": f"alias {static_dir}/;",
    }
    lines = []
    for line in (ROOT / "deploy" / "nginx.conf").read_text().splitlines():
        match = re.search(r"#\s*site:\s*(\w+)", line)
        if match:
            indent = line[: len(line) - len(line.lstrip())]
            lines.append(indent + values[match.group(1)])
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def start_nginx(workdir, listen_port, origin_port, extra_server=""):
    """Start nginx in the foreground-less daemon mode with the local config; returns its config path."""
    workdir = Path(workdir)
    (workdir / "cache").mkdir(parents=True, exist_ok=True)
    (workdir / "temp").mkdir(exist_ok=True)
    text = local_config(workdir, listen_port, origin_port)
    if extra_server:
        text = text.rstrip().rstrip("}") + extra_server + "\n}\n"
    conf = workdir / "nginx.conf"
    conf.write_text(text)
    subprocess.run([NGINX, "-t", "-q", "-c", str(conf), "-p", str(workdir)], check=True,
                   capture_output=True)
    subprocess.run([NGINX, "-c", str(conf), "-p", str(workdir)], check=True, capture_output=True)
    wait_until_up(f"http://127.0.0.1:{listen_port}/static/css/site.css")
    return conf


def stop_nginx(conf):
    """Stop the nginx started with `conf`."""
    subprocess.run([NGINX, "-c", str(conf), "-p", str(Path(conf).parent), "-s", "stop"],
                   capture_output=True)


def wait_until_up(url, seconds=15):
    """Poll `url` until it answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")
