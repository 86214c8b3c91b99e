"""Moderation and scheduling as plain functions: status, history, email, slots."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from activities import services
from activities.models import Activity
from tests.factories import (
    ActivityFactory,
    ProgrammeModeratorFactory,
    SpaceFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime(2026, 11, day, hour, minute))


@pytest.fixture
def space(season):
    return SpaceFactory(venue=VenueFactory(season=season), name_en="Hall 1", capacity=50)


@pytest.fixture
def moderator():
    return ProgrammeModeratorFactory()


@pytest.fixture
def english():
    """Moderators working in the English admin."""
    with translation.override("en"):
        yield


def accepted(season, **kwargs):
    activity = ActivityFactory(season=season, **kwargs)
    return services.accept_activity(activity, by=None)


def test_a_decision_is_recorded_with_who_when_from_to_and_message(
    season, moderator, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(season=season)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_activity(activity, by=moderator, message="  مرحباً بكم  ")
    activity.refresh_from_db()
    assert activity.status == Activity.Status.ACCEPTED
    assert activity.moderator_message == "مرحباً بكم"
    change = activity.status_changes.get()
    assert (change.from_status, change.to_status, change.by, change.message) == (
        "submitted",
        "accepted",
        moderator,
        "مرحباً بكم",
    )
    assert change.at <= timezone.now()


@pytest.mark.parametrize(
    ("decide", "subject"),
    [
        (services.accept_activity, "قُبل نشاطكم ISF5-0001"),
        (services.request_changes, "مطلوب تعديلات على مقترحكم ISF5-0001"),
        (services.decline_activity, "بشأن مقترحكم ISF5-0001"),
    ],
)
def test_each_decision_emails_the_organizer_in_arabic_with_the_message(
    season, moderator, decide, subject, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(season=season, contact_language="ar", title_ar="ورشة المياه")
    with django_capture_on_commit_callbacks(execute=True):
        decide(activity, by=moderator, message="رسالة المشرفين.")
    (email,) = mail.outbox
    assert email.to == [activity.email]
    assert email.subject == subject
    assert "ورشة المياه" in email.body
    assert "رسالة المشرفين." in email.body
    assert f"https://isf.test/ar/propose/status/{activity.private_token}/" in email.body


def test_an_english_organizer_reads_the_decision_in_english(
    season, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(season=season, contact_language="en", title_en="Water workshop")
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_activity(activity, by=None, message="Too many seminars.")
    (email,) = mail.outbox
    assert email.subject == "About your proposal ISF5-0001"
    assert "your proposal “Water workshop” was not accepted this season" in email.body
    assert "Too many seminars." in email.body
    assert "/en/propose/status/" in email.body


def test_an_english_organizer_of_an_arabic_only_proposal_reads_its_arabic_title(
    season, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(
        season=season, contact_language="en", submitted_language="ar", title_en="", title_ar="ورشة"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_activity(activity, by=None)
    assert "“ورشة”" in mail.outbox[0].body


def test_marking_under_review_sends_no_email(season, django_capture_on_commit_callbacks):
    activity = ActivityFactory(season=season)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_review(activity, by=None)
    assert Activity.objects.get().status == Activity.Status.UNDER_REVIEW
    assert mail.outbox == []


def test_no_decision_on_a_withdrawn_proposal_nor_the_same_status_twice(season):
    withdrawn = ActivityFactory(season=season, status=Activity.Status.WITHDRAWN)
    with pytest.raises(services.NotAllowed):
        services.accept_activity(withdrawn, by=None)
    accepted_once = accepted(season)
    with pytest.raises(services.NotAllowed):
        services.accept_activity(accepted_once, by=None)
    assert accepted_once.status_changes.count() == 1


def test_a_resend_of_the_same_form_returns_the_first_proposal(season):
    first = ActivityFactory(season=season, submission_key="7f1b9a34-5c4e-4c43-9d7f-0a0d1c4a1e11")

    class SameForm:
        cleaned_data = {"submission_key": first.submission_key}

        def save(self):  # never reached
            raise AssertionError("a second proposal was made")

    assert services.submit_proposal(form=SameForm()) == (first, False)


# -- slots --------------------------------------------------------------------


def test_a_slot_is_refused_for_an_activity_that_is_not_accepted(season, space, english):
    activity = ActivityFactory(season=season)
    errors = services.slot_errors(activity, space=space, starts_at=at(22, 10), ends_at=at(22, 11))
    assert errors == {
        "space": ["Only accepted activities can be scheduled. Accept the proposal first."]
    }


def test_a_slot_needs_space_start_and_end_together(season, space):
    activity = accepted(season)
    errors = services.slot_errors(activity, space=space, starts_at=at(22, 10), ends_at=None)
    assert list(errors) == ["ends_at"]
    assert services.slot_errors(activity, space=None, starts_at=None, ends_at=None) == {}


def test_a_slot_outside_the_season_or_backwards_is_refused(season, space, english):
    activity = accepted(season)
    outside = services.slot_errors(activity, space=space, starts_at=at(21, 10), ends_at=at(21, 11))
    assert outside == {
        "starts_at": [
            "The activity must take place during the season, from 22 November to 30 November 2026."
        ]
    }
    backwards = services.slot_errors(
        activity, space=space, starts_at=at(22, 11), ends_at=at(22, 10)
    )
    assert backwards == {"ends_at": ["The end must be after the start."]}


def test_a_space_of_another_season_is_refused(season, english):
    from tests.factories import SeasonFactory

    other = SpaceFactory(venue=VenueFactory(season=SeasonFactory(number=4, is_current=False)))
    activity = accepted(season)
    errors = services.slot_errors(activity, space=other, starts_at=at(22, 10), ends_at=at(22, 11))
    assert errors == {"space": ["This space is not one of this season's venues."]}


def test_an_overlapping_slot_in_the_same_space_is_refused_with_the_other_activity_named(
    season, space, english
):
    first = accepted(season, title_en="Water workshop")
    services.schedule_activity(first, space=space, starts_at=at(22, 10), ends_at=at(22, 11, 30))
    second = accepted(season)
    errors = services.slot_errors(second, space=space, starts_at=at(22, 11), ends_at=at(22, 12))
    assert errors == {
        "space": [
            "Hall 1 — Baghdad Academy of Human Sciences is already taken at that time by "
            "ISF5-0001 “Water workshop” (Sunday 22 November, 10:00–11:30)."
        ]
    }
    # Back to back is fine, and so is another space.
    assert (
        services.slot_errors(second, space=space, starts_at=at(22, 11, 30), ends_at=at(22, 12))
        == {}
    )
    other_space = SpaceFactory(venue=space.venue)
    assert (
        services.slot_errors(second, space=other_space, starts_at=at(22, 11), ends_at=at(22, 12))
        == {}
    )
    with pytest.raises(ValueError, match="already taken"):
        services.schedule_activity(second, space=space, starts_at=at(22, 11), ends_at=at(22, 12))


def test_the_database_itself_refuses_two_accepted_activities_in_one_space_at_once(season, space):
    first = accepted(season)
    services.schedule_activity(first, space=space, starts_at=at(22, 10), ends_at=at(22, 12))
    second = accepted(season)
    second.space, second.starts_at, second.ends_at = space, at(22, 11), at(22, 13)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    with pytest.raises(services.SlotTaken):
        services.save_slot(second)


def test_accepting_again_an_activity_whose_old_slot_was_given_away_is_refused(season, space):
    first = accepted(season)
    services.schedule_activity(first, space=space, starts_at=at(22, 10), ends_at=at(22, 12))
    services.decline_activity(first, by=None)
    second = accepted(season)
    services.schedule_activity(second, space=space, starts_at=at(22, 10), ends_at=at(22, 12))
    with pytest.raises(services.SlotTaken) as refused:
        services.accept_activity(first, by=None)
    assert refused.value.clash == second
    assert Activity.objects.get(pk=first.pk).status == Activity.Status.DECLINED


def test_scheduling_emails_the_organizer_the_day_time_and_place(
    season, space, django_capture_on_commit_callbacks
):
    activity = accepted(season, contact_language="ar", title_ar="ورشة المياه")
    space.name_ar = "القاعة الأولى"
    space.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_activity(
            activity, space=space, starts_at=at(23, 10), ends_at=at(23, 11, 30)
        )
    (email,) = mail.outbox
    assert email.subject == "يوم نشاطكم ISF5-0001 ووقته ومكانه"
    assert "الاثنين 23 تشرين الثاني 2026" in email.body
    assert "10:00–11:30" in email.body
    assert "القاعة الأولى — أكاديمية بغداد للعلوم الإنسانية" in email.body


def test_warnings_for_a_day_not_preferred_a_small_space_and_another_length(season, space, english):
    activity = accepted(
        season, preferred_days=["2026-11-22", "2026-11-23"], expected_participants=80, duration=60
    )
    warnings = services.slot_warnings(
        activity, space=space, starts_at=at(25, 10), ends_at=at(25, 11, 30)
    )
    assert warnings == [
        "Wednesday 25 November is not one of the days the organizer preferred: "
        "Sunday 22 November, Monday 23 November.",
        "Hall 1 — Baghdad Academy of Human Sciences holds 50 people; the organizer expects 80.",
        "The slot lasts 90 minutes; the organizer asked for 60 minutes.",
    ]
    assert services.slot_warnings(
        activity, space=space, starts_at=at(22, 10), ends_at=at(22, 11)
    ) == ["Hall 1 — Baghdad Academy of Human Sciences holds 50 people; the organizer expects 80."]
