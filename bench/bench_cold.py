#!/usr/bin/env python
"""Cold renders: what a programme page costs when the cache is empty.

    .venv/bin/python bench/bench_cold.py [--write] [--sizes 300,2000] [--runs 15]
    .venv/bin/python bench/bench_cold.py --profile [--sizes 300]

For each size N, makes its own PostgreSQL database (isf_bench_cold, dropped
and made again), loads the season and `load_demo --activities N`, then
renders in this process, through the whole middleware stack (Django's test
client, production's settings otherwise: DEBUG off, cached template
loaders), each page with the cache emptied before every request:

- a programme day (/ar/programme/?day=…, the demo season's busiest day),
- a masar page (/ar/masarat/<slug>/, every day of one masar),
- the all-days list (/ar/programme/?day=all),

and prints the median and the best of `--runs` renders in milliseconds.
"Cold" means nothing at all in the cache: no page, no activity card, as
right after a moderator's edit (the programme version changes). "Cards
cached" is the next page of the same version: rendered, but its activity
cards come from the cache in one round trip (activities/cards.py).

--profile prints cProfile's top functions for the programme day instead.
--write puts the table into docs/performance.md (section "Cold renders").

Goals (issue 15): a programme day <= 25 ms at 300 activities and <= 60 ms
at 2,000. Timings depend on the machine and on what else runs on it.
"""

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE = os.environ.get("BENCH_DATABASE", "isf_bench_cold")
PG = ["-h", "127.0.0.1", "-U", "postgres"]
MARK_START = "<!-- cold:start -->"
MARK_END = "<!-- cold:end -->"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def prepare_database(size):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum.settings.test",
        "DATABASE_URL": DATABASE_URL,
    }
    print(f"== database {DATABASE}: migrate, seed_season, load_demo --activities {size}")
    subprocess.run(["dropdb", *PG, "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", *PG, DATABASE], check=True)
    manage = [PYTHON, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["seed_season"]):
        subprocess.run(
            [*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run([*manage, "load_demo", "--activities", str(size)], cwd=ROOT, env=env, check=True)


def measure(size, runs, profile=False):
    """Run in a child process per size (a fresh database connection and
    fresh module state): returns {page: (median ms, best ms, bytes)}."""
    command = [PYTHON, __file__, "--child", str(runs)]
    if profile:
        command.append("--profile")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum.settings.test",
        "DATABASE_URL": DATABASE_URL,
        "ALLOWED_HOSTS": "testserver",
    }
    out = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=not profile)
    if profile:
        return {}
    rows = {}
    for line in out.stdout.decode().splitlines():
        if line.startswith("ROW\t"):
            _, page, median, cpu, best, size_bytes = line.split("\t")
            rows[page] = (float(median), float(cpu), float(best), int(size_bytes))
    return rows


def child(runs, profile):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    from django.core.cache import cache
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from activities.models import Activity, Masar
    from forum.models import Season

    season = Season.objects.get(is_current=True)
    busiest = (
        Activity.objects.published()
        .filter(season=season)
        .values_list("starts_at", flat=True)
        .order_by("starts_at")
    )
    with timezone.override(season.time_zone):
        days = {}
        for starts_at in busiest:
            day = timezone.localdate(starts_at)
            days[day] = days.get(day, 0) + 1
    day = max(days, key=days.get)
    masar = (
        Masar.objects.filter(season=season)
        .annotate(n=Count("activities"))
        .order_by("-n", "order")
        .first()
    )
    pages = {
        f"programme day ({days[day]} activities)": f"/ar/programme/?day={day.isoformat()}",
        "masar page": f"/ar/masarat/{masar.slug}/",
        "all days": "/ar/programme/?day=all",
    }
    client = Client()
    for url in pages.values():  # warm up: templates compiled, translations loaded
        assert client.get(url).status_code == 200, url

    def timed(url):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu) * 1000
        assert response.status_code == 200
        return elapsed, cpu, len(response.content)

    def cold(url):
        cache.clear()
        return timed(url)

    def cards_cached(url):
        # Another page of this programme version was rendered (its cards are
        # in the cache); this page was not.
        cache.clear()
        client.get(pages["all days"])
        for key in list(cache._cache):
            if ":programme:card:" not in key:
                del cache._cache[key]
        return timed(url)

    if profile:
        import cProfile
        import pstats

        url = next(iter(pages.values()))
        profiler = cProfile.Profile()
        for _ in range(runs):
            cache.clear()
            profiler.enable()
            client.get(url)
            profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(120)
        stats.sort_stats("tottime").print_stats(30)
        return

    for name, url in pages.items():
        for label, how in (("cold", cold), ("cards cached", cards_cached)):
            timings = [how(url) for _ in range(runs)]
            wall = statistics.median(t[0] for t in timings)
            cpu = statistics.median(t[1] for t in timings)
            best = min(t[0] for t in timings)
            print(f"ROW\t{name}, {label}\t{wall:.1f}\t{cpu:.1f}\t{best:.1f}\t{timings[0][2]}")


def table(results, load):
    lines = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with `bench/bench_cold.py` on "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()} (load average {load[0]:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after).",
        "",
        "| activities | page | median | CPU (median) | best | HTML |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for size, rows in results.items():
        for page, (median, cpu, best, size_bytes) in rows.items():
            lines.append(
                f"| {size:,} | {page} | {median:.1f} ms | {cpu:.1f} ms | {best:.1f} ms | "
                f"{size_bytes / 1024:.0f} KB |"
            )
    return "\n".join(lines)


def write(text):
    path = ROOT / "docs" / "performance.md"
    doc = path.read_text()
    block = f"{MARK_START}\n{text}\n{MARK_END}"
    start, end = doc.find(MARK_START), doc.find(MARK_END)
    if start == -1 or end == -1:
        raise SystemExit("docs/performance.md has no cold:start/cold:end markers")
    path.write_text(doc[:start] + block + doc[end + len(MARK_END) :])
    print(f"written to {path}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), "--profile" in sys.argv)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="300,2000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-load", action="store_true", help="reuse the database as it is")
    args = parser.parse_args()
    load = os.getloadavg()
    results = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        if not args.no_load:
            prepare_database(size)
        results[size] = measure(size, args.runs, profile=args.profile)
    if args.profile:
        return
    text = table(results, load)
    print(text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
