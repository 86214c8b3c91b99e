#!/usr/bin/env python
"""What one request costs inside the app, without the network or the other
processes: the CPU time per request of the trivial view and of cache hits,
through the production middleware (bench.settings), and a cProfile of a hit.

    BENCH_DATABASE=isf_bench .venv/bin/python bench/profile_hit.py [path ...]

Run after bench/bench_pages.py (it uses the database that script loaded, and
Redis as in production). On a machine shared with other work, CPU time per
request moves far less than requests per second do.
"""

import cProfile
import io
import os
import pstats
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = os.environ.get("BENCH_DATABASE", "isf_bench")
os.environ.update(
    DJANGO_SETTINGS_MODULE="bench.settings",
    SECRET_KEY=secrets.token_urlsafe(60),
    DEBUG="false",
    ALLOWED_HOSTS="127.0.0.1",
    SITE_URL="http://127.0.0.1:8199",
    DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    CACHE_URL=f"redis://127.0.0.1:6379/6?prefix=isf-profile-{secrets.token_hex(4)}",
    SECURE_SSL_REDIRECT="false",
    STATIC_ROOT=os.environ.get("BENCH_STATIC_ROOT", f"{tempfile.gettempdir()}/isf-profile-static"),
    LOG_LEVEL="WARNING",
)

PATHS = [
    "/ar/bench/trivial/",
    "/ar/programme/",
    "/ar/",
    "/ar/masarat/heritage/",
    "/ar/programme/schedule.xml",
    "/ar/programme/calendar.ics",
]
REQUESTS = 2000


def environ(path):
    path, _sep, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8199",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def call(application, path):
    status = []
    body = b"".join(application(environ(path), lambda s, h, e=None: status.append(s)))
    return status[0], body


def main():
    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("collectstatic", "--noinput", verbosity=0)  # the hashed names pages link to
    application = get_wsgi_application()
    paths = sys.argv[1:] or PATHS
    results = {}
    for path in paths:
        for _ in range(3):  # fill the cache, warm the process
            status, _body = call(application, path)
        assert status.startswith("200"), (path, status)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(REQUESTS):
            call(application, path)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        results[path] = (cpu / REQUESTS * 1e6, wall / REQUESTS * 1e6)
    trivial = results.get("/ar/bench/trivial/")
    print("| path | CPU µs per request | wall µs | × trivial (CPU) |")
    print("| --- | ---: | ---: | ---: |")
    for path, (cpu, wall) in results.items():
        ratio = f"{trivial[0] / cpu:.2f}" if trivial else ""
        print(f"| `{path}` | {cpu:.0f} | {wall:.0f} | {ratio} |")
    profiler = cProfile.Profile()
    hit = paths[1] if len(paths) > 1 else paths[0]
    profiler.enable()
    for _ in range(REQUESTS):
        call(application, hit)
    profiler.disable()
    print(f"\ncProfile of {REQUESTS} hits on {hit} (by own time):\n")
    stats = pstats.Stats(profiler).sort_stats("tottime")
    stats.print_stats(15)


if __name__ == "__main__":
    main()
