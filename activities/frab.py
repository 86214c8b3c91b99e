"""The programme in the frab schedule format (schedule.xml and schedule.json),
which schedule apps such as Giggity and EventFahrplan read.

The format is described by the c3voc schema files (../shared/interop/);
tests validate both exports against them. Identifiers are UUID 5 values
derived from the season and the activity's number, so they stay the same
across languages and across exports: an app updates an event, it does not
add a second one.
"""

import datetime as dt
import re
import uuid
import zoneinfo
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from forum.links import absolute_url
from forum.text import text_in_language

# All ISF identifiers are derived from this one.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "iraqsocialforum.org")
GENERATOR = {"name": "isf-site", "version": "1.0"}
# What the XML schema accepts as a track slug.
TRACK_SLUG = re.compile(r"[a-z][a-z0-9-]+")

# The masar palette as colours (static/css/site.css holds the same ones as
# CSS classes for the pages).
MASAR_COLOURS = {
    "green": "#1b6b3a",
    "teal": "#0f6674",
    "blue": "#1d4ed8",
    "indigo": "#3730a3",
    "purple": "#6b21a8",
    "magenta": "#a21caf",
    "red": "#b91c1c",
    "brown": "#8a4b12",
    "olive": "#4d5b12",
    "slate": "#334155",
}


def text(obj, field):
    return text_in_language(obj, field)[0]


def guid(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def hours_minutes(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def acronym(season):
    return f"isf{season.number}"


def room_names(activities):
    """Each space's name; with its venue where two spaces share a name."""
    spaces = {activity.space_id: activity.space for activity in activities}
    counts = {}
    for space in spaces.values():
        counts[text(space, "name")] = counts.get(text(space, "name"), 0) + 1
    return {
        pk: text(space, "name")
        if counts[text(space, "name")] == 1
        else f"{text(space, 'name')} ({text(space.venue, 'name')})"
        for pk, space in spaces.items()
    }


def build_schedule(activities, *, season, masarat, url, programme_url):
    """The schedule as a Python structure, shared by the XML and JSON writers."""
    tz = zoneinfo.ZoneInfo(season.time_zone)
    activities = sorted(activities, key=lambda a: (a.starts_at, a.space_id, a.pk))
    rooms = room_names(activities)
    events_by_day = {day: {} for day in season.days}
    for activity in activities:
        start = activity.starts_at.astimezone(tz)
        day_rooms = events_by_day.setdefault(start.date(), {})
        masar_names = [text(masar, "name") for masar in activity.masarat.all()]
        organization = text(activity, "organization")
        day_rooms.setdefault(rooms[activity.space_id], []).append(
            {
                "id": activity.pk,
                "guid": guid("activity", season.number, activity.number),
                "date": start.isoformat(),
                "start": start.strftime("%H:%M"),
                "duration": hours_minutes(activity.ends_at - activity.starts_at),
                "room": rooms[activity.space_id],
                "slug": f"{acronym(season)}-{activity.number:04d}",
                "url": absolute_url(activity.get_absolute_url()),
                "title": text(activity, "title"),
                "subtitle": "",
                "track": masar_names[0] if masar_names else None,
                "type": activity.format,
                "language": (activity.languages or [None])[0],
                "abstract": text(activity, "summary"),
                "description": text(activity, "description"),
                "persons": [{"name": organization, "guid": guid("organization", organization)}]
                if organization
                else [],
                "links": [],
            }
        )
    days = []
    for index, day in enumerate(sorted(events_by_day), start=1):
        start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.isoformat(),
                "day_end": (start + dt.timedelta(days=1, seconds=-1)).isoformat(),
                "rooms": events_by_day[day],
            }
        )
    spaces = {activity.space_id: activity.space for activity in activities}
    last_change = max((a.updated_at for a in activities), default=None)
    return {
        "version": last_change.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if last_change else "0",
        "base_url": absolute_url("/"),
        "url": url,
        "conference": {
            "acronym": acronym(season),
            "title": f"{_('Iraqi Social Forum')} — {text(season, 'name')}",
            "start": season.start_date.isoformat(),
            "end": season.end_date.isoformat(),
            "daysCount": len(days),
            "timeslot_duration": "00:30",
            "time_zone_name": season.time_zone,
            "url": programme_url,
            "tracks": [
                {
                    "name": text(masar, "name"),
                    "slug": masar.slug,
                    "color": MASAR_COLOURS.get(masar.colour, MASAR_COLOURS["green"]),
                }
                for masar in masarat
            ],
            "rooms": [
                {
                    "name": rooms[pk],
                    "guid": guid("space", pk),
                    "capacity": space.capacity or None,
                }
                for pk, space in spaces.items()
            ],
            "days": days,
        },
    }


def schedule_json(schedule):
    conference = dict(schedule["conference"])
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": GENERATOR,
        "schedule": {
            "version": schedule["version"],
            "base_url": schedule["base_url"],
            "conference": conference,
        },
    }


def _add(parent, tag, value=None, **attributes):
    element = ElementTree.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if value is not None:
        element.text = str(value)
    return element


def schedule_xml(schedule):
    conference = schedule["conference"]
    root = ElementTree.Element("schedule")
    _add(root, "generator", **GENERATOR)
    _add(root, "url", schedule["url"])
    _add(root, "version", schedule["version"])
    conf = _add(root, "conference")
    _add(conf, "title", conference["title"])
    _add(conf, "acronym", conference["acronym"])
    _add(conf, "start", conference["start"])
    _add(conf, "end", conference["end"])
    _add(conf, "days", conference["daysCount"])
    _add(conf, "timeslot_duration", conference["timeslot_duration"])
    _add(conf, "base_url", schedule["base_url"])
    _add(conf, "url", conference["url"])
    _add(conf, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        attributes = {"name": track["name"], "color": track["color"]}
        if TRACK_SLUG.fullmatch(track["slug"]):
            attributes["slug"] = track["slug"]
        _add(conf, "track", track["name"], **attributes)
    room_guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = _add(
            root,
            "day",
            index=day["index"],
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for room_name, events in day["rooms"].items():
            room = _add(day_element, "room", name=room_name, guid=room_guids[room_name])
            for event in events:
                element = _add(room, "event", id=event["id"], guid=event["guid"])
                for tag in ("date", "start", "duration", "room", "slug", "url", "title"):
                    _add(element, tag, event[tag])
                _add(element, "subtitle", event["subtitle"])
                _add(element, "track", event["track"] or "")
                _add(element, "type", event["type"])
                if event["language"]:
                    _add(element, "language", event["language"])
                _add(element, "abstract", event["abstract"])
                _add(element, "description", event["description"])
                persons = _add(element, "persons")
                for person in event["persons"]:
                    _add(persons, "person", person["name"], guid=person["guid"])
                _add(element, "links")
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
