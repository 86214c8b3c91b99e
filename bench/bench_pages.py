#!/usr/bin/env python
"""Benchmark the programme's pages on this machine, as production serves them.

    .venv/bin/python bench/bench_pages.py [--write] [--duration 15]

1. makes a PostgreSQL database of its own (isf_bench, dropped and made
   again), migrates it, loads the season and `load_demo --activities 300`;
2. collects the static files into a temporary STATIC_ROOT (whitenoise
   serves them with hashed names, as in production);
3. starts gunicorn (2 sync workers, gunicorn.conf.py, production settings:
   DEBUG off, Redis cache) with bench.settings, which only adds the trivial
   view /ar/bench/trivial/;
4. measures each page with wrk at 16 connections: requests per second, p50
   and p99 latency, and the ratio to the trivial view; then the same pages
   once more with the cache turned off (CACHE_URL=dummy://), to show what
   the cache is worth;
5. prints a table, and with --write puts it into docs/performance.md.

Goals (issue 4): the programme page at least half the trivial view's
throughput with p99 under 50 ms; one day's programme HTML under 100 KB.
And every public page measured (the home page too, cached per minute) at
least half the trivial view's throughput; schedule.xml, a 300 KB export, is
measured but not held to it.

This is a script, not a test: timings depend on the machine and on what
else runs on it. wrk and gunicorn share the machine's cores.
"""

import argparse
import datetime as dt
import gzip
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE = os.environ.get("BENCH_DATABASE", "isf_bench")
PG = ["-h", "127.0.0.1", "-U", "postgres"]
PORT = int(os.environ.get("BENCH_PORT", "8199"))
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/6")
CONNECTIONS = 16
MARK_START = "<!-- bench:start -->"
MARK_END = "<!-- bench:end -->"


def run(command, env=None, **kwargs):
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


def environment(cache_url, static_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CACHE_URL": cache_url,
        "STATIC_ROOT": str(static_root),
        # No TLS proxy here: plain HTTP, so no redirect to https.
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_CONTROL_SOCKET": str(Path(tempfile.gettempdir()) / f"isf-bench-{PORT}.ctl"),
    }


def prepare_database(env):
    print(f"== database {DATABASE}: migrate, seed_season, load_demo --activities 300")
    run(["dropdb", *PG, "--if-exists", DATABASE])
    run(["createdb", *PG, DATABASE])
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env=env)
    run([*manage, "seed_season"], env=env, stdout=subprocess.DEVNULL)
    run([*manage, "load_demo", "--activities", "300"], env=env)
    run([*manage, "collectstatic", "--noinput", "-v0"], env=env)


def first_activity_path(env):
    code = (
        "from activities.models import Activity;"
        "print(Activity.objects.published().order_by('starts_at', 'pk')[20].pk)"
    )
    out = run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", code], env=env, capture_output=True, text=True
    )
    return f"/ar/programme/{out.stdout.strip().splitlines()[-1]}/"


