"""A season in numbers (/seasons/<n>/numbers/): the figures of a built season
in both languages, small counts of people hidden in the charts and tables,
right-to-left bars on Arabic pages, drafts for staff only, flat queries."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.models import Activity
from forum import season_figures
from forum.charts import WIDTH, Bar, bar_chart
from tests.activities.programme_helpers import (
    at,
    fresh_cache,  # noqa: F401 - autouse fixture
    place,
    schedule,
)
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    SeasonFactory,
    TeamFactory,
    VolunteerFactory,
    log_in_verified,
)
from volunteers.counts import keep_volunteer_counts
from volunteers.models import SeasonVolunteerCounts, Volunteer
from volunteers.services import erase_volunteers_of_ended_seasons

pytestmark = pytest.mark.django_db


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def figure_html(html, slug):
    """The chart and table of one figure."""
    match = re.search(rf'id="figure-{slug}">(.*?)</table>', html, re.S)
    assert match, slug
    return match.group(1)


def table_rows(html, slug):
    """(label, figure) of each row of a figure's table, as a reader reads them."""
    body = figure_html(html, slug).split("<tbody>")[1]
    return [
        (text(label), text(value))
        for label, value in re.findall(
            r"<th scope=\"row\"[^>]*>(.*?)</th><td[^>]*>(.*?)</td>", body
        )
    ]


def svg_rows(html, slug):
    """(title, figure text, rect x, rect width) of each bar of a figure's chart."""
    svg = re.search(r"<svg.*?</svg>", figure_html(html, slug), re.S).group(0)
    return [
        (title, figure, float(x), float(width))
        for title, x, width, figure in re.findall(
            r"<title>(.*?)</title>.*?<rect class=\"bar\" x=\"([\d.]+)\" y=\"[\d.]+\" "
            r"width=\"([\d.]+)\".*?<text class=\"bar-figure\"[^>]*>(.*?)</text>",
            svg,
            re.S,
        )
    ]


