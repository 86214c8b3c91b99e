"""The admin's scheduler: what it says before saving (each warning, with a
realistic case), the plain form's path in both languages, the JSON check of
the drag path, undo, and the database's last word on a double booking."""

import datetime as dt
import json
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone, translation

from activities import services
from activities.models import Activity
from activities.scheduler import service
from tests.factories import (
    ActivityFactory,
    ProgrammeModeratorFactory,
    SpaceFactory,
    VenueFactory,
    VolunteerCoordinatorFactory,
    log_in_verified,
)

pytestmark = pytest.mark.django_db

SCHEDULER = "/{lang}/admin/activities/activity/scheduler/"


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime(2026, 11, day, hour, minute))


@pytest.fixture
def venue(season):
    return VenueFactory(
        season=season, name_en="Baghdad Academy", opens_at=dt.time(9), closes_at=dt.time(21)
    )


@pytest.fixture
def small_hall(venue):
    return SpaceFactory(venue=venue, name_en="Small hall", name_ar="القاعة الصغيرة", capacity=30)


@pytest.fixture
def big_hall(venue):
    return SpaceFactory(venue=venue, name_en="Big hall", name_ar="القاعة الكبرى", capacity=200)


@pytest.fixture
def workshop(season):
    """Accepted: 90 minutes, 50 people, on Sunday 22 November in the morning."""
    return ActivityFactory(
        season=season,
        status=Activity.Status.ACCEPTED,
        title_en="Water for Basra",
        title_ar="المياه للبصرة",
        organization_ar="جمعية الأمل",
        organization_en="Al-Amal Association",
        duration=90,
        expected_participants=50,
        preferred_days=["2026-11-22"],
        preferred_time=Activity.TimeOfDay.MORNING,
        interpretation_needed=True,
        space_needs=[Activity.SpaceNeed.HALL],
    )


def kinds(check):
    return sorted(f.kind for f in check.errors), sorted(f.kind for f in check.warnings)


# The warnings service ----------------------------------------------------------


def test_a_fitting_slot_has_nothing_to_report(workshop, big_hall):
    check = service.check_placement(workshop, space=big_hall, starts_at=at(22, 10))
    assert kinds(check) == ([], [])
    assert check.allowed


def test_a_space_too_small_for_the_expected_participants(workshop, small_hall):
    with translation.override("en"):
        check = service.check_placement(workshop, space=small_hall, starts_at=at(22, 10))
    assert kinds(check) == ([], ["capacity"])
    assert check.warnings[0].message == (
        "Small hall — Baghdad Academy holds 30 people; the organizer expects 50."
    )


def test_a_day_the_organizer_did_not_prefer(workshop, big_hall):
    with translation.override("en"):
        check = service.check_placement(workshop, space=big_hall, starts_at=at(23, 10))
    assert kinds(check) == ([], ["day"])
    assert check.warnings[0].message == (
        "Monday 23 November is not one of the days the organizer preferred: Sunday 22 November."
    )


def test_a_time_of_day_the_organizer_did_not_prefer(workshop, big_hall):
    with translation.override("en"):
        check = service.check_placement(workshop, space=big_hall, starts_at=at(22, 15))
    assert kinds(check) == ([], ["time_of_day"])
    assert check.warnings[0].message == "The organizer preferred another time of day: Morning."


def test_the_same_organization_in_two_places_at_once(season, workshop, big_hall, small_hall):
    # The same association, its name typed otherwise in English, already in the other hall.
    other = ActivityFactory(
        season=season,
        status=Activity.Status.ACCEPTED,
        organization_ar="جمعيّة الأمل",
        organization_en="AL-AMAL association",
        space=small_hall,
        starts_at=at(22, 11),
        ends_at=at(22, 12),
    )
    with translation.override("en"):
        check = service.check_placement(workshop, space=big_hall, starts_at=at(22, 10))
    assert kinds(check) == ([], ["organization"])
    assert other.reference in check.warnings[0].message
    assert check.warnings[0].message.startswith("Al-Amal Association is also in Small hall")
    # One that ends before this one starts is no clash.
    assert kinds(service.check_placement(workshop, space=big_hall, starts_at=at(22, 9))) == (
        [],
        [],
    )


def test_outside_the_venues_opening_hours(workshop, big_hall):
    workshop.preferred_time = Activity.TimeOfDay.ANY
    with translation.override("en"):
        check = service.check_placement(workshop, space=big_hall, starts_at=at(22, 20))
    assert kinds(check) == ([], ["hours"])
    assert check.warnings[0].message == (
        "Baghdad Academy is open from 09:00 to 21:00; this slot is 20:00–21:30."
    )
    early = service.check_placement(workshop, space=big_hall, starts_at=at(22, 8, 30))
    assert kinds(early) == ([], ["hours"])


