"""Every export parses, whatever text is stored: arbitrary Unicode (controls,
bidi overrides, replacement characters, 10 KB strings, `</script>`, CRLF +
BEGIN:VEVENT, XML breakouts, formulas) written straight into the database,
past every form, as an older row, the shell or an import could.

Checked with the tools the other side uses: lxml against the frab XSD,
jsonschema against the frab JSON Schema, the icalendar package, json, csv
and openpyxl. And no spreadsheet cell starts a formula.
"""

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import icalendar
import jsonschema
import openpyxl
import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from forum.text import clean_text
from tests.activities.programme_helpers import at, future_season, masarat_of, place, schedule
from tests.factories import (
    ProgrammeModeratorFactory,
    TeamFactory,
    VolunteerCoordinatorFactory,
    VolunteerFactory,
    log_in_verified,
)

pytestmark = pytest.mark.django_db

INTEROP = Path(__file__).resolve().parent.parent / "data" / "interop"
EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = st.sampled_from(
    [
        "\x0b",  # Word's line break
        "\x0c",
        "\r\n",
        "\r",
        "\x01\x07\x08\x1b[31m\x1f\x7f",
        "\x85\x9b\x9f",
        "\u2028\u2029",
        "\u202e\u202d\u2066\u2067\u2068\u2069\u200e\u200f",  # bidi overrides and marks
        "\ufeff\u200b\u2060",
        "\ufffd",  # what a lone surrogate becomes
        "\ufffe\uffff",
        "</script><script>alert(1)</script>",
        "<![CDATA[",
        "]]>",
        "&amp;&#0;&#x1;",
        '"/><x a="',
        "<?xml version='1.0'?>",
        "\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT\r\n",
        "\nEND:VCALENDAR\n",
        ";,\\:\\n",
        '=HYPERLINK("http://evil.example","x")',
        "=1+1",
        "+1+1",
        "-1+1",
        "@SUM(1)",
        "\uff1d1+1",  # full-width =
        "\uff0b1",  # full-width +
        "\uff0d1",  # full-width -
        "\uff20SUM(1)",  # full-width @
        "\t=1",
        "\r=1",
        " =1",
        "\u200f=1",
        "+964 770 123 4567",
        "ش" * 5000,  # 10 KB of UTF-8
        "😀",
    ]
)
# PostgreSQL cannot store NUL in text at all; every other code point but a
# surrogate (which no UTF-8 text can hold) is fair game.
CHARACTERS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")


def any_text(max_size):
    pieces = st.lists(st.one_of(HOSTILE, st.text(CHARACTERS, max_size=30)), max_size=6)
    return pieces.map(lambda parts: "".join(parts)[:max_size])


ACTIVITY_FIELDS = {
    **{f"title_{code}": 200 for code in ("ar", "en")},
    **{f"summary_{code}": 300 for code in ("ar", "en")},
    **{f"description_{code}": 20_000 for code in ("ar", "en")},
    **{f"organization_{code}": 200 for code in ("ar", "en")},
    **{f"co_organizers_{code}": 300 for code in ("ar", "en")},
    "contact_name": 120,
    "email": 254,
    "phone": 20,
    "website": 200,
    "accessibility_notes": 5000,
    "other_notes": 5000,
}
PLACE_FIELDS = {
    "season": {"name_ar": 120, "name_en": 120},
    "venue": {"name_ar": 160, "name_en": 160, "address_ar": 255, "address_en": 255},
    "space": {"name_ar": 160, "name_en": 160},
    "masar": {"name_ar": 200, "name_en": 200},
}
VOLUNTEER_FIELDS = {"full_name": 120, "email": 254, "phone": 20}
TEAM_FIELDS = {"name_ar": 160, "name_en": 160}


def texts(fields):
    return st.fixed_dictionaries({name: any_text(size) for name, size in fields.items()})


