"""The organizer's form at /<lang>/propose/: what is saved, what is shown,
what is emailed, and what a bot, a flood, a double click or a closed call get."""

import datetime as dt
import re
import uuid

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from activities.models import Activity, ActivityStatusChange
from forum.models import OutgoingEmail
from tests.activities.proposal_helpers import arabic_day_label, proposal_data, season_ahead
from tests.factories import MasarFactory, SeasonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(db):
    """The call for activities is open and the season's days are ahead."""
    return season_ahead()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def masarat(season):
    return [MasarFactory(season=season, name_ar="البيئة والمياه", name_en="Environment and water")]


def post(client, season, paths, lang="ar", **overrides):
    return client.post(f"/{lang}/propose/", proposal_data(season, paths, **overrides))


def test_arabic_form_page_has_its_sections_and_the_seasons_masarat(client, season, masarat):
    MasarFactory(season=SeasonFactory(number=4, is_current=False), name_ar="مسار موسم سابق")
    page = client.get("/ar/propose/").content.decode()
    for heading in ["جهتكم", "الشخص المسؤول عن التواصل", "نشاطكم", "الوقت والمكان والاحتياجات"]:
        assert f"<legend>{heading}</legend>" in page
    assert "البيئة والمياه" in page
    assert "مسار موسم سابق" not in page
    assert 'name="extra_comment"' in page and 'name="submission_key"' in page
    # The season's days, with Iraqi month names.
    assert arabic_day_label(season.start_date) in page
    assert arabic_day_label(season.end_date) in page


def test_english_form_page_speaks_english(client, season, masarat):
    page = client.get("/en/propose/").content.decode()
    assert "<legend>Your organization</legend>" in page
    assert "Environment and water" in page
    assert "Write your proposal in English, the language of this page." in page


def test_an_arabic_proposal_is_stored_in_the_arabic_fields(client, season, masarat):
    response = post(client, season, masarat)
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ar/propose/thanks/{activity.private_token}/"
    assert activity.title_ar == "ورشة عن حق الوصول إلى المياه"
    assert activity.title_en in ("", None)
    assert activity.organization_ar == "جمعية الأمل للتنمية"
    assert activity.submitted_language == "ar"
    assert activity.contact_language == "ar"
    assert activity.phone == "+9647701234567"
    assert activity.season == season
    assert list(activity.masarat.all()) == masarat
    assert activity.preferred_days == [season.start_date.isoformat()]
    assert activity.languages == ["ar"]
    assert activity.status == Activity.Status.SUBMITTED
    assert activity.accepts_principles and activity.accepts_publication
    change = ActivityStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.by) == ("", "submitted", None)


def test_an_english_proposal_is_stored_in_the_english_fields(client, season, masarat):
    post(
        client, season, masarat, lang="en", title="Water rights workshop", phone="+964 770 123 4567"
    )
    activity = Activity.objects.get()
    assert activity.title_en == "Water rights workshop"
    assert activity.title_ar in ("", None)
    assert activity.submitted_language == activity.contact_language == "en"


@pytest.mark.parametrize(
    "typed",
    ["07701234567", "0770 123 4567", "+964 770 123 4567", "٠٧٧٠١٢٣٤٥٦٧", "00964-770-123-4567"],
)
def test_iraqi_phone_numbers_are_accepted_as_typed_and_stored_in_e164(
    client, season, masarat, typed
):
    post(client, season, masarat, phone=typed)
    assert Activity.objects.get().phone == "+9647701234567"


def test_participants_typed_in_arabic_indic_digits_are_understood(client, season, masarat):
    post(client, season, masarat, expected_participants="٤٥")
    assert Activity.objects.get().expected_participants == 45


def test_the_thank_you_page_shows_the_reference_and_the_private_link(client, season, masarat):
    response = post(client, season, masarat)
    page = client.get(response["Location"]).content.decode()
    activity = Activity.objects.get()
    assert activity.reference == "ISF5-0001"
    assert '<span class="reference">ISF5-0001</span>' in page
    assert f"https://isf.test/ar/propose/status/{activity.private_token}/" in page
    assert "zainab@example.org" in page


def test_references_follow_each_other(client, season, masarat):
    post(client, season, masarat)
    post(client, season, masarat)
    assert [a.reference for a in Activity.objects.order_by("number")] == ["ISF5-0001", "ISF5-0002"]


def test_organizer_gets_an_email_in_arabic_with_reference_summary_and_a_working_private_link(
    client, season, masarat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, season, masarat)
    activity = Activity.objects.get()
    organizer = next(m for m in mail.outbox if m.to == ["zainab@example.org"])
    assert organizer.subject == "وصلنا مقترحكم ISF5-0001"
    assert "ورشة عن حق الوصول إلى المياه" in organizer.body
    assert "البيئة والمياه" in organizer.body
    assert "ورشة عمل" in organizer.body  # the format, in Arabic
    link = re.search(r"https://isf.test\S+", organizer.body)[0]
    assert link == f"https://isf.test/ar/propose/status/{activity.private_token}/"
    html, _mimetype = organizer.alternatives[0]
    assert 'dir="rtl"' in html and link in html
    status_page = client.get(link.removeprefix("https://isf.test")).content.decode()
    assert "ورشة عن حق الوصول إلى المياه" in status_page


