"""Volunteers come back: past volunteers who agreed to future contact are
invited when the new season's sign-up opens, once per season, in their
language, with a pre-filled sign-up link and a "no more emails" link that is
honoured for good."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forum.models import OutgoingEmail
from tests.factories import SeasonFactory, VolunteerFactory
from volunteers import invitations
from volunteers.models import Invitation, NoMoreEmails, Volunteer
from volunteers.services import VolunteerActionRefused

pytestmark = pytest.mark.django_db


def ended(number, year):
    return SeasonFactory(
        number=number,
        name_en=f"Season {number}",
        start_date=dt.date(year, 11, 22),
        end_date=dt.date(year, 11, 30),
        is_current=False,
        proposals_open=None,
        proposals_close=None,
        volunteers_open=None,
        volunteers_close=None,
    )


@pytest.fixture
def people():
    """The 4th season's volunteers, and the current 5th season, sign-up open."""
    third, fourth = ended(3, 2024), ended(4, 2025)
    today = timezone.localdate()
    fifth = SeasonFactory(
        number=5,
        name_en="5th season",
        name_ar="الموسم الخامس",
        start_date=today + dt.timedelta(days=30),
        end_date=today + dt.timedelta(days=38),
    )
    agreed = {"consents_to_future_contact": True}
    return {
        "fifth": fifth,
        "zainab": VolunteerFactory(
            season=fourth,
            full_name="زينب علي",
            email="zainab@example.org",
            phone="+9647701234567",
            governorate="basra",
            skills=["photography"],
            language="ar",
            **agreed,
        ),
        "sam": VolunteerFactory(
            season=fourth, full_name="Sam Smith", email="sam@example.org", language="en", **agreed
        ),
        "silent": VolunteerFactory(season=fourth, email="silent@example.org"),
        # The same person in two past seasons: one invitation, from the latest.
        "twice_old": VolunteerFactory(
            season=third, full_name="Old Name", email="Twice@example.org", **agreed
        ),
        "twice": VolunteerFactory(
            season=fourth, full_name="Ali Twice", email="twice@example.org", **agreed
        ),
        "back": VolunteerFactory(season=fourth, email="back@example.org", **agreed),
        "back_now": VolunteerFactory(season=fifth, email="BACK@example.org"),
    }


def invite(season, volunteers=None):
    return invitations.invite_volunteers(
        volunteers=volunteers or Volunteer.objects.all(),
        season=season,
    )


def test_who_agreed_is_invited_once_in_their_language(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(people["fifth"]) == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"zainab@example.org", "sam@example.org", "twice@example.org"}
    arabic = by_address["zainab@example.org"]
    assert arabic.subject == "تطوّع معنا من جديد — الموسم الخامس"
    assert "مرحباً زينب علي" in arabic.body
    assert "Ali Twice" in by_address["twice@example.org"].body
    english = by_address["sam@example.org"]
    assert english.subject == "Volunteer with us again — 5th season"
    token = Invitation.objects.get(volunteer=people["sam"]).token
    assert f"https://isf.test/en/volunteer/?invitation={token}" in english.body
    assert f"https://isf.test/en/volunteer/no-more-emails/{token}/" in english.body
    # At most once per season, however often staff click.
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(people["fifth"]) == 0
    assert len(mail.outbox) == 3


def test_nobody_is_invited_while_sign_up_is_closed(people):
    fifth = people["fifth"]
    fifth.volunteers_open = timezone.now() + dt.timedelta(days=2)
    fifth.save()
    with pytest.raises(VolunteerActionRefused):
        invite(fifth)
    assert not Invitation.objects.exists() and not mail.outbox


