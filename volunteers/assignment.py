"""Volunteers to teams: an optimal assignment, as a plain function.

    plan = assign(candidates, teams, place_outside_wishes=False)
    plan.team_of        # {candidate key: team key} for everyone placed
    plan.counts         # {1: …, 2: …, 3: …, None: …, "unplaced": …}

What "optimal" means here, in this order of priority:

1. no team beyond its free places, and nobody in a team whose required
   skills they lack (a team with required skills takes anyone with one of them);
2. as many volunteers as possible placed on one of their wishes: teams need
   people, and volunteers want to help;
3. then as many as possible on their first wish; among those plans, as many
   as possible on their second; then on their third. (A rank-maximal
   assignment: nobody's first wish is traded away for others' lower wishes,
   which a plain sum of ranks would do.)
4. only with `place_outside_wishes`: then as many as possible of those still
   left placed in a team they did not ask for, where there is room. This
   never lowers how many get their 1st, 2nd or 3rd wish.

How: one linear assignment problem, solved exactly by scipy's
`linear_sum_assignment` (a shortest-augmenting-path method), over candidates ×
places, where each team is repeated once per free place. The priorities are
folded into one integer weight per pair, so far apart that no amount of a
lower priority can outweigh one unit of a higher one; the weights stay exact
integers in a float64 up to MAX_CANDIDATES candidates. Forbidden pairs (no
skill, or outside the wishes when that is not allowed) are worth nothing.
"""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

# Above this, the cost weights (about n⁴ in all) no longer fit exactly in the
# 53-bit mantissa of a float64; the forum has a few hundred volunteers.
MAX_CANDIDATES = 8000


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    wishes: tuple = ()  # team keys, first choice first
    skills: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class TeamPlaces:
    key: Hashable
    places: int  # free places now (capacity minus those already in the team)
    required_skills: frozenset = field(default_factory=frozenset)

    def accepts(self, candidate):
        return not self.required_skills or bool(self.required_skills & candidate.skills)


@dataclass
class Plan:
    team_of: dict  # candidate key → team key, for every candidate placed
    rank_of: dict  # candidate key → 1, 2, 3, or None (placed outside their wishes)
    unplaced: list  # candidate keys not placed, in the order given

    @property
    def counts(self):
        """How many on their 1st, 2nd, 3rd wish, on no wish (None), not placed."""
        counts = Counter({1: 0, 2: 0, 3: 0, None: 0})
        counts.update(self.rank_of.values())
        counts["unplaced"] = len(self.unplaced)
        return counts

    def score(self):
        """What the assignment maximizes, compared in this order (see above):
        (on a wish, on the 1st, on the 2nd, on the 3rd, outside any wish)."""
        counts = self.counts
        return (counts[1] + counts[2] + counts[3], counts[1], counts[2], counts[3], counts[None])


def rank_in(candidate, team_key):
    """1, 2 or 3 when the team is among the candidate's wishes, else None."""
    try:
        return candidate.wishes.index(team_key) + 1
    except ValueError:
        return None


def assign(
    candidates: Iterable[Candidate],
    teams: Iterable[TeamPlaces],
    *,
    place_outside_wishes: bool = False,
) -> Plan:
    candidates = list(candidates)
    teams = [team for team in teams if team.places > 0]
    if len(candidates) > MAX_CANDIDATES:
        raise ValueError(f"At most {MAX_CANDIDATES} volunteers at once.")

    # Per-candidate costs. With w on a wish (f, s, t on the 1st, 2nd, 3rd),
    # o outside and u not placed, a plan costs
    #   away·(o + u) + second·(s + t) + third·t + u,
    # and each weight exceeds the most that all the terms after it can add up
    # to (n candidates at most), so minimizing it maximizes w, then f, s, t, o.
    n = len(candidates)
    third = n + 1
    second = (n + 1) * (third + 1)
    away = (n + 1) * (second + third + 1)
    rank_cost = {1: 0, 2: second, 3: second + third}
    outside_cost = away if place_outside_wishes else np.inf
    unplaced_cost = away + 1

    cost = np.full((n, len(teams)), np.inf)
    for row, candidate in enumerate(candidates):
        for column, team in enumerate(teams):
            if team.accepts(candidate):
                rank = rank_in(candidate, team.key)
                cost[row, column] = rank_cost[rank] if rank is not None else outside_cost
    placeable = np.flatnonzero(np.isfinite(cost).any(axis=1))

    team_of, rank_of = {}, {}
    if len(placeable):
        # Each team once per place, but never more often than there are
        # candidates who could take it: fewer columns, the same optimum.
        takers = np.isfinite(cost[placeable]).sum(axis=0)
        repeats = np.minimum([team.places for team in teams], takers)
        columns = np.repeat(np.arange(len(teams)), repeats)
        places = cost[np.ix_(placeable, columns)]
        # As a gain over not being placed: maximizing the total gain is
        # minimizing the total cost, and a pair worth nothing (forbidden) is
        # the same as not placing the candidate, so rows and columns may be
        # left over on either side without any "not placed" columns.
        gain = np.where(np.isfinite(places), unplaced_cost - places, 0)
        rows, cols = linear_sum_assignment(gain, maximize=True)
        for row, col in zip(rows, cols, strict=True):
            if gain[row, col] <= 0:
                continue
            candidate = candidates[placeable[row]]
            team = teams[columns[col]]
            team_of[candidate.key] = team.key
            rank_of[candidate.key] = rank_in(candidate, team.key)

    unplaced = [candidate.key for candidate in candidates if candidate.key not in team_of]
    return Plan(team_of=team_of, rank_of=rank_of, unplaced=unplaced)
