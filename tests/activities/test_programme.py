"""The public programme page: one day at a time, filters, search, counts,
and the other language's text when a translation is missing."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from activities.models import Activity
from tests.activities.programme_helpers import (
    at,
    fill_day,
    fresh_cache,  # noqa: F401 - autouse fixture
    future_season,
    masarat_of,
    place,
    running_season,
    schedule,
)
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def card(html, activity):
    """The activity's card on a page."""
    pattern = rf'<article [^>]*aria-labelledby="activity-{activity.pk}-title">.*?</article>'
    return re.search(pattern, html, re.S).group(0)


def titles(html):
    """Activity titles in page order."""
    return re.findall(r'class="activity-title"[^>]*><a href="[^"]+">(?:<span[^>]*>)?([^<]+)', html)


@pytest.fixture
def programme():
    """A future season: two spaces, two masarat, activities on its first two days."""
    season = future_season()
    main_hall, hall_1 = place(season)
    water, women = masarat_of(season)
    first, second = season.days[0], season.days[1]
    return {
        "season": season,
        "spaces": (main_hall, hall_1),
        "masarat": (water, women),
        "late": schedule(
            main_hall,
            at(first, 11),
            title_en="Saving the marshes",
            title_ar="إنقاذ الأهوار",
            masarat=[water],
            format=Activity.Format.SEMINAR,
            languages=["ar", "en"],
        ),
        "early": schedule(
            hall_1,
            at(first, 9),
            title_en="Women in the unions",
            title_ar="النساء في النقابات",
            organization_en="Tigris Youth Team",
            organization_ar="فريق شباب دجلة",
            masarat=[women],
            format=Activity.Format.WORKSHOP,
            languages=["ar"],
        ),
        "next_day": schedule(
            main_hall,
            at(second, 9),
            title_en="Water scarcity in the south",
            title_ar="شح المياه في الجنوب",
            masarat=[water],
            format=Activity.Format.WORKSHOP,
            languages=["ku"],
        ),
    }


def test_programme_opens_on_the_first_day_before_the_season_in_time_order(client, programme):
    html = page(client, "/en/programme/")
    assert titles(html) == ["Women in the unions", "Saving the marshes"]
    assert "2 activities" in html


def test_programme_opens_on_today_during_the_season(client):
    season = running_season()
    (hall,) = place(season, space_names=["Main Hall"])
    schedule(hall, at(timezone.localdate() - dt.timedelta(days=1), 10), title_en="Yesterday")
    schedule(hall, at(timezone.localdate(), 10), title_en="Talk of the day")
    html = page(client, "/en/programme/")
    assert titles(html) == ["Talk of the day"]
    assert f'aria-current="page"><span class="day-name">{timezone.localdate():%A}' in html


def test_another_day_is_one_tab_away(client, programme):
    second = programme["season"].days[1].isoformat()
    html = page(client, "/en/programme/")
    assert f'href="?day={second}"' in html
    assert titles(page(client, f"/en/programme/?day={second}")) == ["Water scarcity in the south"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "09:00",
                "10:30",
                "Hall 1",
                "Women in the unions",
                "Tigris Youth Team",
                "Workshop",
            ],
        ),
        (
            "ar",
            ["09:00", "10:30", "قاعة Hall 1", "النساء في النقابات", "فريق شباب دجلة", "ورشة عمل"],
        ),
    ],
)
def test_each_activity_shows_time_place_title_organization_masar_and_format(
    client, programme, lang, expected
):
    html = card(page(client, f"/{lang}/programme/"), programme["early"])
    for text in expected:
        assert text in html
    women = programme["masarat"][1]
    assert f'<span class="masar-tag masar-{women.colour}">' in html
    assert getattr(women, f"name_{lang}") in html


def test_each_day_is_a_timetable_with_the_spaces_as_columns(client, programme):
    html = page(client, "/en/programme/")
    headers = re.findall(r'<th scope="col">([^<]+) <span class="tt-venue">', html)
    assert headers == ["Main Hall", "Hall 1"]
    # 09:00 starts in Hall 1, 11:00 in the Main Hall: three rows (09:00,
    # 10:30, 11:00), the first spanning 09:00–10:30.
    rows = re.findall(r'<th scope="row" class="tt-time"><time [^>]+>([0-9:]+)</time>', html)
    assert rows == ["09:00", "10:30", "11:00"]


def test_filters_combine_and_stay_in_the_form(client, programme):
    water, _women = programme["masarat"]
    main_hall, _hall_1 = programme["spaces"]
    first = programme["season"].days[0].isoformat()
    url = (
        f"/en/programme/?day=all&masar={water.slug}&format=workshop"
        f"&place=space-{main_hall.pk}&language=ku"
    )
    html = page(client, url)
    assert titles(html) == ["Water scarcity in the south"]
    assert "1 activity" in html
    assert f'<option value="{water.slug}" selected>' in html
    assert '<option value="workshop" selected>' in html
    assert f'<option value="space-{main_hall.pk}" selected>' in html
    assert '<option value="ku" selected>' in html
    assert "Clear the filters" in html
    # The day tabs keep the other filters (in the form's order: one URL for
    # one view of the programme, see activities.cache.PageQuery).
    assert (
        f"?day={first}&amp;masar={water.slug}&amp;place=space-{main_hall.pk}"
        "&amp;format=workshop&amp;language=ku"
    ) in html