def test_an_overlap_in_the_space_refuses_the_slot(season, workshop, big_hall):
    taken = ActivityFactory(
        season=season,
        status=Activity.Status.ACCEPTED,
        organization_ar="نقابة المعلمين",
        organization_en="Teachers' union",
        space=big_hall,
        starts_at=at(22, 11),
        ends_at=at(22, 12),
    )
    check = service.check_placement(workshop, space=big_hall, starts_at=at(22, 10))
    assert kinds(check) == (["overlap"], [])
    assert not check.allowed
    assert taken.reference in check.errors[0].message
    with pytest.raises(service.Refused):
        service.place_activity(workshop, space=big_hall, starts_at=at(22, 10))
    workshop.refresh_from_db()
    assert not workshop.is_scheduled


def test_the_database_has_the_last_word_on_a_double_booking(season, workshop, big_hall):
    # Another moderator placed one there between the check and the save.
    ActivityFactory(
        season=season,
        status=Activity.Status.ACCEPTED,
        organization_en="Teachers' union",
        space=big_hall,
        starts_at=at(22, 10),
        ends_at=at(22, 11),
    )
    no_findings = service.Check([], [])
    with (
        mock.patch.object(service, "check_placement", return_value=no_findings),
        mock.patch.object(services, "slot_errors", return_value={}),
        translation.override("en"),
        pytest.raises(service.Refused, match="another accepted activity took this space"),
    ):
        service.place_activity(workshop, space=big_hall, starts_at=at(22, 10))
    workshop.refresh_from_db()
    assert not workshop.is_scheduled


def test_a_proposal_not_accepted_cannot_be_placed(season, big_hall):
    proposal = ActivityFactory(season=season)
    check = service.check_placement(proposal, space=big_hall, starts_at=at(22, 10))
    assert kinds(check) == (["status"], [])


# The plain form, in both languages ------------------------------------------------


@pytest.fixture
def moderator_client(client):
    log_in_verified(client, ProgrammeModeratorFactory())
    return client


def day_url(lang, season, day="2026-11-22"):
    return SCHEDULER.format(lang=lang) + f"?season={season.pk}&day={day}"


WORDS = {
    "ar": {
        "waiting": "مقبولة، لم تُجدول بعد",
        "capacity": "يتّسع لـ 30 شخصاً",
        "save": "احفظ هذا الموعد",
        "placed": "حُدّد موعد",
        "undone": "تراجعنا",
    },
    "en": {
        "waiting": "Accepted, not scheduled yet (1)",
        "capacity": "holds 30 people; the organizer expects 50",
        "save": "Save this placement",
        "placed": "is placed",
        "undone": "Undone",
    },
}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_form_path_checks_then_saves_then_undoes(
    lang,
    moderator_client,
    season,
    workshop,
    small_hall,
    big_hall,
    django_capture_on_commit_callbacks,
):
    words = WORDS[lang]
    page = moderator_client.get(day_url(lang, season))
    html = page.content.decode()
    assert page.status_code == 200
    assert words["waiting"] in html
    assert workshop.reference in html
    assert f'data-space="{small_hall.pk}" data-start="10:00"' in html

    choice = {"activity": workshop.pk, "space": small_hall.pk, "start": "10:00"}
    confirm = moderator_client.post(day_url(lang, season), choice)
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert words["capacity"] in html
    assert words["save"] in html
    workshop.refresh_from_db()
    assert not workshop.is_scheduled  # nothing saved before confirming

    with django_capture_on_commit_callbacks(execute=True):
        saved = moderator_client.post(day_url(lang, season), {**choice, "confirm": "1"})
    assert saved.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.space, workshop.starts_at, workshop.ends_at) == (
        small_hall,
        at(22, 10),
        at(22, 11, 30),
    )
    assert len(mail.outbox) == 1  # the organizer learns day, time and place
    page = moderator_client.get(saved["Location"])
    assert words["placed"] in page.content.decode()
    assert 'class="block row-start-7 row-span-6 col-start-2"' in page.content.decode()

    undo = moderator_client.post(SCHEDULER.format(lang=lang) + "undo/")
    assert undo.status_code == 302
    workshop.refresh_from_db()
    assert not workshop.is_scheduled
    assert words["undone"] in moderator_client.get(undo["Location"]).content.decode()


def test_moving_a_published_activity_tells_its_organizer_and_undo_moves_it_back(
    moderator_client, season, workshop, small_hall, big_hall, django_capture_on_commit_callbacks
):
    workshop.space, workshop.starts_at, workshop.ends_at = small_hall, at(22, 10), at(22, 11, 30)
    workshop.save()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            day_url("en", season, "2026-11-23"),
            {"activity": workshop.pk, "space": big_hall.pk, "start": "14:00", "confirm": "1"},
        )
    workshop.refresh_from_db()
    assert (workshop.space, workshop.starts_at) == (big_hall, at(23, 14))
    assert [m.to for m in mail.outbox] == [[workshop.email]]
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(SCHEDULER.format(lang="en") + "undo/")
    workshop.refresh_from_db()
    assert (workshop.space, workshop.starts_at, workshop.ends_at) == (
        small_hall,
        at(22, 10),
        at(22, 11, 30),
    )
    assert len(mail.outbox) == 2  # and learns that it is back


