"""An activity's page, the masar pages, "my programme" and the home page's
"now and next"."""

import html as html_lib
import json
import re

import pytest
from django.utils import timezone

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


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def meta(html, prop):
    found = re.search(rf'<meta property="{prop}" content="([^"]*)">', html)
    return html_lib.unescape(found.group(1))


@pytest.fixture
def hall_day():
    """Three activities in the Main Hall of a future season, one elsewhere."""
    season = future_season()
    main_hall, hall_1 = place(season)
    water, women = masarat_of(season)
    first, second = season.days[0], season.days[1]
    middle = schedule(
        main_hall,
        at(first, 11),
        title_en="Saving the marshes",
        title_ar="إنقاذ الأهوار",
        summary_en="How the marshes can live again.",
        summary_ar="كيف تعود الحياة إلى الأهوار.",
        description_en="First paragraph.\n\nSecond paragraph.",
        description_ar="الفقرة الأولى.\n\nالفقرة الثانية.",
        organization_en="Demo Water Initiative",
        organization_ar="مبادرة المياه",
        co_organizers_en="Tigris Youth Team",
        co_organizers_ar="فريق شباب دجلة",
        format=Activity.Format.SEMINAR,
        languages=["ar", "ku"],
        masarat=[water, women],
    )
    return {
        "season": season,
        "middle": middle,
        "before": schedule(main_hall, at(first, 9), title_en="Morning in the hall"),
        "after": schedule(main_hall, at(second, 9), title_en="Next day in the hall"),
        "elsewhere": schedule(hall_1, at(first, 13), title_en="In another hall"),
        "masarat": (water, women),
        "space": main_hall,
    }


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            "en",
            [
                '<h1 class="h2">Saving the marshes</h1>',
                "How the marshes can live again.",
                "<p>First paragraph.</p>",
                "<p>Second paragraph.</p>",
                "Seminar",
                "Arabic, Kurdish",
                "Demo Water Initiative",
                "With Tigris Youth Team",
                "Main Hall",
                "Academy",
                "11:00</time>–<time",
                "12:30",
                "Add to calendar",
            ],
        ),
        (
            "ar",
            [
                '<h1 class="h2">إنقاذ الأهوار</h1>',
                "كيف تعود الحياة إلى الأهوار.",
                "<p>الفقرة الأولى.</p>",
                "ندوة",
                "العربية، الكردية",
                "مبادرة المياه",
                "فريق شباب دجلة",
                "قاعة Main Hall",
                "مكان Academy",
                "أضف إلى التقويم",
            ],
        ),
    ],
)
def test_activity_page_says_what_when_where_and_who(client, hall_day, lang, texts):
    activity = hall_day["middle"]
    html = page(client, f"/{lang}/programme/{activity.pk}/")
    for text in texts:
        assert text in html
    for masar in hall_day["masarat"]:
        # Its season's address: it keeps its meaning when another season is current.
        assert f'href="/{lang}/seasons/{masar.season.number}/masarat/{masar.slug}/"' in html
    assert 'href="https://www.openstreetmap.org/search?query=Baghdad"' in html
    assert f'href="/{lang}/programme/{activity.pk}/calendar.ics" download' in html
    assert f'datetime="{timezone.localtime(activity.starts_at).isoformat()}"' in html


def test_activity_page_links_to_the_previous_and_next_in_the_same_space(client, hall_day):
    html = page(client, f"/en/programme/{hall_day['middle'].pk}/")
    previous = re.search(r'<a rel="prev" href="([^"]+)">.*?</a>', html, re.S)
    following = re.search(r'<a rel="next" href="([^"]+)">.*?</a>', html, re.S)
    assert previous.group(1) == hall_day["before"].get_absolute_url().replace("/ar/", "/en/")
    assert "Morning in the hall" in previous.group(0)
    assert following.group(1) == f"/en/programme/{hall_day['after'].pk}/"
    assert "Next day in the hall" in following.group(0)
    assert "In another hall" not in html


def test_first_activity_in_a_space_has_no_previous(client, hall_day):
    html = page(client, f"/en/programme/{hall_day['before'].pk}/")
    assert 'rel="prev"' not in html
    assert 'rel="next"' in html