@pytest.fixture
def built_season():
    """The 5th season: four published activities of three organizations (one
    an individual), proposals not in the programme, and 17 counted volunteers."""
    season = SeasonFactory()
    hall, _other = place(season)
    water = MasarFactory(season=season, name_en="Water", name_ar="المياه", colour="teal")
    women = MasarFactory(season=season, name_en="Women", name_ar="المرأة", colour="red")
    day = season.days[0]
    schedule(hall, at(day, 9), masarat=[water], format="workshop")
    schedule(
        hall,
        at(day, 11),
        masarat=[water, women],
        format="seminar",
        languages=["ar", "en"],
        interpretation_needed=True,
        # The same organization, named the same way: counted once.
        organization_en="Al-Amal Association ",
    )
    schedule(
        hall,
        at(day, 13),
        masarat=[women],
        format="workshop",
        languages=["ar", "ku"],
        organization_ar="نقابة معلمي البصرة",
        organization_en="Basra Teachers' Union",
        organization_type="trade_union",
        governorate="basra",
    )
    schedule(
        hall,
        at(day, 15),
        masarat=[women],
        format="exhibition",
        organization_ar="نور",
        organization_en="Noor",
        organization_type="informal",
        governorate="najaf",
    )
    # Not in the programme: not counted.
    ActivityFactory(season=season, format="screening", organization_en="Hidden NGO")
    ActivityFactory(
        season=season, format="screening", status=Activity.Status.DECLINED, governorate="anbar"
    )

    media = TeamFactory(season=season, name_en="Media", name_ar="الإعلام", capacity=20)
    desk = TeamFactory(season=season, name_en="Desk", name_ar="الاستقبال")
    for index in range(12):
        VolunteerFactory(
            season=season,
            status="assigned",
            team=media,
            age_group="18-24",
            gender="female" if index < 7 else "male",
        )
    for _index in range(3):
        VolunteerFactory(
            season=season, status="assigned", team=desk, age_group="25-34", gender="male"
        )
    for _index in range(2):
        VolunteerFactory(
            season=season,
            status="confirmed",
            age_group="16-17",
            guardian_consent=True,
            gender="unstated",
        )
    # Not counted: not confirmed (yet), declined, held as spam.
    for _index in range(5):
        VolunteerFactory(season=season, status="applied", age_group="50+")
    VolunteerFactory(season=season, status="declined", age_group="50+")
    VolunteerFactory(season=season, status="confirmed", suspected_spam=True, age_group="50+")
    return season


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_figures_of_a_built_season_in_english(client, built_season):
    html = page(client, "/en/seasons/5/numbers/")
    assert "5th season in numbers" in text(html)
    assert "4 activities in the programme" in text(html)
    assert "3 organizations held them" in text(html)
    assert table_rows(html, "masarat") == [("Water", "2"), ("Women", "3")]
    assert table_rows(html, "formats") == [("Workshop", "2"), ("Seminar", "1"), ("Exhibition", "1")]
    assert table_rows(html, "organization-types") == [
        ("Civil-society organization", "1"),
        ("Trade union", "1"),
        # An individual: a count about people.
        ("Informal group or individual", "fewer than 5"),
    ]
    assert table_rows(html, "governorates") == [("Baghdad", "1"), ("Basra", "1"), ("Najaf", "1")]
    assert table_rows(html, "languages") == [("Arabic", "4"), ("Kurdish", "1"), ("English", "1")]
    assert table_rows(html, "interpretation") == [
        ("Interpretation requested", "1"),
        ("No interpretation requested", "3"),
    ]
    assert table_rows(html, "teams") == [("Media", "12"), ("Desk", "fewer than 5")]
    assert table_rows(html, "age-groups") == [
        ("16–17 years", "fewer than 5"),
        ("18–24 years", "12"),
        ("25–34 years", "fewer than 5"),
        ("35–49 years", "0"),
        ("50 years or more", "0"),
    ]
    assert table_rows(html, "genders") == [
        ("Woman", "7"),
        ("Man", "8"),
        ("Prefer not to say", "fewer than 5"),
    ]
    # 17, but the exact total would give the hidden figures away.
    assert "About 15 volunteers confirmed by the coordinators." in text(html)
    assert "17 volunteers" not in text(html)
    # Each table has its caption and headers for screen readers.
    assert "<caption" in figure_html(html, "teams")
    assert '<th scope="col">Team</th>' in figure_html(html, "teams")
    # The season's page links here.
    assert 'href="/en/seasons/5/numbers/"' in page(client, "/en/seasons/5/")


def test_the_figures_of_a_built_season_in_arabic(client, built_season):
    html = page(client, "/ar/seasons/5/numbers/")
    assert "الموسم الخامس بالأرقام" in text(html)
    assert table_rows(html, "masarat") == [("المياه", "2"), ("المرأة", "3")]
    assert table_rows(html, "formats") == [("ورشة عمل", "2"), ("ندوة", "1"), ("معرض", "1")]
    assert table_rows(html, "teams") == [("الإعلام", "12"), ("الاستقبال", "أقل من 5")]
    assert ("أنثى", "7") in table_rows(html, "genders")
    assert 'href="/ar/seasons/5/numbers/"' in page(client, "/ar/seasons/5/")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_small_groups_of_volunteers_are_fewer_than_5_in_the_chart_too(client, built_season, lang):
    html = page(client, f"/{lang}/seasons/5/numbers/")
    fewer = "أقل من 5" if lang == "ar" else "fewer than 5"
    teams = svg_rows(html, "teams")
    assert [(title.split(": ")[-1], figure) for title, figure, _x, _w in teams] == [
        ("12", "12"),
        (fewer, fewer),
    ]
    ages = svg_rows(html, "age-groups")
    # 2 and 3 volunteers draw the same bar: the length of 5, whatever they are.
    hidden = [width for _t, figure, _x, width in ages if figure == fewer]
    assert len(hidden) == 2 and hidden[0] == hidden[1]
    assert hidden[0] == pytest.approx(ages[1][3] * 5 / 12, abs=0.1)
    volunteers = html.split('id="volunteers"')[1]
    for small in [">2<", ">3<", ": 2<", ": 3<", 'data-count="']:
        assert small not in volunteers


