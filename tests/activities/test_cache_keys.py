"""What may fill the shared cache: one entry per page as the site writes it,
whatever a visitor adds to the URL, and a bound on what one visitor can make
the server render."""

import uuid

import pytest
from django.core.cache import caches

from activities import cache as programme_cache
from tests.activities.programme_helpers import (
    at,
    fresh_cache,  # noqa: F401 - autouse fixture
    future_season,
    masarat_of,
    place,
    schedule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    season = future_season()
    main_hall, hall_1 = place(season)
    water, women = masarat_of(season)
    return {
        "season": season,
        "water": water,
        "women": women,
        "marshes": schedule(
            main_hall, at(season.days[0], 9), title_en="Saving the marshes", masarat=[water]
        ),
        "equality": schedule(
            hall_1, at(season.days[0], 11), title_en="Equal pay now", masarat=[women]
        ),
    }


def page_entries():
    """The cached pages in the (locmem) cache: one plain entry each (its gzip
    and Brotli copies and its render lock come with it)."""
    return [
        key
        for key in caches["default"]._cache
        if ":programme:page:" in key and key.endswith(":plain")
    ]


def rendered(response, template):
    """Whether this response was rendered now (not served from the cache)."""
    return any(t.name == template for t in response.templates)


def get_all(client, urls, template, **headers):
    responses = [client.get(url, **headers) for url in urls]
    assert all(response.status_code == 200 for response in responses)
    return responses, sum(rendered(response, template) for response in responses)


def test_two_hundred_random_tracking_parameters_make_one_entry_and_one_render(client, programme):
    urls = [f"/en/programme/?utm={uuid.uuid4().hex}" for _ in range(200)]
    responses, renders = get_all(client, urls, "activities/programme.html")
    assert renders == 1
    assert len(page_entries()) == 1
    assert len({response.content for response in responses}) == 1
    # And it is the page without the parameter: no one else's utm in its links.
    assert "utm" not in responses[0].content.decode()
    assert client.get("/en/programme/").content == responses[0].content


@pytest.mark.parametrize(
    "url",
    [
        "/en/programme/{pk}/?utm_source=x{n}",
        "/ar/masarat/{slug}/?fbclid={n}",
        "/en/programme/calendar.ics?x={n}",
        "/en/programme/schedule.json?v={n}",
    ],
)
def test_pages_without_a_query_ignore_any_parameter(client, programme, url):
    template = url.format(pk=programme["marshes"].pk, slug=programme["water"].slug, n="{n}")
    responses = [client.get(template.format(n=n)) for n in range(20)]
    assert all(response.status_code == 200 for response in responses)
    assert len({response.content for response in responses}) == 1
    assert len(page_entries()) == 1


def test_equivalent_filter_urls_share_one_entry(client, programme):
    day = programme["season"].days[0].isoformat()
    water = programme["water"].slug
    urls = [
        f"/en/programme/?day={day}&masar={water}",
        f"/en/programme/?masar={water}&day={day}",
        f"/en/programme/?masar={water}&day={day}&utm_source=newsletter",
        f"/en/programme/?masar=nothing&masar={water}&day={day}",  # the last value counts
        # The filter form as a browser sends it: every field, most of them empty.
        f"/en/programme/?q=&day={day}&masar={water}&place=&format=&language=",
    ]
    responses, renders = get_all(client, urls, "activities/programme.html")
    assert renders == 1
    assert len(page_entries()) == 1
    content = responses[0].content.decode()
    assert "Saving the marshes" in content and "Equal pay now" not in content
    # The language switcher keeps the filters, in their canonical order.
    assert f'href="/ar/programme/?day={day}&amp;masar={water}"' in content


def test_invalid_filter_values_are_ignored_and_make_no_new_entry(client, programme):
    urls = [
        "/en/programme/",
        *[f"/en/programme/?masar=no-such-path-{n}" for n in range(20)],
        *[f"/en/programme/?place=space-{999_000 + n}" for n in range(20)],
        *[f"/en/programme/?day=2001-01-{n:02d}&format=party" for n in range(1, 20)],
        f"/en/programme/?q={'x' * 101}",  # longer than the search box allows
    ]
    responses, renders = get_all(client, urls, "activities/programme.html")
    assert renders == 1
    assert len(page_entries()) == 1
    content = responses[-1].content.decode()
    assert "Saving the marshes" in content and "Equal pay now" in content


def test_on_a_cold_cache_a_filtered_page_is_kept_when_its_url_is_canonical(client, programme):
    """Which values are valid is learnt from the first render (no query for
    it): a canonical URL is kept at once, an invalid value never."""
    water = programme["water"].slug
    responses, renders = get_all(
        client, [f"/en/programme/?masar={water}"] * 3, "activities/programme.html"
    )
    assert renders == 1
    assert len(page_entries()) == 1


def test_on_a_cold_cache_invalid_values_cost_one_render_more_and_no_entry(client, programme):
    urls = [f"/en/programme/?masar=no-such-path-{n}" for n in range(20)]
    responses, renders = get_all(client, urls, "activities/programme.html")
    assert renders == 2  # as asked, to learn the valid values; then the page without
    assert len(page_entries()) == 1
    assert len({response.content for response in responses[1:]}) == 1
    assert "no-such-path" not in responses[-1].content.decode()


def test_a_search_is_kept_as_the_form_reads_it(client, programme):
    urls = [
        "/en/programme/?q=marshes",
        "/en/programme/?q=+marshes+",
        "/en/programme/?q=marshes&x=1",
    ]
    responses, renders = get_all(client, urls, "activities/programme.html")
    assert renders == 1
    assert len(page_entries()) == 1
    assert "Saving the marshes" in responses[0].content.decode()
    assert "Equal pay now" not in responses[0].content.decode()


def test_a_new_masar_is_a_valid_filter_at_once(client, programme):
    from tests.factories import MasarFactory

    client.get("/en/programme/?masar=heritage")  # not a masar yet: the whole programme
    heritage = MasarFactory(season=programme["season"], slug="heritage", name_en="Heritage")
    programme["marshes"].masarat.add(heritage)
    content = client.get("/en/programme/?masar=heritage").content.decode()
    assert "Saving the marshes" in content and "Equal pay now" not in content


def test_an_activity_path_written_otherwise_is_redirected_to_its_own(client, programme):
    pk = programme["marshes"].pk
    response = client.get(f"/en/programme/000{pk}/?utm=x")
    assert response.status_code == 301
    assert response["Location"] == f"/en/programme/{pk}/"
    assert page_entries() == []


def test_one_address_cannot_make_the_server_render_searches_without_end(
    client, programme, monkeypatch
):
    monkeypatch.setattr(programme_cache, "RENDER_LIMIT", (5, 60))
    for n in range(5):
        assert client.get(f"/en/programme/?q=search{n}").status_code == 200
    refused = client.get("/en/programme/?q=one-more")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Your connection asked for many different pages" in refused.content.decode()
    assert len(page_entries()) == 5
    arabic = client.get("/ar/programme/?q=واحدة-أخرى")
    assert arabic.status_code == 429
    assert "يرجى الانتظار دقيقة" in arabic.content.decode()
    # What is in the cache is still served to that address...
    assert client.get("/en/programme/?q=search0").status_code == 200
    # ...and the pages nobody filtered are never refused.
    assert client.get("/en/programme/").status_code == 200
    assert client.get(f"/en/programme/{programme['marshes'].pk}/").status_code == 200
    # Another address is not held back.
    other = client.get("/en/programme/?q=marshes", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_a_session_cookie_skips_the_cache_but_not_the_render_limit(client, programme, monkeypatch):
    monkeypatch.setattr(programme_cache, "RENDER_LIMIT", (3, 60))
    client.cookies["sessionid"] = "made-up"
    statuses = [client.get("/en/programme/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
