"""The multi-step actions, called as the views and the admin call them."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from forum.models import OutgoingEmail
from tests.factories import (
    SeasonFactory,
    TeamFactory,
    VolunteerCoordinatorFactory,
    VolunteerFactory,
    log_in_verified,
)
from volunteers import services
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def test_moving_a_volunteer_between_teams_counts_only_the_moves(season):
    media = TeamFactory(season=season, capacity=2)
    logistics = TeamFactory(season=season, capacity=5)
    staying = VolunteerFactory(season=season, status="assigned", team=media)
    moving = VolunteerFactory(season=season, status="assigned", team=logistics)
    moved = services.assign_volunteers(volunteers=[staying, moving], team=media)
    assert moved == [moving]
    assert set(media.assigned()) == {staying, moving}
    assert logistics.assigned().count() == 0
    # One email, to the one who moved, with the site's address in the link.
    (email,) = OutgoingEmail.objects.all()
    assert email.to == [moving.email]
    assert f"https://isf.test/ar/volunteer/me/{moving.private_token}/" in email.body


def test_a_full_team_refuses_even_one_more(season):
    team = TeamFactory(season=season, capacity=1)
    VolunteerFactory(season=season, status="assigned", team=team)
    newcomer = VolunteerFactory(season=season, status="confirmed")
    translation.activate("en")
    with pytest.raises(services.VolunteerActionRefused, match="Free places in .*: 0 of 1"):
        services.assign_volunteers(volunteers=[newcomer], team=team)
    newcomer.refresh_from_db()
    assert newcomer.status == "confirmed"


def test_declining_an_assigned_volunteer_frees_their_place(season):
    team = TeamFactory(season=season, capacity=1)
    volunteer = VolunteerFactory(season=season, status="assigned", team=team)
    assert services.decline_volunteers(volunteers=[volunteer]) == 1
    assert team.assigned().count() == 0


def test_confirming_leaves_everyone_but_new_sign_ups_alone(season):
    applied = VolunteerFactory(season=season)
    withdrawn = VolunteerFactory(season=season, status="withdrawn")
    assert services.confirm_volunteers(volunteers=[applied, withdrawn]) == 1
    assert Volunteer.objects.get(pk=withdrawn.pk).status == "withdrawn"


def test_volunteers_of_a_season_long_over_are_erased_and_counted_still(season):
    old = SeasonFactory(
        number=4,
        is_current=False,
        start_date=dt.date(2025, 11, 20),
        end_date=dt.date(2025, 11, 28),
    )
    team = TeamFactory(season=old)
    VolunteerFactory(season=old, status="assigned", team=team, governorate="basra")
    VolunteerFactory(season=season)
    erased = services.erase_volunteers_of_ended_seasons(
        after_days=90, now=timezone.make_aware(dt.datetime(2026, 3, 1))
    )
    assert erased == 1
    old_volunteer = Volunteer.objects.get(season=old)
    assert old_volunteer.is_erased and old_volunteer.governorate == "basra"
    assert Volunteer.objects.get(season=season).full_name != ""
    # Not yet 90 days after the end: nobody.
    assert (
        services.erase_volunteers_of_ended_seasons(
            after_days=90, now=timezone.make_aware(dt.datetime(2026, 12, 1))
        )
        == 0
    )
    assert OutgoingEmail.objects.count() == 0  # nobody is told of a routine erasure


def test_coordinators_can_erase_a_volunteers_data_for_them(client, season):
    log_in_verified(client, VolunteerCoordinatorFactory())
    volunteer = VolunteerFactory(season=season)
    client.post(
        "/en/admin/volunteers/volunteer/",
        {"action": "erase", "_selected_action": [volunteer.pk]},
    )
    volunteer.refresh_from_db()
    assert volunteer.is_erased and volunteer.full_name == ""
    # An erased row cannot be edited back into a person.
    page = client.get(f"/en/admin/volunteers/volunteer/{volunteer.pk}/change/").content.decode()
    assert 'name="full_name"' not in page


def test_a_teams_capacity_cannot_go_below_the_volunteers_in_it(client, season):
    log_in_verified(client, VolunteerCoordinatorFactory())
    team = TeamFactory(season=season, capacity=3, slug="media")
    VolunteerFactory.create_batch(2, season=season, status="assigned", team=team)
    response = client.post(
        f"/en/admin/volunteers/team/{team.pk}/change/",
        {
            "season": season.pk,
            "name_ar": team.name_ar,
            "name_en": team.name_en,
            "slug": "media",
            "order": 0,
            "is_open": "on",
            "capacity": 1,
        },
    )
    assert response.status_code == 200
    assert "2 volunteers are in this team already" in response.content.decode()
    team.refresh_from_db()
    assert team.capacity == 3


def test_withdrawing_twice_changes_nothing_more(season):
    volunteer = VolunteerFactory(season=season)
    services.withdraw_volunteer(volunteer=volunteer)
    services.withdraw_volunteer(volunteer=volunteer)
    assert Volunteer.objects.get(pk=volunteer.pk).status == "withdrawn"
    assert OutgoingEmail.objects.count() == 0  # not in a team: nobody to tell
