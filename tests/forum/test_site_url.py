"""One site URL: every absolute link comes from SITE_URL, never from the
request's Host header, which the client chooses (a port, or another name that
ALLOWED_HOSTS lets through)."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from activities.models import Activity
from forum.links import absolute_url, site_host
from forum.models import OutgoingEmail
from forum.settings.env import site_url
from tests.activities.programme_helpers import at, future_season, masarat_of, place, schedule
from tests.activities.proposal_helpers import proposal_data
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    ProgrammeModeratorFactory,
    TeamFactory,
    VolunteerCoordinatorFactory,
    VolunteerFactory,
    log_in_verified,
)
from tests.volunteers.data import signup_data

SITE = "https://isf.test"
# A port in Host, and another name the site also answers to.
FORGED_HOSTS = ["testserver:8443", "mirror.example.net"]
LINK = re.compile(r"""https?://[^\s"'<>]+""")


@pytest.fixture(params=FORGED_HOSTS)
def forged_host(request, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "mirror.example.net"]
    return request.param


def assert_no_forged_host(text):
    for forged in ("testserver", "mirror.example.net", ":8443"):
        assert forged not in text


def assert_links_on_the_site(text, forged_host):
    links = LINK.findall(text)
    assert links, "expected absolute links"
    assert all(link.startswith(f"{SITE}/") for link in links), links
    assert_no_forged_host(text)


# -- the setting ---------------------------------------------------------------


def test_links_are_built_on_the_site_url():
    assert absolute_url("/ar/programme/") == "https://isf.test/ar/programme/"
    assert site_host() == "isf.test"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("https://isf.test", "https://isf.test"),
        ("https://isf.test/", "https://isf.test"),
        (" http://127.0.0.1:8000/ ", "http://127.0.0.1:8000"),
    ],
)
def test_site_url_is_kept_without_a_trailing_slash(typed, kept):
    assert site_url(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "isf.test",
        "ftp://forum.example.org",
        "https://",
        "https://x.org/isf/",
        "https://x.org?a=1",
    ],
)
def test_a_site_url_that_is_not_an_address_is_refused(typed):
    with pytest.raises(ImproperlyConfigured):
        site_url(typed)


# -- emails ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_forged_host_changes_no_link_in_the_proposal_emails_or_the_thank_you_page(
    client, season, forged_host, settings, django_capture_on_commit_callbacks
):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org"]
    masar = MasarFactory(season=season)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ar/propose/", proposal_data(season, [masar]), HTTP_HOST=forged_host
        )
    activity = Activity.objects.get()
    organizer, moderators = OutgoingEmail.objects.order_by("pk")
    assert organizer.to == ["zainab@example.org"]
    for email in (organizer, moderators):
        assert_links_on_the_site(email.body + email.html, forged_host)
    assert f"{SITE}/ar/propose/status/{activity.private_token}/" in organizer.body
    assert f"{SITE}/ar/admin/activities/activity/{activity.pk}/change/" in moderators.body
    thanks = client.get(response["Location"], HTTP_HOST=forged_host).content.decode()
    assert f"{SITE}/ar/propose/status/{activity.private_token}/" in thanks
    assert_no_forged_host(thanks)


@pytest.mark.django_db
def test_a_forged_host_changes_no_link_when_an_organizer_withdraws(
    client, season, forged_host, settings
):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org"]
    activity = ActivityFactory(season=season)
    client.post(f"/en/propose/status/{activity.private_token}/withdraw/", HTTP_HOST=forged_host)
    (notice,) = OutgoingEmail.objects.all()
    assert_links_on_the_site(notice.body + notice.html, forged_host)