def test_an_english_organizer_gets_the_email_in_english(
    client, season, masarat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, season, masarat, lang="en", title="Water rights workshop")
    organizer = next(m for m in mail.outbox if m.to == ["zainab@example.org"])
    assert organizer.subject == "Your proposal ISF5-0001 is received"
    assert "/en/propose/status/" in organizer.body
    assert "Environment and water" in organizer.body


def test_moderators_are_notified_of_a_new_proposal(
    client, season, masarat, settings, django_capture_on_commit_callbacks
):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org", "chair@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        post(client, season, masarat)
    activity = Activity.objects.get()
    notice = next(m for m in mail.outbox if "programme@example.org" in m.to)
    assert notice.to == ["programme@example.org", "chair@example.org"]
    assert notice.subject == "مقترح جديد ISF5-0001: ورشة عن حق الوصول إلى المياه"
    assert f"https://isf.test/ar/admin/activities/activity/{activity.pk}/change/" in notice.body


def test_english_speaking_moderators_can_have_their_notices_in_english(
    client, season, masarat, settings, django_capture_on_commit_callbacks
):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org"]
    settings.STAFF_EMAIL_LANGUAGE = "en"
    with django_capture_on_commit_callbacks(execute=True):
        post(client, season, masarat)
    activity = Activity.objects.get()
    notice = next(m for m in mail.outbox if "programme@example.org" in m.to)
    assert notice.subject.startswith("New proposal ISF5-0001")
    assert f"https://isf.test/en/admin/activities/activity/{activity.pk}/change/" in notice.body


