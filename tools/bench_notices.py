"""Notices import benchmark (not a test): a 10,000-message Telegram export and 1,000 CAP files.

Run: .venv/bin/python -m tools.bench_notices [--messages N] [--cap-files N]
Both go through the real `flask notices import` command on a fresh database file.
Goal (issue 3): each import finishes in under 10 s. Exits non-zero when one does not.
"""

import argparse
import json
import logging
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from preparedness import create_app
from preparedness.regions import load_region

GOAL_S = 10.0
START = datetime(2026, 3, 1, 7, 0, tzinfo=timezone.utc)
# Posts as a governor's channel words them; {area} is an area's name.
POSTS = ("Ракетная опасность! {area}. Пройдите в укрытие.",
         "Опасность атаки БПЛА: {area}. Оставайтесь в укрытии.",
         "Отбой ракетной опасности. {area}.",
         "Авиационная опасность. {area}. Пройдите в укрытие.",
         "Обнаружен взрывоопасный предмет: {area}. Не подходите.",
         "Плановое отключение электроэнергии: {area}, с 10:00 до 16:00.")
CAP_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>bench-{n}</identifier><sender>bench@example.invalid</sender>
  <sent>{sent}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>ru-RU</language><category>Safety</category><event>Ракетная опасность</event>
    <urgency>Immediate</urgency><severity>Extreme</severity><certainty>Likely</certainty>
    <expires>{expires}</expires><headline>Ракетная опасность {n}</headline>
    <description>Пройдите в укрытие.</description>
    <area><areaDesc>{area}</areaDesc><circle>{lat},{lon} 5</circle></area></info>
  <info><language>en-GB</language><category>Safety</category><event>Missile danger</event>
    <urgency>Immediate</urgency><severity>Extreme</severity><certainty>Likely</certainty>
    <expires>{expires}</expires><headline>Missile danger {n}</headline>
    <description>Go to a shelter.</description>
    <area><areaDesc>{area_en}</areaDesc><circle>{lat},{lon} 5</circle></area></info>
</alert>
"""


def telegram_export(region, count, rng):
    """A Telegram Desktop channel export of `count` posts (every tenth with entities, some edited)."""
    messages = [{"id": 1, "type": "service", "date": "2026-03-01T09:00:00", "action": "create_channel",
                 "date_unixtime": str(int(START.timestamp())), "text": ""}]
    for i in range(count):
        area = rng.choice(region.areas)
        sent = START + timedelta(seconds=30 * i)
        text = rng.choice(POSTS).format(area=area.names["ru"])
        message = {"id": i + 2, "type": "message", "date": sent.strftime("%Y-%m-%dT%H:%M:%S"),
                   "date_unixtime": str(int(sent.timestamp())), "from": "Bench channel", "text": text}
        if i % 10 == 0:
            head, _, tail = text.partition(" ")
            message["text"] = [{"type": "bold", "text": head}, " ", tail]
        if i % 25 == 0:
            message["edited_unixtime"] = str(int((sent + timedelta(minutes=2)).timestamp()))
        messages.append(message)
    return json.dumps({"name": "Bench channel", "type": "public_channel", "id": 777,
                       "messages": messages}, ensure_ascii=False).encode("utf-8")


def cap_files(region, count, folder, rng):
    """`count` CAP 1.2 alerts (ru and en info blocks, a circle each) written to `folder`."""
    paths = []
    for n in range(count):
        area = rng.choice(region.areas)
        sent = START + timedelta(seconds=60 * n)
        path = folder / f"alert-{n:04d}.xml"
        path.write_text(CAP_TEMPLATE.format(
            n=n, sent=sent.isoformat(), expires=(sent + timedelta(hours=1)).isoformat(),
            area=area.names["ru"], area_en=area.names["en"], lat=area.centre[0], lon=area.centre[1]),
            encoding="utf-8")
        paths.append(str(path))
    return paths


def timed_import(app, paths):
    """Run `flask notices import` on `paths`; (seconds, output). Exits if the command failed."""
    runner = app.test_cli_runner()
    started = time.perf_counter()
    result = runner.invoke(args=["notices", "import", *paths])
    seconds = time.perf_counter() - started
    if result.exit_code != 0:
        sys.exit(f"import failed: {result.output}")
    return seconds, result.output


def main():
    """Generate the inputs, import each into its own fresh database, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--cap-files", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    region = load_region("belgorod")
    missed = []
    logging.getLogger("preparedness").setLevel(logging.ERROR)    # "created a new empty database"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        export = tmp / "result.json"
        export.write_bytes(telegram_export(region, args.messages, rng))
        (tmp / "cap").mkdir()
        caps = cap_files(region, args.cap_files, tmp / "cap", rng)
        for label, paths, count in (("Telegram export", [str(export)], args.messages),
                                    ("CAP files", caps, args.cap_files)):
            app = create_app({"SECRET_KEY": "bench-only-secret-key-0123456789", "NOW": START + timedelta(days=4),
                              "DATABASE": str(tmp / f"{label.split()[0].lower()}.sqlite3")})
            seconds, output = timed_import(app, paths)
            summary = output.splitlines()[0].split(": ", 1)[1] if len(paths) == 1 else (
                f"{output.count(': imported 1,')} files imported 1 notice each")
            print(f"import of {count:,} {'messages' if len(paths) == 1 else 'CAP files'} ({label}): "
                  f"{seconds:.2f} s, {count / seconds:,.0f}/s [{summary}] (goal < {GOAL_S:.0f} s)")
            if seconds >= GOAL_S:
                missed.append(label)
    if missed:
        sys.exit(f"over budget: {', '.join(missed)}")


if __name__ == "__main__":
    main()