@pytest.mark.django_db
def test_a_forged_host_changes_no_link_in_the_moderators_decisions(client, season, forged_host):
    activity = ActivityFactory(season=season, contact_language="en")
    log_in_verified(client, ProgrammeModeratorFactory())
    client.post(
        "/en/admin/activities/activity/",
        {
            "action": "accept_selected",
            "_selected_action": [activity.pk],
            "confirm": "yes",
            "message": "Welcome.",
        },
        HTTP_HOST=forged_host,
    )
    assert Activity.objects.get().status == Activity.Status.ACCEPTED
    (decision,) = OutgoingEmail.objects.all()
    assert_links_on_the_site(decision.body + decision.html, forged_host)
    assert f"{SITE}/en/propose/status/{activity.private_token}/" in decision.body


@pytest.mark.django_db
def test_a_forged_host_changes_no_link_in_the_volunteer_emails(client, season, forged_host):
    teams = {
        "media": TeamFactory(season=season, slug="media"),
        "logistics": TeamFactory(season=season, slug="logistics"),
    }
    client.post("/ar/volunteer/", signup_data(teams), HTTP_HOST=forged_host)
    emails = list(OutgoingEmail.objects.order_by("pk"))
    assert len(emails) == 2  # the volunteer's, the coordinators'
    for email in emails:
        assert_links_on_the_site(email.body + email.html, forged_host)


@pytest.mark.django_db
def test_a_forged_host_changes_no_link_in_the_coordinators_assignments(client, season, forged_host):
    team = TeamFactory(season=season)
    volunteer = VolunteerFactory(season=season, status="confirmed", language="en")
    log_in_verified(client, VolunteerCoordinatorFactory())
    client.post(
        "/en/admin/volunteers/volunteer/",
        {
            "action": "assign_to_team",
            "_selected_action": [volunteer.pk],
            "apply": "1",
            "team": team.pk,
        },
        HTTP_HOST=forged_host,
    )
    (assigned,) = OutgoingEmail.objects.filter(to=[volunteer.email])
    assert_links_on_the_site(assigned.body + assigned.html, forged_host)
    assert f"{SITE}/en/volunteer/me/{volunteer.private_token}/" in assigned.body


# -- pages and exports -------------------------------------------------------------


@pytest.fixture
def published(db):
    season = future_season()
    main_hall, _hall = place(season)
    water, _women = masarat_of(season)
    return schedule(
        main_hall, at(season.days[0], 9), title_en="Saving the marshes", masarat=[water]
    )


def public_urls(activity):
    masar = activity.masarat.first()
    return [
        f"/en/programme/{activity.pk}/",  # canonical, JSON-LD, Open Graph, hreflang
        "/ar/programme/",
        f"/ar/masarat/{masar.slug}/",
        f"/en/programme/{activity.pk}/calendar.ics",
        "/ar/programme/calendar.ics",
        f"/en/masarat/{masar.slug}/calendar.ics",
        "/en/programme/schedule.xml",
        "/ar/programme/schedule.json",
        f"/en/programme/mine/?ids={activity.pk}",
        f"/ar/programme/mine/calendar.ics?ids={activity.pk}",
        "/en/about/",
        "/sitemap.xml",
    ]


def test_a_forged_host_changes_nothing_in_pages_and_exports(client, published, forged_host):
    """Each page rendered afresh for the forged host is the very same bytes."""
    stamp = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)  # the .ics DTSTAMP
    with mock.patch("activities.calendar.timezone.now", return_value=stamp):
        for url in public_urls(published):
            cache.clear()
            honest = client.get(url)
            cache.clear()
            forged = client.get(url, HTTP_HOST=forged_host)
            assert honest.status_code == forged.status_code == 200, url
            assert forged.content == honest.content, url
            text = forged.content.decode()
            assert_no_forged_host(text)
            assert f"{SITE}/" in text, url


def test_calendar_uids_and_urls_are_on_the_site_host(client, published, forged_host):
    text = client.get(
        f"/en/programme/{published.pk}/calendar.ics", HTTP_HOST=forged_host
    ).content.decode()
    assert f"UID:isf5-{published.number:04d}@isf.test\r\n" in text
    assert f"URL:{SITE}/en/programme/{published.pk}/\r\n" in text