class Server:
    def __init__(self, env):
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                # Worker recycling off while measuring: at thousands of
                # requests a second, max_requests would restart each worker
                # every second or two and measure Python's start-up instead.
                "--max-requests",
                "0",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{PORT}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.log.seek(0)
        raise RuntimeError(f"gunicorn did not start:\n{self.log.read()[-3000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, duration):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx or 3xx responses" in out:
        raise RuntimeError(f"errors while measuring {url}:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }


def measure(server, pages, duration):
    results = {}
    for name, path in pages.items():
        url = server.url + path
        urllib.request.urlopen(url, timeout=10).read()  # warm: fill the cache
        wrk(url, 2)  # and the workers
        results[name] = wrk(url, duration)
        r = results[name]
        print(f"   {name:<28} {r['rps']:>8.0f} req/s", end="")
        print(f"  p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms")
    return results


def page_size(server, path):
    body = urllib.request.urlopen(server.url + path, timeout=10).read()
    return len(body), len(gzip.compress(body, 6)), body.decode().count('class="activity-card')


def versions():
    def first_line(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "?"

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    redis_version = re.search(r"v=(\S+)", first_line(["redis-server", "--version"]))
    wrk_version = re.search(r"(\d+\.\d+\.\d+)", first_line(["wrk", "--version"]))
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "postgres": first_line(["psql", *PG, "-tAc", "SHOW server_version"]).split()[0],
        "redis": redis_version.group(1) if redis_version else "?",
        "wrk": wrk_version.group(1) if wrk_version else "?",
    }


def load_average():
    return os.getloadavg()[0]


def table(results, trivial):
    lines = [
        "| page | requests/s | p50 | p99 | × trivial |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        ratio = r["rps"] / trivial["rps"]
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} ms | {r['p99']:.1f} ms | {ratio:.2f} |"
        )
    return lines


def report(cached, uncached, size, info, duration, day_path):
    trivial = cached["trivial view"]
    programme = cached["programme (one day)"]
    ratio = programme["rps"] / trivial["rps"]
    pages = [name for name in cached if name not in {"trivial view", "schedule.xml"}]
    slowest = min(pages, key=lambda name: cached[name]["rps"])
    slowest_ratio = cached[slowest]["rps"] / trivial["rps"]
    goals = [
        (
            "programme ≥ ½ of the trivial view's throughput",
            f"{ratio:.2f}×",
            ratio >= 0.5,
        ),
        ("programme p99 < 50 ms", f"{programme['p99']:.1f} ms", programme["p99"] < 50),
        (
            "every page ≥ ½ of the trivial view's throughput",
            f"{slowest_ratio:.2f}× ({slowest})",
            slowest_ratio >= 0.5,
        ),
        ("one day's programme HTML < 100 KB", f"{size[0] / 1024:.1f} KB", size[0] < 100 * 1024),
    ]
    lines = [
        MARK_START,
        f"Measured {info['date']} with `bench/bench_pages.py` on {info['cpu']};",
        f"Python {info['python']}, PostgreSQL {info['postgres']}, Redis {info['redis']},",
        f"wrk {info['wrk']}. gunicorn: 2 sync workers; wrk: 2 threads, {CONNECTIONS}",
        f"connections, {duration} s per page after a warm-up; all on the same machine",
        f"(load average {info['load_before']:.1f} before the run, {info['load_after']:.1f} after).",
        "",
        "### With the shared cache (Redis), as in production",
        "",
        *table(cached, trivial),
        "",
        "### With the cache turned off (`CACHE_URL=dummy://`)",
        "",
        "Every request renders the page from the database: what a page costs when",
        "the programme has just changed, or when Redis is down.",
        "",
        *table(uncached, uncached["trivial view"]),
        "",
        "### Goals",
        "",
        "| goal | measured | met |",
        "| --- | ---: | :---: |",
        *[f"| {goal} | {value} | {'yes' if ok else 'NO'} |" for goal, value, ok in goals],
        "",
        f"The programme page measured is `{day_path}` (the Arabic programme of the day",
        f"the benchmark ran, or the first day outside the season): {size[2]} activities,",
        f"{size[0]:,} bytes of HTML, {size[1]:,} bytes gzipped.",
        MARK_END,
    ]
    return "\n".join(lines)


def write(text):
    path = ROOT / "docs" / "performance.md"
    current = path.read_text()
    start, end = current.index(MARK_START), current.index(MARK_END) + len(MARK_END)
    path.write_text(current[:start] + text + current[end:])
    print(f"== written to {path.relative_to(ROOT)}")


def flush_redis_prefix(prefix):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument("--duration", type=int, default=15, help="seconds per page (15)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    load_before = load_average()
    static_root = Path(tempfile.mkdtemp(prefix="isf-bench-static-"))
    prefix = f"isf-bench-{secrets.token_hex(4)}"
    cached_env = environment(f"{REDIS_URL}?prefix={prefix}", static_root)
    try:
        prepare_database(cached_env)
        pages = {
            "trivial view": "/ar/bench/trivial/",
            "programme (one day)": "/ar/programme/",
            "activity page": first_activity_path(cached_env),
            "home page": "/ar/",
            "masar page": "/ar/masarat/heritage/",
            "about page": "/ar/about/",
            "schedule.xml": "/ar/programme/schedule.xml",
        }
        print("== with the shared cache (Redis)")
        server = Server(cached_env)
        try:
            cached = measure(server, pages, args.duration)
            size = page_size(server, pages["programme (one day)"])
        finally:
            server.stop()
        print("== with the cache turned off")
        server = Server(environment("dummy://", static_root))
        try:
            uncached = measure(server, pages, args.duration)
        finally:
            server.stop()
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        flush_redis_prefix(prefix)

    info = {**versions(), "load_before": load_before, "load_after": load_average()}
    text = report(cached, uncached, size, info, args.duration, pages["programme (one day)"])
    print()
    print(text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
