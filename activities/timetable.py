"""A day's timetable: spaces as columns, time as rows.

Rows are the intervals between the day's start and end times, so an
activity spans exactly the rows of its time (an HTML rowspan) whatever the
lengths of the activities around it. The same table reads as a list on a
phone (static/css/programme.css): each row is a time, each cell the
activities starting then.
"""

from dataclasses import dataclass, field

from django.utils import timezone


@dataclass
class Cell:
    activities: list = field(default_factory=list)
    rowspan: int = 1
    starts_here: bool = True


@dataclass
class Row:
    time: object  # an aware datetime, local to the season
    cells: list  # one per column: a Cell, or None where an earlier one spans
    has_start: bool = False

    @property
    def iso(self):
        # What the template's |date:'c' and |time:"H:i" wrote, without them.
        return self.time.isoformat()

    @property
    def clock(self):
        return f"{self.time.hour:02d}:{self.time.minute:02d}"


@dataclass
class Timetable:
    spaces: list
    rows: list

    def __bool__(self):
        return bool(self.rows)


def build_timetable(activities):
    """`activities`: one day's, with space (and space.venue) selected."""
    activities = sorted(activities, key=lambda a: (a.starts_at, a.space.venue.order, a.pk))
    spaces = sorted(
        {a.space_id: a.space for a in activities}.values(),
        key=lambda s: (s.venue.order, s.venue_id, s.order, s.pk),
    )
    if not activities:
        return Timetable(spaces=[], rows=[])
    local = timezone.localtime
    boundaries = sorted(
        {local(a.starts_at) for a in activities} | {local(a.ends_at) for a in activities}
    )
    index = {moment: position for position, moment in enumerate(boundaries)}
    column = {space.pk: position for position, space in enumerate(spaces)}
    # The grid: one row per interval between two boundaries.
    grid = [[Cell(starts_here=False) for _space in spaces] for _moment in boundaries[:-1]]
    open_cell = {}  # column -> (first row, Cell) of the last activity placed there
    for activity in activities:
        first, last = index[local(activity.starts_at)], index[local(activity.ends_at)]
        col = column[activity.space_id]
        previous = open_cell.get(col)
        if previous and first < previous[0] + previous[1].rowspan:
            # Overlapping activities in one space (data the PostgreSQL
            # constraint forbids): shown together rather than lost.
            start_row, cell = previous
            cell.activities.append(activity)
            cell.rowspan = max(cell.rowspan, last - start_row)
            continue
        cell = Cell(activities=[activity], rowspan=last - first)
        grid[first][col] = cell
        open_cell[col] = (first, cell)
    rows = []
    covered = [0] * len(spaces)  # rows still covered by a rowspan, per column
    for position, moment in enumerate(boundaries[:-1]):
        cells = []
        for col, cell in enumerate(grid[position]):
            if covered[col]:
                covered[col] -= 1
                cells.append(None)
            elif cell.starts_here:
                covered[col] = cell.rowspan - 1
                cells.append(cell)
            else:
                cells.append(cell)  # an empty slot
        rows.append(
            Row(time=moment, cells=cells, has_start=any(c and c.starts_here for c in cells))
        )
    return Timetable(spaces=spaces, rows=rows)
