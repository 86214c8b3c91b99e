"""The .ics files: RFC 5545 calendars for an activity, a masar, the whole
programme and "my programme"."""

import datetime as dt
import re

import pytest

from activities.calendar import vtimezone
from activities.models import Activity
from tests.activities.programme_helpers import (
    at,
    fresh_cache,  # noqa: F401 - autouse fixture
    future_season,
    masarat_of,
    place,
    schedule,
)

pytestmark = pytest.mark.django_db

# name *(";" param) ":" value, RFC 5545 3.1 (names are letters, digits, "-").
CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=[^:;]+)*:.*$")


def unfold(text):
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert "\n" not in line and "\r" not in line
        assert len(line.encode()) <= 75, line
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(text):
    """The VEVENTs as {property name: value} (parameters kept in the name)."""
    found, current = [], None
    for line in unfold(text):
        assert CONTENT_LINE.match(line), line
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return found


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


@pytest.fixture
def activities():
    season = future_season()
    main_hall, hall_1 = place(season)
    water, women = masarat_of(season)
    day = season.days[0]
    return {
        "season": season,
        "masarat": (water, women),
        "marshes": schedule(
            main_hall,
            at(day, 9),
            title_en="Saving the marshes; water, life",
            title_ar="إنقاذ الأهوار: الماء والحياة، والناس",
            summary_en="A long summary " * 10,
            organization_en="Demo Water Initiative",
            masarat=[water],
        ),
        "unions": schedule(hall_1, at(day, 11), title_en="Women in the unions", masarat=[women]),
        "later": schedule(main_hall, at(season.days[3], 16), title_en="Later", masarat=[water]),
    }


def test_long_lines_fold_at_75_octets_without_splitting_a_character(client, activities):
    activity = activities["marshes"]
    title = "الحقوق المدنية والسياسية " * 8
    activity.title_ar = title
    activity.save()
    raw = download(client, f"/ar/programme/{activity.pk}/calendar.ics").content
    physical = raw.split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    # Each physical line is whole UTF-8: no character is cut in two.
    lines = [part.decode() for part in physical]
    start = next(i for i, line in enumerate(lines) if line.startswith("SUMMARY;LANGUAGE=ar:"))
    assert lines[start + 1].startswith(" ")
    (event,) = events(raw.decode())
    assert event["SUMMARY;LANGUAGE=ar"] == title


def test_text_values_are_escaped(client, activities):
    activity = activities["unions"]
    activity.title_en = "a, b; c\\d\r\ne"
    activity.save()
    text = download(client, f"/en/programme/{activity.pk}/calendar.ics").content.decode()
    assert events(text)[0]["SUMMARY;LANGUAGE=en"] == "a\\, b\\; c\\\\d\\ne"


@pytest.mark.parametrize(("lang", "title"), [("en", "Saving the marshes"), ("ar", "إنقاذ الأهوار")])
def test_an_activitys_calendar_file_has_the_event_in_baghdad_time(client, activities, lang, title):
    activity = activities["marshes"]
    response = download(client, f"/{lang}/programme/{activity.pk}/calendar.ics")
    assert response["Content-Disposition"] == (
        f'attachment; filename="isf5-{activity.number:04d}.ics"'
    )
    text = response.content.decode()
    lines = unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert lines[-1] == "END:VCALENDAR"
    assert "BEGIN:VTIMEZONE" in lines
    assert "TZID:Asia/Baghdad" in lines
    assert "TZOFFSETTO:+0300" in lines
    (event,) = events(text)
    assert event["UID"] == f"isf5-{activity.number:04d}@isf.test"
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    day = f"{activities['season'].days[0]:%Y%m%d}"
    assert event["DTSTART;TZID=Asia/Baghdad"] == f"{day}T090000"
    assert event["DTEND;TZID=Asia/Baghdad"] == f"{day}T103000"
    assert event[f"SUMMARY;LANGUAGE={lang}"].startswith(title)
    assert event["LOCATION"].startswith("Main Hall\\, Academy" if lang == "en" else "قاعة Main")
    assert event["URL"] == f"https://isf.test/{lang}/programme/{activity.pk}/"
    assert event["STATUS"] == "CONFIRMED"