def test_arabic_bars_grow_from_the_right_and_english_ones_from_the_left(client, built_season):
    arabic = page(client, "/ar/seasons/5/numbers/")
    assert 'direction="rtl"' in arabic
    for _title, _figure, x, width in svg_rows(arabic, "masarat"):
        assert x + width == pytest.approx(WIDTH)
    labels = re.findall(r'<text class="bar-label" x="([\d.]+)"', arabic)
    assert labels and set(labels) == {str(WIDTH)}
    english = page(client, "/en/seasons/5/numbers/")
    assert 'direction="ltr"' in english
    assert {x for _t, _f, x, _w in svg_rows(english, "masarat")} == {0}
    assert set(re.findall(r'<text class="bar-label" x="([\d.]+)"', english)) == {"0"}


def test_a_chart_lays_out_long_labels_on_several_lines_right_to_left():
    chart = bar_chart(
        [
            Bar("Civil and political rights (with a focus on freedom of expression)", 10),
            Bar("B", 5),
        ],
        rtl=True,
    )
    first, second = chart.drawn
    assert len(first.label_lines) == 2
    assert first.bar_x == 0 + (WIDTH - first.bar_width)
    assert second.bar_width == pytest.approx(first.bar_width / 2)
    assert second.bar_y > first.bar_y
    # The figure stands just left of the bar's end.
    assert first.figure_x < first.bar_x


def test_the_volunteers_figures_outlive_the_erasure_after_the_season(client, built_season):
    before = table_rows(page(client, "/en/seasons/5/numbers/"), "teams")
    later = timezone.make_aware(dt.datetime(2027, 6, 1, 12))
    assert erase_volunteers_of_ended_seasons(after_days=90, now=later) == 24
    assert not Volunteer.objects.filter(erased_at__isnull=True).exists()
    cache.clear()
    html = page(client, "/en/seasons/5/numbers/")
    assert table_rows(html, "teams") == before == [("Media", "12"), ("Desk", "fewer than 5")]
    assert ("Woman", "7") in table_rows(html, "genders")
    assert "About 15 volunteers confirmed by the coordinators." in text(html)
    # A second run keeps the first counts.
    keep_volunteer_counts(built_season)
    assert SeasonVolunteerCounts.objects.get().teams != {}


def test_a_season_with_nothing_yet_says_so(client):
    SeasonFactory()
    html = page(client, "/en/seasons/5/numbers/")
    assert "0 activities in the programme" in text(html)
    assert "No volunteers confirmed yet." in text(html)
    assert "Nothing to count yet." in text(html)


def test_the_outcomes_section_is_absent_while_there_is_nothing_to_count(client, built_season):
    assert season_figures.outcome_section(built_season) is None
    sections = [section.slug for section in season_figures.season_figures(built_season)]
    assert sections == ["activities", "organizations", "languages", "volunteers"]
    html = page(client, "/en/seasons/5/numbers/")
    assert 'id="outcomes"' not in html