def test_the_link_opens_the_sign_up_form_pre_filled_for_them_only(client, people):
    invite(people["fifth"])
    token = Invitation.objects.get(volunteer=people["zainab"]).token
    response = client.get(f"/ar/volunteer/?invitation={token}")
    html = response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert 'value="زينب علي"' in html
    assert 'value="zainab@example.org"' in html
    assert '<option value="basra" selected>' in html
    assert re.search(r'value="photography"[^>]*checked', html)
    assert re.search(r'name="volunteered_before"[^>]*checked', html)
    # Consent is asked again, never carried over.
    assert not re.search(r'name="consents_to_data_use"[^>]*checked', html)
    # A wrong token is just the empty form.
    assert "zainab@example.org" not in client.get("/ar/volunteer/?invitation=x").content.decode()


def test_no_more_emails_is_one_click_and_for_good(client, people):
    fifth = people["fifth"]
    invite(fifth)
    token = Invitation.objects.get(volunteer=people["sam"]).token
    response = client.get(f"/en/volunteer/no-more-emails/{token}/")
    assert response.status_code == 200
    assert "we will not write to this address again" in response.content.decode()
    assert not Volunteer.objects.get(pk=people["sam"].pk).consents_to_future_contact
    assert NoMoreEmails.objects.count() == 1
    assert "sam@example.org" not in str(list(NoMoreEmails.objects.values()))
    # A later sign-up that agrees again, imported or typed, does not undo it.
    later = SeasonFactory(number=6, is_current=False)
    VolunteerFactory(
        season=people["fifth"], email="Sam@example.org", consents_to_future_contact=True
    )
    assert "sam@example.org" not in [
        v.email.lower() for v in invitations.invitable(Volunteer.objects.all(), later)
    ]
    # Opening it twice is the same.
    assert client.get(f"/en/volunteer/no-more-emails/{token}/").status_code == 200
    assert client.get("/en/volunteer/no-more-emails/unknown/").status_code == 404


def test_the_erasure_after_a_season_keeps_only_how_to_reach_those_who_agreed(people):
    call_command("erase_personal_data", days=90, stdout=io.StringIO())
    zainab = Volunteer.objects.get(pk=people["zainab"].pk)
    assert zainab.is_erased
    assert (zainab.full_name, zainab.email, zainab.language) == (
        "زينب علي",
        "zainab@example.org",
        "ar",
    )
    assert (zainab.phone, zainab.skills, zainab.availability) == ("", [], [])
    silent = Volunteer.objects.get(pk=people["silent"].pk)
    assert (silent.full_name, silent.email) == ("", "")
    # They can still be invited, with what was kept.
    assert invite(people["fifth"]) == 3
    invitation = Invitation.objects.get(volunteer=zainab)
    assert invitations.prefill(invitation) == {
        "full_name": "زينب علي",
        "email": "zainab@example.org",
        "governorate": "basra",
        "age_group": "18-24",
        "volunteered_before": True,
    }
    # And "no more emails" then erases what was kept for it.
    invitations.stop_emails(invitation)
    zainab.refresh_from_db()
    assert (zainab.full_name, zainab.email) == ("", "")
    assert not OutgoingEmail.objects.filter(to__icontains="zainab@example.org").exists()


def test_staff_invite_from_the_volunteer_list_with_a_confirmation(
    admin_client, people, django_capture_on_commit_callbacks
):
    url = "/en/admin/volunteers/volunteer/"
    # "Select all", from the first page of the list.
    data = {
        "action": "invite_to_current_season",
        "select_across": "1",
        "_selected_action": [people["sam"].pk],
    }
    page = admin_client.post(url, {**data, "index": "0"})
    html = page.content.decode()
    assert "Of the 7 volunteers selected, 3 people will be invited" in " ".join(html.split())
    assert "Emails in: Arabic (2), English (1)" in html
    assert not mail.outbox  # nothing sent by looking
    assert f'name="_selected_action" value="{people["sam"].pk}"' in html
    assert '<input type="hidden" name="select_across" value="1">' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {**data, "apply": "1"})
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    assert Invitation.objects.filter(season=people["fifth"]).count() == 3