def test_special_characters_in_a_title_are_escaped(client, activities):
    activity = activities["marshes"]
    text = download(client, f"/en/programme/{activity.pk}/calendar.ics").content.decode()
    (event,) = events(text)
    assert event["SUMMARY;LANGUAGE=en"] == "Saving the marshes\\; water\\, life"


def test_the_same_activity_has_the_same_uid_in_both_languages(client, activities):
    activity = activities["marshes"]
    uids = {
        events(download(client, f"/{lang}/programme/{activity.pk}/calendar.ics").content.decode())[
            0
        ]["UID"]
        for lang in ["ar", "en"]
    }
    assert len(uids) == 1


def test_a_missing_translation_is_given_in_the_other_language(client, activities):
    activity = activities["unions"]
    activity.title_ar = ""
    activity.save()
    text = download(client, f"/ar/programme/{activity.pk}/calendar.ics").content.decode()
    assert events(text)[0]["SUMMARY;LANGUAGE=en"] == "Women in the unions"


def test_the_whole_programme_has_every_published_activity(client, activities):
    Activity.objects.filter(pk=activities["later"].pk).update(status=Activity.Status.WITHDRAWN)
    response = download(client, "/en/programme/calendar.ics")
    assert response["Content-Disposition"] == 'attachment; filename="isf5-programme.ics"'
    found = events(response.content.decode())
    assert [e["SUMMARY;LANGUAGE=en"] for e in found] == [
        "Saving the marshes\\; water\\, life",
        "Women in the unions",
    ]


def test_a_masars_calendar_has_its_activities_only(client, activities):
    water, _women = activities["masarat"]
    text = download(client, f"/en/masarat/{water.slug}/calendar.ics").content.decode()
    found = events(text)
    assert [e["SUMMARY;LANGUAGE=en"] for e in found] == [
        "Saving the marshes\\; water\\, life",
        "Later",
    ]
    assert all(e["CATEGORIES"] == water.name_en for e in found)


def test_my_programmes_calendar_has_the_starred_activities(client, activities):
    ids = f"{activities['later'].pk},{activities['unions'].pk},oops"
    response = download(client, f"/ar/programme/mine/calendar.ics?ids={ids}")
    assert response["Content-Disposition"] == 'attachment; filename="isf5-my-programme.ics"'
    found = events(response.content.decode())
    assert len(found) == 2
    assert all("SUMMARY;LANGUAGE=ar" in event for event in found)
    assert "X-WR-CALNAME:برنامجي — المنتدى الاجتماعي العراقي" in unfold(response.content.decode())


def test_my_programme_without_stars_is_an_empty_but_valid_calendar(client, activities):
    text = download(client, "/en/programme/mine/calendar.ics").content.decode()
    assert events(text) == []
    assert unfold(text)[-1] == "END:VCALENDAR"


def rules(component):
    """(kind, onset in local time, offset from, offset to) of each rule."""
    return [
        (
            sub.name,
            sub.decoded("DTSTART"),
            sub.decoded("TZOFFSETFROM"),
            sub.decoded("TZOFFSETTO"),
        )
        for sub in component.subcomponents
    ]


def test_a_time_zone_with_summer_time_gets_its_transitions():
    component = vtimezone("Europe/Berlin", dt.date(2026, 11, 22), dt.date(2026, 11, 30))
    assert component["TZID"] == "Europe/Berlin"
    hours = dt.timedelta(hours=1)
    found = rules(component)
    # Onsets in the local time before the change (RFC 5545 3.6.5).
    assert ("DAYLIGHT", dt.datetime(2026, 3, 29, 2, 0), hours, 2 * hours) in found
    assert ("STANDARD", dt.datetime(2026, 10, 25, 3, 0), 2 * hours, hours) in found
    text = component.to_ical().decode()
    assert "BEGIN:DAYLIGHT" in text and "DTSTART:20260329T020000" in text


def test_baghdad_has_one_offset_all_year():
    component = vtimezone("Asia/Baghdad", dt.date(2026, 11, 22), dt.date(2026, 11, 30))
    three = dt.timedelta(hours=3)
    ((kind, _onset, before, after),) = rules(component)
    assert (kind, before, after) == ("STANDARD", three, three)
