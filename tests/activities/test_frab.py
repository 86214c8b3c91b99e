"""schedule.xml and schedule.json in the frab format, validated against the
schemas schedule apps follow (tests/data/interop/, from voc/schedule)."""

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from tests.activities.programme_helpers import (
    at,
    fresh_cache,  # noqa: F401 - autouse fixture
    future_season,
    masarat_of,
    place,
    schedule,
)

pytestmark = pytest.mark.django_db

INTEROP = Path(__file__).resolve().parent.parent / "data" / "interop"


@pytest.fixture(scope="module")
def xml_schema():
    return etree.XMLSchema(etree.parse(str(INTEROP / "schedule.xml.xsd")))


@pytest.fixture(scope="module")
def json_validator():
    schema = json.loads((INTEROP / "schedule.schema.json").read_text())
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def programme():
    season = future_season()
    main_hall, hall_1 = place(season)
    water, women = masarat_of(season)
    return {
        "season": season,
        "marshes": schedule(
            main_hall,
            at(season.days[0], 9),
            title_en="Saving the marshes",
            title_ar="إنقاذ الأهوار",
            organization_en="Demo Water Initiative",
            languages=["ar", "en"],
            masarat=[water, women],
        ),
        "arabic_only": schedule(
            hall_1,
            at(season.days[0], 9),
            minutes=120,
            title_en="",
            title_ar="معرض الصور",
            summary_en="",
            masarat=[women],
        ),
        "later": schedule(main_hall, at(season.days[4], 15), title_en="Later", masarat=[water]),
    }


def get_xml(client, lang):
    response = client.get(f"/{lang}/programme/schedule.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.content)


def get_json(client, lang):
    response = client.get(f"/{lang}/programme/schedule.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_schedule_xml_is_valid_for_schedule_apps(client, programme, xml_schema, lang):
    root = get_xml(client, lang)
    xml_schema.assertValid(root)
    assert len(root.findall("day")) == 9
    assert len(root.findall("day/room/event")) == 3


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_schedule_json_is_valid_for_schedule_apps(client, programme, json_validator, lang):
    data = get_json(client, lang)
    errors = [error.message for error in json_validator.iter_errors(data)]
    assert errors == []
    conference = data["schedule"]["conference"]
    assert conference["acronym"] == "isf5"
    assert conference["daysCount"] == 9
    assert conference["time_zone_name"] == "Asia/Baghdad"
    assert sum(len(events) for day in conference["days"] for events in day["rooms"].values()) == 3


def test_an_event_has_its_time_room_track_and_link(client, programme):
    marshes = programme["marshes"]
    data = get_json(client, "en")
    first_day = data["schedule"]["conference"]["days"][0]
    (event,) = first_day["rooms"]["Main Hall"]
    assert event["title"] == "Saving the marshes"
    assert event["date"] == at(programme["season"].days[0], 9).isoformat()
    assert event["start"] == "09:00"
    assert event["duration"] == "01:30"
    assert event["room"] == "Main Hall"
    assert event["track"] == programme["marshes"].masarat.order_by("order").first().name_en
    assert event["language"] == "ar"
    assert event["url"] == f"https://isf.test/en/programme/{marshes.pk}/"
    assert event["persons"][0]["name"] == "Demo Water Initiative"
    tracks = data["schedule"]["conference"]["tracks"]
    assert [track["color"] for track in tracks] == ["#0f6674", "#b91c1c"]


def test_events_keep_their_identity_across_languages(client, programme):
    def ids(lang):
        events = get_xml(client, lang).iter("event")
        return sorted((event.get("guid"), event.findtext("slug")) for event in events)

    assert ids("ar") == ids("en")
    assert len(set(ids("en"))) == 3


def test_a_missing_english_title_is_given_in_arabic(client, programme):
    root = get_xml(client, "en")
    titles = {e.findtext("slug"): e.findtext("title") for e in root.iter("event")}
    slug = f"isf5-{programme['arabic_only'].number:04d}"
    assert titles[slug] == "معرض الصور"


def test_an_empty_programme_is_still_a_valid_schedule(client, xml_schema, json_validator):
    future_season()
    xml_schema.assertValid(get_xml(client, "en"))
    assert list(json_validator.iter_errors(get_json(client, "ar"))) == []


def test_control_characters_stored_in_the_text_do_not_break_the_schedule(
    client, programme, xml_schema, json_validator
):
    # Saved without a form (an older row, the shell): Word's line break, a
    # bell and a C1 control, which XML 1.0 cannot carry.
    marshes = programme["marshes"]
    marshes.title_en = "Saving\x0bthe marshes\x07"
    marshes.description_en = "First\x0cSecond\x85Third\x1b"
    marshes.organization_en = "Demo\x01 Water Initiative"
    marshes.save()
    root = get_xml(client, "en")
    xml_schema.assertValid(root)
    titles = {e.findtext("slug"): e for e in root.iter("event")}
    event = titles[f"isf5-{marshes.number:04d}"]
    assert event.findtext("title") == "Saving\nthe marshes"
    assert event.findtext("description") == "First\nSecond\nThird"
    assert event.findtext("persons/person") == "Demo Water Initiative"
    data = get_json(client, "en")
    assert list(json_validator.iter_errors(data)) == []
    first_day = data["schedule"]["conference"]["days"][0]
    assert first_day["rooms"]["Main Hall"][0]["title"] == "Saving\nthe marshes"