def test_place_filter_takes_a_whole_venue_or_one_space(client, programme):
    _main_hall, hall_1 = programme["spaces"]
    venue = hall_1.venue
    assert titles(page(client, f"/en/programme/?place=space-{hall_1.pk}")) == [
        "Women in the unions"
    ]
    assert len(titles(page(client, f"/en/programme/?place=venue-{venue.pk}"))) == 2


def test_filter_by_language_of_the_activity(client, programme):
    assert titles(page(client, "/en/programme/?language=en")) == ["Saving the marshes"]


@pytest.mark.parametrize("query", ["انقاذ", "إنقاذ", "اِنقاذ", "انـقاذ", "MARSHES"])
def test_search_finds_the_word_however_it_is_typed_on_every_day(client, programme, query):
    html = page(client, f"/ar/programme/?q={query}")
    assert titles(html) == ["إنقاذ الأهوار"]
    assert "نشاط واحد" in html
    assert f'value="{query}"' in html


def test_search_covers_organizations(client, programme):
    assert titles(page(client, "/en/programme/?q=tigris")) == ["Women in the unions"]


def test_search_with_a_chosen_day_stays_on_that_day(client, programme):
    second = programme["season"].days[1].isoformat()
    assert titles(page(client, f"/en/programme/?q=marshes&day={second}")) == []


def test_a_link_with_unknown_filter_values_still_shows_the_programme(client, programme):
    html = page(client, "/en/programme/?masar=no-such&day=1999-01-01&place=space-x&format=dance")
    assert titles(html) == ["Women in the unions", "Saving the marshes"]


@pytest.mark.parametrize(
    ("lang", "empty", "one"),
    [("en", "0 activities", "1 activity"), ("ar", "لا أنشطة", "نشاط واحد")],
)
def test_the_number_of_results_reads_well_in_each_language(client, programme, lang, empty, one):
    assert empty in page(client, f"/{lang}/programme/?q=nothing-like-this")
    assert one in page(client, f"/{lang}/programme/?q=marshes")


def test_only_accepted_and_scheduled_activities_are_shown(client, programme):
    main_hall = programme["spaces"][0]
    first = programme["season"].days[0]
    ActivityFactory(season=programme["season"], title_en="Still under review")
    ActivityFactory(
        season=programme["season"],
        title_en="Accepted, not yet placed",
        status=Activity.Status.ACCEPTED,
    )
    schedule(main_hall, at(first, 15), title_en="Withdrawn", status=Activity.Status.WITHDRAWN)
    html = page(client, "/en/programme/?day=all")
    assert titles(html) == [
        "Women in the unions",
        "Saving the marshes",
        "Water scarcity in the south",
    ]


def test_an_activity_without_english_shows_its_arabic_title_marked_and_noted(client, programme):
    hall = programme["spaces"][0]
    schedule(hall, at(programme["season"].days[0], 15), title_en="", title_ar="معرض الصور")
    html = page(client, "/en/programme/")
    assert '<span lang="ar" dir="rtl">معرض الصور</span></a>' in html
    assert '<small class="translation-note">Available in Arabic only</small>' in html


def test_an_activity_without_arabic_shows_its_english_title_marked_on_the_arabic_page(
    client, programme
):
    hall = programme["spaces"][0]
    schedule(hall, at(programme["season"].days[0], 15), title_ar="", title_en="Photo exhibition")
    html = page(client, "/ar/programme/")
    assert '<span lang="en" dir="ltr">Photo exhibition</span></a>' in html
    assert '<small class="translation-note">متوفر بالإنجليزية فقط</small>' in html


def test_a_full_day_of_the_programme_weighs_less_than_100_kb(client):
    season = future_season()
    spaces = place(season, space_names=[f"Hall {n}" for n in range(7)])
    fill_day(season, season.days[0], count=60, spaces=spaces, masarat=masarat_of(season))
    response = client.get("/ar/programme/")
    assert response.content.decode().count('class="activity-card') == 60
    assert len(response.content) < 100_000


def test_the_navigation_leads_to_the_programme(client, programme):
    assert '<a href="/ar/programme/" aria-current="page">البرنامج</a>' in page(
        client, "/ar/programme/"
    )
    assert '<a href="/en/programme/">Programme</a>' in page(client, "/en/")


def test_the_programme_offers_its_exports(client, programme):
    # At its season's address: a calendar subscribed to during the 5th season
    # stays the 5th season's when the 6th is current.
    html = page(client, "/en/programme/")
    number = programme["season"].number
    for url in [
        f"/en/seasons/{number}/programme/calendar.ics",
        f"/en/seasons/{number}/programme/schedule.xml",
        f"/en/seasons/{number}/programme/schedule.json",
    ]:
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


def test_without_a_season_the_programme_is_a_404(client, db):
    assert client.get("/en/programme/").status_code == 404
