"""The moderation list in the admin: columns, filters, search, and the
decision actions with their intermediate page."""

import pytest
from django.contrib.admin.templatetags.admin_list import result_headers
from django.core import mail
from django.urls import reverse
from django.utils.text import capfirst

from activities.models import Activity
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    ProgrammeModeratorFactory,
    log_in_verified,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/activities/activity/"


@pytest.fixture
def moderator_client(client):
    log_in_verified(client, ProgrammeModeratorFactory())
    return client


@pytest.fixture
def proposals(season):
    water = MasarFactory(season=season, name_en="Environment and water", name_ar="البيئة والمياه")
    women = MasarFactory(season=season, name_en="Women's rights", name_ar="حقوق المرأة")
    return {
        "water": ActivityFactory(
            season=season,
            title_ar="ورشة المياه",
            title_en="",
            summary_en="",
            description_en="",
            organization_ar="جمعية دجلة",
            email="tigris@example.org",
            format=Activity.Format.WORKSHOP,
            governorate="basra",
            languages=["ar", "ku"],
            preferred_days=["2026-11-23"],
            masarat=[water],
        ),
        "women": ActivityFactory(
            season=season,
            title_ar="ندوة المساواة",
            title_en="Equality seminar",
            format=Activity.Format.SEMINAR,
            status=Activity.Status.UNDER_REVIEW,
            languages=["en"],
            preferred_days=["2026-11-22"],
            contact_language="en",
            masarat=[women],
        ),
    }


def listed(response):
    return sorted(a.title_ar for a in response.context["cl"].result_list)


def test_the_list_shows_reference_title_organization_masarat_format_status_and_translation(
    moderator_client, proposals
):
    response = moderator_client.get(CHANGELIST)
    page = response.content.decode()
    assert response.status_code == 200
    for text in ["ISF5-0001", "ISF5-0002", "Equality seminar", "Environment and water", "Seminar"]:
        assert text in page
    # The Arabic-only title falls back to Arabic on the English admin.
    assert "ورشة المياه" in page
    assert "Under review" in page
    cl = response.context["cl"]
    assert [capfirst(header["text"]) for header in result_headers(cl)][1:] == [
        "Reference",
        "Title",
        "Organization",
        "Paths (masarat)",
        "Format",
        "Status",
        "Submitted",
        "Translated",
        "Slot",
        "Reviews",
        "Mean score",
    ]
    complete = {a.title_ar: a.translation_complete for a in cl.result_list}
    assert complete == {"ورشة المياه": False, "ندوة المساواة": True}


def test_the_list_costs_the_same_few_queries_with_many_proposals(
    moderator_client, proposals, season, django_assert_max_num_queries
):
    for _number in range(30):
        ActivityFactory(season=season, masarat=[proposals["water"].masarat.first()])
    with django_assert_max_num_queries(20):
        moderator_client.get(CHANGELIST)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=under_review", ["ندوة المساواة"]),
        ("format=workshop", ["ورشة المياه"]),
        ("governorate=basra", ["ورشة المياه"]),
        ("preferred_day=2026-11-22", ["ندوة المساواة"]),
        ("language=ku", ["ورشة المياه"]),
        ("translation=missing_en", ["ورشة المياه"]),
        ("translation=complete", ["ندوة المساواة"]),
        ("scheduled=no", ["ندوة المساواة", "ورشة المياه"]),
    ],
)
def test_filters(moderator_client, proposals, query, expected):
    assert listed(moderator_client.get(f"{CHANGELIST}?{query}")) == sorted(expected)


def test_filter_by_masar(moderator_client, proposals):
    masar = proposals["women"].masarat.get()
    response = moderator_client.get(f"{CHANGELIST}?masarat__id__exact={masar.pk}")
    assert listed(response) == ["ندوة المساواة"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("ISF5-0002", ["ندوة المساواة"]),
        ("isf5-0001", ["ورشة المياه"]),
        ("equality", ["ندوة المساواة"]),
        ("ورشه المياه", ["ورشة المياه"]),  # typed without the taa marbuta
        ("tigris@example.org", ["ورشة المياه"]),
        ("جمعية دجلة", ["ورشة المياه"]),
    ],
)
def test_search_by_title_in_both_languages_organization_email_and_reference(
    moderator_client, proposals, term, expected
):
    response = moderator_client.get(CHANGELIST, {"q": term})
    assert listed(response) == expected


@pytest.mark.parametrize(
    "term", ["①", "²", "ISF①-0001", "9" * 5000, f"ISF5-{'9' * 5000}", str(2**40), str(2**64), "٢"]
)
def test_a_search_for_digits_that_are_no_reference_finds_nothing_and_never_fails(
    moderator_client, proposals, term
):
    response = moderator_client.get(CHANGELIST, {"q": term})
    assert response.status_code == 200
    assert listed(response) == (["ندوة المساواة"] if term == "٢" else [])


