"""Shelter benchmark (not a test): import synthetic shelters, then time nearest-5 queries.

Run: .venv/bin/python -m tools.bench_shelters [--shelters N] [--queries N]
Goals (DESIGN.md, issue 17): import of 100,000 <= 10 s; nearest-5 p99 <= 5 ms with 200,000 shelters
anywhere in and around the region: inside, on its edges and corners, and up to a degree outside.
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
from preparedness.shelters.nearest import nearest_search

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


def query_points(box, count, rng):
    """(name, points): random points inside the box, on its edges and corners, and outside it."""
    def inside():
        """A point anywhere in the box."""
        return rng.uniform(box["min_lat"], box["max_lat"]), rng.uniform(box["min_lon"], box["max_lon"])

    def edge():
        """A point on one of the box's sides."""
        lat, lon = inside()
        return rng.choice(((box["min_lat"], lon), (box["max_lat"], lon), (lat, box["min_lon"]),
                           (lat, box["max_lon"])))

    def outside():
        """A point up to a degree beyond one side of the box (the API answers up to REGION_MARGIN out)."""
        lat, lon = inside()
        away = rng.uniform(0, 1)
        return rng.choice(((box["min_lat"] - away, lon), (box["max_lat"] + away, lon),
                           (lat, box["min_lon"] - away), (lat, box["max_lon"] + away)))

    corners = [(a, b) for a in (box["min_lat"] - 1, box["min_lat"], box["max_lat"], box["max_lat"] + 1)
               for b in (box["min_lon"] - 1, box["min_lon"], box["max_lon"], box["max_lon"] + 1)]
    return [("inside the region", [inside() for _ in range(count)]),
            ("on its edges", [edge() for _ in range(count // 2)]),
            ("around it, up to 1 degree out", [outside() for _ in range(count // 2)]),
            ("corners, in and out", corners * max(1, count // 50))]


def percentile(sorted_values, fraction):
    """The value at `fraction` (0..1) of a sorted list."""
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def main():
    """Build the database in a temporary folder, import, query, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shelters", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    failed = False
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
              f"{import_s:.2f} s (CPU {import_cpu:.2f} s) [{report.summary()}] (goal <= 10 s for 100,000)")
        for name, points in query_points(region.bbox, args.queries, rng):
            timings, cpu_timings, rows = [], [], []
            for lat, lon in points:
                started, cpu = time.perf_counter(), time.process_time()
                found, read = nearest_search(db, lat, lon, 5)
                timings.append((time.perf_counter() - started) * 1000)
                cpu_timings.append((time.process_time() - cpu) * 1000)
                rows.append(read)
                assert len(found) == 5
            for values in (timings, cpu_timings, rows):
                values.sort()
            failed = failed or percentile(cpu_timings, .99) > 5
            print(f"nearest 5, {name} ({len(points):,} points): p50 {percentile(timings, .5):.2f} ms, "
                  f"p99 {percentile(timings, .99):.2f} ms, max {timings[-1]:.2f} ms "
                  f"(CPU p99 {percentile(cpu_timings, .99):.2f} ms; rows read p99 "
                  f"{percentile(rows, .99)}, max {rows[-1]}) (goal p99 <= 5 ms)")
        db.close()
    if failed:
        raise SystemExit("nearest-5 p99 is over 5 ms")


if __name__ == "__main__":
    main()