def test_bad_input_gets_messages_by_the_fields_and_a_summary_and_keeps_what_was_typed(
    client, season, masarat
):
    response = post(
        client,
        season,
        masarat,
        phone="12",
        email="not-an-email",
        masarat=[],
        accepts_principles=None,
        summary="س" * 301,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert Activity.objects.count() == 0
    summary = page[
        page.index('id="error-summary"') : page.index("</div>", page.index('id="error-summary"'))
    ]
    assert 'href="#id_email"' in summary
    assert 'href="#id_phone"' in summary
    assert 'href="#id_masarat_0"' in summary
    assert 'href="#id_accepts_principles"' in summary
    assert 'href="#id_summary"' in summary
    # Order follows the page: contact details, then the activity, then consent.
    assert (
        summary.index("#id_email")
        < summary.index("#id_summary")
        < summary.index("#id_masarat_0")
        < summary.index("#id_accepts_principles")
    )
    assert "اختاروا مساراً واحداً على الأقل." in page
    assert "للمشاركة، يُرجى الموافقة على مبادئ المنتدى." in page
    assert "رقم الهاتف هذا غير صحيح." in page
    assert "أدخِل عنوان بريد إلكتروني صحيح." in page
    # What was typed is still there.
    assert 'value="جمعية الأمل للتنمية"' in page
    assert 'value="not-an-email"' in page
    assert 'value="12"' in page
    assert "ورشة عن حق الوصول إلى المياه" in page


def test_bad_input_on_the_english_page_is_explained_in_english(client, season, masarat):
    page = post(client, season, masarat, lang="en", languages=[], title="").content.decode()
    assert "Please correct what is marked below" in page
    assert "Choose at least one language." in page
    assert "This field is required." in page


def test_a_masar_of_another_season_is_refused(client, season, masarat):
    other = MasarFactory(season=SeasonFactory(number=4, is_current=False))
    response = post(client, season, [other])
    assert response.status_code == 200
    assert Activity.objects.count() == 0


def test_the_honeypot_is_out_of_reach_of_people_keyboards_and_screen_readers(
    client, season, masarat
):
    page = client.get("/en/propose/").content.decode()
    wrapper = re.search(r"<div[^>]*hp-field[^>]*>", page).group(0)
    # `hidden`: not shown, not focusable, not read, not autofilled, even without CSS.
    assert " hidden" in wrapper and " inert" in wrapper and 'aria-hidden="true"' in wrapper
    field = re.search(r'<input[^>]*name="extra_comment"[^>]*>', page).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field


@pytest.mark.parametrize(
    ("lang", "thanks"),
    [("ar", "شكراً لكم: وصلنا مقترحكم"), ("en", "Thank you: your proposal is received")],
)
def test_a_filled_honeypot_keeps_the_proposal_as_suspected_spam_and_says_thank_you(
    client, season, masarat, lang, thanks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, season, masarat, lang=lang, extra_comment="+1 555 0100")
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/propose/thanks/{activity.private_token}/"
    assert thanks in client.get(response["Location"]).content.decode()
    assert activity.suspected_spam is True
    assert activity.status == Activity.Status.SUBMITTED
    assert activity.submitted_language == lang
    # Held back: neither the organizer nor the moderators are emailed.
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_a_form_shown_again_never_sends_the_honeypot_back_nor_blames_it(client, season, masarat):
    response = post(client, season, masarat, lang="en", title="", extra_comment="autofilled")
    page = response.content.decode()
    assert response.status_code == 200
    assert "autofilled" not in page
    assert "Leave this field empty" not in response.context["form"].errors.as_text()
    assert "#id_extra_comment" not in page
    assert Activity.objects.count() == 0


def test_a_double_click_makes_one_proposal(
    client, season, masarat, django_capture_on_commit_callbacks
):
    data = proposal_data(season, masarat)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/ar/propose/", data)
        second = client.post("/ar/propose/", data)
    assert Activity.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert len([m for m in mail.outbox if m.to == ["zainab@example.org"]]) == 1


@pytest.fixture
def clock(monkeypatch):
    """25 minutes past the hour: the rate limit's window ends in 35 minutes."""
    from forum import antispam

    monkeypatch.setattr(antispam, "clock", lambda: 1_800_000_000 // 3600 * 3600 + 25 * 60)


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        (
            "ar",
            "وصلتنا مقترحات كثيرة من اتصالكم خلال وقت قصير. أعيدوا الإرسال بعد 35 دقيقة؛ "
            "كل ما كتبتموه محفوظ أدناه.",
        ),
        (
            "en",
            "We received many proposals from your connection in a short time. Please send "
            "again in 35 minutes; everything you typed is kept below.",
        ),
    ],
)
def test_a_flood_from_one_email_is_answered_once_with_when_to_send_again(
    client, season, masarat, clock, lang, refusal
):
    for _number in range(5):
        data = proposal_data(season, masarat, submission_key=str(uuid.uuid4()))
        assert client.post(f"/{lang}/propose/", data).status_code == 302
    response = post(
        client, season, masarat, lang=lang, title="السادس", submission_key=str(uuid.uuid4())
    )
    page = response.content.decode()
    assert response.status_code == 429
    assert Activity.objects.count() == 5
    assert 'value="السادس"' in page  # what was typed is kept
    assert 'value="zainab@example.org"' in page
    # Said once, on its own: no field is wrong.
    assert page.count(refusal) == 1
    assert "error-summary" not in page
    assert response.context["form"].errors == {}
    # The same office's other organizations are not held back, nor another address.
    other_org = proposal_data(season, masarat, email="tigris@example.org")
    assert client.post(f"/{lang}/propose/", other_org).status_code == 302
    other = client.post("/ar/propose/", proposal_data(season, masarat), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_one_shared_address_has_a_much_higher_ceiling_of_its_own(rf, clock):
    """Sixty proposals an hour from one address, whatever their emails; then it stops."""
    from activities.views.propose import ProposeView
    from forum.antispam import rate_limit_refusal

    def send(n):
        request = rf.post("/ar/propose/", REMOTE_ADDR="10.0.0.7")
        return rate_limit_refusal(
            request, "propose", ProposeView.rate_limits, email=f"org{n}@example.org"
        )

    assert [send(n) for n in range(60)] == [None] * 60
    assert send(60) == 35 * 60


def test_before_the_window_opens_the_page_says_when(client, masarat):
    season = masarat[0].season
    season.proposals_open = timezone.make_aware(dt.datetime(2030, 9, 1, 9, 0))
    season.proposals_close = timezone.make_aware(dt.datetime(2030, 11, 1, 9, 0))
    season.save()
    arabic = client.get("/ar/propose/").content.decode()
    english = client.get("/en/propose/").content.decode()
    assert "تُفتح الدعوة لتقديم الأنشطة في 1 أيلول 2030." in arabic
    assert "The call for activities opens on 1 September 2030." in english
    assert 'name="title"' not in english


def test_after_the_window_closes_the_page_says_so_and_a_late_post_saves_nothing(client, masarat):
    season = masarat[0].season
    season.proposals_open = timezone.now() - dt.timedelta(days=30)
    season.proposals_close = timezone.now() - dt.timedelta(days=1)
    season.save()
    page = client.get("/en/propose/").content.decode()
    assert "The call for activities closed on" in page
    late = post(client, season, masarat, lang="en", title="Late but typed with care")
    assert late.status_code == 200
    assert Activity.objects.count() == 0
    late_page = late.content.decode()
    assert "Proposals can no longer be sent." in late_page
    assert 'value="Late but typed with care"' in late_page
    assert '<button type="submit"' not in late_page


def test_without_a_current_season_the_page_is_not_found(client, db):
    assert client.get("/ar/propose/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_while_proposing_the_proposal_is_saved_and_confirmed_on_screen(
    client, settings
):
    from tests.forum.test_mail import free_port

    season = season_ahead()
    masarat = [MasarFactory(season=season)]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 2
    response = post(client, season, masarat)
    assert response.status_code == 302
    activity = Activity.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "ISF5-0001" in page
    # Both emails wait in the outbox for the mail server to come back.
    waiting = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING)
    assert sorted(len(email.to) for email in waiting) == [1, 1]
    assert {email.to[0] for email in waiting} == {
        activity.email,
        settings.PROGRAMME_NOTIFY_EMAILS[0],
    }
    assert all(email.attempts == 1 for email in waiting)
