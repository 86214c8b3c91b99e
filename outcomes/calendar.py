"""The calendar of action dates: a season's initiatives with dates, as
all-day events (a date or a period), written with `icalendar` as
activities.calendar writes the programme."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from activities.calendar import PRODUCT_ID
from forum.links import absolute_url, site_host
from forum.templatetags.forum_tags import field_in_language
from forum.text import clean_text


def initiative_event(initiative, *, host, now):
    title, title_language = field_in_language(initiative, "title")
    description = field_in_language(initiative, "description")[0]
    call = field_in_language(initiative, "call_to_join")[0]
    url = absolute_url(initiative.get_absolute_url())
    event = Event()
    event.add("uid", f"isf-initiative-{initiative.pk}@{host}")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", initiative.starts_on)
    # All-day events end the day after their last day (RFC 5545 3.6.1).
    event.add("dtend", (initiative.ends_on or initiative.starts_on) + dt.timedelta(days=1))
    event.add("summary", clean_text(title), parameters={"LANGUAGE": title_language})
    event.add("description", clean_text("\n\n".join(p for p in (description, call, url) if p)))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def build_initiative_calendar(initiatives, *, season):
    host = site_host()
    now = timezone.now()
    name = vText(
        clean_text(
            _("Initiatives of the %(season)s — Iraqi Social Forum")
            % {"season": field_in_language(season, "name")[0]}
        )
    )
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    for initiative in initiatives:
        calendar.add_component(initiative_event(initiative, host=host, now=now))
    return calendar.to_ical().decode()
