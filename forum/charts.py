"""Bar charts drawn on the server, as inline SVG: no script, nothing the
strict Content-Security-Policy refuses (geometry in presentation attributes,
colours from classes in static/css/numbers.css, never a style attribute).

A chart is a list of `Bar` rows. `bar_chart()` lays them out: each row is
its label (wrapped over lines, since SVG text does not wrap) above a bar
with its figure at the bar's end. On a right-to-left page the labels stand
on the right and the bars grow from the right; the SVG says its own
`direction`, so `text-anchor="start"` is the right edge there.

The chart is drawn for the eye; its figures are also a table beside it,
which is what a screen reader reads (the SVG is aria-hidden).
"""

import textwrap
from dataclasses import dataclass, field

from django.utils.translation import get_language_bidi, gettext

# The viewBox is about a phone's width in CSS pixels, so on a phone the text
# is drawn at its own size; wider screens cap the chart (numbers.css).
WIDTH = 360
# Room kept after the longest bar for its figure ("fewer than 5" included).
FIGURE_ROOM = 96
BAR_HEIGHT = 16
LINE_HEIGHT = 18
ROW_GAP = 12
# Characters on one line of a label at 14px in 360 units (Arabic and Latin
# letters are about as wide at this size); longer labels wrap.
LABEL_CHARACTERS = 44
# Counts about people under this are shown as "fewer than 5", never exactly.
SMALL_COUNT = 5


@dataclass
class Bar:
    """One row of a chart: a label, its count, and how it may be shown."""

    label: str
    count: int
    # The label's language, when it is not the page's (a name available in
    # one language only): the SVG text and the table cell carry it.
    lang: str = ""
    # A colour class (masar-teal, …); the default colour otherwise.
    css_class: str = ""
    # A count about people: under SMALL_COUNT (but not 0) it is hidden.
    about_people: bool = False

    @property
    def hidden(self):
        return self.about_people and 0 < self.count < SMALL_COUNT

    @property
    def shown(self):
        """The figure as the page prints it."""
        if self.hidden:
            return gettext("fewer than %(number)s") % {"number": SMALL_COUNT}
        return str(self.count)

    @property
    def drawn_count(self):
        """The length the bar is drawn for: a hidden count is drawn as
        SMALL_COUNT, whatever it is, so its bar tells nothing either."""
        return SMALL_COUNT if self.hidden else self.count


@dataclass
class DrawnBar:
    bar: Bar
    # (text, y) of each line of the label.
    label_lines: list
    label_x: float
    bar_x: float
    bar_y: float
    bar_width: float
    figure_x: float
    figure_y: float


@dataclass
class Chart:
    """What a chart template needs: the rows laid out, and the whole size."""

    rows: list
    width: int
    height: int
    direction: str
    title: str = ""
    drawn: list = field(default_factory=list)


def wrap(label):
    return textwrap.wrap(label, LABEL_CHARACTERS, break_long_words=True) or [""]


def bar_chart(bars, *, rtl=None):
    """Lays out `bars` (a list of Bar) for an SVG of WIDTH units across.

    Right to left when the page's language is (or `rtl`): labels anchored on
    the right edge and bars growing from it.
    """
    rtl = get_language_bidi() if rtl is None else rtl
    longest = max((bar.drawn_count for bar in bars), default=0) or 1
    room = WIDTH - FIGURE_ROOM
    drawn = []
    y = 0
    for bar in bars:
        lines = wrap(bar.label)
        label_ys = [y + LINE_HEIGHT * (index + 1) - 4 for index in range(len(lines))]
        bar_y = y + LINE_HEIGHT * len(lines) + 2
        length = round(room * bar.drawn_count / longest, 1)
        if bar.drawn_count and length < 2:
            length = 2.0  # a count that is not zero is always seen
        if rtl:
            bar_x, label_x, figure_x = WIDTH - length, WIDTH, WIDTH - length - 6
        else:
            bar_x, label_x, figure_x = 0, 0, length + 6
        drawn.append(
            DrawnBar(
                bar=bar,
                label_lines=list(zip(lines, label_ys, strict=True)),
                label_x=label_x,
                bar_x=round(bar_x, 1),
                bar_y=bar_y,
                bar_width=length,
                figure_x=round(figure_x, 1),
                figure_y=bar_y + BAR_HEIGHT - 3,
            )
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return Chart(
        rows=bars,
        width=WIDTH,
        height=max(y - ROW_GAP + 2, 1),
        direction="rtl" if rtl else "ltr",
        drawn=drawn,
    )