def test_undo_does_nothing_when_the_activity_moved_since(
    moderator_client, season, workshop, big_hall
):
    moderator_client.post(
        day_url("en", season),
        {"activity": workshop.pk, "space": big_hall.pk, "start": "10:00", "confirm": "1"},
    )
    Activity.objects.filter(pk=workshop.pk).update(starts_at=at(22, 12), ends_at=at(22, 13, 30))
    response = moderator_client.post(SCHEDULER.format(lang="en") + "undo/", follow=True)
    assert "changed since; nothing was undone" in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.starts_at == at(22, 12)


def test_the_form_refuses_a_slot_taken_and_says_why(moderator_client, season, workshop, big_hall):
    taken = ActivityFactory(
        season=season,
        status=Activity.Status.ACCEPTED,
        space=big_hall,
        starts_at=at(22, 10),
        ends_at=at(22, 12),
    )
    response = moderator_client.post(
        day_url("en", season), {"activity": workshop.pk, "space": big_hall.pk, "start": "11:00"}
    )
    html = response.content.decode()
    assert "Cannot be saved" in html
    assert taken.reference in html
    assert "Save this placement" not in html


def test_the_drag_paths_check_answers_in_json(moderator_client, season, workshop, small_hall):
    response = moderator_client.get(
        SCHEDULER.format(lang="en") + "check/",
        {
            "season": season.pk,
            "day": "2026-11-23",
            "activity": workshop.pk,
            "space": small_hall.pk,
            "start": "16:00",
        },
    )
    answer = json.loads(response.content)
    assert answer["allowed"] is True
    assert sorted(w["kind"] for w in answer["warnings"]) == ["capacity", "day", "time_of_day"]
    assert answer["summary"].startswith(f"{workshop.reference} “Water for Basra”: Small hall")
    workshop.refresh_from_db()
    assert not workshop.is_scheduled


def test_the_check_of_an_incomplete_drop_says_what_is_missing(moderator_client, season):
    response = moderator_client.get(SCHEDULER.format(lang="en") + "check/", {"season": season.pk})
    answer = json.loads(response.content)
    assert answer["allowed"] is False
    assert answer["errors"][0]["kind"] == "form"


def test_volunteer_coordinators_cannot_open_the_scheduler(client, season):
    log_in_verified(client, VolunteerCoordinatorFactory())
    assert client.get(day_url("en", season)).status_code == 403
    assert client.get(SCHEDULER.format(lang="en") + "check/").status_code == 403


# Where staff find it, and the venues' hours ----------------------------------------


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_activity_list_and_the_season_lead_to_the_scheduler(
    lang, admin_client, moderator_client, season
):
    words = {"ar": "الجدولة حسب اليوم", "en": "Schedule by day"}[lang]
    changelist = moderator_client.get(f"/{lang}/admin/activities/activity/")
    assert words in changelist.content.decode()
    season_page = admin_client.get(f"/{lang}/admin/forum/season/{season.pk}/change/")
    assert f"scheduler/?season={season.pk}" in season_page.content.decode()


def test_venues_have_opening_hours_edited_in_the_admin(admin_client, venue):
    page = admin_client.get(f"/en/admin/forum/venue/{venue.pk}/change/").content.decode()
    assert 'name="opens_at" value="09:00:00"' in page
    assert 'name="closes_at" value="21:00:00"' in page


def test_a_venue_cannot_close_before_it_opens(venue):
    from django.db import IntegrityError, transaction

    venue.opens_at, venue.closes_at = dt.time(18), dt.time(9)
    with pytest.raises(IntegrityError), transaction.atomic():
        venue.save()


def test_the_grid_starts_at_the_earliest_opening_and_ends_at_the_latest_closing(season, venue):
    from activities.scheduler.grid import DayGrid
    from tests.factories import VenueFactory as Venues

    SpaceFactory(venue=venue)
    SpaceFactory(venue=Venues(season=season, opens_at=dt.time(8), closes_at=dt.time(23)))
    grid = DayGrid(season, dt.date(2026, 11, 22))
    assert [t.strftime("%H:%M") for t in grid.start_times][:2] == ["08:00", "08:15"]
    assert grid.start_times[-1].strftime("%H:%M") == "22:45"
    assert [h["span"] for h in grid.venue_headers()] == [1, 1]
