"""Building programmes for the programme's tests: a season on given dates,
its spaces, and activities placed in them."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import (
    MasarFactory,
    ScheduledActivityFactory,
    SeasonFactory,
    SpaceFactory,
    VenueFactory,
)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: a rolled-back test database
    sends no signal, so pages cached by an earlier test could otherwise
    still be served. (Imported by each programme test module.)"""
    cache.clear()
    yield
    cache.clear()


def at(day, hour, minute=0):
    """An aware datetime in the site's time zone (Asia/Baghdad)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def season_from(first_day, days=9):
    return SeasonFactory(start_date=first_day, end_date=first_day + dt.timedelta(days=days - 1))


def future_season():
    """A season that has not started (the programme opens on its first day)."""
    return season_from(timezone.localdate() + dt.timedelta(days=30))


def running_season():
    """A season whose second day is today."""
    return season_from(timezone.localdate() - dt.timedelta(days=1))


def place(season, venue_name="Academy", space_names=("Main Hall", "Hall 1")):
    venue = VenueFactory(
        season=season,
        name_en=venue_name,
        name_ar=f"مكان {venue_name}",
        map_url="https://www.openstreetmap.org/search?query=Baghdad",
    )
    return [
        SpaceFactory(venue=venue, name_en=name, name_ar=f"قاعة {name}", order=order)
        for order, name in enumerate(space_names)
    ]


def schedule(space, start, minutes=90, masarat=(), **fields):
    return ScheduledActivityFactory(
        season=space.venue.season,
        space=space,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=minutes),
        masarat=list(masarat),
        **fields,
    )


def fill_day(season, day, *, count, spaces, masarat, after=0):
    """`count` activities on one day in half-hour slots from 08:00, the
    spaces side by side; `after` skips the slots of an earlier fill_day."""
    return [
        schedule(
            spaces[index % len(spaces)],
            at(day, 8) + dt.timedelta(minutes=30 * (index // len(spaces))),
            minutes=30,
            masarat=masarat[: 1 + index % 2],
        )
        for index in range(after, after + count)
    ]


def masarat_of(season, count=2):
    colours = ["teal", "red", "blue", "green"]
    return [MasarFactory(season=season, colour=colours[i % 4]) for i in range(count)]
