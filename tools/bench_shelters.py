"""Shelter benchmark (not a test): import 100,000 synthetic shelters, then time nearest-5 queries.

Run: .venv/bin/python -m tools.bench_shelters [--shelters N] [--queries N]
Goals (DESIGN.md): import <= 10 s, nearest-5 p99 <= 5 ms.
"""

import argparse
import random
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from preparedness.db import open_and_migrate
from preparedness.regions import load_region
from preparedness.shelters.cli import import_shelters
from preparedness.shelters.importers import parse_csv
from preparedness.shelters.store import nearest_shelters

STREETS = ("Ленина", "Победы", "Щорса", "Гражданский проспект", "Мира", "Садовая", "Школьная",
           "Преображенская", "Костюкова", "Есенина", "Губкина", "Октябрьская")
KINDS = ("убежище", "подвал", "паркинг", "переход", "ПРУ", "простейшее укрытие")
STATUSES = ("открыто", "закрыто", "", "заполнено")


def synthetic_csv(region, count, rng):
    """A semicolon CSV (Russian headers, decimal commas) of `count` shelters inside the region."""
    box = region.bbox
    lines = ["код;наименование;адрес;широта;долгота;вместимость;тип;статус;дата проверки"]
    for i in range(count):
        lat = rng.uniform(box["min_lat"], box["max_lat"])
        lon = rng.uniform(box["min_lon"], box["max_lon"])
        point = f"{lat:.6f};{lon:.6f}".replace(".", ",")
        lines.append(f"b{i};Укрытие № {i};ул. {rng.choice(STREETS)}, {rng.randint(1, 200)};{point};"
                     f"{rng.randint(10, 500)};{rng.choice(KINDS)};{rng.choice(STATUSES)};"
                     f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2025")
    return ("\n".join(lines) + "\n").encode("utf-8")


def percentile(sorted_values, fraction):
    """The value at `fraction` (0..1) of a sorted list."""
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def main():
    """Build the database in a temporary folder, import, query, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shelters", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    region = load_region("belgorod")
    data = synthetic_csv(region, args.shelters, rng)
    started, cpu = time.perf_counter(), time.process_time()
    parse_csv(data, region, "bench")
    print(f"parsing alone (pure, no database): {time.perf_counter() - started:.2f} s "
          f"(CPU {time.process_time() - cpu:.2f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        db, _ = open_and_migrate(Path(tmp) / "bench.sqlite3")
        started, cpu = time.perf_counter(), time.process_time()
        report = import_shelters(db, data, region, datetime.now(timezone.utc),
                                 file_name="bench.csv", source="bench")
        import_s, import_cpu = time.perf_counter() - started, time.process_time() - cpu
        # CPU time too: on a busy machine the wall clock also counts other processes' turns.
        print(f"import of {args.shelters:,} shelters ({len(data) / 1e6:.1f} MB CSV): "
              f"{import_s:.2f} s (CPU {import_cpu:.2f} s) [{report.summary()}] (goal <= 10 s)")
        box = region.bbox
        timings, cpu_timings = [], []
        for _ in range(args.queries):
            lat = rng.uniform(box["min_lat"], box["max_lat"])
            lon = rng.uniform(box["min_lon"], box["max_lon"])
            started, cpu = time.perf_counter(), time.process_time()
            found = nearest_shelters(db, lat, lon, 5)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_timings.append((time.process_time() - cpu) * 1000)
            assert len(found) == 5
        timings.sort()
        cpu_timings.sort()
        print(f"nearest 5 over {args.queries:,} random points: p50 {percentile(timings, .5):.2f} ms, "
              f"p99 {percentile(timings, .99):.2f} ms, max {timings[-1]:.2f} ms "
              f"(CPU p99 {percentile(cpu_timings, .99):.2f} ms) (goal p99 <= 5 ms)")
        db.close()


if __name__ == "__main__":
    main()
