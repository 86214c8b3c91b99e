#!/usr/bin/env python
"""A mixed load on the whole site: browsing plus form posts.

    .venv/bin/python -m bench.bench_mixed_load [--write] [--duration 60] [--connections 50]

Uses bench_pages' set-up (its own PostgreSQL database with the season and
`load_demo --activities 300`, collected static files, gunicorn with
production settings and 2 workers, Redis cache) behind one trusted proxy
(NUM_PROXIES=1), then runs wrk with a Lua script: of every 20 requests, 18
browse (the programme by day, activity pages, the home page, masar pages,
schedule.xml, the teams page) and 2 post a form (a proposal, a volunteer
sign-up), each post from its own address, with a valid CSRF token and a
fresh submission key. It prints throughput, p50/p99, the responses by kind
and the errors (there must be none), then checks in the database that every
post answered with a redirect is stored exactly once. With --write the
figures go into docs/performance.md.

A script, not a test: the figures depend on the machine.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from bench.bench_pages import (
    PYTHON,
    REDIS_URL,
    ROOT,
    Server,
    environment,
    prepare_database,
    to_ms,
    versions,
)

MARK_START = "<!-- mixed:start -->"
MARK_END = "<!-- mixed:end -->"

LUA = r"""
local paths = __PATHS__
local proposal = __PROPOSAL__
local signup = __SIGNUP__
local cookie = "csrftoken=__COOKIE__"
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counts = {get = 0, get_ok = 0, propose = 0, propose_ok = 0, signup = 0, signup_ok = 0,
            errors = 0}
  math.randomseed(id * 7919)
end

local function key()
  local t = {}
  for i = 1, 32 do t[i] = string.format("%x", math.random(0, 15)) end
  local s = table.concat(t)
  return s:sub(1, 8) .. "-" .. s:sub(9, 12) .. "-4" .. s:sub(14, 16) .. "-a" ..
         s:sub(18, 20) .. "-" .. s:sub(21, 32)
end

local function address()
  return string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
                       math.random(1, 254))
end

