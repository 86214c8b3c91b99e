"""iCalendar (RFC 5545) files of the programme, written with the `icalendar`
package (as pretalx does): it escapes TEXT values, writes CRLF and folds
lines at 75 octets without splitting a UTF-8 character.

Times are written in the season's own time zone (TZID) with a VTIMEZONE
built here from the time-zone database, so a phone in another zone still
shows the activity at the right moment. (icalendar's own
`Timezone.from_tzinfo` starts a summer-time rule at the first local time
after the change, an hour late; RFC 5545 wants the local time before it.)
Text is cleaned (forum.text) before it is written: TEXT values may not hold
control characters.
"""

import datetime as dt
import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from forum.links import absolute_url, site_host
from forum.text import clean_text, text_in_language

PRODUCT_ID = "-//Iraqi Social Forum//Programme//EN"


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
    component = Timezone()
    component.add("tzid", tzname)

    def rule(moment, before, after):
        local = moment.astimezone(tz)
        sub = TimezoneDaylight() if local.dst() else TimezoneStandard()
        # The onset in local time as it was before the change (RFC 5545 3.6.5).
        sub.add("dtstart", (moment + before).replace(tzinfo=None))
        sub.add("tzoffsetfrom", before)
        sub.add("tzoffsetto", after)
        sub.add("tzname", local.tzname())
        return sub

    first_offset = start.astimezone(tz).utcoffset()
    component.add_component(rule(start, first_offset, first_offset))
    previous = first_offset
    for moment in _transitions(tz, start, end):
        offset = moment.astimezone(tz).utcoffset()
        component.add_component(rule(moment, previous, offset))
        previous = offset
    return component


def event(activity, *, season, tz, host, absolute_url, now):
    space, venue = activity.space, activity.space.venue
    place = ", ".join(
        part
        for part in (
            text_in_language(space, "name")[0],
            text_in_language(venue, "name")[0],
            text_in_language(venue, "address")[0],
        )
        if part
    )
    organization = text_in_language(activity, "organization")[0]
    summary = text_in_language(activity, "summary")[0]
    description = "\n\n".join(
        part
        for part in (summary, _("Organized by %(name)s") % {"name": organization}, absolute_url)
        if part
    )
    title, title_language = text_in_language(activity, "title")
    masarat = [text_in_language(masar, "name")[0] for masar in activity.masarat.all()]
    component = Event()
    component.add("uid", f"isf{season.number}-{activity.number:04d}@{host}")
    component.add("dtstamp", now.astimezone(dt.UTC))
    component.add("last-modified", activity.updated_at.astimezone(dt.UTC))
    component.add("dtstart", activity.starts_at.astimezone(tz))
    component.add("dtend", activity.ends_at.astimezone(tz))
    # SUMMARY;LANGUAGE=ar:… in the page's language, or the other one's.
    component.add("summary", title, parameters={"LANGUAGE": title_language})
    component.add("description", description)
    component.add("location", place)
    component.add("url", absolute_url)
    component.add("status", "CONFIRMED")
    if masarat:
        component.add("categories", masarat)
    return component


def build_calendar(activities, *, season, name):
    """The .ics text of these activities, in the active language. UIDs and
    URLs are on SITE_URL, so they stay the same whichever host was asked."""
    tz = zoneinfo.ZoneInfo(season.time_zone)
    host = site_host()
    now = timezone.now()
    name = vText(clean_text(name))
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", tz.key)
    # Subscribed calendars look for changes every hour.
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(vtimezone(tz.key, season.start_date, season.end_date))
    for activity in activities:
        calendar.add_component(
            event(
                activity,
                # The activity's own season names its UID ("my programme" may mix seasons).
                season=activity.season,
                tz=tz,
                host=host,
                absolute_url=absolute_url(activity.get_absolute_url()),
                now=now,
            )
        )
    return calendar.to_ical().decode()
