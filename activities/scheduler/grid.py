"""A day of the season as a grid: the spaces (grouped by venue) as columns,
quarter hours as rows, the activities placed on it as blocks.

The page places each cell and block with classes (.row-start-N, .row-span-N,
.col-start-N, .col-span-N, .cols-N of static/css/admin-scheduler.css): a
strict CSP forbids style attributes.
"""

import dataclasses
import datetime as dt
import math

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import services
from ..models import Activity
from .service import STEP

HEADER_ROWS = 2  # the venues' row, then the spaces' row
FIRST_COLUMN = 2  # the times are column 1
# The grid's widest day and most spaces the stylesheet has classes for.
MAX_ROWS = 24 * 4
MAX_COLUMNS = 40


@dataclasses.dataclass
class Block:
    activity: Activity
    row: int
    span: int
    column: int
    start: str
    end: str


def quarter_floor(moment):
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


class DayGrid:
    def __init__(self, season, day):
        self.season, self.day = season, day
        zone = season.zone
        self.venues = list(season.venues.prefetch_related("spaces"))
        self.spaces = [space for venue in self.venues for space in venue.spaces.all()][
            : MAX_COLUMNS - 1
        ]
        midnight = dt.datetime.combine(day, dt.time(0), zone)
        next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone)
        self.activities = list(
            Activity.objects.published()
            .filter(
                season=season,
                space__in=self.spaces,
                starts_at__gte=midnight,
                starts_at__lt=next_midnight,
            )
            .select_related("season", "space__venue")
            .order_by("starts_at")
        )
        opens = [venue.opens_at for venue in self.venues] or [dt.time(9)]
        closes = [venue.closes_at for venue in self.venues] or [dt.time(21)]
        first = dt.datetime.combine(day, min(opens), zone)
        last = dt.datetime.combine(day, max(closes), zone)
        for activity in self.activities:
            first = min(first, services.local(activity.starts_at, season))
            last = max(last, services.local(activity.ends_at, season))
        self.first = quarter_floor(first)
        self.last = min(last, next_midnight)
        count = max(1, math.ceil((self.last - self.first) / STEP))
        self.row_count = min(count, MAX_ROWS)

    @property
    def start_times(self):
        """Every quarter hour an activity may start at on this grid."""
        return [(self.first + STEP * n).timetz() for n in range(self.row_count)]

    @property
    def column_count(self):
        return len(self.spaces)

    def row_of(self, moment):
        return HEADER_ROWS + 1 + int((moment - self.first) / STEP)

    def venue_headers(self):
        column = FIRST_COLUMN
        for venue in self.venues:
            count = len([s for s in venue.spaces.all() if s in self.spaces])
            if count:
                yield {"venue": venue, "column": column, "span": count}
            column += count

    def space_headers(self):
        for index, space in enumerate(self.spaces):
            yield {"space": space, "column": FIRST_COLUMN + index}

    def rows(self):
        """Each quarter hour: its grid row, its time, and one cell per space."""
        for index in range(self.row_count):
            moment = self.first + STEP * index
            yield {
                "row": HEADER_ROWS + 1 + index,
                "time": moment.strftime("%H:%M"),
                "label": formats.time_format(moment, "H:i") if moment.minute % 30 == 0 else "",
                "hour": moment.minute == 0,
                "cells": [
                    {"column": FIRST_COLUMN + column, "space": space.pk}
                    for column, space in enumerate(self.spaces)
                ],
            }

    def blocks(self):
        columns = {space.pk: FIRST_COLUMN + index for index, space in enumerate(self.spaces)}
        last_row = HEADER_ROWS + self.row_count
        for activity in self.activities:
            start = services.local(activity.starts_at, self.season)
            end = services.local(activity.ends_at, self.season)
            row = self.row_of(quarter_floor(start))
            span = max(1, min(math.ceil((end - start) / STEP), last_row + 1 - row))
            yield Block(
                activity=activity,
                row=row,
                span=span,
                column=columns[activity.space_id],
                start=formats.time_format(start, "H:i"),
                end=formats.time_format(end, "H:i"),
            )

    def waiting(self):
        """The season's accepted activities not scheduled yet, with what
        placing them needs."""
        language = get_language()
        activities = (
            Activity.objects.filter(season=self.season, status=Activity.Status.ACCEPTED)
            .exclude(space__isnull=False, starts_at__isnull=False, ends_at__isnull=False)
            .select_related("season")
            .order_by("number")
        )
        needs = dict(Activity.SpaceNeed.choices)
        return [
            {
                "activity": activity,
                "preferred_days": _(", ").join(services.preferred_days_display(activity, language)),
                "space_needs": _(", ").join(
                    str(needs.get(need, need)) for need in activity.space_needs
                ),
                "prefers_this_day": self.day.isoformat() in activity.preferred_days,
            }
            for activity in activities
        ]