function request()
  counter = counter + 1
  local slot = counter % 20
  if slot == 7 or slot == 17 then
    local form = (slot == 7) and proposal or signup
    local kind = (slot == 7) and "propose" or "signup"
    counts[kind] = counts[kind] + 1
    local k = key()
    local body = form.body:gsub("__KEY__", k):gsub("__EMAIL__", "load-" .. k .. "@example.org")
    return wrk.format("POST", form.path, {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = cookie,
      ["X-Forwarded-For"] = address(),
    }, body)
  end
  counts.get = counts.get + 1
  return wrk.format("GET", paths[math.random(#paths)])
end

-- Responses arrive on many connections at once, so each is classified by
-- what it is: a redirect to a thank-you page is a stored form, a page with
-- a form error or any other status is an error.
function response(status, headers, body)
  local location = headers["Location"] or ""
  if status == 302 and location:find("/propose/thanks/", 1, true) then
    counts.propose_ok = counts.propose_ok + 1
  elseif status == 302 and location:find("/volunteer/", 1, true) then
    counts.signup_ok = counts.signup_ok + 1
  elseif status == 200 and not body:find("invalid-feedback", 1, true) then
    counts.get_ok = counts.get_ok + 1
  else
    counts.errors = counts.errors + 1
    if counts.errors <= 3 then
      io.stderr:write("unexpected " .. status .. " " .. location .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local total = {get = 0, get_ok = 0, propose = 0, propose_ok = 0, signup = 0, signup_ok = 0,
                 errors = 0}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = total[k] + v end
  end
  local socket = summary.errors
  io.write(string.format(
    "RESULT {\"get\": %d, \"get_ok\": %d, \"propose\": %d, \"propose_ok\": %d, " ..
    "\"signup\": %d, \"signup_ok\": %d, \"errors\": %d, \"socket_errors\": %d, " ..
    "\"timeouts\": %d}\n",
    total.get, total.get_ok, total.propose, total.propose_ok, total.signup, total.signup_ok,
    total.errors, socket.connect + socket.read + socket.write + socket.status, socket.timeout))
end
"""


def shell(env, code):
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


SITE_FACTS = """
import json
from activities.models import Activity, Masar
from forum.models import Season
from volunteers.models import Team, Volunteer
season = Season.objects.current()
print(json.dumps({
    "activities": list(Activity.objects.published().values_list("pk", flat=True)[:60]),
    "masarat": list(Masar.objects.filter(season=season).values_list("slug", "pk")),
    "teams": list(Team.objects.filter(season=season).values_list("slug", "pk")),
    "days": [d.isoformat() for d in season.days],
    "proposals": Activity.objects.count(),
    "volunteers": Volunteer.objects.count(),
    "load_proposals": Activity.objects.filter(email__startswith="load-").count(),
    "load_duplicates": Activity.objects.filter(email__startswith="load-").count()
        - Activity.objects.filter(email__startswith="load-").values("email").distinct().count(),
    "load_volunteers": Volunteer.objects.filter(email__startswith="load-").count(),
}))
"""


def form_bodies(facts):
    from urllib.parse import urlencode

    masar = facts["masarat"][0][1]
    teams = dict(facts["teams"])
    day = facts["days"][1]
    proposal = {
        "organization": "جمعية اختبار الحمل",
        "organization_type": "cso",
        "governorate": "baghdad",
        "contact_name": "زينب علي",
        "email": "__EMAIL__",
        "phone": "0770 123 4567",
        "title": "ورشة اختبار الحمل",
        "summary": "ملخص قصير.",
        "description": "وصف النشاط.",
        "format": "workshop",
        "masarat": [masar],
        "languages": ["ar"],
        "expected_participants": "40",
        "duration": "90",
        "preferred_days": [day],
        "preferred_time": "morning",
        "space_needs": ["hall"],
        "accepts_principles": "on",
        "accepts_publication": "on",
        "submission_key": "__KEY__",
        "extra_comment": "",
    }
    signup = {
        "full_name": "Load Test",
        "email": "__EMAIL__",
        "phone": "0770 123 4567",
        "governorate": "basra",
        "age_group": "18-24",
        "gender": "female",
        "languages": ["arabic"],
        "skills": ["logistics"],
        "availability": [f"{day}.morning"],
        "wish_1": teams["logistics"],
        "consents_to_data_use": "on",
        "extra_comment": "",
        "submission_key": "__KEY__",
    }
    return urlencode(proposal, doseq=True), urlencode(signup, doseq=True)


def csrf_pair(url):
    """One CSRF cookie and a form token made for it; valid for many posts."""
    response = urllib.request.urlopen(url, timeout=10)
    cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    return cookie, token.group(1)


def lua_string(text):
    return "[==[" + text + "]==]"


def make_script(server, facts):
    paths = [f"/ar/programme/?day={day}" for day in facts["days"][:3]]
    paths += [f"/{lang}/programme/{pk}/" for pk in facts["activities"][:30] for lang in ("ar",)]
    paths += ["/ar/", "/en/", "/ar/programme/schedule.xml", "/ar/volunteer/teams/"]
    paths += [f"/ar/masarat/{slug}/" for slug, _pk in facts["masarat"][:4]]
    cookie, token = csrf_pair(server.url + "/ar/propose/")
    proposal, signup = form_bodies(facts)
    script = (
        LUA.replace("__PATHS__", "{" + ", ".join(lua_string(p) for p in paths) + "}")
        .replace(
            "__PROPOSAL__",
            "{path = '/ar/propose/', body = "
            + lua_string(f"{proposal}&csrfmiddlewaretoken={token}")
            + "}",
        )
        .replace(
            "__SIGNUP__",
            "{path = '/en/volunteer/', body = "
            + lua_string(f"{signup}&csrfmiddlewaretoken={token}")
            + "}",
        )
        .replace("__COOKIE__", cookie)
    )
    path = Path(tempfile.mkstemp(suffix=".lua")[1])
    path.write_text(script)
    return path


def run_wrk(server, script, duration, connections):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            server.url,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    if out.stderr:
        print(out.stderr[-2000:])
    out = out.stdout
    counts = json.loads(re.search(r"RESULT (\{.*\})", out).group(1))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        **counts,
    }


def report(result, stored, info, duration, connections):
    lines = [
        MARK_START,
        f"Measured {info['date']} on {info['cpu']}; Python {info['python']}, PostgreSQL "
        f"{info['postgres']}, Redis {info['redis']}, wrk {info['wrk']}. gunicorn: 2 sync "
        f"workers; wrk: 2 threads, {connections} connections, {duration} s.",
        "",
        "| what | figure |",
        "| --- | --- |",
        f"| requests | {result['requests']:,} ({result['rps']:.0f} per second) |",
        f"| latency p50 / p99 | {result['p50']:.1f} ms / {result['p99']:.1f} ms |",
        f"| pages browsed (200) | {result['get_ok']:,} of {result['get']:,} |",
        f"| proposals sent (302) | {result['propose_ok']:,} of {result['propose']:,} |",
        f"| volunteer sign-ups (302) | {result['signup_ok']:,} of {result['signup']:,} |",
        f"| errors (other status) | {result['errors']} |",
        f"| socket errors / timeouts | {result['socket_errors']} / {result['timeouts']} |",
        f"| proposals stored, once each | {stored['load_proposals']:,} "
        f"(duplicates: {stored['load_duplicates']}) |",
        f"| sign-ups stored | {stored['load_volunteers']:,} |",
        "",
        "A few more are stored than answered: posts still in flight when wrk stopped "
        "counting. Every post answered with a redirect is stored, none twice.",
        MARK_END,
    ]
    return "\n".join(lines)


def write(text):
    path = ROOT / "docs" / "performance.md"
    current = path.read_text()
    if MARK_START in current:
        before, rest = current.split(MARK_START, 1)
        current = before + text + rest.split(MARK_END, 1)[1]
    else:
        current = current.rstrip() + "\n\n## Mixed load: browsing and form posts\n\n" + text + "\n"
    path.write_text(current)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    static_root = Path(tempfile.mkdtemp(prefix="isf-bench-static-"))
    env = {**environment(REDIS_URL, static_root), "NUM_PROXIES": "1"}
    prepare_database(env)
    facts = shell(env, SITE_FACTS)
    server = Server(env)
    try:
        script = make_script(server, facts)
        print(f"== mixed load: {args.connections} connections, {args.duration} s on {server.url}")
        result = run_wrk(server, script, args.duration, args.connections)
    finally:
        server.stop()
    stored = shell(env, SITE_FACTS)
    text = report(result, stored, versions(), args.duration, args.connections)
    print(text)
    # Nothing lost: every post answered with a redirect is stored; nothing
    # doubled. A few more may be stored than answered: those still in flight
    # when wrk stopped listening (it never sent more than it counted).
    if not result["propose_ok"] <= stored["load_proposals"] <= result["propose"]:
        sys.exit("proposals answered with a redirect and rows stored differ")
    if stored["load_duplicates"]:
        sys.exit("a proposal was stored twice")
    if not result["signup_ok"] <= stored["load_volunteers"] <= result["signup"]:
        sys.exit("sign-ups answered with a redirect and rows stored differ")
    if result["errors"] or result["socket_errors"] or result["timeouts"]:
        sys.exit("errors under load")
    if args.write:
        write(text)
        print("written to docs/performance.md")


if __name__ == "__main__":
    main()
