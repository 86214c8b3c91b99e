"""Who saw what: each look at, export of or change to organizers' and
volunteers' contact data in the admin is one record (who, when, which
records, which action), shown to superusers only and erased with the rest."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from staff.models import PersonalDataAccess
from tests.activities.test_admin_activity import form_data, save
from tests.factories import (
    ActivityFactory,
    ProgrammeModeratorFactory,
    TeamFactory,
    VolunteerCoordinatorFactory,
    VolunteerFactory,
    log_in_verified,
)

pytestmark = pytest.mark.django_db


def only_record():
    assert PersonalDataAccess.objects.count() == 1
    return PersonalDataAccess.objects.get()


@pytest.fixture
def moderator_client(season):
    client = Client()
    moderator = ProgrammeModeratorFactory(username="layla")
    log_in_verified(client, moderator)
    client.user = moderator
    return client


@pytest.fixture
def coordinator_client(season):
    client = Client()
    coordinator = VolunteerCoordinatorFactory(username="omar")
    log_in_verified(client, coordinator)
    client.user = coordinator
    return client


@pytest.fixture
def team(season):
    team = TeamFactory(season=season)
    for index in range(3):
        VolunteerFactory(season=season, status="assigned", team=team, full_name=f"V {index}")
    return team


def test_opening_a_proposal_records_who_saw_its_organizer(moderator_client, season):
    activity = ActivityFactory(season=season)
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    assert moderator_client.get(url).status_code == 200
    record = only_record()
    assert record.user == moderator_client.user and record.username == "layla"
    assert (record.action, record.model, record.object_ids) == (
        "view",
        "activities.activity",
        [activity.pk],
    )
    assert record.path == url
    assert abs(record.at - timezone.now()) < dt.timedelta(minutes=1)


def test_changing_an_organizers_phone_is_recorded_once(moderator_client, season, masar):
    activity = ActivityFactory(season=season, masarat=[masar])
    save(moderator_client, activity, phone="+9647709998877")
    activity.refresh_from_db()
    assert activity.phone == "+9647709998877"
    changes = PersonalDataAccess.objects.filter(action="change")
    assert [(c.username, c.object_ids) for c in changes] == [("layla", [activity.pk])]


def test_saving_without_touching_contact_data_records_no_change(moderator_client, season, masar):
    activity = ActivityFactory(season=season, masarat=[masar])
    save(moderator_client, activity, title_en="A better title")
    activity.refresh_from_db()
    assert activity.title_en == "A better title"
    assert not PersonalDataAccess.objects.filter(action="change").exists()


def test_exporting_proposals_records_every_exported_one(moderator_client, season):
    activities = ActivityFactory.create_batch(3, season=season)
    response = moderator_client.post(
        reverse("admin:activities_activity_export"), {"format": "0", "resource": "0"}
    )
    assert response.status_code == 200
    record = only_record()
    assert (record.action, record.model) == ("export", "activities.activity")
    assert record.object_ids == sorted(a.pk for a in activities)


def test_opening_a_volunteer_records_it(coordinator_client, season):
    volunteer = VolunteerFactory(season=season)
    coordinator_client.get(reverse("admin:volunteers_volunteer_change", args=[volunteer.pk]))
    record = only_record()
    assert (record.username, record.action, record.model, record.object_ids) == (
        "omar",
        "view",
        "volunteers.volunteer",
        [volunteer.pk],
    )


def test_changing_a_volunteers_email_is_recorded_once(coordinator_client, season):
    volunteer = VolunteerFactory(season=season)
    url = reverse("admin:volunteers_volunteer_change", args=[volunteer.pk])
    page = coordinator_client.get(url)
    coordinator_client.post(url, form_data(page, email="new.address@example.org"))
    volunteer.refresh_from_db()
    assert volunteer.email == "new.address@example.org"
    changes = PersonalDataAccess.objects.filter(action="change")
    assert [(c.username, c.model, c.object_ids) for c in changes] == [
        ("omar", "volunteers.volunteer", [volunteer.pk])
    ]


def test_exporting_volunteers_records_them(coordinator_client, season):
    volunteers = VolunteerFactory.create_batch(2, season=season)
    coordinator_client.post(
        reverse("admin:volunteers_volunteer_export"), {"format": "1", "resource": "0"}
    )
    record = only_record()
    assert (record.action, record.object_ids) == ("export", sorted(v.pk for v in volunteers))


@pytest.mark.parametrize(
    ("query", "action"), [("", "view"), ("?format=csv", "export"), ("?format=xlsx", "export")]
)
def test_a_roster_page_or_download_records_its_members(coordinator_client, team, query, action):
    url = reverse("admin:volunteers_team_roster", args=[team.pk]) + query
    assert coordinator_client.get(url).status_code == 200
    record = only_record()
    assert (record.action, record.model) == (action, "volunteers.volunteer")
    assert record.object_ids == sorted(team.volunteers.values_list("pk", flat=True))


def test_exporting_rosters_from_the_team_list_records_their_members(coordinator_client, team):
    coordinator_client.post(
        reverse("admin:volunteers_team_changelist"),
        {"action": "export_rosters_csv", "_selected_action": [team.pk]},
    )
    record = only_record()
    assert record.action == "export"
    assert record.object_ids == sorted(team.volunteers.values_list("pk", flat=True))


def test_a_refused_look_records_nothing(moderator_client, season):
    volunteer = VolunteerFactory(season=season)
    response = moderator_client.get(
        reverse("admin:volunteers_volunteer_change", args=[volunteer.pk])
    )
    assert response.status_code in {302, 403}
    assert not PersonalDataAccess.objects.exists()


def test_only_superusers_read_the_log_filtered_by_user_action_and_date(
    moderator_client, coordinator_client, season
):
    volunteer = VolunteerFactory(season=season)
    coordinator_client.get(reverse("admin:volunteers_volunteer_change", args=[volunteer.pk]))
    log = reverse("admin:staff_personaldataaccess_changelist")
    for client in (moderator_client, coordinator_client):
        assert client.get(log).status_code == 403
    root = Client()
    log_in_verified(root, User.objects.create_superuser("root", "root@example.org", "x" * 12))
    page = root.get(log + "?action__exact=view", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "omar" in page.content.decode()
    assert root.get(log + "?action__exact=export").context["cl"].result_count == 0
    user_filter = f"?user__id__exact={coordinator_client.user.pk}"
    assert root.get(log + user_filter).context["cl"].result_count == 1
    today = timezone.localdate()
    by_day = f"?at__year={today.year}&at__month={today.month}&at__day={today.day}"
    assert root.get(log + by_day).context["cl"].result_count == 1
    # Read-only: nobody adds, changes or deletes an entry.
    entry = PersonalDataAccess.objects.get()
    assert root.get(reverse("admin:staff_personaldataaccess_add")).status_code == 403
    assert (
        root.get(reverse("admin:staff_personaldataaccess_delete", args=[entry.pk])).status_code
        == 403
    )


def test_the_nightly_erasure_deletes_records_older_than_the_privacy_period(settings):
    user = User.objects.create_user("someone", is_staff=True)
    now = timezone.now()
    days = settings.PRIVACY_ERASE_AFTER_DAYS
    old = PersonalDataAccess.objects.create(
        user=user,
        username="someone",
        action="view",
        model="volunteers.volunteer",
        object_ids=[1],
        path="/",
        at=now - dt.timedelta(days=days + 1),
    )
    recent = PersonalDataAccess.objects.create(
        user=user,
        username="someone",
        action="view",
        model="volunteers.volunteer",
        object_ids=[2],
        path="/",
        at=now - dt.timedelta(days=days - 1),
    )
    out = io.StringIO()
    call_command("erase_personal_data", stdout=out)
    assert list(PersonalDataAccess.objects.all()) == [recent]
    assert not PersonalDataAccess.objects.filter(pk=old.pk).exists()
    assert "1 records of access to personal data" in out.getvalue()
