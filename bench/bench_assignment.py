"""How long the suggested assignment takes for a large season.

    .venv/bin/python bench/bench_assignment.py [--volunteers 2000] [--teams 20]

2,000 volunteers with up to three ranked wishes and random skills, 20 teams
(some needing a skill) whose places add up to about the number of
volunteers. Prints the time of each run and fails (exit 1) if the slowest is
2 seconds or more. No database: the algorithm is a plain function.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from volunteers.assignment import Candidate, TeamPlaces, assign  # noqa: E402

SKILLS = [
    "interpretation",
    "photography",
    "social_media",
    "first_aid",
    "logistics",
    "registration",
    "it_support",
    "graphic_design",
    "facilitation",
    "sign_language",
    "arts_culture",
]
LIMIT_SECONDS = 2.0


def make_case(volunteers, teams, rng):
    team_places = [
        TeamPlaces(
            key=index,
            places=rng.randint(volunteers // teams // 2, volunteers // teams * 3 // 2),
            required_skills=frozenset(rng.sample(SKILLS, 1)) if rng.random() < 0.3 else frozenset(),
        )
        for index in range(teams)
    ]
    candidates = [
        Candidate(
            key=index,
            wishes=tuple(rng.sample(range(teams), k=rng.choice([0, 1, 2, 3, 3, 3]))),
            skills=frozenset(rng.sample(SKILLS, k=rng.choice([0, 1, 1, 2, 3]))),
        )
        for index in range(volunteers)
    ]
    return candidates, team_places


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=2000)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    slowest = 0.0
    for run in range(1, args.runs + 1):
        candidates, teams = make_case(args.volunteers, args.teams, rng)
        for outside in (False, True):
            started = time.perf_counter()
            plan = assign(candidates, teams, place_outside_wishes=outside)
            seconds = time.perf_counter() - started
            slowest = max(slowest, seconds)
            counts = plan.counts
            print(
                f"run {run}{' (outside wishes too)' if outside else ''}: "
                f"{args.volunteers} volunteers, {args.teams} teams, "
                f"{sum(t.places for t in teams)} places: {seconds:.3f} s; "
                f"1st {counts[1]}, 2nd {counts[2]}, 3rd {counts[3]}, "
                f"other {counts[None]}, not placed {counts['unplaced']}"
            )
    verdict = "OK" if slowest < LIMIT_SECONDS else "TOO SLOW"
    print(f"slowest: {slowest:.3f} s (limit {LIMIT_SECONDS:.1f} s): {verdict}")
    return 0 if slowest < LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
