"""The programme's cache: pages come from the shared cache, any change shows
at once, several app servers agree, and a broken cache never breaks a page."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from activities import cache as programme_cache
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

ROOT = Path(__file__).resolve().parent.parent.parent


class BrokenCache(BaseCache):
    """A cache backend whose every call fails, like a Redis that is gone."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    get = set = add = delete = get_many = set_many = has_key = incr = clear = touch = _fail


@pytest.fixture
def programme():
    season = future_season()
    main_hall, hall_1 = place(season)
    water, women = masarat_of(season)
    return {
        "season": season,
        "spaces": (main_hall, hall_1),
        "masarat": (water, women),
        "activity": schedule(
            main_hall, at(season.days[0], 9), title_en="Saving the marshes", masarat=[water]
        ),
    }


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


def test_a_page_seen_once_is_served_from_the_cache_without_the_database(client, programme):
    first, first_queries = get(client, "/en/programme/")
    again, again_queries = get(client, "/en/programme/")
    assert first_queries > 0
    assert again_queries == 0
    assert again.content == first.content
    assert again["Content-Type"] == "text/html; charset=utf-8"
    assert again["Content-Language"] == "en"


def test_exports_keep_their_type_and_file_name_from_the_cache(client, programme):
    get(client, "/en/programme/calendar.ics")
    response, queries = get(client, "/en/programme/calendar.ics")
    assert queries == 0
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="isf5-programme.ics"'


def test_each_language_and_each_filter_is_its_own_page(client, programme):
    assert "Saving the marshes" in get(client, "/en/programme/")[0].content.decode()
    arabic = get(client, "/ar/programme/")[0].content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    filtered = get(client, "/en/programme/?format=exhibition")[0].content.decode()
    assert "Saving the marshes" not in filtered


@pytest.mark.parametrize(
    "url",
    ["/en/programme/", "/en/programme/{pk}/", "/en/masarat/{slug}/", "/en/programme/schedule.xml"],
)
def test_an_edit_of_an_activity_shows_at_once(client, programme, url):
    activity = programme["activity"]
    url = url.format(pk=activity.pk, slug=programme["masarat"][0].slug)
    assert "Saving the marshes" in get(client, url)[0].content.decode()
    activity.title_en = "Reviving the marshes"
    activity.save()
    content = get(client, url)[0].content.decode()
    assert "Reviving the marshes" in content
    assert "Saving the marshes" not in content


def test_a_withdrawn_activity_leaves_the_programme_at_once(client, programme):
    activity = programme["activity"]
    assert "Saving the marshes" in get(client, "/en/programme/")[0].content.decode()
    activity.status = Activity.Status.WITHDRAWN
    activity.save()
    assert "Saving the marshes" not in get(client, "/en/programme/")[0].content.decode()
    assert get(client, f"/en/programme/{activity.pk}/")[0].status_code == 404


def test_changing_an_activitys_masarat_shows_at_once_on_the_masar_pages(client, programme):
    water, women = programme["masarat"]
    assert "Saving the marshes" not in get(client, f"/en/masarat/{women.slug}/")[0].content.decode()
    programme["activity"].masarat.add(women)
    assert "Saving the marshes" in get(client, f"/en/masarat/{women.slug}/")[0].content.decode()
    programme["activity"].masarat.remove(water)
    assert "Saving the marshes" not in get(client, f"/en/masarat/{water.slug}/")[0].content.decode()


def test_renaming_a_space_or_a_masar_shows_at_once(client, programme):
    main_hall = programme["spaces"][0]
    water = programme["masarat"][0]
    assert "Main Hall" in get(client, "/en/programme/")[0].content.decode()
    main_hall.name_en = "Great Hall"
    main_hall.save()
    water.name_en = "Water and the rivers"
    water.save()
    content = get(client, "/en/programme/")[0].content.decode()
    assert "Great Hall" in content
    assert "Water and the rivers" in content


def test_deleting_an_activity_shows_at_once(client, programme):
    get(client, "/en/programme/")
    programme["activity"].delete()
    assert "Saving the marshes" not in get(client, "/en/programme/")[0].content.decode()


