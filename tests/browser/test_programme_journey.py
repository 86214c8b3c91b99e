"""A visitor on a phone, in each language: filters the programme by masar,
switches day, searches an Arabic word typed without hamza, opens an
activity, adds it to a calendar, stars three and downloads their calendar."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from forum.models import Season, Space
from tests.factories import ScheduledActivityFactory

ACTIVITIES = [
    # (space, Arabic title, English title): at 07:00, before the demo's slots.
    ("main-hall", "أصوات الأهوار", "Voices of the marshes"),
    ("hall-1", "أنهار العراق", "Rivers of Iraq"),
    ("hall-2", "الماء للقرى", "Water for the villages"),
]

JOURNEYS = {
    "ar": {
        "filters": "صفِّ حسب اليوم أو المسار أو المكان أو الشكل أو اللغة",
        "show": "اعرض الأنشطة",
        "query": "اصوات",  # أصوات, typed without its hamza
        "calendar": "أضف إلى التقويم",
        "my_programme": "برنامجي",
        "my_calendar": "نزّلها لتقويمك",
        "three": "3 أنشطة مميزة بنجمة",
    },
    "en": {
        "filters": "Filter by day, path, place, format or language",
        "show": "Show activities",
        "query": "اصوات",
        "calendar": "Add to calendar",
        "my_programme": "My programme",
        "my_calendar": "Download them for your calendar",
        "three": "3 starred activities",
    },
}


@pytest.fixture
def water_day(demo_site):
    """Three activities of the environment-and-water masar on the second day."""
    season = Season.objects.current()
    day = season.days[1]
    masar = season.masarat.get(slug="environment-water")
    made = []
    for space_name, title_ar, title_en in ACTIVITIES:
        space = Space.objects.get(venue__season=season, name_en=_space_names()[space_name])
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(7)))
        made.append(
            ScheduledActivityFactory(
                season=season,
                space=space,
                starts_at=start,
                ends_at=start + dt.timedelta(minutes=90),
                title_ar=title_ar,
                title_en=title_en,
                masarat=[masar],
            )
        )
    return {"day": day, "masar": masar, "activities": made}


def _space_names():
    return {"main-hall": "Main Hall", "hall-1": "Hall 1", "hall-2": "Hall 2"}


def read_download(download):
    # newline="": the file's CRLF line ends, as a calendar app reads them.
    with open(download.path(), encoding="utf-8", newline="") as file:
        return file.read()


def card(page, title):
    return page.locator("article.activity-card", has_text=title)


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_visitor_on_a_phone_finds_activities_and_takes_them_along(
    page, live_server, water_day, lang
):
    words = JOURNEYS[lang]
    titles = [title_ar if lang == "ar" else title_en for _s, title_ar, title_en in ACTIVITIES]
    problems = []
    # Script errors and CSP violations; failed requests other than the
    # browser's own favicon.ico guess.
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and problems.append(message.text),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and problems.append(f"{response.status} {response.url}")
        ),
    )
    masar, day = water_day["masar"], water_day["day"]

    # The programme, filtered by a masar.
    page.goto(f"{live_server.url}/{lang}/programme/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    page.get_by_text(words["filters"]).click()
    page.locator("#id_masar").select_option(masar.slug)
    page.get_by_role("button", name=words["show"]).click()
    assert f"masar={masar.slug}" in page.url
    masar_name = getattr(masar, f"name_{lang}")
    for tag_list in page.locator(".activity-tags").all():
        assert masar_name in tag_list.inner_text()
    no_sideways_scroll(page)

    # Another day, by its tab: the masar stays chosen.
    page.locator(".day-tabs a").nth(1).click()
    assert f"day={day.isoformat()}" in page.url
    assert f"masar={masar.slug}" in page.url
    for title in titles:
        assert card(page, title).count() == 1

    # A search for an Arabic word typed without its hamza.
    page.locator("#id_q").fill(words["query"])
    page.locator("#id_q").press("Enter")
    found = page.locator("article.activity-card")
    assert found.count() == 1
    assert titles[0] in found.inner_text()

    # The activity, and its calendar file.
    found.get_by_role("link", name=titles[0]).click()
    assert page.locator("h1").inner_text().startswith(titles[0])
    with page.expect_download() as download:
        page.get_by_role("link", name=words["calendar"]).click()
    ics = read_download(download.value)
    assert download.value.suggested_filename.endswith(".ics")
    assert ics.count("BEGIN:VEVENT") == 1
    assert f"SUMMARY;LANGUAGE={lang}:{titles[0]}" in ics.replace("\r\n ", "")

    # Star it here, and two more in the day's programme.
    star = page.locator("button[data-star]")
    star.click()
    assert star.get_attribute("aria-pressed") == "true"
    page.goto(f"{live_server.url}/{lang}/programme/?day={day.isoformat()}")
    for title in titles[1:]:
        button = card(page, title).locator("button[data-star]")
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
    assert card(page, titles[0]).locator("button[data-star]").get_attribute("aria-pressed") == (
        "true"
    )
    no_sideways_scroll(page)

    # My programme: the three, and their calendar.
    page.locator("a[data-my-programme-link]").first.click()
    assert re.search(r"/programme/mine/\?ids=\d+,\d+,\d+$", page.url)
    assert words["three"] in page.locator(".result-count").inner_text()
    for title in titles:
        assert card(page, title).count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name=words["my_calendar"]).click()
    ics = read_download(download.value).replace("\r\n ", "")
    assert ics.count("BEGIN:VEVENT") == 3
    for title in titles:
        assert f":{title}\r\n" in ics

    # The bare "my programme" address shows this phone's stars too.
    page.goto(f"{live_server.url}/{lang}/programme/mine/")
    page.wait_for_url(re.compile(r"ids=\d+,\d+,\d+$"))
    assert problems == []
