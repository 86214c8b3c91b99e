"""Rules the database itself holds, and the small rules on the models."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import SeasonFactory, TeamFactory, VolunteerFactory
from volunteers.models import TeamWish, Volunteer, parse_slot, slot_key

pytestmark = pytest.mark.django_db


def test_one_volunteer_per_email_and_season_whatever_the_letter_case(season):
    VolunteerFactory(season=season, email="Zainab@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerFactory(season=season, email="zainab@example.ORG")
    VolunteerFactory(season=SeasonFactory(number=6, is_current=False), email="zainab@example.org")


def test_erased_volunteers_free_their_address(season):
    VolunteerFactory(season=season, email="", full_name="", erased_at=dt.datetime.now(dt.UTC))
    VolunteerFactory(season=season, email="", full_name="", erased_at=dt.datetime.now(dt.UTC))
    assert Volunteer.objects.count() == 2


@pytest.mark.parametrize(("status", "with_team"), [("assigned", False), ("confirmed", True)])
def test_a_team_goes_with_the_assigned_status_and_only_with_it(season, status, with_team):
    team = TeamFactory(season=season)
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerFactory(season=season, status=status, team=team if with_team else None)


def test_nobody_under_18_without_a_guardians_agreement(season):
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerFactory(season=season, age_group="16-17", guardian_consent=False)
    VolunteerFactory(season=season, age_group="16-17", guardian_consent=True)


def test_wishes_are_ranked_one_to_three_each_rank_and_team_once(season):
    first, second = TeamFactory(season=season), TeamFactory(season=season)
    volunteer = VolunteerFactory(season=season, wishes=[first])
    for bad in (
        {"team": second, "rank": 1},  # a second first choice
        {"team": first, "rank": 2},  # the same team twice
        {"team": second, "rank": 4},  # no fourth wish
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            TeamWish.objects.create(volunteer=volunteer, **bad)


def test_the_private_token_is_long_random_and_unique(season):
    tokens = {VolunteerFactory(season=season).private_token for _ in range(20)}
    assert len(tokens) == 20
    # 32 random bytes, base64: at least 256 bits, far above the 128 asked for.
    assert all(len(token) >= 43 for token in tokens)


def test_places_left_counts_only_assigned_volunteers(season):
    team = TeamFactory(season=season, capacity=3)
    VolunteerFactory(season=season, status="assigned", team=team)
    VolunteerFactory(season=season, status="confirmed", wishes=[team])
    assert team.places_left == 2
    from volunteers.models import Team

    assert Team.objects.with_fill().get(pk=team.pk).places_left == 2


def test_availability_slots_read_back_in_day_and_part_order(season):
    volunteer = VolunteerFactory(
        season=season,
        availability=["2026-11-23.morning", "2026-11-22.evening", "2026-11-22.morning", "junk"],
    )
    assert [(day.day, part) for day, part in volunteer.availability_slots()] == [
        (22, "morning"),
        (22, "evening"),
        (23, "morning"),
    ]
    assert parse_slot(slot_key(dt.date(2026, 11, 30), "afternoon")) == (
        dt.date(2026, 11, 30),
        "afternoon",
    )


def test_a_team_with_required_skills_accepts_anyone_with_one_of_them(season):
    team = TeamFactory(season=season, required_skills=["photography", "social_media"])
    assert team.accepts_skills(["social_media"])
    assert not team.accepts_skills(["first_aid"])
    assert TeamFactory(season=season).accepts_skills([])
