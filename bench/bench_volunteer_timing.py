#!/usr/bin/env python
"""Does the answer's time tell whether an address volunteers?

    .venv/bin/python bench/bench_volunteer_timing.py [--requests 150]

Posts the volunteer sign-up and "email me my link" forms, in process through
Django's test client (the whole middleware stack, no network in between),
for two kinds of address taken in turn:

- sign-up: a new address / an address that has signed up this season;
- email me my link: an address that has not signed up / one that has.

Each address is used once, so the link is never held back by the ten-minute
throttle (the slowest case for a known address). Tasks go to the database
queue as in production (django_tasks_db), so the time is what the request
itself does. Prints the median and 90th percentile of each path side by
side; the two medians should be within a few tenths of a millisecond.

It makes a PostgreSQL database of its own (isf_bench_timing, dropped and
made again). A script, not a test: timings depend on the machine and on
what else runs on it.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = os.environ.get("BENCH_DATABASE", "isf_bench_timing")
PG = ["-h", "127.0.0.1", "-U", "postgres"]


def prepare_database():
    subprocess.run(["dropdb", *PG, "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", *PG, DATABASE], check=True)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "forum.settings.test"

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_season", verbosity=0)
    call_command("load_demo", activities=0, verbosity=0)  # opens the forms


def signup_data(email, team):
    return {
        "full_name": "Bench Volunteer",
        "email": email,
        "phone": "0770 123 4567",
        "governorate": "basra",
        "age_group": "18-24",
        "gender": "female",
        "languages": ["arabic"],
        "skills": ["logistics"],
        "availability": ["2026-11-22.morning"],
        "wish_1": team.pk,
        "consents_to_data_use": "on",
        "extra_comment": "",
        "submission_key": str(uuid.uuid4()),
    }


def timed(client, url, data, address):
    started = time.perf_counter()
    response = client.post(url, data, REMOTE_ADDR=address)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, (url, response.status_code)
    return elapsed * 1000


def summary(times):
    times = sorted(times)
    return statistics.median(times), times[int(len(times) * 0.9)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=150, help="per path")
    args = parser.parse_args()
    prepare_database()

    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from forum.models import Season
    from tests.factories import VolunteerFactory
    from volunteers.models import Team

    setup_test_environment()
    season = Season.objects.current()
    team = Team.objects.filter(season=season, required_skills=[]).first()
    count = args.requests
    known = [
        VolunteerFactory(season=season, email=f"known{n}@bench.example.org").email
        for n in range(2 * count + 40)
    ]
    client = Client()
    results = {key: [] for key in ("signup new", "signup known", "link unknown", "link known")}
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        for n in range(count + 20):
            warm = n < 20  # the first requests fill caches and connections
            address = f"10.9.{n // 250}.{n % 250 + 1}"
            pairs = [
                ("signup new", "/ar/volunteer/", signup_data(f"new{n}@bench.example.org", team)),
                ("signup known", "/ar/volunteer/", signup_data(known.pop(), team)),
                ("link unknown", "/ar/volunteer/link/", {"email": f"nobody{n}@bench.example.org"}),
                ("link known", "/ar/volunteer/link/", {"email": known.pop()}),
            ]
            # Take the paths in turn, in an order that changes, so that
            # drift on the machine falls on both alike.
            if n % 2:
                pairs.reverse()
            for key, url, data in pairs:
                elapsed = timed(client, url, data, address)
                if not warm:
                    results[key].append(elapsed)

    print(f"{count} requests per path, in process, PostgreSQL, tasks to the database queue")
    print(f"{'form':<18} {'path':<24} {'median ms':>10} {'p90 ms':>8}")
    rows = [
        ("sign-up", "new address", "signup new"),
        ("sign-up", "signed up already", "signup known"),
        ("email me my link", "not signed up", "link unknown"),
        ("email me my link", "signed up", "link known"),
    ]
    for form, path, key in rows:
        median, p90 = summary(results[key])
        print(f"{form:<18} {path:<24} {median:>10.2f} {p90:>8.2f}")
    for form, first, second in (
        ("sign-up", "signup new", "signup known"),
        ("email me my link", "link unknown", "link known"),
    ):
        gap = summary(results[second])[0] - summary(results[first])[0]
        print(f"{form}: the medians differ by {gap:+.2f} ms")


if __name__ == "__main__":
    main()
