"""The activity's change page in the admin: translation side by side, and
scheduling with its checks (refused double booking, warnings)."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core import mail
from django.forms import CheckboxInput
from django.utils import timezone

from activities import services
from activities.models import Activity
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    ProgrammeModeratorFactory,
    SpaceFactory,
    VenueFactory,
    log_in_verified,
)

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime(2026, 11, day, hour, minute))


@pytest.fixture
def moderator_client(client):
    log_in_verified(client, ProgrammeModeratorFactory())
    return client


@pytest.fixture
def hall(season):
    return SpaceFactory(venue=VenueFactory(season=season), name_en="Hall 1", capacity=80)


@pytest.fixture
def activity(season):
    masar = MasarFactory(season=season)
    proposal = ActivityFactory(
        season=season,
        title_ar="ورشة المياه",
        title_en="",
        preferred_days=["2026-11-22"],
        duration=90,
        expected_participants=30,
        masarat=[masar],
    )
    return services.accept_activity(proposal, by=None)


def change_url(activity):
    """In the English admin."""
    return f"/en/admin/activities/activity/{activity.pk}/change/"


def form_data(response, **changes):
    """What the change page's form posts as it stands, with `changes` applied."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name in changes:
            value = changes[name]
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[name] = "on"
        elif name in ("starts_at", "ends_at"):
            local = timezone.localtime(value) if value else None
            data[f"{name}_0"] = local.strftime("%Y-%m-%d") if local else ""
            data[f"{name}_1"] = local.strftime("%H:%M") if local else ""
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = "" if value is None else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for index, inline_form in enumerate(formset.initial_forms):
            data[f"{formset.prefix}-{index}-id"] = inline_form.instance.pk
            data[f"{formset.prefix}-{index}-activity"] = inline_form.instance.activity_id
    return data


def save(client, activity, **changes):
    page = client.get(change_url(activity))
    return client.post(change_url(activity), form_data(page, **changes), follow=True)


def test_the_change_page_shows_both_languages_side_by_side(moderator_client, activity):
    page = moderator_client.get(change_url(activity)).content.decode()
    # One row holds the Arabic and the English title, each in its own direction.
    row_start = page.index('name="title_ar"')
    row = page[page.rfind('class="form-row', 0, row_start) : page.index('name="title_en"')]
    assert "field-title_ar" in row and "field-title_en" in row
    title_ar = re.search(r'<input[^>]*name="title_ar"[^>]*>', page)[0]
    title_en = re.search(r'<input[^>]*name="title_en"[^>]*>', page)[0]
    assert 'lang="ar"' in title_ar and 'dir="rtl"' in title_ar
    assert 'lang="en"' in title_en and 'dir="ltr"' in title_en
    assert "Internal notes" in page


def test_a_moderator_translates_the_title_and_the_public_text_follows(moderator_client, activity):
    response = save(
        moderator_client,
        activity,
        title_en="Water workshop",
        summary_en="About water.",
        description_en="In detail.",
        organization_en="Al-Amal",
        internal_notes="Checked with the organizer by phone.",
    )
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.title_en == "Water workshop"
    assert activity.title_ar == "ورشة المياه"
    assert activity.translation_complete
    assert activity.internal_notes == "Checked with the organizer by phone."
    # The status is not on the form: decisions go through their buttons.
    assert activity.status == Activity.Status.ACCEPTED


def test_the_organizers_own_text_cannot_be_emptied(moderator_client, activity):
    response = save(moderator_client, activity, title_ar="")
    assert "cannot be empty" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title_ar == "ورشة المياه"


def test_scheduling_an_accepted_activity_emails_the_organizer(
    moderator_client, activity, hall, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = save(
            moderator_client, activity, space=hall.pk, starts_at=at(22, 10), ends_at=at(22, 11, 30)
        )
    page = response.content.decode()
    assert "was changed successfully" in page
    assert "is not one of the days the organizer preferred" not in page
    activity.refresh_from_db()
    assert (activity.space, activity.starts_at, activity.ends_at) == (
        hall,
        at(22, 10),
        at(22, 11, 30),
    )
    assert [m.subject for m in mail.outbox] == ["يوم نشاطكم ISF5-0001 ووقته ومكانه"]


def test_a_day_the_organizer_did_not_prefer_is_allowed_with_a_warning(
    moderator_client, activity, hall
):
    response = save(
        moderator_client, activity, space=hall.pk, starts_at=at(24, 10), ends_at=at(24, 11, 30)
    )
    page = response.content.decode()
    assert (
        "Tuesday 24 November is not one of the days the organizer preferred: Sunday 22 November."
        in page
    )
    activity.refresh_from_db()
    assert activity.starts_at == at(24, 10)


def test_a_double_booking_is_refused_with_a_clear_message(moderator_client, activity, hall, season):
    other = services.accept_activity(
        ActivityFactory(season=season, title_en="Equality seminar"), by=None
    )
    services.schedule_activity(other, space=hall, starts_at=at(22, 10), ends_at=at(22, 12))
    response = save(
        moderator_client, activity, space=hall.pk, starts_at=at(22, 11), ends_at=at(22, 12, 30)
    )
    page = response.content.decode()
    assert (
        "Hall 1 — Baghdad Academy of Human Sciences is already taken at that time by ISF5-0002 "
        "“Equality seminar” (Sunday 22 November, 10:00–12:00)."
    ) in page.replace("&quot;", '"')
    activity.refresh_from_db()
    assert activity.space is None


def test_the_databases_own_refusal_is_caught_too(moderator_client, activity, hall, season):
    """Two moderators booking the same hall at the same moment: the form's check
    saw the hall free, the database's exclusion constraint does not let it pass."""
    other = services.accept_activity(ActivityFactory(season=season), by=None)
    services.schedule_activity(other, space=hall, starts_at=at(22, 10), ends_at=at(22, 12))
    with mock.patch("activities.forms.services.slot_errors", return_value={}):
        response = save(
            moderator_client,
            activity,
            space=hall.pk,
            starts_at=at(22, 11),
            ends_at=at(22, 12, 30),
        )
    assert response.status_code == 200
    assert "another accepted activity took this space at this time" in response.content.decode()
    activity.refresh_from_db()
    assert activity.space is None


def test_only_accepted_activities_can_be_scheduled(moderator_client, season, hall):
    proposal = ActivityFactory(season=season)
    response = save(
        moderator_client, proposal, space=hall.pk, starts_at=at(22, 10), ends_at=at(22, 11)
    )
    assert "Only accepted activities can be scheduled" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.space is None


def test_a_slot_outside_the_season_is_refused(moderator_client, activity, hall):
    response = save(
        moderator_client, activity, space=hall.pk, starts_at=at(21, 10), ends_at=at(21, 11)
    )
    assert "The activity must take place during the season" in response.content.decode()


def test_proposals_are_not_added_in_the_admin(admin_client, season):
    page = admin_client.get("/en/admin/activities/activity/").content.decode()
    assert "/en/admin/activities/activity/add/" not in page
    assert admin_client.get("/en/admin/activities/activity/add/").status_code == 403
