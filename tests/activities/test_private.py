"""The organizer's private pages: status, edit and withdraw, reached only
through the unguessable link in their email."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from activities import services
from activities.models import Activity
from tests.activities.proposal_helpers import proposal_data
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    ProgrammeModeratorFactory,
    SpaceFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_proposal(season):
    masar = MasarFactory(season=season, name_ar="البيئة والمياه", name_en="Environment and water")
    return ActivityFactory(
        season=season,
        title_ar="ورشة المياه",
        title_en="",
        summary_ar="ملخص بالعربية.",
        summary_en="",
        description_ar="وصف بالعربية.",
        description_en="",
        organization_ar="جمعية الأمل",
        organization_en="",
        submitted_language="ar",
        contact_language="ar",
        internal_notes="سرّي: لا تعرضه على الجهة المنظمة",
        preferred_days=["2026-11-23"],
        masarat=[masar],
    )


def status_url(activity, lang="ar"):
    return f"/{lang}/propose/status/{activity.private_token}/"


def test_the_private_token_has_at_least_128_bits_and_each_proposal_its_own(season):
    first, second = ActivityFactory(season=season), ActivityFactory(season=season)
    # URL-safe base64: six bits a character.
    assert len(first.private_token) * 6 >= 128
    assert first.private_token != second.private_token


def test_an_unknown_token_is_not_found(client, season):
    assert client.get("/ar/propose/status/not-a-real-token/").status_code == 404


def test_the_status_page_shows_the_proposal_and_its_status_in_arabic(client, arabic_proposal):
    response = client.get(status_url(arabic_proposal))
    page = response.content.decode()
    assert '<h1 lang="ar" dir="rtl">ورشة المياه</h1>' in page
    assert "ISF5-0001" in page
    assert '<span class="status-badge status-submitted">' in page
    assert "وصلنا مقترحكم. سيراجعه مشرفو البرنامج قريباً" in page
    assert "البيئة والمياه" in page
    assert "الاثنين 23 تشرين الثاني" in page
    assert "عدّلوا مقترحكم" in page and "اسحبوا مقترحكم" in page
    assert "سرّي" not in page  # internal notes are for staff only


def test_the_status_page_in_english_marks_the_arabic_text_as_arabic(client, arabic_proposal):
    page = client.get(status_url(arabic_proposal, "en")).content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert '<h1 lang="ar" dir="rtl">ورشة المياه</h1>' in page
    assert "We received your proposal." in page
    assert "Edit your proposal" in page


def test_private_pages_are_never_cached_nor_indexed(client, arabic_proposal):
    for url in [
        status_url(arabic_proposal),
        f"/ar/propose/thanks/{arabic_proposal.private_token}/",
        f"/ar/propose/status/{arabic_proposal.private_token}/edit/",
    ]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_moderators_message_and_decision_show_on_the_status_page(client, arabic_proposal):
    moderator = ProgrammeModeratorFactory()
    services.request_changes(arabic_proposal, by=moderator, message="يرجى توضيح عدد المتحدثين.")
    page = client.get(status_url(arabic_proposal)).content.decode()
    assert "مطلوب تعديلات" in page
    assert "رسالة من المشرفين" in page
    assert "يرجى توضيح عدد المتحدثين." in page
    # The history shows what happened, not who did it.
    assert moderator.username not in page


def test_an_accepted_activity_not_yet_scheduled_says_its_slot_will_come(client, arabic_proposal):
    services.accept_activity(arabic_proposal, by=None)
    page = client.get(status_url(arabic_proposal, "en")).content.decode()
    assert "Your activity is accepted into the programme" in page
    assert "will appear here once the programme is scheduled" in page
    assert "Edit your proposal" not in page
    assert "Withdraw your proposal" in page


def test_an_accepted_and_scheduled_activity_shows_day_time_and_place(client, arabic_proposal):
    space = SpaceFactory(venue=VenueFactory(season=arabic_proposal.season), name_ar="القاعة الكبرى")
    services.accept_activity(arabic_proposal, by=None)
    start = timezone.make_aware(dt.datetime(2026, 11, 23, 10, 0))
    services.schedule_activity(
        arabic_proposal,
        space=space,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
    )
    page = client.get(status_url(arabic_proposal)).content.decode()
    assert "اليوم والوقت والمكان" in page
    assert "الاثنين 23 تشرين الثاني 2026" in page
    assert ">10:00</time> – <time" in page and ">11:30</time>" in page
    assert "القاعة الكبرى" in page
    assert "أكاديمية بغداد للعلوم الإنسانية" in page


def edit_data(activity, **overrides):
    data = proposal_data(activity.season, activity.masarat.all(), **overrides)
    for name in ("submission_key", "accepts_principles", "accepts_publication"):
        data.pop(name)
    return data


def test_the_edit_form_shows_what_was_sent(client, arabic_proposal):
    page = client.get(f"{status_url(arabic_proposal)}edit/").content.decode()
    assert 'value="ورشة المياه"' in page
    assert "accepts_principles" not in page  # consent was given once


def test_editing_an_arabic_proposal_from_the_english_page_edits_the_arabic_text(
    client, arabic_proposal
):
    page = client.get(f"{status_url(arabic_proposal, 'en')}edit/").content.decode()
    assert "You wrote your proposal in Arabic: edit its text in Arabic." in page
    assert 'lang="ar" dir="rtl"' in page
    response = client.post(
        f"{status_url(arabic_proposal, 'en')}edit/",
        edit_data(arabic_proposal, title="ورشة المياه النظيفة", phone="0790 000 1111"),
    )
    assert response.status_code == 302
    assert response["Location"] == status_url(arabic_proposal, "en")
    arabic_proposal.refresh_from_db()
    assert arabic_proposal.title_ar == "ورشة المياه النظيفة"
    assert arabic_proposal.title_en == ""
    assert arabic_proposal.phone == "+9647900001111"
    assert arabic_proposal.status == Activity.Status.SUBMITTED
    assert "Your changes are saved." in client.get(response["Location"]).content.decode()


def test_an_edit_keeps_the_moderators_translation_and_notes(client, arabic_proposal):
    arabic_proposal.title_en = "Water workshop"
    arabic_proposal.save()
    client.post(f"{status_url(arabic_proposal)}edit/", edit_data(arabic_proposal, title="جديد"))
    arabic_proposal.refresh_from_db()
    assert arabic_proposal.title_ar == "جديد"
    assert arabic_proposal.title_en == "Water workshop"
    assert arabic_proposal.internal_notes.startswith("سرّي")


def test_editing_after_changes_were_requested_sends_it_back_as_resubmitted(
    client, arabic_proposal, settings, django_capture_on_commit_callbacks
):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org"]
    services.request_changes(arabic_proposal, by=None, message="أضيفوا المتحدثين.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{status_url(arabic_proposal)}edit/", edit_data(arabic_proposal, title="مع المتحدثين")
        )
    arabic_proposal.refresh_from_db()
    assert arabic_proposal.status == Activity.Status.RESUBMITTED
    assert [(c.from_status, c.to_status) for c in arabic_proposal.status_changes.all()] == [
        ("submitted", "changes_requested"),
        ("changes_requested", "resubmitted"),
    ]
    notice = mail.outbox[-1]
    assert notice.to == ["programme@example.org"]
    assert notice.subject == "عُدّل المقترح ISF5-0001 وأُعيد للمراجعة"
    page = client.get(response["Location"]).content.decode()
    assert "حُفظت تعديلاتكم وأُعيد المقترح إلى المشرفين." in page


def test_bad_input_on_the_edit_form_is_explained_and_nothing_changes(client, arabic_proposal):
    response = client.post(
        f"{status_url(arabic_proposal)}edit/", edit_data(arabic_proposal, title="", email="x")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "يُرجى تصحيح ما هو مُشار إليه أدناه" in page
    arabic_proposal.refresh_from_db()
    assert arabic_proposal.title_ar == "ورشة المياه"


def test_an_accepted_proposal_can_no_longer_be_edited(client, arabic_proposal):
    services.accept_activity(arabic_proposal, by=None)
    response = client.post(
        f"{status_url(arabic_proposal)}edit/", edit_data(arabic_proposal, title="تغيير متأخر")
    )
    assert response.status_code == 302
    arabic_proposal.refresh_from_db()
    assert arabic_proposal.title_ar == "ورشة المياه"
    page = client.get(response["Location"]).content.decode()
    assert "لم يعد ممكناً تعديل مقترحكم: حالته الآن «مقبول»." in page


def test_the_organizer_withdraws_and_the_moderators_hear_of_it(
    client, arabic_proposal, settings, django_capture_on_commit_callbacks
):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org"]
    confirm = client.get(f"{status_url(arabic_proposal)}withdraw/").content.decode()
    assert "هل تسحبون مقترحكم؟" in confirm
    assert Activity.objects.get().status == Activity.Status.SUBMITTED  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{status_url(arabic_proposal)}withdraw/")
    arabic_proposal.refresh_from_db()
    assert arabic_proposal.status == Activity.Status.WITHDRAWN
    assert mail.outbox[-1].subject == "سحبت الجهة المنظمة المقترح ISF5-0001"
    page = client.get(response["Location"]).content.decode()
    assert "سُحب مقترحكم. شكراً لإبلاغنا." in page
    assert "عدّلوا مقترحكم" not in page and "اسحبوا مقترحكم" not in page
    # Withdrawing again is harmless.
    client.post(f"{status_url(arabic_proposal)}withdraw/")
    assert arabic_proposal.status_changes.filter(to_status="withdrawn").count() == 1


def test_the_thank_you_page_of_an_english_proposal(client, season):
    activity = ActivityFactory(season=season, submitted_language="en", contact_language="en")
    page = client.get(f"/en/propose/thanks/{activity.private_token}/").content.decode()
    assert "Thank you: your proposal is received" in page
    assert activity.reference in page
    assert f"https://isf.test/en/propose/status/{activity.private_token}/" in page