def test_activity_page_describes_the_event_for_search_engines(client, hall_day):
    activity = hall_day["middle"]
    html = page(client, f"/en/programme/{activity.pk}/")
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "Saving the marshes"
    assert data["startDate"] == timezone.localtime(activity.starts_at).isoformat()
    assert data["endDate"] == timezone.localtime(activity.ends_at).isoformat()
    assert data["location"]["name"] == "Main Hall, Academy"
    assert data["organizer"] == {"@type": "Organization", "name": "Demo Water Initiative"}
    assert data["url"] == f"https://isf.test/en/programme/{activity.pk}/"
    assert data["inLanguage"] == ["ar", "ku"]


def test_activity_page_can_be_shared_with_a_preview(client, hall_day):
    activity = hall_day["middle"]
    html = page(client, f"/ar/programme/{activity.pk}/")
    assert meta(html, "og:title") == "إنقاذ الأهوار"
    assert meta(html, "og:description") == "كيف تعود الحياة إلى الأهوار."
    assert meta(html, "og:url") == f"https://isf.test/ar/programme/{activity.pk}/"
    assert meta(html, "og:locale") == "ar_IQ"
    assert meta(html, "og:locale:alternate") == "en_GB"
    assert "<title>إنقاذ الأهوار · " in html


def test_a_title_cannot_break_out_of_the_json_ld_block(client, hall_day):
    activity = hall_day["middle"]
    activity.title_en = "</script><script>alert(1)</script> & more"
    activity.save()
    html = page(client, f"/en/programme/{activity.pk}/")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script> & more"


def test_control_characters_stored_in_a_title_are_left_out_of_the_json_ld(client, hall_day):
    activity = hall_day["middle"]
    activity.title_en = "Saving\x0bthe\x07 marshes"
    activity.save()
    html = page(client, f"/en/programme/{activity.pk}/")
    assert json_ld(html)["name"] == "Saving\nthe marshes"


def test_activity_page_without_english_text_shows_arabic_marked_with_a_note(client, hall_day):
    activity = hall_day["middle"]
    activity.title_en = activity.summary_en = activity.description_en = ""
    activity.save()
    html = page(client, f"/en/programme/{activity.pk}/")
    assert '<h1 class="h2"><span lang="ar" dir="rtl">إنقاذ الأهوار</span>' in html
    assert "Available in Arabic only" in html
    assert '<p class="lead" lang="ar" dir="rtl">كيف تعود الحياة إلى الأهوار.</p>' in html
    assert '<div class="activity-description" lang="ar" dir="rtl">' in html
    # A <title> cannot be marked as Arabic: it names the activity by reference.
    assert f"<title>Activity {activity.reference} · " in html
    assert '<meta property="og:title" content="إنقاذ الأهوار">' in html


@pytest.mark.parametrize(
    "status",
    [Activity.Status.SUBMITTED, Activity.Status.DECLINED, Activity.Status.WITHDRAWN],
)
def test_activity_not_in_the_programme_has_no_public_page(client, hall_day, status):
    activity = hall_day["middle"]
    activity.status = status
    activity.save()
    assert client.get(f"/en/programme/{activity.pk}/").status_code == 404
    assert client.get(f"/en/programme/{activity.pk}/calendar.ics").status_code == 404


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_masar_page_lists_its_activities_by_day(client, hall_day, lang):
    water, women = hall_day["masarat"]
    schedule(hall_day["space"], at(hall_day["season"].days[2], 9), masarat=[water])
    html = page(client, f"/{lang}/masarat/{women.slug}/")
    assert html.count('class="activity-card') == 1
    assert f'id="activity-{hall_day["middle"].pk}-title"' in html
    number = women.season.number
    assert f'href="/{lang}/seasons/{number}/masarat/{women.slug}/calendar.ics" download' in html
    assert page(client, f"/{lang}/masarat/{water.slug}/").count('class="activity-card') == 2


def test_masar_page_before_any_activity_says_so(client, hall_day):
    (empty,) = masarat_of(hall_day["season"], count=1)
    html = page(client, f"/en/masarat/{empty.slug}/")
    assert "The programme of this path will be published here." in html
    assert "0 activities" in html


