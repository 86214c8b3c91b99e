"""The "Programme moderators" group: exactly the permissions to review,
translate and schedule activities; nothing of volunteers or user accounts."""

import pytest
from django.contrib.auth.models import Group

from activities.models import Activity
from tests.factories import ActivityFactory, ProgrammeModeratorFactory, TeamFactory, log_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client):
    log_in_verified(client, ProgrammeModeratorFactory())
    return client


def test_the_group_is_made_by_a_migration_with_exactly_its_permissions(db):
    group = Group.objects.get(name="Programme moderators")
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert granted == {
        ("activities", "view_activity"),
        ("activities", "change_activity"),
        ("activities", "view_masar"),
        ("activities", "view_activitystatuschange"),
        # Reading the reviews, assigning reviewers, keeping decision messages
        # (reviews/migrations/0002).
        ("reviews", "view_review"),
        *(("reviews", f"{action}_reviewer") for action in ("view", "add", "change", "delete")),
        *(
            ("reviews", f"{action}_messagetemplate")
            for action in ("view", "add", "change", "delete")
        ),
        # Seeing and carrying out convergences (activities/migrations/0009).
        ("activities", "view_convergence"),
        ("activities", "change_convergence"),
        # Reviewing outcomes (outcomes/migrations/0002).
        ("outcomes", "view_outcome"),
        ("outcomes", "change_outcome"),
        ("outcomes", "view_outcomestatuschange"),
        ("outcomes", "view_recommendation"),
        ("outcomes", "change_recommendation"),
        ("outcomes", "view_initiative"),
        ("outcomes", "change_initiative"),
        ("outcomes", "view_initiativemember"),
        ("outcomes", "change_initiativemember"),
    }
    assert not {app for app, _codename in granted} & {"volunteers", "auth"}


def test_a_moderator_reviews_translates_and_schedules(moderator_client, season):
    activity = ActivityFactory(season=season)
    assert moderator_client.get("/en/admin/activities/activity/").status_code == 200
    page = moderator_client.get(f"/en/admin/activities/activity/{activity.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert {"title_en", "summary_en", "description_en", "space", "starts_at"} <= set(form.fields)
    assert moderator_client.get("/en/admin/activities/masar/").status_code == 200


def test_a_moderator_cannot_delete_proposals(moderator_client, season):
    activity = ActivityFactory(season=season)
    url = f"/en/admin/activities/activity/{activity.pk}/delete/"
    assert moderator_client.get(url).status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_a_moderator_cannot_open_volunteers_nor_user_accounts(moderator_client, season):
    team = TeamFactory(season=season)
    for url in [
        "/en/admin/volunteers/team/",
        f"/en/admin/volunteers/team/{team.pk}/change/",
        "/en/admin/auth/user/",
        "/en/admin/auth/group/",
        "/en/admin/volunteers/",
    ]:
        assert moderator_client.get(url).status_code in {403, 404}, url
    index = moderator_client.get("/en/admin/").content.decode()
    assert "/en/admin/activities/activity/" in index
    assert "/en/admin/volunteers/" not in index
    assert "/en/admin/auth/" not in index
