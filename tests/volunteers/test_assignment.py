"""The assignment algorithm, checked against brute force on small cases."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from volunteers.assignment import Candidate, TeamPlaces, assign, rank_in


def brute_force_best(candidates, teams, place_outside_wishes):
    """The best score over every possible assignment (team or nobody for each)."""
    options = [None, *(team.key for team in teams)]
    by_key = {team.key: team for team in teams}
    best = None
    for choice in itertools.product(options, repeat=len(candidates)):
        if not is_valid(choice, candidates, by_key, place_outside_wishes):
            continue
        score = score_of(choice, candidates)
        best = score if best is None else max(best, score)
    return best


def is_valid(choice, candidates, teams, place_outside_wishes):
    for team_key, team in teams.items():
        if sum(1 for chosen in choice if chosen == team_key) > team.places:
            return False
    for candidate, team_key in zip(candidates, choice, strict=True):
        if team_key is None:
            continue
        if not teams[team_key].accepts(candidate):
            return False
        if not place_outside_wishes and rank_in(candidate, team_key) is None:
            return False
    return True


def score_of(choice, candidates):
    ranks = [
        rank_in(candidate, team_key)
        for candidate, team_key in zip(candidates, choice, strict=True)
        if team_key is not None
    ]
    wished = len(ranks) - ranks.count(None)
    return (wished, ranks.count(1), ranks.count(2), ranks.count(3), ranks.count(None))


def check_plan(plan, candidates, teams, place_outside_wishes):
    """The plan itself respects every rule."""
    by_key = {team.key: team for team in teams}
    choice = tuple(plan.team_of.get(candidate.key) for candidate in candidates)
    assert is_valid(choice, candidates, by_key, place_outside_wishes)
    assert plan.score() == score_of(choice, candidates)
    assert sorted(plan.unplaced) == sorted(c.key for c in candidates if c.key not in plan.team_of)


SKILLS = ["first_aid", "interpretation", "photography"]


@st.composite
def small_cases(draw):
    team_count = draw(st.integers(1, 3))
    teams = [
        TeamPlaces(
            key=f"T{index}",
            places=draw(st.integers(0, 3)),
            required_skills=frozenset(draw(st.sets(st.sampled_from(SKILLS), max_size=1))),
        )
        for index in range(team_count)
    ]
    keys = [team.key for team in teams]
    candidates = [
        Candidate(
            key=index,
            wishes=tuple(draw(st.permutations(keys)))[: draw(st.integers(0, 3))],
            skills=frozenset(draw(st.sets(st.sampled_from(SKILLS), max_size=2))),
        )
        for index in range(draw(st.integers(0, 6)))
    ]
    return candidates, teams, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(small_cases())
def test_assignment_is_as_good_as_the_best_found_by_brute_force(case):
    candidates, teams, place_outside_wishes = case
    plan = assign(candidates, teams, place_outside_wishes=place_outside_wishes)
    check_plan(plan, candidates, teams, place_outside_wishes)
    assert plan.score() == brute_force_best(candidates, teams, place_outside_wishes)


def test_a_first_wish_is_not_traded_for_two_lower_wishes():
    # Sum of ranks would call these equal; a rank-maximal plan keeps Amal's first wish.
    candidates = [
        Candidate("Amal", wishes=("media", "logistics")),
        Candidate("Basim", wishes=("logistics", "media")),
    ]
    teams = [TeamPlaces("media", 1), TeamPlaces("logistics", 1)]
    plan = assign(candidates, teams)
    assert plan.team_of == {"Amal": "media", "Basim": "logistics"}
    assert plan.counts[1] == 2


def test_more_volunteers_placed_beats_a_first_wish():
    candidates = [
        Candidate("Amal", wishes=("media", "logistics")),
        Candidate("Basim", wishes=("media",)),
    ]
    teams = [TeamPlaces("media", 1), TeamPlaces("logistics", 1)]
    plan = assign(candidates, teams)
    assert plan.team_of == {"Amal": "logistics", "Basim": "media"}
    assert plan.unplaced == []


def test_a_team_is_never_filled_beyond_its_places():
    candidates = [Candidate(n, wishes=("first-aid",)) for n in range(5)]
    plan = assign(candidates, [TeamPlaces("first-aid", 2)])
    assert list(plan.team_of.values()) == ["first-aid", "first-aid"]
    assert len(plan.unplaced) == 3
    assert plan.counts["unplaced"] == 3


def test_a_team_with_required_skills_takes_only_volunteers_with_one_of_them():
    candidates = [
        Candidate("Dalia", wishes=("interpretation",), skills=frozenset({"interpretation"})),
        Candidate("Hadi", wishes=("interpretation",), skills=frozenset({"first_aid"})),
    ]
    plan = assign(candidates, [TeamPlaces("interpretation", 5, frozenset({"interpretation"}))])
    assert plan.team_of == {"Dalia": "interpretation"}
    assert plan.unplaced == ["Hadi"]


def test_placing_others_outside_their_wishes_never_lowers_the_wishes_met():
    candidates = [
        Candidate("Amal", wishes=("media", "logistics")),
        Candidate("Basim", wishes=("media",)),
        Candidate("Dalia", wishes=("logistics",)),
    ]
    teams = [TeamPlaces("media", 1), TeamPlaces("logistics", 1), TeamPlaces("hospitality", 1)]
    wishes_only = assign(candidates, teams)
    plan = assign(candidates, teams, place_outside_wishes=True)
    assert plan.score()[:4] == wishes_only.score()[:4] == (2, 2, 0, 0)
    assert plan.team_of == {"Basim": "media", "Dalia": "logistics", "Amal": "hospitality"}


def test_volunteers_go_outside_their_wishes_only_when_asked():
    candidates = [Candidate("Amal", wishes=("media",)), Candidate("Basim", wishes=("media",))]
    teams = [TeamPlaces("media", 1), TeamPlaces("hospitality", 3)]
    assert len(assign(candidates, teams).unplaced) == 1
    plan = assign(candidates, teams, place_outside_wishes=True)
    assert sorted(plan.team_of.values()) == ["hospitality", "media"]
    assert plan.counts[1] == 1 and plan.counts[None] == 1


def test_a_volunteer_without_wishes_is_placed_only_outside_wishes():
    candidates = [Candidate("Amal")]
    assert assign(candidates, [TeamPlaces("media", 1)]).unplaced == ["Amal"]
    plan = assign(candidates, [TeamPlaces("media", 1)], place_outside_wishes=True)
    assert plan.team_of == {"Amal": "media"} and plan.rank_of == {"Amal": None}


def test_nobody_and_no_places_give_an_empty_plan():
    assert assign([], [TeamPlaces("media", 3)]).team_of == {}
    plan = assign([Candidate("Amal", wishes=("media",))], [TeamPlaces("media", 0)])
    assert plan.team_of == {} and plan.unplaced == ["Amal"]


def test_too_many_volunteers_at_once_are_refused():
    with pytest.raises(ValueError, match="At most"):
        assign([Candidate(n) for n in range(8001)], [TeamPlaces("media", 1)])
