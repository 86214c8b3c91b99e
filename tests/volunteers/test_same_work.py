"""The time of an answer must not tell whether an address volunteers: the
sign-up and "email me my link" do the same work in the request for a known
and an unknown address, and leave the emails to the task queue.

Timings themselves are measured by bench/bench_volunteer_timing.py, not here:
these tests check the shape of the work, which does not depend on the machine.
"""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from forum.models import OutgoingEmail
from tests.factories import VolunteerFactory
from tests.volunteers.data import signup_data
from volunteers import services, tasks
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    """As in production: tasks are rows for `db_worker`, not run in the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def known(teams):
    return VolunteerFactory(season=teams["media"].season, email="known@example.org")


def statements(captured):
    """The first word of each SQL statement: SAVEPOINT, INSERT, SELECT…"""
    return [query["sql"].split()[0] for query in captured]


def sign_up(teams, email, wishes):
    data = signup_data(teams, email=email)
    volunteer_data = {
        name: data.get(name, False)
        for name in (
            "full_name",
            "email",
            "governorate",
            "age_group",
            "gender",
            "languages",
            "skills",
            "availability",
            "motivation",
            "guardian_consent",
            "volunteered_before",
            "consents_to_future_contact",
        )
    }
    volunteer_data.update(phone="+9647701234567", consents_to_data_use=True)
    with CaptureQueriesContext(connection) as captured:
        services.sign_up_volunteer(
            season=teams["media"].season,
            data=volunteer_data,
            wishes=wishes,
            language="ar",
            submission_key=uuid.uuid4(),
        )
    return captured


@pytest.mark.parametrize("wished", [2, 0])
def test_a_sign_up_does_the_same_work_for_a_new_and_a_known_address(
    teams, known, database_queue, wished
):
    wishes = [teams["media"], teams["logistics"]][:wished]
    new = sign_up(teams, "new@example.org", wishes)
    again = sign_up(teams, "KNOWN@example.org", wishes)

    assert len(statements(new)) == len(statements(again))
    assert statements(new).count("INSERT") >= 2  # the volunteer, then the task
    for captured in (new, again):
        # After the savepoint(s) that open the work: the volunteer's INSERT
        # (refused for a known address); at the end, the task's INSERT.
        writes = [q["sql"] for q in captured if q["sql"].startswith("INSERT")]
        assert writes[0].startswith('INSERT INTO "volunteers_volunteer"')
        assert writes[-1].startswith('INSERT INTO "django_tasks_database_dbtaskresult"')
    # One task each, and no email written in the request: the queue does it.
    paths = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert paths == ["volunteers.tasks.email_private_link", "volunteers.tasks.welcome_volunteer"]
    assert OutgoingEmail.objects.count() == 0
    # No second sign-up for the known address.
    assert Volunteer.objects.filter(email__iexact="known@example.org").count() == 1


def test_the_queued_tasks_carry_ids_not_personal_data(teams, known, database_queue):
    sign_up(teams, "new@example.org", [teams["media"]])
    sign_up(teams, "known@example.org", [teams["media"]])
    for task in DBTaskResult.objects.all():
        assert "@" not in str(task.args_kwargs)
        assert "Zainab" not in str(task.args_kwargs)


def test_the_queued_tasks_write_the_emails_when_they_run(teams, known, database_queue):
    sign_up(teams, "new@example.org", [teams["media"]])
    sign_up(teams, "known@example.org", [teams["media"]])
    for result in DBTaskResult.objects.all():
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    new = Volunteer.objects.get(email="new@example.org")
    (welcome,) = OutgoingEmail.objects.filter(to=["new@example.org"])
    assert new.private_token in welcome.body
    (link,) = OutgoingEmail.objects.filter(to=["known@example.org"])
    assert known.private_token in link.body


def test_email_me_my_link_does_the_same_work_for_a_known_and_an_unknown_address(
    client, known, database_queue
):
    shapes = {}
    for email in ("known@example.org", "nobody@example.org"):
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/en/volunteer/link/", {"email": email})
        assert response.status_code == 302
        shapes[email] = statements(captured)
    assert shapes["known@example.org"] == shapes["nobody@example.org"]
    assert DBTaskResult.objects.filter(task_path="volunteers.tasks.email_private_link").count() == 2
    assert OutgoingEmail.objects.count() == 0


def test_the_link_task_sends_nothing_for_an_unknown_address(known):
    tasks.email_private_link.call(None)
    assert OutgoingEmail.objects.count() == 0
    tasks.email_private_link.call(known.pk)
    assert OutgoingEmail.objects.get().to == ["known@example.org"]
