"""Cache hits cost almost nothing and lose nothing: answered before the
session, CSRF and auth middleware with the same headers as a page rendered
for the visitor, in the encoding the browser accepts (compressed once), and
after an edit one render per page while everyone else gets the previous page."""

import gzip
import threading
import time

import brotli
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from activities import cache as programme_cache
from activities import page_store
from activities.cache import cached_page
from activities.views import programme as programme_views
from tests.activities.programme_helpers import (
    at,
    fresh_cache,  # noqa: F401 - autouse fixture
    future_season,
    masarat_of,
    place,
    schedule,
)

# Headers that differ between two answers of the same page by nature.
PER_RESPONSE = {"date"}


def build_programme():
    season = future_season()
    main_hall, _hall_1 = place(season)
    water, _women = masarat_of(season)
    activity = schedule(
        main_hall, at(season.days[0], 9), title_en="Saving the marshes", masarat=[water]
    )
    return {"season": season, "activity": activity, "masar": water}


@pytest.fixture
def programme(db):
    return build_programme()


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


def headers_of(response):
    return {
        name.lower(): value for name, value in response.items() if name.lower() not in PER_RESPONSE
    }


PAGES = [
    "/{lang}/",
    "/{lang}/programme/",
    "/{lang}/programme/?day=all&masar={masar.slug}",
    "/{lang}/programme/{activity.pk}/",
    "/{lang}/masarat/{masar.slug}/",
    "/{lang}/seasons/",
    "/{lang}/seasons/{season.number}/",
    "/{lang}/seasons/{season.number}/programme/",
    "/{lang}/seasons/{season.number}/masarat/{masar.slug}/",
    "/{lang}/programme/calendar.ics",
    "/{lang}/programme/schedule.xml",
    "/{lang}/seasons/{season.number}/programme/schedule.json",
    "/{lang}/masarat/{masar.slug}/calendar.ics",
]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_a_hit_carries_the_same_headers_as_the_page_first_rendered(client, programme, page, lang):
    url = page.format(lang=lang, **programme)
    first, first_queries = get(client, url)
    hit, hit_queries = get(client, url)
    assert first.status_code == hit.status_code == 200
    assert first_queries > 0
    assert hit_queries == 0
    assert hit.content == first.content
    assert headers_of(hit) == headers_of(first)
    for name in [
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "ETag",
    ]:
        assert hit.has_header(name), name
    assert hit["Content-Language"] == lang
    assert hit["Vary"] == "Accept-Encoding, Cookie"
    assert "no-cache" in hit["Cache-Control"]
    # Answered before the session and auth middleware: no cookie can be set.
    assert not hasattr(hit.wsgi_request, "session")
    assert not hit.cookies


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip;q=0.8", "gzip", gzip.decompress),
        ("identity", None, bytes),
        ("", None, bytes),
    ],
)
@pytest.mark.parametrize(
    "url", ["/ar/programme/", "/en/programme/schedule.xml", "/ar/programme/calendar.ics"]
)
def test_a_page_is_sent_compressed_as_the_browser_accepts_and_reads_the_same(
    client, programme, url, accept, encoding, decode
):
    plain = client.get(url).content  # rendered, and kept in every encoding
    for _ in range(2):  # the render's own answer, then a hit
        response = client.get(url, HTTP_ACCEPT_ENCODING=accept)
        assert response.get("Content-Encoding") == encoding
        assert response["Vary"] == "Accept-Encoding, Cookie"
        assert int(response["Content-Length"]) == len(response.content)
        assert decode(response.content) == plain
    if encoding:
        assert len(response.content) < len(plain)


