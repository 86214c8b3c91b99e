#!/usr/bin/env python
"""Benchmark the site's public pages on this machine, as production serves them.

    .venv/bin/python bench/bench_pages.py [--write] [--duration 6] [--sizes 300,2000]

For each programme size (300 and 2,000 demo activities):

1. makes a PostgreSQL database of its own (isf_bench, dropped and made
   again), migrates it, loads the season and `load_demo --activities N`;
2. collects the static files into a temporary STATIC_ROOT;
3. starts gunicorn (2 sync workers, gunicorn.conf.py, production settings:
   DEBUG off, Redis cache) with bench.settings, which only adds the trivial
   view /ar/bench/trivial/ and counts renders of cached pages in Redis;
4. measures each page with wrk at 16 connections, sending the
   Accept-Encoding of a browser: requests per second, p50 and p99 latency,
   and the ratio to the trivial view;
5. the stampede: 50 connections on the programme, activity, masar and home
   pages while an activity is edited every second; p99 latency and how many
   renders each page had per programme version.

It prints the tables (and the load average seen), and with --write puts them
into docs/performance.md. With --uncached, the pages once more with the
cache turned off (CACHE_URL=dummy://).

Goals (issue 15): every cached public page >= 0.6x the trivial view; the
exports >= 0.5x; under edits, p99 < 100 ms and one render per page and
version. The form pages are measured (issue 15 asks 0.2x of them).

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
STAMPEDE_CONNECTIONS = 50
# What a browser sends: the cache answers with its stored Brotli bytes.
ACCEPT_ENCODING = "gzip, deflate, br"
MARK_START = "<!-- bench:start -->"
MARK_END = "<!-- bench:end -->"
EXPORTS = ("calendar.ics", "schedule.xml", "schedule.json")
FORMS = ("proposal form", "volunteer form")
NOT_CACHED = {"trivial view", *FORMS}
# The stampede: browsing these while an activity is edited every second.
STAMPEDE_LUA = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""
EDITOR = """
import time
from django.db import transaction
from activities.models import Activity
activity = Activity.objects.published().order_by("starts_at", "pk")[20]
deadline = time.monotonic() + {seconds}
n = 0
while time.monotonic() < deadline:
    n += 1
    with transaction.atomic():
        activity.title_en = f"Edited {{n}}"
        activity.save()
    time.sleep(1)
