"""Proposals held as suspected spam (a filled honeypot): kept, out of the
moderators' way and their counts, emailed to nobody, until a moderator
releases them."""

import csv
import io

import pytest

from activities import services
from activities.models import Activity
from forum.models import OutgoingEmail
from tests.factories import ActivityFactory, ProgrammeModeratorFactory, log_in_verified

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/activities/activity/"


@pytest.fixture
def moderator_client(client):
    log_in_verified(client, ProgrammeModeratorFactory())
    return client


@pytest.fixture
def held(season):
    return ActivityFactory(
        season=season, title_ar="مقترح محجوز", email="held@example.org", suspected_spam=True
    )


@pytest.fixture
def genuine(season):
    return ActivityFactory(season=season, title_ar="مقترح عادي", email="real@example.org")


def titles(response):
    return sorted(a.title_ar for a in response.context["cl"].result_list)


def test_the_moderation_list_and_its_count_leave_suspected_spam_out(
    moderator_client, held, genuine
):
    response = moderator_client.get(CHANGELIST)
    assert titles(response) == ["مقترح عادي"]
    assert response.context["cl"].result_count == 1
    assert titles(moderator_client.get(CHANGELIST + "?spam=yes")) == ["مقترح محجوز"]
    assert titles(moderator_client.get(CHANGELIST + "?spam=all")) == ["مقترح عادي", "مقترح محجوز"]


def test_the_filter_speaks_arabic(moderator_client, held):
    page = moderator_client.get("/ar/admin/activities/activity/?spam=yes").content.decode()
    assert "يُشتبه بأنه رسالة مزعجة" in page


def test_the_export_leaves_suspected_spam_out(moderator_client, held, genuine):
    response = moderator_client.post(
        "/en/admin/activities/activity/export/", {"format": "0", "resource": "0"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert "real@example.org" in rows[1] and "held@example.org" not in str(rows)


def test_a_moderator_releases_it_and_the_emails_held_back_go_out(moderator_client, held, settings):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org"]
    response = moderator_client.post(
        CHANGELIST + "?spam=yes",
        {"action": "release_spam", "_selected_action": [held.pk]},
        follow=True,
    )
    assert "1 proposal released from suspected spam" in response.content.decode()
    held.refresh_from_db()
    assert held.suspected_spam is False
    assert titles(moderator_client.get(CHANGELIST)) == ["مقترح محجوز"]
    to_organizer = OutgoingEmail.objects.get(to=["held@example.org"])
    assert held.reference in to_organizer.subject
    assert held.private_token in to_organizer.body
    assert OutgoingEmail.objects.filter(to=["programme@example.org"]).count() == 1
    # Released once: a second release sends nothing more.
    moderator_client.post(
        CHANGELIST + "?spam=yes", {"action": "release_spam", "_selected_action": [held.pk]}
    )
    assert OutgoingEmail.objects.count() == 2


def test_no_decision_is_taken_on_it_before_it_is_released(held):
    assert held.can_move_to(Activity.Status.ACCEPTED) is False
    with pytest.raises(services.NotAllowed):
        services.accept_activity(held, by=None)
    assert OutgoingEmail.objects.count() == 0


def test_its_withdrawal_does_not_email_the_moderators(held, settings):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org"]
    services.withdraw_proposal(held)
    assert OutgoingEmail.objects.count() == 0


def test_its_admin_page_says_it_is_held_and_offers_no_decision(moderator_client, held):
    response = moderator_client.get(f"{CHANGELIST}{held.pk}/change/")
    assert response.status_code == 200
    assert response.context["decision_links"] == []
    assert "Sent with the hidden anti-bot field filled in." in response.content.decode()