def test_the_first_render_is_sent_compressed_too(client, programme):
    response = client.get("/en/programme/", HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br"
    assert "Saving the marshes" in brotli.decompress(response.content).decode()


def test_a_browser_with_the_page_gets_not_modified_from_an_early_hit(client, programme):
    first = client.get("/en/programme/", HTTP_ACCEPT_ENCODING="gzip")
    again, queries = get(
        client, "/en/programme/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    assert again.content == b""
    assert queries == 0
    assert again.has_header("Content-Security-Policy")


def test_a_url_written_otherwise_still_shares_the_page_and_never_makes_one(client, programme):
    client.get("/en/programme/")
    keys_before = set(cache._cache)
    response, queries = get(client, "/en/programme/?utm_source=chat")
    assert response.status_code == 200
    assert queries == 0
    assert set(cache._cache) == keys_before


def page_key(url, language):
    return programme_cache.page_key(url, (), language)


def test_after_an_edit_the_stale_page_is_served_while_another_worker_renders(client, programme):
    activity = programme["activity"]
    url = "/en/programme/"
    assert "Saving the marshes" in client.get(url).content.decode()
    activity.title_en = "Reviving the marshes"
    activity.save()
    version = programme_cache.programme_version()
    # Another worker (or app server) is rendering the new page.
    assert page_store.lock(page_key(url, "en"), version, "")
    during, queries = get(client, url)
    assert queries == 0
    assert "Saving the marshes" in during.content.decode()
    # It finished: the new page replaces the stale one for everybody.
    page_store.unlock(page_key(url, "en"), version, "")
    after = client.get(url).content.decode()
    assert "Reviving the marshes" in after
    # Once the new page exists, the lock (still held for a few seconds, so
    # a worker that read the stale page just before renders nothing) changes
    # nothing: no stale page.
    assert not page_store.lock(page_key(url, "en"), version, "")
    again, queries = get(client, url)
    assert queries == 0
    assert "Reviving the marshes" in again.content.decode()


def test_a_page_that_is_gone_is_not_served_stale(client, programme):
    url = f"/en/programme/{programme['activity'].pk}/"
    assert client.get(url).status_code == 200
    programme["activity"].delete()
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


@pytest.fixture
def earlier_season(programme):
    """The 4th season, public and not current, with one activity."""
    from tests.factories import SeasonFactory

    first_day = programme["season"].start_date.replace(year=programme["season"].start_date.year - 1)
    season = SeasonFactory(
        number=4,
        is_current=False,
        start_date=first_day,
        end_date=first_day + (programme["season"].end_date - programme["season"].start_date),
    )
    hall, _other = place(season)
    schedule(hall, at(season.days[0], 9), title_en="Marshes of last year")
    return season


def test_a_season_no_longer_public_is_not_served_from_the_cache(client, earlier_season):
    url = f"/en/seasons/{earlier_season.number}/programme/"
    assert "Marshes of last year" in client.get(url).content.decode()
    earlier_season.is_public = False
    earlier_season.save()
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_staff_previewing_a_draft_season_get_their_own_page_never_shared(
    client, earlier_season, admin_user
):
    earlier_season.is_public = False
    earlier_season.save()
    url = f"/en/seasons/{earlier_season.number}/programme/"
    staff = Client()
    from tests.factories import log_in_verified

    log_in_verified(staff, admin_user)
    preview = staff.get(url)
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]
    assert "Marshes of last year" in preview.content.decode()
    assert client.get(url).status_code == 404


def test_a_visitor_with_a_session_sees_their_own_page(client, programme, admin_user):
    client.get("/en/programme/")  # kept for everyone
    client.force_login(admin_user)
    response, queries = get(client, "/en/programme/")
    assert queries > 0  # rendered for them
    assert response.wsgi_request.user == admin_user
    assert "private" not in response.get("Cache-Control", "")


def test_a_page_that_sets_a_cookie_is_never_kept_for_others(rf, db):
    from django.http import HttpResponse

    renders = []

    def view(request):
        renders.append(1)
        response = HttpResponse("yours")
        response.set_cookie("mine", "1")
        return response

    wrapped = cached_page(view)
    for _ in range(2):
        request = rf.get("/en/about/")
        request.COOKIES = {}
        assert wrapped(request).cookies["mine"].value == "1"
    assert len(renders) == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_after_an_edit_make_one_render_and_get_the_stale_page(monkeypatch):
    """Eight visitors at once right after an edit: one renders (slowly), the
    seven others get the previous page at once; then everyone gets the new one."""
    cache.clear()
    programme = build_programme()
    url = "/en/programme/"
    assert "Saving the marshes" in Client().get(url).content.decode()
    slow_build = programme_views.build_timetable

    def slow(*args, **kwargs):
        time.sleep(0.5)
        return slow_build(*args, **kwargs)

    monkeypatch.setattr(programme_views, "build_timetable", slow)
    activity = programme["activity"]
    activity.title_en = "Reviving the marshes"
    activity.save()
    answers = []

    def visit():
        try:
            started = time.monotonic()
            content = Client().get(url).content.decode()
            answers.append((time.monotonic() - started, content))
        finally:
            connection.close()

    with override_settings(PAGE_CACHE_COUNT_RENDERS=True):
        threads = [threading.Thread(target=visit) for _ in range(8)]
        for thread in threads:
            thread.start()
            time.sleep(0.02)
        for thread in threads:
            thread.join()
        version = programme_cache.programme_version()
        renders = cache.get(f"programme:renders:{page_key(url, 'en')}:{version}")
    assert renders == 1
    new = [seconds for seconds, content in answers if "Reviving the marshes" in content]
    stale = [seconds for seconds, content in answers if "Saving the marshes" in content]
    assert len(new) == 1 and len(stale) == 7
    assert max(stale) < 0.4  # nobody waited for the render
    assert "Reviving the marshes" in Client().get(url).content.decode()
    cache.clear()


def directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("url", ["/en/programme/", "/ar/propose/", "/en/volunteer/"])
def test_every_page_carries_the_whole_content_security_policy(client, programme, url):
    from django.conf import settings

    client.get(url)
    for response in (client.get(url), client.get(url, HTTP_ACCEPT_ENCODING="br")):
        policy = directives(response["Content-Security-Policy"])
        expected = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assert policy == {name: " ".join(values) for name, values in expected.items()}


def test_a_view_that_changes_its_policy_still_gets_its_own(rf):
    from csp.decorators import csp_update
    from django.http import HttpResponse

    from forum.middleware import CSPMiddleware

    @csp_update({"img-src": ["https://tiles.example.org"]})
    def view(request):
        return HttpResponse("map")

    middleware = CSPMiddleware(view)
    response = middleware(rf.get("/en/map/"))
    assert "https://tiles.example.org" in directives(response["Content-Security-Policy"])["img-src"]


def test_only_cached_pages_are_looked_up_early():
    from activities.page_hits import is_cached_page

    assert is_cached_page("ar", "/ar/programme/")
    assert is_cached_page("en", "/en/programme/schedule.xml")
    assert is_cached_page("en", "/en/seasons/5/masarat/water/")
    assert not is_cached_page("ar", "/ar/propose/")
    assert not is_cached_page("en", "/en/programme/mine/")
    assert not is_cached_page("en", "/en/no-such-page/")
