"""The privacy promise: contact data erased some days after the season ends,
anonymous counts kept."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from activities.models import Activity
from forum.models import OutgoingEmail
from tests.factories import ActivityFactory, SeasonFactory, VolunteerFactory
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_season():
    # The 4th season ended a year ago.
    return SeasonFactory(
        number=4,
        is_current=False,
        start_date=dt.date(2025, 11, 22),
        end_date=dt.date(2025, 11, 30),
    )


def erase(days=90):
    out = io.StringIO()
    call_command("erase_personal_data", days=days, stdout=out)
    return out.getvalue()


def test_contact_data_of_an_ended_season_is_erased_and_what_was_published_stays(last_season):
    old = ActivityFactory(season=last_season, email="old@example.org", organization_en="Old Org")
    VolunteerFactory.create_batch(3, season=last_season)
    OutgoingEmail.objects.create(to=["old@example.org"], subject="x", body="y", status="sent")

    output = erase()

    old.refresh_from_db()
    assert (old.contact_name, old.email, old.phone) == ("", "", "")
    assert old.organization_en == "Old Org" and old.title_ar
    erased = Volunteer.objects.filter(season=last_season)
    assert erased.count() == 3  # the anonymous counts stay
    assert set(erased.values_list("full_name", "email", "phone")) == {("", "", "")}
    assert not OutgoingEmail.objects.filter(to__icontains="old@example.org").exists()
    assert "1 proposals, 3 volunteers" in output


def test_the_current_season_and_a_recent_one_are_left_alone(last_season):
    current = ActivityFactory(email="now@example.org")
    volunteer = VolunteerFactory(season=current.season)
    erase(days=400)  # the 4th season ended less than 400 days ago
    assert Activity.objects.filter(email__in=["now@example.org"]).count() == 1
    assert Activity.objects.exclude(email="").count() == 1
    volunteer.refresh_from_db()
    assert volunteer.email
    last = ActivityFactory(season=last_season, email="last@example.org")
    erase(days=400)
    last.refresh_from_db()
    assert last.email == "last@example.org"


def test_running_it_again_changes_nothing_more(last_season):
    ActivityFactory(season=last_season)
    erase()
    assert "0 proposals, 0 volunteers" in erase()


def test_an_erased_proposal_stays_editable_in_the_admin(last_season):
    from activities.forms import ActivityAdminForm

    old = ActivityFactory(season=last_season)
    erase()
    old.refresh_from_db()
    form = ActivityAdminForm(instance=old)
    assert [form.fields[name].required for name in ("contact_name", "email", "phone")] == [
        False,
        False,
        False,
    ]
    assert ActivityAdminForm(instance=ActivityFactory()).fields["email"].required


def test_old_emails_are_deleted_once_done_with_including_interrupted_ones(db):
    long_ago = timezone.now() - dt.timedelta(days=200)
    for status in ["sent", "failed", "interrupted", "pending", "sending"]:
        OutgoingEmail.objects.create(
            to=[f"{status}@example.org"], subject="x", body="y", status=status, created_at=long_ago
        )
    erase()
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"pending", "sending"}
