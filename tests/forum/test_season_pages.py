"""Every season keeps its public pages: the list of seasons, a season's page,
its programme, masar pages and exports under /seasons/<number>/, activity
pages for ever, and a draft season seen by staff only."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from forum.models import Season
from tests.activities.programme_helpers import (
    at,
    fresh_cache,  # noqa: F401 - autouse fixture
    masarat_of,
    place,
    schedule,
)
from tests.factories import MasarFactory, SeasonFactory

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def past_season(number=4, year=2025, **fields):
    values = {
        "name_ar": "الموسم الرابع",
        "name_en": "4th season",
        "slogan_ar": "العدالة",
        "slogan_en": "Justice",
        "start_date": dt.date(year, 11, 20),
        "end_date": dt.date(year, 11, 27),
        "is_current": False,
        "proposals_open": None,
        "proposals_close": None,
        "volunteers_open": None,
        "volunteers_close": None,
    }
    return SeasonFactory(number=number, **{**values, **fields})


@pytest.fixture
def two_seasons():
    """The 4th season (over, with a programme) and the current 5th."""
    fourth = past_season()
    hall, _other = place(fourth, venue_name="Old Academy")
    (water,) = masarat_of(fourth, count=1)
    water.slug = "water"
    water.save()
    first = schedule(
        hall, at(fourth.days[0], 10), masarat=[water], title_en="Rivers then", title_ar="أنهار"
    )
    second = schedule(hall, at(fourth.days[0], 14), masarat=[water], title_en="Later then")
    fifth = SeasonFactory(
        number=5, start_date=dt.date(2026, 11, 22), end_date=dt.date(2026, 11, 30)
    )
    new_hall, _ = place(fifth, venue_name="New Academy")
    new_water = MasarFactory(season=fifth, slug="water", name_en="Water now", name_ar="المياه الآن")
    now = schedule(new_hall, at(fifth.days[0], 10), masarat=[new_water], title_en="Rivers now")
    return {
        "fourth": fourth,
        "fifth": fifth,
        "old_water": water,
        "new_water": new_water,
        "first": first,
        "second": second,
        "now": now,
    }


def test_the_list_of_seasons_shows_every_published_one_newest_first(client, two_seasons):
    past_season(number=3, year=2024, is_public=False, name_en="3rd season")
    html = page(client, "/en/seasons/")
    assert re.findall(r'id="season-(\d+)"', html) == ["5", "4"]
    assert "Justice" in html and "Citizenship" in html
    assert 'href="/en/seasons/4/"' in html
    assert "3rd season" not in html
    assert "2 activities" in html  # the 4th season's programme
    arabic = page(client, "/ar/seasons/")
    assert "كل المواسم" in arabic
    assert "العدالة" in arabic


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            "en",
            ["4th season", "Justice", "took place", "Old Academy", "The programme: 2 activities"],
        ),
        ("ar", ["الموسم الرابع", "العدالة", "أُقيم", "مكان Old Academy", "البرنامج: نشاطان"]),
    ],
)
def test_a_past_seasons_page_shows_its_slogan_dates_venues_and_masarat(
    client, two_seasons, lang, texts
):
    html = page(client, f"/{lang}/seasons/4/")
    for expected in texts:
        assert expected in text(html)
    assert f'href="/{lang}/seasons/4/masarat/water/"' in html
    assert f'href="/{lang}/seasons/4/programme/"' in html
    # A past season invites nobody to propose or volunteer.
    assert 'class="btn btn-isf-outline btn-lg" href="/' not in html


def test_a_past_seasons_programme_has_its_days_filters_and_exports(client, two_seasons):
    fourth = two_seasons["fourth"]
    html = page(client, f"/en/seasons/4/programme/?day={fourth.days[0].isoformat()}")
    assert "Rivers then" in html and "Later then" in html
    assert "Rivers now" not in html
    assert "The 4th season took place: this is its programme as it was held." in text(html)
    # The filter form stays on the season's address, its exports are the season's.
    assert 'action="/en/seasons/4/programme/"' in html
    for export in ["calendar.ics", "schedule.xml", "schedule.json"]:
        assert f'href="/en/seasons/4/programme/{export}"' in html
    assert html.count('class="star-button"') == 2
    # Searching in Arabic, typed without hamza, finds it.
    found = page(client, "/en/seasons/4/programme/?q=انهار")
    assert "Rivers then" in found and "Rivers now" not in found
    # A day of another season in the link is ignored, not an error.
    assert client.get("/en/seasons/4/programme/?day=2026-11-22").status_code == 200


def test_a_past_seasons_exports_are_its_own(client, two_seasons):
    ics = client.get("/en/seasons/4/programme/calendar.ics").content.decode()
    assert "Rivers then" in ics and "Rivers now" not in ics
    assert "UID:isf4-" in ics
    schedule_json = client.get("/en/seasons/4/programme/schedule.json").json()
    assert schedule_json["schedule"]["conference"]["acronym"] == "isf4"
    assert schedule_json["schedule"]["conference"]["url"].endswith("/en/seasons/4/programme/")
    xml = client.get("/ar/seasons/4/programme/schedule.xml").content.decode()
    assert "isf4" in xml
    masar_ics = client.get("/en/seasons/4/masarat/water/calendar.ics").content.decode()
    assert "Rivers then" in masar_ics and "Rivers now" not in masar_ics


def test_a_masar_slug_belongs_to_its_season(client, two_seasons):
    old = page(client, "/en/seasons/4/masarat/water/")
    new = page(client, "/en/seasons/5/masarat/water/")
    assert "Rivers then" in old and "Rivers now" not in old
    assert "Rivers now" in new and "Rivers then" not in new
    assert "The 4th season took place" in text(old)
    # The short address is the current season's, and names its permanent one.
    short = page(client, "/en/masarat/water/")
    assert "Water now" in short
    assert '<link rel="canonical" href="https://isf.test/en/seasons/5/masarat/water/">' in short
    assert client.get("/en/seasons/4/masarat/nothing/").status_code == 404
    assert client.get("/en/seasons/9/programme/").status_code == 404


def test_the_short_programme_address_is_the_current_seasons(client, two_seasons):
    html = page(client, "/en/programme/?day=2026-11-22")
    assert "Rivers now" in html and "Rivers then" not in html
    assert 'action="/en/programme/"' in html
    assert (
        '<link rel="canonical" href="https://isf.test/en/seasons/5/programme/?day=2026-11-22">'
        in html
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_past_activity_says_which_season_it_was_and_keeps_its_links_inside_it(
    client, two_seasons, lang
):
    first, second = two_seasons["first"], two_seasons["second"]
    html = page(client, f"/{lang}/programme/{first.pk}/")
    day = first.starts_at.date().isoformat()
    if lang == "en":
        assert (
            "This activity took place on Thursday 20 November 2025, in the 4th season of the forum."
        ) in text(html)
        assert "Add to calendar" not in html
        assert "Its calendar file" in html
    else:
        assert "أُقيم هذا النشاط يوم الخميس 20 تشرين الثاني 2025، ضمن الموسم الرابع من المنتدى." in (
            text(html)
        )
        assert "أضف إلى التقويم" not in html
    assert f'href="/{lang}/programme/{first.pk}/calendar.ics" download' in html
    assert f'href="/{lang}/seasons/4/masarat/water/"' in html
    assert f'href="/{lang}/seasons/4/programme/?day={day}"' in html
    assert f'href="/{lang}/seasons/4/"' in html
    assert f'rel="next" href="/{lang}/programme/{second.pk}/"' in html
    assert client.get(f"/{lang}/programme/{first.pk}/calendar.ics").status_code == 200


def test_an_activity_of_the_current_season_before_it_starts_invites_to_the_calendar(client, db):
    season = SeasonFactory(
        start_date=timezone.localdate() + dt.timedelta(days=20),
        end_date=timezone.localdate() + dt.timedelta(days=25),
    )
    hall, _ = place(season)
    activity = schedule(hall, at(season.days[0], 10))
    html = page(client, f"/en/programme/{activity.pk}/")
    assert "Add to calendar" in html
    assert "took place" not in html


@pytest.fixture
def draft(two_seasons):
    season = SeasonFactory(
        number=6,
        name_en="6th season",
        name_ar="الموسم السادس",
        start_date=dt.date(2027, 11, 21),
        end_date=dt.date(2027, 11, 29),
        is_current=False,
        is_public=False,
    )
    MasarFactory(season=season, slug="water", name_en="Water next year")
    return season


def test_a_draft_season_is_not_found_by_visitors(client, draft):
    for url in ["/en/seasons/6/", "/ar/seasons/6/programme/", "/en/seasons/6/masarat/water/"]:
        assert client.get(url).status_code == 404, url
    assert 'id="season-6"' not in page(client, "/en/seasons/")
    assert "/seasons/6/" not in client.get("/sitemap.xml").content.decode()


def test_staff_preview_a_draft_season_and_nobody_keeps_the_preview(admin_client, client, draft):
    response = admin_client.get("/en/seasons/6/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview" in html and "this season is not published yet" in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    masar = admin_client.get("/ar/seasons/6/masarat/water/")
    assert masar.status_code == 200
    assert "معاينة" in masar.content.decode()
    assert admin_client.get("/en/seasons/6/programme/").status_code == 200
    # What staff saw was not cached for visitors.
    assert client.get("/en/seasons/6/").status_code == 404


def test_staff_without_the_permission_get_no_preview(client, draft, django_user_model):
    user = django_user_model.objects.create_user("helper", password="pw-123-long", is_staff=True)
    client.force_login(user)
    assert client.get("/en/seasons/6/").status_code == 404


def test_staff_past_only_the_password_get_no_preview(client, draft, admin_user):
    client.force_login(admin_user)  # the password, not yet the second factor
    for url in ["/en/seasons/6/", "/ar/seasons/6/programme/", "/en/seasons/6/numbers/"]:
        assert client.get(url).status_code == 404, url


def test_my_programme_keeps_stars_of_a_past_season(client, two_seasons):
    first, now = two_seasons["first"], two_seasons["now"]
    html = page(client, f"/en/programme/mine/?ids={first.pk},{now.pk}")
    assert "Rivers then" in html and "Rivers now" in html
    ics = client.get(f"/en/programme/mine/calendar.ics?ids={first.pk},{now.pk}").content
    assert f"UID:isf4-{first.number:04d}@".encode() in ics
    assert f"UID:isf5-{now.number:04d}@".encode() in ics


def test_the_sitemap_lists_past_seasons_pages_at_their_own_address(client, two_seasons):
    sitemap = client.get("/sitemap.xml").content.decode()
    first = two_seasons["first"]
    for lang in ["ar", "en"]:
        for path in [
            "seasons/",
            "seasons/4/",
            "seasons/4/programme/",
            "seasons/4/masarat/water/",
            "seasons/5/masarat/water/",
            f"programme/{first.pk}/",
        ]:
            assert f"<loc>https://isf.test/{lang}/{path}</loc>" in sitemap, path
        assert f"<loc>https://isf.test/{lang}/masarat/water/</loc>" not in sitemap


def test_public_seasons_come_newest_first():
    past_season(number=3, year=2024)
    fifth = SeasonFactory(number=5)
    assert list(Season.objects.public()) == [fifth, Season.objects.get(number=3)]


# The home page between seasons ----------------------------------------------------


def ended_season(**fields):
    today = timezone.localdate()
    return SeasonFactory(
        start_date=today - dt.timedelta(days=10),
        end_date=today - dt.timedelta(days=2),
        proposals_open=None,
        proposals_close=None,
        volunteers_open=None,
        volunteers_close=None,
        **fields,
    )


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            "en",
            [
                "The 5th season took place in Baghdad:",
                "What comes next",
                "The 6th season is being prepared.",
                "Its programme",
            ],
        ),
        ("ar", ["أُقيم الموسم الخامس في بغداد:", "الموسم السادس قيد التحضير.", "برنامجه"]),
    ],
)
def test_between_seasons_the_home_page_presents_the_season_that_ended_and_what_comes_next(
    client, lang, texts
):
    season = ended_season()
    hall, _ = place(season)
    schedule(hall, at(season.days[-1], 10), title_en="The last workshop")
    html = page(client, f"/{lang}/")
    for expected in texts:
        assert expected in text(html)
    assert f'href="/{lang}/seasons/5/programme/"' in html
    # Not a programme that looks live: no "now and next", no invitation to propose.
    assert "now-and-next" not in html
    assert f'class="btn btn-isf btn-lg" href="/{lang}/propose/"' not in html


def test_between_seasons_a_published_next_season_is_announced(client):
    ended_season()
    SeasonFactory(
        number=6,
        name_en="6th season",
        slogan_en="Dignity",
        is_current=False,
        start_date=timezone.localdate() + dt.timedelta(days=300),
        end_date=timezone.localdate() + dt.timedelta(days=308),
    )
    html = page(client, "/en/")
    assert "Dignity" in html
    assert 'href="/en/seasons/6/"' in html
    assert "is being prepared" not in html


def test_during_the_season_the_home_page_invites_to_take_part(client):
    today = timezone.localdate()
    SeasonFactory(start_date=today + dt.timedelta(days=20), end_date=today + dt.timedelta(days=28))
    html = page(client, "/en/")
    assert 'class="btn btn-isf btn-lg" href="/en/propose/"' in html
    assert "What comes next" not in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/propose/", "The call for activities of the next season will be announced"),
        ("/ar/volunteer/", "سيُعلن على هذا الموقع التسجيل للتطوع في الموسم القادم"),
    ],
)
def test_between_seasons_the_forms_say_the_next_season_will_be_announced(client, url, expected):
    ended_season()
    assert expected in page(client, url)
