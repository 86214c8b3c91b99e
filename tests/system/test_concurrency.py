"""Nothing lost under load: fifty proposals and fifty volunteer sign-ups sent
at once to two app servers on PostgreSQL are each stored exactly once."""

import io
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command

from activities.models import Activity, Masar
from forum.models import Season
from tests.activities.proposal_helpers import proposal_data
from tests.system.servers import Browser, csrf_token
from tests.volunteers.data import signup_data
from volunteers.models import Team, Volunteer

COUNT = 50


@pytest.fixture
def open_season(transactional_db):
    call_command("seed_season", stdout=io.StringIO())
    call_command("load_demo", activities=0, stdout=io.StringIO())  # opens the forms
    return Season.objects.current()


@pytest.fixture
def servers_behind_proxy(server_env_for):
    """Two servers behind one trusted proxy: each visitor has their own address
    (X-Forwarded-For), as through nginx, so the per-address rate limit applies
    to each visitor, not to everyone at once."""
    from tests.system.servers import AppServer

    env = server_env_for(NUM_PROXIES="1")
    first, second = AppServer(env, workers=3), AppServer(env, workers=3)
    yield first, second
    first.stop()
    second.stop()


def submit(server, path, data, address):
    """One visitor: opens the form, then sends it."""
    browser = Browser()
    headers = {"X-Forwarded-For": address}
    form = browser.request(f"{server.url}{path}", headers=dict(headers))
    assert form.status == 200, form.status
    response = browser.post_form(
        f"{server.url}{path}",
        {**data, "csrfmiddlewaretoken": csrf_token(form.text)},
        referer=f"https://127.0.0.1:{server.port}{path}",
        headers=headers,
    )
    return response.status


def test_fifty_proposals_and_fifty_signups_at_once_are_each_stored_once(
    open_season, servers_behind_proxy
):
    masarat = list(Masar.objects.filter(season=open_season)[:2])
    teams = {team.slug: team for team in Team.objects.filter(season=open_season)}
    jobs = []
    for n in range(COUNT):
        key = str(uuid.uuid4())
        proposal = proposal_data(
            open_season,
            masarat,
            email=f"org{n}@example.org",
            submission_key=key,
            title=f"ورشة رقم {n}",
        )
        jobs.append(("/ar/propose/", proposal, f"10.1.{n // 250}.{n % 250 + 1}"))
        # Every fifth proposal is sent twice at once: a double click.
        if n % 5 == 0:
            jobs.append(("/ar/propose/", proposal, f"10.1.{n // 250}.{n % 250 + 1}"))
        signup = signup_data(
            teams,
            email=f"volunteer{n}@example.org",
            submission_key=str(uuid.uuid4()),
            full_name=f"متطوع {n}",
            availability=[f"{open_season.start_date.isoformat()}.morning"],
        )
        jobs.append(("/en/volunteer/", signup, f"10.2.{n // 250}.{n % 250 + 1}"))

    first, second = servers_behind_proxy
    with ThreadPoolExecutor(max_workers=COUNT) as pool:
        statuses = list(
            pool.map(
                lambda item: submit(first if item[0] % 2 else second, *item[1]),
                enumerate(jobs),
            )
        )

    assert set(statuses) == {302}, statuses
    activities = Activity.objects.filter(season=open_season)
    assert activities.count() == COUNT
    assert sorted(activities.values_list("number", flat=True)) == list(range(1, COUNT + 1))
    assert activities.values("email").distinct().count() == COUNT
    assert Volunteer.objects.filter(season=open_season).count() == COUNT
