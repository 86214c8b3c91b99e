"""Decisions with a message in each language: each organizer receives the one
in their language of contact; a language a chosen organizer reads cannot be
left without its message once one is written; message templates fill both."""

import pytest
from django.core import mail
from django.test import Client

from activities.models import Activity
from reviews.models import MessageTemplate
from tests.factories import ActivityFactory, ProgrammeModeratorFactory, log_in_verified

pytestmark = pytest.mark.django_db

CHANGELIST = "/{language}/admin/activities/activity/"


@pytest.fixture
def moderator_client():
    client = Client()
    log_in_verified(client, ProgrammeModeratorFactory())
    return client


@pytest.fixture
def organizers(season):
    return {
        "ar": ActivityFactory(season=season, contact_language="ar", email="arabic@example.org"),
        "en": ActivityFactory(season=season, contact_language="en", email="english@example.org"),
    }


@pytest.fixture
def welcome():
    return MessageTemplate.objects.create(
        name="Welcome",
        decision=Activity.Status.ACCEPTED,
        text_ar="مرحباً بكم في برنامج الموسم.",
        text_en="Welcome to the season's programme.",
    )


def decide(client, activities, data, language="en", action="accept_selected"):
    return client.post(
        CHANGELIST.format(language=language),
        {"action": action, "_selected_action": [a.pk for a in activities], **data},
    )


def test_one_arabic_and_one_english_organizer_each_get_their_language(
    moderator_client, organizers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            moderator_client,
            organizers.values(),
            {"confirm": "yes", "message_ar": "نص عربي للقبول.", "message_en": "English text."},
        )
    assert response.status_code == 302
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "نص عربي للقبول." in by_address["arabic@example.org"]
    assert "English text." not in by_address["arabic@example.org"]
    assert "English text." in by_address["english@example.org"]
    assert "نص عربي للقبول." not in by_address["english@example.org"]
    stored = dict(Activity.objects.values_list("contact_language", "moderator_message"))
    assert stored == {"ar": "نص عربي للقبول.", "en": "English text."}


def test_organizers_of_one_language_need_only_that_message(
    moderator_client, organizers, season, django_capture_on_commit_callbacks
):
    second_english = ActivityFactory(season=season, contact_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            moderator_client,
            [organizers["en"], second_english],
            {"confirm": "yes", "message_ar": "", "message_en": "See you in Baghdad."},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert all("See you in Baghdad." in m.body for m in mail.outbox)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "1 of the chosen organizers reads Arabic: write the message in Arabic too, "
            "or leave both messages empty.",
        ),
        ("ar", "لغة التواصل لدى 1 من الجهات المنظمة المختارة هي العربية"),
    ],
)
def test_a_missing_message_for_a_chosen_organizers_language_is_said_clearly(
    moderator_client, organizers, language, expected
):
    response = decide(
        moderator_client,
        organizers.values(),
        {"confirm": "yes", "message_ar": "", "message_en": "Only English."},
        language=language,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page
    # What was typed is kept.
    assert "Only English." in page
    assert not Activity.objects.filter(status=Activity.Status.ACCEPTED).exists()
    assert mail.outbox == []


def test_no_message_at_all_is_still_allowed(moderator_client, organizers):
    response = decide(
        moderator_client,
        organizers.values(),
        {"confirm": "yes", "message_ar": "", "message_en": ""},
    )
    assert response.status_code == 302
    assert Activity.objects.filter(status=Activity.Status.ACCEPTED).count() == 2


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_decision_page_offers_the_templates_of_its_decision(
    moderator_client, organizers, welcome, language
):
    MessageTemplate.objects.create(
        name="Sorry", decision=Activity.Status.DECLINED, text_ar="نأسف.", text_en="Sorry."
    )
    page = decide(moderator_client, organizers.values(), {}, language=language).content.decode()
    assert f'<option value="{welcome.pk}">Welcome</option>' in page
    assert "Sorry" not in page
    # For the small script that fills both boxes (no inline script: a data block).
    assert 'id="message-templates" type="application/json"' in page
    assert "decision-templates.js" in page
    assert 'name="message_ar"' in page and 'name="message_en"' in page
    label = {"ar": "الرسالة بالعربية", "en": "Message in Arabic"}[language]
    assert label in page


def test_without_javascript_a_template_is_chosen_through_the_server(
    moderator_client, organizers, welcome
):
    response = decide(
        moderator_client,
        organizers.values(),
        {"confirm": "yes", "use_template": "1", "template": str(welcome.pk), "message_en": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "مرحباً بكم في برنامج الموسم." in page
    assert "Welcome to the season&#x27;s programme." in page
    assert not Activity.objects.filter(status=Activity.Status.ACCEPTED).exists()


def test_the_script_that_fills_the_boxes_is_served(client):
    from django.contrib.staticfiles import finders

    assert finders.find("js/decision-templates.js")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_moderators_keep_message_templates(moderator_client, language):
    add = f"/{language}/admin/reviews/messagetemplate/add/"
    assert moderator_client.get(add).status_code == 200
    response = moderator_client.post(
        add,
        {
            "name": "Changes: speakers",
            "decision": "changes_requested",
            "text_ar": "يرجى ذكر أسماء المتحدثين.",
            "text_en": "Please name the speakers.",
        },
    )
    assert response.status_code == 302
    listing = moderator_client.get(f"/{language}/admin/reviews/messagetemplate/")
    assert "Changes: speakers" in listing.content.decode()