def test_the_version_changes_again_when_the_transaction_commits(
    programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        programme["activity"].save()
        during = programme_cache.programme_version()
    assert callbacks
    assert programme_cache.programme_version() != during


def test_a_browser_with_the_page_gets_not_modified(client, programme):
    first, _queries = get(client, "/ar/programme/")
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    again, queries = get(client, "/ar/programme/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert queries == 0
    programme["activity"].save()
    changed, _queries = get(client, "/ar/programme/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_visitor_with_a_session_gets_a_page_of_their_own(client, programme):
    get(client, "/en/programme/")
    client.cookies["sessionid"] = "abc"
    _response, queries = get(client, "/en/programme/")
    assert queries > 0


def test_pages_work_when_the_cache_fails_on_every_call(client, programme):
    broken = {"default": {"BACKEND": "tests.activities.test_cache.BrokenCache"}}
    with override_settings(CACHES=broken):
        for url in [
            "/en/programme/",
            f"/ar/programme/{programme['activity'].pk}/",
            f"/en/masarat/{programme['masarat'][0].slug}/",
            "/ar/programme/calendar.ics",
            "/en/programme/schedule.json",
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
        assert "Saving the marshes" in client.get("/en/programme/").content.decode()
        # Saving still works: the invalidation fails quietly too.
        programme["activity"].save()


def test_the_version_lives_in_the_shared_cache_so_every_app_server_agrees(client, programme):
    """Two processes, one Redis: another app server's change reaches this one."""
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/5",
        "KEY_PREFIX": f"isf-test-{uuid.uuid4().hex[:8]}",
    }
    activity = programme["activity"]
    with override_settings(CACHES={"default": redis}):
        try:
            assert "Saving the marshes" in get(client, "/en/programme/")[0].content.decode()
            # The change is made by another server: the rows change here,
            # without this process's signals...
            Activity.objects.filter(pk=activity.pk).update(title_en="Reviving the marshes")
            assert "Saving the marshes" in get(client, "/en/programme/")[0].content.decode()
            # ...and that server, a separate process, bumps the shared version.
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "forum.settings.development",
                "CACHE_URL": f"redis://127.0.0.1:6379/5?prefix={redis['KEY_PREFIX']}",
            }
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import django; django.setup(); "
                    "from activities.cache import bump_programme_version; "
                    "bump_programme_version()",
                ],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=60,
            )
            content = get(client, "/en/programme/")[0].content.decode()
            assert "Reviving the marshes" in content
        finally:
            client_ = caches["default"]._cache.get_client(write=True)
            for key in client_.scan_iter(f"{redis['KEY_PREFIX']}:*"):
                client_.delete(key)


def test_a_new_proposal_leaves_the_cached_programme_alone(programme):
    """Proposals arrive several a second in the forum week; they are not in the
    programme, so they must not empty its cache."""
    from tests.factories import ActivityFactory

    before = programme_cache.programme_version()
    proposal = ActivityFactory(season=programme["season"])
    proposal.masarat.set([programme["masarat"][0]])
    proposal.title_en = "Edited before review"
    proposal.save()
    assert programme_cache.programme_version() == before


def test_accepting_and_scheduling_a_proposal_refreshes_the_programme(programme):
    from tests.factories import ActivityFactory

    published = programme["activity"]
    proposal = ActivityFactory(season=programme["season"])
    before = programme_cache.programme_version()
    proposal.status = Activity.Status.ACCEPTED
    proposal.space = published.space
    proposal.starts_at = published.ends_at
    proposal.ends_at = published.ends_at + (published.ends_at - published.starts_at)
    proposal.save()
    assert programme_cache.programme_version() != before


def test_the_home_page_is_cached_whole_and_its_now_and_next_changes_by_the_minute(
    client, monkeypatch
):
    from django.utils import timezone

    season = future_season()
    hall, _other = place(season)
    (water,) = masarat_of(season, count=1)
    clock = {"now": at(season.days[1], 11, 15)}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    schedule(hall, at(season.days[1], 10, 30), minutes=60, title_en="On right now")
    schedule(hall, at(season.days[1], 12), title_en="Coming up")

    first, first_queries = get(client, "/en/")
    again, again_queries = get(client, "/en/")
    assert first_queries > 0
    assert again_queries == 0
    assert again.content == first.content
    section = first.content.decode().split("Now and next at the forum")[1]
    assert "On right now" in section and "Coming up" in section

    clock["now"] = at(season.days[1], 11, 40)  # the first activity has ended
    later, later_queries = get(client, "/en/")
    assert later_queries > 0
    section = later.content.decode().split("Now and next at the forum")[1]
    assert "On right now" not in section and "Coming up" in section

    water.name_en = "Water and the rivers"
    water.save()
    assert "Water and the rivers" in get(client, "/en/")[0].content.decode()


@pytest.mark.parametrize("url", ["/ar/about/", "/en/privacy/"])
def test_the_about_and_privacy_pages_come_from_the_cache(client, programme, url):
    first, _queries = get(client, url)
    again, queries = get(client, url)
    assert queries == 0
    assert again.content == first.content


def test_renaming_a_masar_shows_at_once_on_the_about_page(client, programme):
    water = programme["masarat"][0]
    get(client, "/en/about/")
    water.name_en = "Water and the rivers"
    water.save()
    assert "Water and the rivers" in get(client, "/en/about/")[0].content.decode()
