"""Sign-ups held as suspected spam (a filled honeypot): kept, out of the
coordinators' lists, counts, exports and suggestions, emailed to nobody,
until a coordinator releases them."""

import pytest

from forum.models import OutgoingEmail
from tests.factories import VolunteerCoordinatorFactory, VolunteerFactory, log_in_verified
from volunteers import services
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/volunteers/volunteer/"


@pytest.fixture
def coordinator(client):
    log_in_verified(client, VolunteerCoordinatorFactory())
    return client


@pytest.fixture
def held(teams):
    return VolunteerFactory(
        season=teams["media"].season,
        full_name="Held Person",
        email="held@example.org",
        suspected_spam=True,
        wishes=[teams["media"]],
    )


@pytest.fixture
def genuine(teams):
    return VolunteerFactory(
        season=teams["media"].season, full_name="Real Person", email="real@example.org"
    )


def names(response):
    return sorted(v.full_name for v in response.context["cl"].result_list)


def test_the_list_and_its_count_leave_suspected_spam_out(coordinator, held, genuine):
    response = coordinator.get(CHANGELIST)
    assert names(response) == ["Real Person"]
    assert response.context["cl"].result_count == 1
    assert names(coordinator.get(CHANGELIST + "?spam=yes")) == ["Held Person"]
    assert names(coordinator.get(CHANGELIST + "?spam=all")) == ["Held Person", "Real Person"]


def test_the_export_leaves_suspected_spam_out(coordinator, held, genuine):
    response = coordinator.post(CHANGELIST + "export/", {"format": "0", "resource": "0"})
    text = response.content.decode("utf-8-sig")
    assert "real@example.org" in text
    assert "held@example.org" not in text


def test_suggested_assignments_and_confirmation_leave_suspected_spam_out(teams, held, genuine):
    Volunteer.objects.update(status=Volunteer.Status.CONFIRMED)
    suggestion = services.suggest_assignments(season=held.season, place_outside_wishes=True)
    assert set(suggestion.volunteers) == {genuine.pk}
    Volunteer.objects.update(status=Volunteer.Status.APPLIED)
    assert services.confirm_volunteers(volunteers=[held, genuine]) == 1
    held.refresh_from_db()
    assert held.status == Volunteer.Status.APPLIED
    assert held.can_be_assigned() is False


def test_a_held_sign_up_gets_no_link_by_email_me_my_link(client, held):
    client.post("/en/volunteer/link/", {"email": "held@example.org"})
    assert OutgoingEmail.objects.count() == 0


def test_a_coordinator_releases_it_and_the_emails_held_back_go_out(coordinator, held, settings):
    settings.VOLUNTEER_NOTIFY_EMAILS = ["volunteers@example.org"]
    response = coordinator.post(
        CHANGELIST + "?spam=yes",
        {"action": "release_spam", "_selected_action": [held.pk]},
        follow=True,
    )
    assert "1 sign-up released from suspected spam" in response.content.decode()
    held.refresh_from_db()
    assert held.suspected_spam is False
    assert names(coordinator.get(CHANGELIST)) == ["Held Person"]
    welcome = OutgoingEmail.objects.get(to=["held@example.org"])
    assert held.private_token in welcome.body
    assert "الإعلام" in welcome.body  # the wish, in the volunteer's language
    assert OutgoingEmail.objects.filter(to=["volunteers@example.org"]).count() == 1


def test_a_held_sign_up_whose_address_signed_up_since_stays_held(coordinator, held, teams):
    VolunteerFactory(season=held.season, email="HELD@example.org", full_name="Owner")
    response = coordinator.post(
        CHANGELIST + "?spam=yes",
        {"action": "release_spam", "_selected_action": [held.pk]},
        follow=True,
    )
    assert "Left as suspected spam" in response.content.decode()
    held.refresh_from_db()
    assert held.suspected_spam is True
    assert OutgoingEmail.objects.count() == 0
