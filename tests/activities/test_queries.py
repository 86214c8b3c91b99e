"""Database queries per page do not grow with the programme: every page and
export is measured with 3 activities, then with 300, with a cold cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.activities.programme_helpers import (
    fill_day,
    fresh_cache,  # noqa: F401 - autouse fixture
    future_season,
    masarat_of,
    place,
)

pytestmark = pytest.mark.django_db


def queries(client, url):
    cache.clear()  # measure the work, not the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_pages_and_exports_cost_the_same_queries_with_3_or_300_activities(client):
    season = future_season()
    spaces = place(season, space_names=[f"Hall {n}" for n in range(10)])
    masarat = masarat_of(season)
    day = season.days[0]
    few = fill_day(season, day, count=3, spaces=spaces, masarat=masarat)

    number = season.number

    def measure(activities):
        ids = ",".join(str(activity.pk) for activity in activities)
        urls = {
            "all seasons": "/ar/seasons/",
            "season page": f"/en/seasons/{number}/",
            "season programme": f"/ar/seasons/{number}/programme/",
            "season programme, filtered": f"/en/seasons/{number}/programme/?day=all&q=ورشه",
            "season masar page": f"/ar/seasons/{number}/masarat/{masarat[0].slug}/",
            "season calendar.ics": f"/en/seasons/{number}/programme/calendar.ics",
            "season masar calendar.ics": (
                f"/ar/seasons/{number}/masarat/{masarat[0].slug}/calendar.ics"
            ),
            "season schedule.xml": f"/ar/seasons/{number}/programme/schedule.xml",
            "season schedule.json": f"/en/seasons/{number}/programme/schedule.json",
            "programme": "/ar/programme/",
            "programme, all days, filtered": f"/en/programme/?day=all&masar={masarat[0].slug}",
            "search": "/ar/programme/?q=ورشه",
            "masar page": f"/en/masarat/{masarat[0].slug}/",
            "activity page": f"/ar/programme/{activities[1].pk}/",
            "my programme": f"/en/programme/mine/?ids={ids}",
            "home (now and next)": "/ar/",
            "calendar.ics": "/en/programme/calendar.ics",
            "masar calendar.ics": f"/ar/masarat/{masarat[0].slug}/calendar.ics",
            "activity calendar.ics": f"/en/programme/{activities[1].pk}/calendar.ics",
            "my calendar.ics": f"/ar/programme/mine/calendar.ics?ids={ids}",
            "schedule.xml": "/en/programme/schedule.xml",
            "schedule.json": "/ar/programme/schedule.json",
        }
        for url in urls.values():  # first requests load what is loaded once
            client.get(url)
        return {name: queries(client, url) for name, url in urls.items()}

    with_few = measure(few)
    many = few + fill_day(season, day, count=297, spaces=spaces, masarat=masarat, after=3)
    with_many = measure(many)
    assert with_many == with_few
    # And few at all: the season, the lists, the activities and their masarat
    # (an activity's page also looks for its published outcomes: one more).
    assert max(with_few.values()) <= 7, with_few
