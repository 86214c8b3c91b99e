"""Two app servers behind one load balancer: what one does, the other sees."""

import io
import uuid

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings

from activities.models import Masar
from forum.models import Season
from tests.second_factor import add_authenticator, totp_code
from tests.system.servers import Browser, csrf_token, fetch

PASSWORD = "a-long-staff-password-for-tests"


@pytest.fixture
def site(transactional_db):
    call_command("seed_season", stdout=io.StringIO())
    call_command("load_demo", activities=10, stdout=io.StringIO())
    # Hashed as production hashes (the test settings use a fast MD5 hasher).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        user = User.objects.create_superuser("coordinator", "c@example.org", PASSWORD)
    return add_authenticator(user)


def log_in(browser, form_server, post_server, key):
    """Both steps of a staff login: the password, then the authenticator app's
    code, each form taken from form_server and posted to post_server."""
    login_page = browser.request(f"{form_server.url}/en/admin/login/")
    response = browser.post_form(
        f"{post_server.url}/en/admin/login/?next=/en/admin/",
        {
            "csrfmiddlewaretoken": csrf_token(login_page.text),
            "username": "coordinator",
            "password": PASSWORD,
            "next": "/en/admin/",
        },
        referer=f"https://127.0.0.1:{post_server.port}/en/admin/login/",
    )
    verify_page = browser.request(f"{form_server.url}/en/admin/second-factor/verify/")
    verified = browser.post_form(
        f"{post_server.url}/en/admin/second-factor/verify/?next=/en/admin/",
        {"csrfmiddlewaretoken": csrf_token(verify_page.text), "code": totp_code(key)},
        referer=f"https://127.0.0.1:{post_server.port}/en/admin/second-factor/verify/",
    )
    assert verified.status == 302 and verified.header("Location") == "/en/admin/"
    return response


def test_a_form_started_on_one_server_is_accepted_by_the_other(site, two_app_servers):
    first, second = two_app_servers
    browser = Browser()
    response = log_in(browser, form_server=first, post_server=second, key=site)
    assert response.status == 302
    assert response.header("Location") == "/en/admin/"
    # The session made by the second server is known to the first.
    dashboard = browser.request(f"{first.url}/en/admin/")
    assert dashboard.status == 200
    assert "coordinator" in dashboard.text


def test_an_admin_change_through_one_server_shows_at_once_on_the_other(site, two_app_servers):
    first, second = two_app_servers
    masar = Masar.objects.get(slug="heritage", season=Season.objects.current())
    # Both servers have shown (and may have cached) the page before the change.
    for server in two_app_servers:
        assert "Heritage and preservation" in fetch(f"{server.url}/en/masarat/heritage/").text

    browser = Browser()
    log_in(browser, form_server=first, post_server=first, key=site)
    change_url = f"{first.url}/en/admin/activities/masar/{masar.pk}/change/"
    form = browser.request(change_url)
    response = browser.post_form(
        change_url,
        {
            "csrfmiddlewaretoken": csrf_token(form.text),
            "season": masar.season_id,
            "name_ar": masar.name_ar,
            "name_en": "Living heritage",
            "description_ar": masar.description_ar,
            "description_en": masar.description_en,
            "slug": "heritage",
            "colour": masar.colour,
            "order": masar.order,
        },
        referer=change_url.replace("http://", "https://"),
    )
    assert response.status == 302
    page = fetch(f"{second.url}/en/masarat/heritage/").text
    assert "Living heritage" in page
    assert "Heritage and preservation" not in page


def test_the_rate_limit_counts_across_servers(site, two_app_servers):
    """Five proposals an hour per address and email, wherever the load balancer sends them."""
    from activities.models import Activity
    from forum.models import Season
    from tests.activities.proposal_helpers import proposal_data

    season = Season.objects.current()
    masarat = list(Masar.objects.filter(season=season)[:1])
    statuses = []
    for n in range(6):
        server = two_app_servers[n % 2]
        browser = Browser()
        form = browser.request(f"{server.url}/en/propose/")
        data = proposal_data(
            season, masarat, email="org@example.org", submission_key=str(uuid.uuid4())
        )
        response = browser.post_form(
            f"{server.url}/en/propose/",
            {**data, "csrfmiddlewaretoken": csrf_token(form.text)},
            referer=f"https://127.0.0.1:{server.port}/en/propose/",
        )
        statuses.append(response.status)
    assert statuses == [302, 302, 302, 302, 302, 429]
    assert "many proposals from your connection" in response.text
    assert Activity.objects.filter(email="org@example.org").count() == 5


def test_a_programme_change_in_the_admin_shows_at_once_on_both_servers(site, two_app_servers):
    """The programme pages are cached in Redis; an edit replaces them everywhere."""
    from activities.models import Activity

    activity = Activity.objects.published().first()
    path = f"/en/programme/{activity.pk}/"
    for server in two_app_servers:
        assert fetch(server.url + path).status == 200  # now cached on both
    # A change from anywhere (here: this process, on the servers' Redis).

    from forum.settings.env import cache_from_url

    shared = {"default": cache_from_url(two_app_servers[0].env["CACHE_URL"])}
    with override_settings(CACHES=shared):
        activity.title_en = "A title changed by a moderator"
        activity.save()
    for server in two_app_servers:
        assert "A title changed by a moderator" in fetch(server.url + path).text