def store(obj, values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()


# What a spreadsheet program could run, written here on its own (not taken
# from forum.spreadsheets): a formula character, also full-width or small,
# first or after spaces and invisible marks; or a tab or line break first.
FORMULA = set("=+-@＝＋－＠﹦﹢﹣﹫")
PHONE = re.compile(r"[+-]?[0-9][0-9 ]*")


def could_run(value):
    if not isinstance(value, str) or not value or PHONE.fullmatch(value):
        return False
    if value[0] in "\t\r\n":
        return True
    visible = [c for c in value if not (c.isspace() or unicodedata.category(c) == "Cf")]
    return bool(visible) and visible[0] in FORMULA


def expected_title(activity, lang):
    """The page's language's title, else the other one's; as cleaned on entry."""
    other = "en" if lang == "ar" else "ar"
    return clean_text(getattr(activity, f"title_{lang}")) or clean_text(
        getattr(activity, f"title_{other}")
    )


def unescape(value):
    """An RFC 5545 TEXT value as written, read back."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def no_raw_controls(text):
    return re.findall(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]", text) == []


@pytest.fixture
def programme(db):
    season = future_season()
    main_hall, hall_1 = place(season)
    water, women = masarat_of(season)
    first = schedule(main_hall, at(season.days[0], 9), masarat=[water])
    second = schedule(hall_1, at(season.days[1], 11), masarat=[water, women])
    team = TeamFactory(season=season)
    volunteer = VolunteerFactory(season=season, status="assigned", team=team)
    return {
        "season": season,
        "venue": main_hall.venue,
        "space": main_hall,
        "masar": water,
        "activities": [first, second],
        "team": team,
        "volunteer": volunteer,
    }


@pytest.fixture(scope="module")
def xml_schema():
    return etree.XMLSchema(etree.parse(str(INTEROP / "schedule.xml.xsd")))


@pytest.fixture(scope="module")
def json_validator():
    schema = json.loads((INTEROP / "schedule.schema.json").read_text())
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def check_calendar(content, activities, lang):
    text = content.decode()
    assert no_raw_controls(text.replace("\r\n", ""))
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    # However the text tries, the file has one VEVENT per activity.
    assert text.count("\r\nBEGIN:VEVENT\r\n") == len(activities)
    calendar = icalendar.Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == len(activities)
    titles = {str(event["UID"]).split("@")[0]: str(event["SUMMARY"]) for event in events}
    assert titles == {
        f"isf5-{activity.number:04d}": expected_title(activity, lang) for activity in activities
    }
    return calendar


@EXAMPLES
@given(
    lang=st.sampled_from(["ar", "en"]),
    activity_texts=st.lists(texts(ACTIVITY_FIELDS), min_size=2, max_size=2),
    place_texts=st.fixed_dictionaries({key: texts(f) for key, f in PLACE_FIELDS.items()}),
)
def test_the_public_exports_parse_whatever_text_is_stored(
    programme, xml_schema, json_validator, lang, activity_texts, place_texts
):
    activities = programme["activities"]
    for activity, values in zip(activities, activity_texts, strict=True):
        store(activity, values)
    for key, values in place_texts.items():
        store(programme[key], values)
    cache.clear()
    client = Client()
    expected = sorted(expected_title(activity, lang) for activity in activities)

    root = etree.fromstring(get(client, f"/{lang}/programme/schedule.xml"))
    xml_schema.assertValid(root)
    assert sorted(event.findtext("title") for event in root.iter("event")) == expected

    data = json.loads(get(client, f"/{lang}/programme/schedule.json"))
    assert list(json_validator.iter_errors(data)) == []
    days = data["schedule"]["conference"]["days"]
    found = [e["title"] for day in days for events in day["rooms"].values() for e in events]
    assert sorted(found) == expected

    first = activities[0]
    one = check_calendar(get(client, f"/{lang}/programme/{first.pk}/calendar.ics"), [first], lang)
    # X-WR-CALNAME is TEXT to calendar apps; icalendar leaves it escaped.
    assert unescape(one["X-WR-CALNAME"]) == expected_title(first, lang)
    check_calendar(get(client, f"/{lang}/programme/calendar.ics"), activities, lang)
    masar_url = f"/{lang}/masarat/{programme['masar'].slug}/calendar.ics"
    check_calendar(get(client, masar_url), activities, lang)
    ids = ",".join(str(activity.pk) for activity in activities)
    check_calendar(get(client, f"/{lang}/programme/mine/calendar.ics?ids={ids}"), activities, lang)

    page = get(client, f"/{lang}/programme/{first.pk}/").decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    assert "<" not in blocks[0]
    assert json.loads(blocks[0])["name"] == expected_title(first, lang)


def csv_rows(content):
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = []
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            # A text cell that looks like a formula carries Excel's quote
            # prefix: it stays text even when someone edits it.
            assert cell.quotePrefix or not could_run(cell.value), cell.value
        rows.append([cell.value for cell in row])
    return rows


def check_csv(rows, count):
    assert len(rows) == 1 + count
    for row in rows:
        for value in row:
            assert not could_run(value), value
            assert no_raw_controls(value), value


def as_csv(text):
    return "'" + text if could_run(text) else text


@EXAMPLES
@given(
    lang=st.sampled_from(["ar", "en"]),
    activity_texts=st.lists(texts(ACTIVITY_FIELDS), min_size=2, max_size=2),
    masar_texts=texts(PLACE_FIELDS["masar"]),
)
def test_the_proposals_spreadsheets_open_whatever_text_is_stored(
    client, programme, lang, activity_texts, masar_texts
):
    log_in_verified(client, ProgrammeModeratorFactory(username="moderator"))
    activities = programme["activities"]
    for activity, values in zip(activities, activity_texts, strict=True):
        store(activity, values)
    store(programme["masar"], masar_texts)
    url = f"/{lang}/admin/activities/activity/export/"
    titles = sorted(clean_text(activity.title_ar) for activity in activities)

    rows = csv_rows(client.post(url, {"format": "0", "resource": "0"}).content)
    check_csv(rows, len(activities))
    title_column = 3  # reference, status, submitted at, title (Arabic)
    assert sorted(row[title_column] for row in rows[1:]) == sorted(map(as_csv, titles))

    rows = xlsx_rows(client.post(url, {"format": "1", "resource": "0"}).content)
    assert len(rows) == 1 + len(activities)
    assert sorted(row[title_column] or "" for row in rows[1:]) == titles


@EXAMPLES
@given(
    lang=st.sampled_from(["ar", "en"]),
    volunteer_texts=texts(VOLUNTEER_FIELDS),
    team_texts=texts(TEAM_FIELDS),
)
def test_the_volunteer_spreadsheets_and_rosters_open_whatever_text_is_stored(
    client, programme, lang, volunteer_texts, team_texts
):
    log_in_verified(client, VolunteerCoordinatorFactory(username="coordinator"))
    volunteer, team = programme["volunteer"], programme["team"]
    store(volunteer, volunteer_texts)
    store(team, team_texts)
    name = clean_text(volunteer.full_name)
    exports = f"/{lang}/admin/volunteers/volunteer/export/"
    roster = f"/{lang}/admin/volunteers/team/{team.pk}/roster/"
    assert f'<html lang="{lang}"' in get(client, roster).decode()  # the printable roster

    for content in (
        client.post(exports, {"format": "0", "resource": "0"}).content,
        get(client, roster + "?format=csv"),
    ):
        rows = csv_rows(content)
        check_csv(rows, 1)
        assert as_csv(name) in rows[1]

    for content in (
        client.post(exports, {"format": "1", "resource": "0"}).content,
        get(client, roster + "?format=xlsx"),
    ):
        rows = xlsx_rows(content)
        assert len(rows) == 2
        assert (name or None) in rows[1]
