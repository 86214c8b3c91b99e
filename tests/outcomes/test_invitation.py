"""The day after an activity, its organizer is invited to report its outcomes:
once, in their language, through the mail queue. The clock is the test's."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.management import call_command

from forum.models import OutgoingEmail
from outcomes.models import Outcome, ReportInvitation
from outcomes.services import invite_to_report
from tests.factories import ScheduledActivityFactory

pytestmark = pytest.mark.django_db

BAGHDAD = zoneinfo.ZoneInfo("Asia/Baghdad")


def at(day, hour):
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=BAGHDAD)


@pytest.fixture
def activity(season, masar):
    # 25 November, 10:00–11:30, Baghdad time.
    return ScheduledActivityFactory(
        season=season,
        masarat=[masar],
        starts_at=at(25, 10),
        ends_at=at(25, 10) + dt.timedelta(minutes=90),
        contact_language="en",
        email="organizer@example.org",
    )


def test_not_on_the_day_itself(activity):
    assert invite_to_report(now=at(25, 23)) == 0
    assert not OutgoingEmail.objects.exists()


def test_the_day_after_once(activity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert invite_to_report(now=at(26, 9)) == 1
    # The next day's run, and a second run the same day: nothing more.
    assert invite_to_report(now=at(26, 10)) == 0
    assert invite_to_report(now=at(27, 9)) == 0
    email = OutgoingEmail.objects.get()
    assert email.to == ["organizer@example.org"]
    assert email.language == "en"
    assert f"/en/propose/status/{activity.private_token}/outcomes/" in email.body
    assert activity.reference in email.subject
    assert ReportInvitation.objects.get().activity == activity


def test_in_the_contact_language(activity):
    activity.contact_language = "ar"
    activity.save()
    invite_to_report(now=at(26, 9))
    email = OutgoingEmail.objects.get()
    assert email.language == "ar"
    assert f"/ar/propose/status/{activity.private_token}/outcomes/" in email.body


def test_a_missed_day_is_caught_up_but_old_activities_are_left(activity, season, masar):
    old = ScheduledActivityFactory(
        season=season, masarat=[masar], starts_at=at(1, 10), ends_at=at(1, 12)
    )
    assert invite_to_report(now=at(28, 9)) == 1
    assert not ReportInvitation.objects.filter(activity=old).exists()


def test_not_when_already_reported_or_not_accepted(activity, season, masar):
    Outcome.objects.create(activity=activity, account_en="Done", participants=3)
    ScheduledActivityFactory(
        season=season,
        masarat=[masar],
        status="declined",
        starts_at=at(25, 14),
        ends_at=at(25, 15),
    )
    assert invite_to_report(now=at(26, 9)) == 0


def test_the_daily_command(activity, monkeypatch):
    from outcomes import services

    monkeypatch.setattr(services.timezone, "now", lambda: at(26, 9))
    out = io.StringIO()
    call_command("invite_outcome_reports", stdout=out)
    assert out.getvalue().startswith("1 ")
    call_command("invite_outcome_reports", stdout=out)
    assert OutgoingEmail.objects.count() == 1