@pytest.fixture
def draft(built_season):
    return SeasonFactory(number=6, name_en="6th season", is_current=False, is_public=False)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_draft_season_is_not_found_by_visitors_and_seen_by_verified_staff(
    client, draft, lang, django_user_model
):
    assert client.get(f"/{lang}/seasons/6/numbers/").status_code == 404
    staff = django_user_model.objects.create_superuser("lead", "lead@example.org", "pw-123-long")
    log_in_verified(client, staff)
    response = client.get(f"/{lang}/seasons/6/numbers/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    client.logout()
    assert client.get(f"/{lang}/seasons/6/numbers/").status_code == 404


def test_the_sitemap_lists_each_published_seasons_numbers(client, draft):
    sitemap = client.get("/sitemap.xml").content.decode()
    for lang in ["ar", "en"]:
        assert f"<loc>https://isf.test/{lang}/seasons/5/numbers/</loc>" in sitemap
    assert "/seasons/6/numbers/" not in sitemap


def queries(client, url):
    cache.clear()  # measure the work, not the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_queries_stay_flat_with_few_or_many_activities_and_volunteers(client):
    season = SeasonFactory()
    hall, other = place(season)
    masarat = [MasarFactory(season=season) for _ in range(3)]
    teams = [TeamFactory(season=season, capacity=500) for _ in range(3)]

    def add(count, offset):
        for index in range(offset, offset + count):
            schedule(
                (hall, other)[index % 2],
                at(season.days[index // 20], 8) + dt.timedelta(minutes=30 * (index % 20 // 2)),
                minutes=30,
                masarat=masarat[: 1 + index % 3],
                organization_en=f"Organization {index % 7}",
                organization_ar=f"منظمة {index % 7}",
            )
            VolunteerFactory(season=season, status="assigned", team=teams[index % 3])

    add(3, 0)
    client.get("/en/seasons/5/numbers/")  # what is loaded once per process
    few = {lang: queries(client, f"/{lang}/seasons/5/numbers/") for lang in ["ar", "en"]}
    add(57, 3)
    many = {lang: queries(client, f"/{lang}/seasons/5/numbers/") for lang in ["ar", "en"]}
    assert many == few
    assert max(few.values()) <= 8, few


def test_the_page_is_cached_for_visitors(client, built_season):
    page(client, "/en/seasons/5/numbers/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/seasons/5/numbers/")
    assert response.status_code == 200
    assert len(captured) == 0
    assert response.has_header("ETag")


@pytest.fixture
def reported(built_season):
    """Two published outcomes (three recommendations, two initiatives, one
    organization joined and shown, one waiting) and one still under review."""
    from outcomes.models import Initiative, InitiativeMember, Outcome, Recommendation

    first, second, third = Activity.objects.published().filter(season=built_season)[:3]
    water, women = built_season.masarat.order_by("name_en")
    published = []
    for activity in (first, second):
        outcome = Outcome.objects.create(
            activity=activity, account_en="Discussed", participants=30, status="published"
        )
        published.append(outcome)
    for outcome, masar, addressee in [
        (published[0], water, "government"),
        (published[0], women, "parliament"),
        (published[1], women, "government"),
    ]:
        Recommendation.objects.create(
            outcome=outcome, text_en="Do it", masar=masar, addressee=addressee
        )
    initiative = Initiative.objects.create(outcome=published[0], title_en="Act", description_en="-")
    Initiative.objects.create(outcome=published[1], title_en="Act too", description_en="-")
    for status in ("approved", "pending"):
        InitiativeMember.objects.create(
            initiative=initiative,
            organization=f"Joined {status}",
            organization_type="cso",
            governorate="baghdad",
            email=f"{status}@example.org",
            status=status,
        )
    unpublished = Outcome.objects.create(activity=third, account_en="Draft", participants=5)
    Recommendation.objects.create(
        outcome=unpublished, text_en="Not yet", masar=water, addressee="other"
    )
    return built_season


def test_published_outcomes_are_counted_in_their_own_section(client, reported):
    html = page(client, "/en/seasons/5/numbers/")
    assert 'id="outcomes"' in html
    assert "2 activities reported their outcomes: 3 recommendations and 2 initiatives." in text(
        html
    )
    assert table_rows(html, "recommendations-masarat") == [("Water", "1"), ("Women", "2")]
    assert table_rows(html, "recommendations-addressees") == [
        ("The government", "2"),
        ("Parliament", "1"),
    ]
    assert table_rows(html, "initiatives") == [
        ("Initiatives proposed", "2"),
        ("Organizations that joined them", "1"),
    ]
    arabic = text(page(client, "/ar/seasons/5/numbers/"))
    assert "التوصيات" in arabic