@pytest.mark.parametrize(
    ("lang", "count_text"), [("en", "2 starred activities"), ("ar", "نشاطان مميزان بنجمة")]
)
def test_my_programme_lists_the_starred_activities_from_the_link(
    client, hall_day, lang, count_text
):
    before, after = hall_day["before"], hall_day["after"]
    html = page(client, f"/{lang}/programme/mine/?ids={after.pk},999999,x,{before.pk}")
    assert count_text in html
    assert html.count('class="activity-card') == 2
    assert html.index(f"activity-{before.pk}-title") < html.index(f"activity-{after.pk}-title")
    ids = f"{before.pk},{after.pk}"
    assert f'href="/{lang}/programme/mine/calendar.ics?ids={ids}" download' in html
    assert f"https://isf.test/{lang}/programme/mine/?ids={ids}" in html
    assert '<meta name="robots" content="noindex">' in html


def test_my_programme_without_stars_explains_itself(client, hall_day):
    html = page(client, "/en/programme/mine/")
    assert "No starred activities yet." in html
    assert "Starring needs JavaScript" in html
    assert 'data-ids=""' in html


def test_stars_are_offered_by_javascript_only(client, hall_day):
    html = page(client, "/en/programme/")
    button = re.search(r"<button [^>]*data-star=[^>]*>", html).group(0)
    assert " hidden" in button
    assert 'aria-pressed="false"' in button
    assert '<script src="/static/js/my-programme.js" defer></script>' in html


def test_home_page_shows_now_and_next_during_the_season(client, monkeypatch):
    season = future_season()
    hall, other = place(season)
    now = at(season.days[1], 11, 15)
    monkeypatch.setattr(timezone, "now", lambda: now)
    schedule(hall, at(season.days[1], 10, 30), minutes=60, title_en="On right now")
    schedule(other, at(season.days[1], 9), title_en="This morning")
    schedule(other, at(season.days[1], 12), title_en="Coming up")
    schedule(hall, at(season.days[1], 12), title_en="Also coming up")
    schedule(hall, at(season.days[1], 15), title_en="This afternoon")
    schedule(other, at(season.days[2], 10), title_en="Tomorrow")
    html = page(client, "/en/")
    section = html[html.index("Now and next at the forum") :]
    assert re.findall(r'-title"><a href="[^"]+">([^<]+)</a>', section) == [
        "On right now",
        "Also coming up",
        "Coming up",
    ]
    assert f'<time datetime="{at(season.days[1], 12).isoformat()}">12:00</time>' in html


def test_home_page_after_the_last_activity_of_the_day_says_so(client, monkeypatch):
    season = future_season()
    hall, _other = place(season)
    monkeypatch.setattr(timezone, "now", lambda: at(season.days[0], 22))
    schedule(hall, at(season.days[0], 9), title_en="This morning")
    html = page(client, "/ar/")
    assert "لا مزيد من الأنشطة اليوم." in html
    assert "This morning" not in html


def test_home_page_has_no_now_and_next_outside_the_season(client):
    season = future_season()
    (hall, _other) = place(season)
    schedule(hall, at(season.days[0], 10), title_en="Later this year")
    html = page(client, "/en/")
    assert "Now and next" not in html
    assert "Later this year" not in html


def test_the_sitemap_lists_the_programme_and_each_published_activity_in_both_languages(
    client, hall_day
):
    hidden = hall_day["elsewhere"]
    hidden.status = Activity.Status.WITHDRAWN
    hidden.save()
    sitemap = client.get("/sitemap.xml").content.decode()
    number = hall_day["middle"].season.number
    for lang in ["ar", "en"]:
        for path in [
            f"seasons/{number}/programme/",
            "programme/mine/",
            f"programme/{hall_day['middle'].pk}/",
        ]:
            assert f"<loc>https://isf.test/{lang}/{path}</loc>" in sitemap
        # The short address means another season once the next one is current.
        assert f"<loc>https://isf.test/{lang}/programme/</loc>" not in sitemap
        assert f"<loc>https://isf.test/{lang}/programme/{hidden.pk}/</loc>" not in sitemap