print(n)
"""


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


def prepare_database(env, activities):
    print(f"== database {DATABASE}: migrate, seed_season, load_demo --activities {activities}")
    run(["dropdb", *PG, "--if-exists", DATABASE])
    run(["createdb", *PG, DATABASE])
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env=env)
    run([*manage, "seed_season"], env=env, stdout=subprocess.DEVNULL)
    run([*manage, "load_demo", "--activities", str(activities)], env=env)
    run([*manage, "collectstatic", "--noinput", "-v0"], env=env)


def site_facts(env):
    """The current season's number, an activity, a filter value, and how many
    activities are published."""
    code = (
        "from activities.models import Activity;"
        "from forum.models import Season;"
        "season = Season.objects.current();"
        "published = Activity.objects.published().filter(season=season);"
        "a = published.order_by('starts_at', 'pk')[20];"
        "print(season.number, a.pk, a.format, published.count())"
    )
    out = run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", code], env=env, capture_output=True, text=True
    )
    number, pk, format_, count = out.stdout.strip().splitlines()[-1].split()
    return {"season": number, "activity": pk, "format": format_, "count": int(count)}


def loaded(env):
    """How many demo activities the current season of the database has, if any."""
    code = (
        "from activities.models import Activity;"
        "from forum.models import Season;"
        "print(Activity.objects.filter(season=Season.objects.current()).count())"
    )
    try:
        out = run(
            [PYTHON, "manage.py", "shell", "-v0", "-c", code],
            env=env,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError:
        return None
    return int(out.stdout.strip().splitlines()[-1])


def pages_of(facts):
    n = facts["season"]
    return {
        "trivial view": "/ar/bench/trivial/",
        "home page": "/ar/",
        "programme (one day)": "/ar/programme/",
        "programme (all days, filtered)": f"/ar/programme/?day=all&format={facts['format']}",
        "activity page": f"/ar/programme/{facts['activity']}/",
        "masar page": "/ar/masarat/heritage/",
        "seasons": "/ar/seasons/",
        "season page": f"/ar/seasons/{n}/",
        "season programme": f"/en/seasons/{n}/programme/",
        "season masar page": f"/en/seasons/{n}/masarat/heritage/",
        "about page": "/ar/about/",
        "calendar.ics": "/ar/programme/calendar.ics",
        "masar calendar.ics": "/ar/masarat/heritage/calendar.ics",
        "schedule.xml": "/ar/programme/schedule.xml",
        "schedule.json": "/ar/programme/schedule.json",
        "season schedule.xml": f"/en/seasons/{n}/programme/schedule.xml",
        "proposal form": "/ar/propose/",
        "volunteer form": "/ar/volunteer/",
    }


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
        deadline = time.monotonic() + 180  # a machine under load starts slowly
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        self.log.seek(0)
        raise RuntimeError(f"gunicorn did not start:\n{self.log.read()[-3000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.seek(0)
        problems = [line for line in self.log if "WARNING" in line or "ERROR" in line]
        for line in problems[:10]:
            print(f"   gunicorn: {line.rstrip()}")
        if len(problems) > 10:
            print(f"   gunicorn: … {len(problems) - 10} more warnings")
        self.log.close()


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, duration, connections=CONNECTIONS, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    if "Non-2xx or 3xx responses" in out:
        raise RuntimeError(f"errors while measuring {url}:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }


def fetch(url, encoding=ACCEPT_ENCODING):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers.get("Content-Encoding", "")


def ratio_of(r):
    """The page's requests/s over the trivial view's just before (NaN when
    the trivial view got no answer in time: a machine too loaded to say)."""
    return r["rps"] / r["trivial_rps"] if r["trivial_rps"] else float("nan")


def measure(server, pages, duration):
    """Each page measured right after the trivial view, and compared to it:
    on a machine shared with other work, the load moves between pages more
    than the pages differ."""
    trivial_url = server.url + pages["trivial view"]
    for path in pages.values():  # warm: fill the cache, load every module
        fetch(server.url + path)
    wrk(trivial_url, 3)  # and both workers
    results = {}
    for name, path in pages.items():
        url = server.url + path
        if name != "trivial view":
            wrk(url, 1)
        trivial = wrk(trivial_url, duration)
        results[name] = r = trivial if name == "trivial view" else wrk(url, duration)
        r["trivial_rps"] = trivial["rps"]
        r["bytes"], r["encoding"] = (lambda body, enc: (len(body), enc))(*fetch(url))
        print(f"   {name:<32} {r['rps']:>8.0f} req/s", end="")
        print(f"  p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms", end="")
        print(f"  {r['bytes']:>8} B {r['encoding']:<4} {ratio_of(r):.2f}x")
    return results


def redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL)


def stampede(server, pages, env, prefix, duration):
    """wrk at 50 connections over four pages while an activity is edited every
    second; then the renders per page and programme version from Redis."""
    client = redis_client()
    for key in client.scan_iter(f"{prefix}:*programme:renders:*"):
        client.delete(key)
    paths = [pages[name] for name in ("programme (one day)", "activity page", "masar page")]
    paths.append(pages["home page"])
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(STAMPEDE_LUA % ", ".join(f'"{path}"' for path in paths))
    editor = subprocess.Popen(
        [PYTHON, "manage.py", "shell", "-v0", "-c", EDITOR.format(seconds=duration)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        result = wrk(server.url + "/", duration, STAMPEDE_CONNECTIONS, str(script))
    finally:
        edits = editor.communicate(timeout=120)[0].strip().splitlines()[-1:]
        script.unlink()
    counts = [int(client.get(key)) for key in client.scan_iter(f"{prefix}:*programme:renders:*")]
    result.update(
        edits=int(edits[0]) if edits else 0,
        renders=sum(counts),
        pairs=len(counts),
        max_renders=max(counts, default=0),
        paths=len(paths),
    )
    print(
        f"   stampede: {result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, "
        f"p99 {result['p99']:.1f} ms; {result['edits']} edits, {result['renders']} renders "
        f"of {result['pairs']} page versions, at most {result['max_renders']} per page, version"
    )
    return result


def page_size(server, path):
    body = fetch(server.url + path, "identity")[0]
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


def goal_of(name):
    if name in NOT_CACHED:
        return 0.2 if name in FORMS else None
    return 0.5 if name.endswith(EXPORTS) else 0.6


def table(results):
    lines = [
        "| page | requests/s | trivial, just before | p50 | p99 | bytes sent | × trivial | goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for name, r in results.items():
        ratio = ratio_of(r)
        goal = goal_of(name)
        met = "" if goal is None else f"≥ {goal} {'yes' if ratio >= goal else 'NO'}"
        sent = f"{r['bytes']:,}" + (f" ({r['encoding']})" if r.get("encoding") else "")
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['trivial_rps']:.0f} | {r['p50']:.1f} ms "
            f"| {r['p99']:.1f} ms | {sent} | {ratio:.2f} | {met} |"
        )
    return lines


def report(runs, info, duration):
    lines = [
        MARK_START,
        f"Measured {info['date']} with `bench/bench_pages.py` on {info['cpu']};",
        f"Python {info['python']}, PostgreSQL {info['postgres']}, Redis {info['redis']},",
        f"wrk {info['wrk']}. gunicorn: 2 sync workers; wrk: 2 threads, {CONNECTIONS}",
        f"connections, {duration} s per page after a warm-up, `Accept-Encoding: "
        f"{ACCEPT_ENCODING}` as a browser sends it; all on the same machine.",
    ]
    for run_ in runs:
        s = run_["stampede"]
        size = run_["size"]
        lines += [
            "",
            f"### {run_['activities']:,} demo activities ({run_['count']:,} published)",
            "",
            f"Load average {run_['load_before']:.1f} before, {run_['load_after']:.1f} after "
            "(1 minute; the machine's 2 cores were shared with other work).",
            "",
            *table(run_["cached"]),
            "",
            f"The programme day page: {size[2]} activities, {size[0]:,} bytes of HTML, "
            f"{size[1]:,} gzipped.",
            "",
            f"**Stampede**: wrk, {STAMPEDE_CONNECTIONS} connections for {s['seconds']} s over "
            f"{s['paths']} pages (programme day, activity, masar, home) while an activity is "
            f"edited every second ({s['edits']} edits, each making every page stale twice): "
            f"{s['rps']:.0f} requests/s, p50 {s['p50']:.1f} ms, **p99 {s['p99']:.1f} ms** "
            f"(goal < 100 ms: {'yes' if s['p99'] < 100 else 'NO'}); {s['renders']} renders for "
            f"{s['pairs']} page versions, **at most {s['max_renders']} per page and version** "
            f"(goal 1: {'yes' if s['max_renders'] <= 1 else 'NO'}).",
        ]
        if run_.get("uncached"):
            lines += [
                "",
                "With the cache turned off (`CACHE_URL=dummy://`):",
                "",
                *table(run_["uncached"]),
            ]
    lines.append(MARK_END)
    return "\n".join(lines)


def write(text):
    path = ROOT / "docs" / "performance.md"
    current = path.read_text()
    start, end = current.index(MARK_START), current.index(MARK_END) + len(MARK_END)
    path.write_text(current[:start] + text + current[end:])
    print(f"== written to {path.relative_to(ROOT)}")


def flush_redis_prefix(prefix):
    client = redis_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def one_size(activities, args, static_root):
    load_before = load_average()
    prefix = f"isf-bench-{secrets.token_hex(4)}"
    cached_env = environment(f"{REDIS_URL}?prefix={prefix}", static_root)
    try:
        if args.reuse and loaded(cached_env) == activities:
            run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=cached_env)
        else:
            prepare_database(cached_env, activities)
        facts = site_facts(cached_env)
        pages = pages_of(facts)
        measured = {
            name: path
            for name, path in pages.items()
            if name == "trivial view" or args.pages in name
        }
        print(f"== {activities} activities, with the shared cache (Redis)")
        server = Server(cached_env)
        try:
            cached = measure(server, measured, args.duration)
            size = page_size(server, pages["programme (one day)"])
            result = stampede(server, pages, cached_env, prefix, args.stampede)
            result["seconds"] = args.stampede
        finally:
            server.stop()
        uncached = None
        if args.uncached:
            print("== with the cache turned off")
            server = Server(environment("dummy://", static_root))
            try:
                uncached = measure(server, measured, args.duration)
            finally:
                server.stop()
    finally:
        flush_redis_prefix(prefix)
    return {
        "activities": activities,
        "count": facts["count"],
        "cached": cached,
        "uncached": uncached,
        "size": size,
        "stampede": result,
        "load_before": load_before,
        "load_after": load_average(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument("--duration", type=int, default=6, help="seconds per page (6)")
    parser.add_argument("--stampede", type=int, default=20, help="seconds of edits (20)")
    parser.add_argument("--sizes", default="300,2000", help="activities to load (300,2000)")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it has N")
    parser.add_argument("--pages", default="", help="only the pages whose names hold this")
    parser.add_argument("--uncached", action="store_true", help="measure without the cache too")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    static_root = Path(tempfile.mkdtemp(prefix="isf-bench-static-"))
    runs = []
    try:
        for n in args.sizes.split(","):
            runs.append(one_size(int(n), args, static_root))
            text = report(runs, versions(), args.duration)
            if args.write:  # after each size: a long run that stops keeps what it measured
                write(text)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    print()
    print(text)


if __name__ == "__main__":
    main()
