"""An organization held as suspected spam when it joined an initiative gets
no email; a moderator who finds it genuine releases it from the admin, and
the emails held back are sent then (once), as for proposals."""

import pytest

from forum.models import OutgoingEmail
from outcomes.models import InitiativeMember
from tests.factories import ProgrammeModeratorFactory, log_in_verified

from .helpers import join_data
from .test_journey import published_initiative

pytestmark = pytest.mark.django_db


def emails_to(address):
    return OutgoingEmail.objects.filter(to__icontains=f'"{address}"')


def held_member(client, season, masar):
    initiative = published_initiative(season, masar)
    url = f"/ar/seasons/5/initiatives/{initiative.pk}/"
    client.post(url, join_data(extra_comment="buy now", email="nahrain@example.org"))
    member = InitiativeMember.objects.get()
    assert member.suspected_spam
    assert not emails_to("nahrain@example.org").exists()
    return member


def release(client, member):
    staff = type(client)()
    log_in_verified(staff, ProgrammeModeratorFactory())
    return staff.post(
        "/en/admin/outcomes/initiativemember/",
        {"action": "release_spam", "_selected_action": [str(member.pk)]},
        follow=True,
    )


def test_releasing_a_held_member_sends_the_emails_held_back(client, season, masar):
    member = held_member(client, season, masar)
    organizer = member.initiative.outcome.activity
    before = emails_to(organizer.email).count()

    response = release(client, member)

    assert "1 organization released from suspected spam" in response.content.decode()
    member.refresh_from_db()
    assert not member.suspected_spam
    assert member.status == InitiativeMember.Status.PENDING  # still to be shown
    joined = emails_to("nahrain@example.org").get()
    assert joined.language == "ar"
    assert member.private_token in joined.body
    assert emails_to(organizer.email).count() == before + 1
    # Released once: a second release sends nothing more.
    release(client, member)
    assert emails_to("nahrain@example.org").count() == 1


def test_the_change_form_cannot_untick_it_without_the_emails(client, season, masar):
    member = held_member(client, season, masar)
    staff = type(client)()
    log_in_verified(staff, ProgrammeModeratorFactory())
    page = staff.get(f"/en/admin/outcomes/initiativemember/{member.pk}/change/")
    assert "suspected_spam" not in page.context["adminform"].form.fields
