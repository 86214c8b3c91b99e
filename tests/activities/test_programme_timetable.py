"""The day timetable's grid: spaces as columns, time intervals as rows."""

import pytest

from activities.timetable import build_timetable
from tests.activities.programme_helpers import (
    at,
    fresh_cache,  # noqa: F401 - autouse fixture
    future_season,
    place,
    schedule,
)

pytestmark = pytest.mark.django_db


def layout(timetable):
    """Each row as (time, [title or "" for an empty slot or "^" under a rowspan])."""
    return [
        (
            f"{row.time:%H:%M}",
            [
                "^"
                if cell is None
                else "+".join(a.title_en for a in cell.activities) + f"/{cell.rowspan}"
                if cell.starts_here
                else ""
                for cell in row.cells
            ],
        )
        for row in timetable.rows
    ]


@pytest.fixture
def hall_a_b():
    season = future_season()
    hall_a, hall_b = place(season, space_names=["A", "B"])
    return season.days[0], hall_a, hall_b


def test_activities_of_different_lengths_span_the_rows_of_their_time(hall_a_b):
    day, hall_a, hall_b = hall_a_b
    activities = [
        schedule(hall_a, at(day, 9), minutes=120, title_en="long"),
        schedule(hall_b, at(day, 9), minutes=60, title_en="short"),
        schedule(hall_b, at(day, 10), minutes=30, title_en="shorter"),
        schedule(hall_a, at(day, 12), minutes=60, title_en="noon"),
    ]
    timetable = build_timetable(activities)
    assert [space.name_en for space in timetable.spaces] == ["A", "B"]
    assert layout(timetable) == [
        ("09:00", ["long/3", "short/1"]),
        ("10:00", ["^", "shorter/1"]),
        ("10:30", ["^", ""]),
        ("11:00", ["", ""]),
        ("12:00", ["noon/1", ""]),
    ]
    assert [row.has_start for row in timetable.rows] == [True, True, False, False, True]


def test_only_spaces_with_activities_that_day_are_columns(hall_a_b):
    day, _hall_a, hall_b = hall_a_b
    timetable = build_timetable([schedule(hall_b, at(day, 9), title_en="only")])
    assert [space.name_en for space in timetable.spaces] == ["B"]
    assert layout(timetable) == [("09:00", ["only/1"])]


def test_an_empty_day_has_no_timetable(hall_a_b):
    timetable = build_timetable([])
    assert not timetable
    assert timetable.spaces == []


def test_overlapping_activities_in_one_space_are_shown_together_not_lost(hall_a_b):
    # The PostgreSQL constraint forbids this; the timetable must still not
    # drop an activity if data ever arrives this way (e.g. on SQLite).
    day, hall_a, _hall_b = hall_a_b
    first = schedule(hall_a, at(day, 9), minutes=60, title_en="first")
    second = schedule(hall_a, at(day, 11), minutes=60, title_en="second")
    second.starts_at = at(day, 9, 30)  # as if overlapping, without saving
    timetable = build_timetable([first, second])
    assert layout(timetable) == [
        ("09:00", ["first+second/3"]),
        ("09:30", ["^"]),
        ("10:00", ["^"]),
    ]
