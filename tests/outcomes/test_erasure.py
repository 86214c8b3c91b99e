"""The privacy promise for organizations that joined an initiative: their
email is erased PRIVACY_ERASE_AFTER_DAYS days after the initiative's last
day (or the season's end, when later or when the initiative has no date);
their name stays on the initiative's page. Clocks are built, never today's."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from forum.models import OutgoingEmail
from outcomes.erasure import erase_members_of_ended_initiatives
from outcomes.models import Initiative, InitiativeMember, Outcome
from tests.factories import ActivityFactory, SeasonFactory

pytestmark = pytest.mark.django_db

SEASON_END = dt.date(2025, 11, 30)


@pytest.fixture
def old_season():
    return SeasonFactory(
        number=4, is_current=False, start_date=dt.date(2025, 11, 22), end_date=SEASON_END
    )


def member_of(season, email, *, starts_on=None, ends_on=None):
    activity = ActivityFactory(season=season, status="accepted")
    outcome = Outcome.objects.create(
        activity=activity, account_ar="حساب", participants=20, status=Outcome.Status.PUBLISHED
    )
    initiative = Initiative.objects.create(
        outcome=outcome, title_ar="مبادرة", starts_on=starts_on, ends_on=ends_on
    )
    return InitiativeMember.objects.create(
        initiative=initiative,
        organization="شبكة النهرين",
        organization_type="cso",
        governorate="basra",
        email=email,
        status=InitiativeMember.Status.APPROVED,
    )


def at(day):
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def test_an_undated_initiative_members_email_goes_90_days_after_the_season(old_season):
    member = member_of(old_season, "nahrain@example.org")
    OutgoingEmail.objects.create(to=["nahrain@example.org"], subject="x", body="y")
    now = at(SEASON_END + dt.timedelta(days=90))
    assert erase_members_of_ended_initiatives(after_days=90, now=now) == 0
    now = at(SEASON_END + dt.timedelta(days=91))
    assert erase_members_of_ended_initiatives(after_days=90, now=now) == 1
    member.refresh_from_db()
    assert member.email == ""
    assert member.organization == "شبكة النهرين"
    assert member.status == InitiativeMember.Status.APPROVED
    assert not OutgoingEmail.objects.filter(to__icontains="nahrain@example.org").exists()
    # Once only.
    assert erase_members_of_ended_initiatives(after_days=90, now=now) == 0


def test_a_dated_initiative_keeps_its_members_until_90_days_after_its_last_day(old_season):
    last_day = SEASON_END + dt.timedelta(days=200)
    period = member_of(old_season, "period@example.org", starts_on=SEASON_END, ends_on=last_day)
    one_day = member_of(old_season, "day@example.org", starts_on=last_day)
    # The season ended long ago, the initiative not: kept.
    assert erase_members_of_ended_initiatives(after_days=90, now=at(last_day)) == 0
    later = at(last_day + dt.timedelta(days=91))
    assert erase_members_of_ended_initiatives(after_days=90, now=later) == 2
    period.refresh_from_db()
    one_day.refresh_from_db()
    assert (period.email, one_day.email) == ("", "")


def test_an_initiative_dated_before_the_season_ended_waits_for_the_season(old_season):
    member = member_of(old_season, "early@example.org", starts_on=dt.date(2025, 11, 1))
    now = at(SEASON_END + dt.timedelta(days=60))
    assert erase_members_of_ended_initiatives(after_days=30, now=now) == 1
    member.refresh_from_db()
    assert member.email == ""
    current = member_of(SeasonFactory(number=5), "now@example.org", starts_on=dt.date(2025, 1, 1))
    assert erase_members_of_ended_initiatives(after_days=30, now=now) == 0
    current.refresh_from_db()
    assert current.email == "now@example.org"


def test_the_daily_command_erases_them_too(old_season):
    member = member_of(old_season, "nahrain@example.org")
    out = io.StringIO()
    call_command("erase_personal_data", days=0, stdout=out)
    assert "1 organizations that joined initiatives" in out.getvalue()
    member.refresh_from_db()
    assert member.email == ""
    assert member.organization == "شبكة النهرين"