def test_accepting_many_at_once_asks_for_a_message_then_emails_each_in_their_language(
    moderator_client, proposals, django_capture_on_commit_callbacks
):
    selected = [proposals["water"].pk, proposals["women"].pk]
    step = moderator_client.post(
        CHANGELIST, {"action": "accept_selected", "_selected_action": selected}
    )
    page = step.content.decode()
    assert step.status_code == 200
    assert "Accept proposals" in page
    assert "Emails in:" in page and "Arabic (1)" in page and "English (1)" in page
    assert Activity.objects.filter(status=Activity.Status.ACCEPTED).count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        done = moderator_client.post(
            CHANGELIST,
            {
                "action": "accept_selected",
                "_selected_action": selected,
                "confirm": "yes",
                "message_ar": "أهلاً بكم في البرنامج.",
                "message_en": "Welcome to the programme.",
            },
            follow=True,
        )
    assert "2 proposals accepted; their organizers are notified by email." in done.content.decode()
    assert set(Activity.objects.values_list("status", flat=True)) == {"accepted"}
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["Your activity ISF5-0002 is accepted", "قُبل نشاطكم ISF5-0001"]
    bodies = {m.subject: m.body for m in mail.outbox}
    assert "Welcome to the programme." in bodies["Your activity ISF5-0002 is accepted"]
    assert "أهلاً بكم في البرنامج." not in bodies["Your activity ISF5-0002 is accepted"]
    assert "أهلاً بكم في البرنامج." in bodies["قُبل نشاطكم ISF5-0001"]
    assert "Welcome to the programme." not in bodies["قُبل نشاطكم ISF5-0001"]


def test_requesting_changes_puts_the_message_on_the_organizers_page(
    moderator_client, client, proposals
):
    water = proposals["water"]
    moderator_client.post(
        CHANGELIST,
        {
            "action": "request_changes_selected",
            "_selected_action": [water.pk],
            "confirm": "yes",
            "message_ar": "يرجى ذكر أسماء المتحدثين.",
        },
    )
    water.refresh_from_db()
    assert water.status == Activity.Status.CHANGES_REQUESTED
    change = water.status_changes.get()
    assert change.by.groups.filter(name="Programme moderators").exists()
    organizer_page = client.get(water.get_private_url()).content.decode()
    assert "يرجى ذكر أسماء المتحدثين." in organizer_page


def test_a_withdrawn_proposal_is_left_as_it_is_and_the_moderator_is_told(
    moderator_client, proposals
):
    withdrawn = proposals["water"]
    withdrawn.status = Activity.Status.WITHDRAWN
    withdrawn.save()
    step = moderator_client.post(
        CHANGELIST,
        {"action": "decline_selected", "_selected_action": [withdrawn.pk, proposals["women"].pk]},
    )
    assert "will be left as it is" in step.content.decode()
    done = moderator_client.post(
        CHANGELIST,
        {
            "action": "decline_selected",
            "_selected_action": [withdrawn.pk, proposals["women"].pk],
            "confirm": "yes",
            "message_ar": "",
            "message_en": "",
        },
        follow=True,
    )
    page = done.content.decode()
    assert "1 proposal declined; its organizer is notified by email." in page
    assert "Left as they were: ISF5-0001 (Withdrawn)." in page
    assert Activity.objects.get(pk=withdrawn.pk).status == Activity.Status.WITHDRAWN


def test_a_decision_from_the_change_page(moderator_client, proposals):
    women = proposals["women"]
    change_url = reverse("admin:activities_activity_change", args=[women.pk])
    page = moderator_client.get(change_url).content.decode()
    decide_url = reverse("admin:activities_activity_decide", args=[women.pk, "accepted"])
    assert f'href="{decide_url}"' in page
    # Its current status is not offered.
    assert reverse("admin:activities_activity_decide", args=[women.pk, "under_review"]) not in page
    form = moderator_client.get(decide_url).content.decode()
    assert 'name="message_ar"' in form and 'name="message_en"' in form
    response = moderator_client.post(decide_url, {"confirm": "yes", "message_en": ""})
    assert response.status_code == 302
    assert response["Location"] == change_url
    women.refresh_from_db()
    assert women.status == Activity.Status.ACCEPTED


def test_an_unknown_decision_is_not_found(moderator_client, proposals):
    url = reverse("admin:activities_activity_decide", args=[proposals["women"].pk, "withdrawn"])
    assert moderator_client.get(url).status_code == 404


def test_the_private_link_can_be_emailed_again(
    moderator_client, proposals, django_capture_on_commit_callbacks
):
    women = proposals["women"]
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            CHANGELIST, {"action": "email_private_link", "_selected_action": [women.pk]}
        )
    (email,) = mail.outbox
    assert email.to == [women.email]
    assert email.subject == "Your private link for proposal ISF5-0002"
    assert f"https://isf.test/en/propose/status/{women.private_token}/" in email.body
