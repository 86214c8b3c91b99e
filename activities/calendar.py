"""iCalendar (RFC 5545) files of the programme, written by hand: the format
is small, and no calendar library is among the project's dependencies.

Times are written in the season's own time zone (TZID) with a VTIMEZONE
built from the time-zone database, so a phone in another zone still shows
the activity at the right moment; lines end in CRLF and are folded at 75
octets without splitting a UTF-8 character.
"""

import datetime as dt
import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext as _

from forum.templatetags.forum_tags import field_in_language

PRODUCT_ID = "-//Iraqi Social Forum//Programme//EN"
MAX_LINE_OCTETS = 75


def escape_text(value):
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(char, escaped)
    return value


def fold(line):
    """Split a content line into lines of at most 75 octets (RFC 5545 3.1);
    each continuation line starts with a space."""
    if len(line.encode()) <= MAX_LINE_OCTETS:
        return line
    lines, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > MAX_LINE_OCTETS:
            lines.append(current)
            current, size = " ", 1
        current += char
        size += width
    lines.append(current)
    return "\r\n".join(lines)


def utc_stamp(moment):
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment, tz):
    return moment.astimezone(tz).strftime("%Y%m%dT%H%M%S")


def _offset(delta):
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _transitions(tz, start, end):
    """The instants (UTC) where the zone's offset changes between start and end."""
    found = []
    step = dt.timedelta(days=1)
    moment = start
    offset = moment.astimezone(tz).utcoffset()
    while moment < end:
        later = moment + step
        later_offset = later.astimezone(tz).utcoffset()
        if later_offset != offset:
            low, high = moment, later
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(tz).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            found.append(high.replace(second=0, microsecond=0))
            offset = later_offset
        moment = later
    return found


def vtimezone(tzname, first_day, last_day):
    """A VTIMEZONE for the zone around the given days (a year either side)."""
    tz = zoneinfo.ZoneInfo(tzname)
    start = dt.datetime(first_day.year - 1, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last_day.year + 1, 12, 31, tzinfo=dt.UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzname}"]

    def component(moment, before, after):
        local = moment.astimezone(tz)
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        return [
            f"BEGIN:{kind}",
            f"DTSTART:{(moment + before).strftime('%Y%m%dT%H%M%S')}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(after)}",
            f"TZNAME:{local.tzname()}",
            f"END:{kind}",
        ]

    first_offset = start.astimezone(tz).utcoffset()
    lines += component(start, first_offset, first_offset)
    previous = first_offset
    for moment in _transitions(tz, start, end):
        offset = moment.astimezone(tz).utcoffset()
        lines += component(moment, previous, offset)
        previous = offset
    lines.append("END:VTIMEZONE")
    return lines


def _text_property(name, obj, field):
    """SUMMARY;LANGUAGE=ar:… in the page's language, or the other one's."""
    value, code = field_in_language(obj, field)
    return f"{name};LANGUAGE={code}:{escape_text(value)}"


def event_lines(activity, *, season, tz, host, absolute_url, now):
    space, venue = activity.space, activity.space.venue
    place = ", ".join(
        part
        for part in (
            field_in_language(space, "name")[0],
            field_in_language(venue, "name")[0],
            field_in_language(venue, "address")[0],
        )
        if part
    )
    organization = field_in_language(activity, "organization")[0]
    summary = field_in_language(activity, "summary")[0]
    description = "\n\n".join(
        part
        for part in (summary, _("Organized by %(name)s") % {"name": organization}, absolute_url)
        if part
    )
    masarat = [field_in_language(masar, "name")[0] for masar in activity.masarat.all()]
    lines = [
        "BEGIN:VEVENT",
        f"UID:isf{season.number}-{activity.number:04d}@{host}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"LAST-MODIFIED:{utc_stamp(activity.updated_at)}",
        f"DTSTART;TZID={tz.key}:{local_stamp(activity.starts_at, tz)}",
        f"DTEND;TZID={tz.key}:{local_stamp(activity.ends_at, tz)}",
        _text_property("SUMMARY", activity, "title"),
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(place)}",
        f"URL:{absolute_url}",
        "STATUS:CONFIRMED",
    ]
    if masarat:
        lines.append("CATEGORIES:" + ",".join(escape_text(name) for name in masarat))
    lines.append("END:VEVENT")
    return lines


def build_calendar(activities, *, season, name, request):
    """The .ics text of these activities, in the active language."""
    tz = zoneinfo.ZoneInfo(season.time_zone)
    host = request.get_host().split(":")[0]
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{tz.key}",
        # Subscribed calendars look for changes every hour.
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        *vtimezone(tz.key, season.start_date, season.end_date),
    ]
    for activity in activities:
        lines += event_lines(
            activity,
            # The activity's own season names its UID ("my programme" may mix seasons).
            season=activity.season,
            tz=tz,
            host=host,
            absolute_url=request.build_absolute_uri(activity.get_absolute_url()),
            now=now,
        )
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
