"""The public sign-up form: what a volunteer sees, what is saved, what is emailed."""

import datetime as dt
import re
import uuid

import pytest
from django.core import mail
from django.utils import timezone

from forum.models import OutgoingEmail
from tests.factories import SeasonFactory, TeamFactory, VolunteerFactory
from tests.volunteers.data import signup_data
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def private_link_in(email):
    return re.search(r"https?://\S+/volunteer/me/[\w-]+/", email.body).group(0)


def emails_to(address):
    """What was queued for one address (forum.mail sends it after the commit)."""
    return list(OutgoingEmail.objects.filter(to=[address]).order_by("created_at", "pk"))


def post(client, data, lang="ar"):
    return client.post(f"/{lang}/volunteer/", data)


@pytest.mark.parametrize(
    ("lang", "heading", "grid_header"),
    [("ar", "تطوّع معنا", "صباحاً"), ("en", "Volunteer with us", "Morning")],
)
def test_signup_page_shows_the_form_in_the_page_language(client, teams, lang, heading, grid_header):
    page = client.get(f"/{lang}/volunteer/").content.decode()
    assert f"<h1>{heading}</h1>" in page
    # The availability grid: a table with a header per part of the day and a
    # row per day of the season, each box labelled for screen readers.
    assert f'<th scope="col">{grid_header}</th>' in page
    assert page.count('name="availability"') == 9 * 3
    assert 'id="id_availability_0"' in page
    assert "الإعلام" in page if lang == "ar" else "Media" in page
    assert f'href="/{lang}/privacy/"' in page


def test_a_valid_sign_up_is_saved_with_its_wishes_and_e164_phone(client, teams):
    response = post(client, signup_data(teams))
    assert response.status_code == 302
    assert response["Location"] == "/ar/volunteer/thanks/"
    volunteer = Volunteer.objects.get()
    assert volunteer.full_name == "Zainab Hasan"
    assert volunteer.phone == "+9647701234567"
    assert volunteer.status == Volunteer.Status.APPLIED
    assert volunteer.language == "ar"
    assert volunteer.availability == [
        "2026-11-22.morning",
        "2026-11-22.evening",
        "2026-11-24.afternoon",
    ]
    assert volunteer.ranked_wishes() == [teams["media"], teams["logistics"]]
    assert len(volunteer.private_token) >= 43  # 32 random bytes, URL-safe


def test_arabic_indic_digits_in_the_phone_are_understood(client, teams):
    post(client, signup_data(teams, phone="٠٧٧٠ ١٢٣ ٤٥٦٧"))
    assert Volunteer.objects.get().phone == "+9647701234567"


@pytest.mark.parametrize(
    ("lang", "subject", "words"),
    [
        ("ar", "شكراً لتسجيلك", "رابطك الخاص"),
        ("en", "Thank you for signing up to volunteer", "Your private link"),
    ],
)
def test_the_volunteer_gets_an_email_in_their_language_with_the_private_link(
    client, teams, lang, subject, words
):
    post(client, signup_data(teams), lang=lang)
    volunteer = Volunteer.objects.get()
    (message,) = emails_to("zainab@example.org")
    assert subject in message.subject
    assert words in message.body
    assert message.language == lang
    link = private_link_in(message)
    assert link.endswith(f"/{lang}/volunteer/me/{volunteer.private_token}/")
    # The coordinators hear of it too, at their own address.
    assert OutgoingEmail.objects.exclude(to=["zainab@example.org"]).get().to == [
        "volunteers@iraqsocialforum.org"
    ]


def test_thank_you_page_names_the_address_and_shows_no_link(client, teams):
    response = post(client, signup_data(teams), lang="en")
    page = client.get(response["Location"]).content.decode()
    assert "zainab@example.org" in page
    assert "/volunteer/me/" not in page


def test_the_same_form_sent_twice_makes_one_volunteer_and_one_email(client, teams):
    post(client, signup_data(teams))
    post(client, signup_data(teams))
    assert Volunteer.objects.count() == 1
    assert len(emails_to("zainab@example.org")) == 1


def test_the_same_email_twice_in_a_season_makes_no_second_volunteer_and_resends_the_link(
    client, teams
):
    first = VolunteerFactory(
        season=teams["media"].season, email="Zainab@Example.org", language="en"
    )
    response = post(
        client,
        signup_data(teams, email="zainab@example.org", full_name="Someone Else"),
        lang="ar",
    )
    assert response.status_code == 302
    assert Volunteer.objects.count() == 1
    first.refresh_from_db()
    assert first.full_name != "Someone Else"  # nothing typed the second time is applied
    # The link goes to the address that signed up, and only to it.
    (message,) = OutgoingEmail.objects.all()
    assert message.to == ["Zainab@Example.org"]
    assert message.language == "en"
    assert private_link_in(message).endswith(f"/en/volunteer/me/{first.private_token}/")
    assert "already signed up" in message.body


def test_a_repeated_sign_up_page_looks_the_same_as_a_new_one(client, teams):
    """Whoever types an address learns nothing about whether it volunteers."""
    post(client, signup_data(teams, email="new@example.org", submission_key=str(uuid.uuid4())))
    new_page = client.get("/en/volunteer/thanks/").content.decode()
    post(client, signup_data(teams, email="new@example.org", submission_key=str(uuid.uuid4())))
    repeated_page = client.get("/en/volunteer/thanks/").content.decode()
    assert new_page == repeated_page


def test_many_repeated_sign_ups_send_the_link_once_in_ten_minutes(client, teams):
    VolunteerFactory(season=teams["media"].season, email="zainab@example.org")
    for _ in range(3):
        post(client, signup_data(teams, submission_key=str(uuid.uuid4())))
    assert len(emails_to("zainab@example.org")) == 1


def test_the_same_email_in_another_season_is_a_new_volunteer(client, teams):
    old_season = SeasonFactory(number=4, is_current=False)
    VolunteerFactory(season=old_season, email="zainab@example.org")
    post(client, signup_data(teams))
    assert Volunteer.objects.filter(season=teams["media"].season).count() == 1


@pytest.mark.parametrize(
    ("lang", "changes", "field", "message"),
    [
        ("en", {"full_name": ""}, "full_name", "This field is required."),
        ("ar", {"full_name": ""}, "full_name", "هذا الحقل مطلوب."),
        ("en", {"phone": "12"}, "phone", "This phone number is not valid."),
        ("en", {"email": "not-an-email"}, "email", "Enter a valid email address."),
        ("en", {"availability": []}, "availability", "Tick at least one morning"),
        ("ar", {"availability": []}, "availability", "ضع علامة على صباح أو ظهيرة أو مساء"),
        ("en", {"languages": []}, "languages", "Tick at least one language you speak."),
        ("en", {"consents_to_data_use": None}, "consents_to_data_use", "without it we cannot"),
        (
            "en",
            {"age_group": "16-17"},
            "guardian_consent",
            "Volunteers aged 16 or 17 need a parent's or guardian's agreement.",
        ),
        (
            "ar",
            {"age_group": "16-17"},
            "guardian_consent",
            "يحتاج المتطوعون في عمر 16 أو 17 سنة إلى موافقة أحد الوالدين أو الوليّ.",
        ),
    ],
)
def test_bad_input_gets_a_message_by_the_field_and_in_the_summary_in_the_page_language(
    client, teams, lang, changes, field, message
):
    response = post(client, signup_data(teams, **changes), lang=lang)
    assert response.status_code == 200
    assert Volunteer.objects.count() == 0
    page = response.content.decode()
    assert message in " ".join(response.context["form"].errors[field])
    assert 'class="alert alert-danger error-summary"' in page
    assert f'href="#div_id_{field}"' in page
    # Nothing typed is lost.
    if field != "full_name":
        assert 'value="Zainab Hasan"' in page
    assert (
        'value="2026-11-22.morning" class="form-check-input" id="id_availability_0" checked'
        in (page)
        or field == "availability"
    )


def test_a_16_year_old_with_a_guardians_agreement_can_sign_up(client, teams):
    post(client, signup_data(teams, age_group="16-17", guardian_consent="on"))
    assert Volunteer.objects.get().guardian_consent is True


def test_the_same_team_twice_in_the_wishes_is_refused(client, teams):
    response = post(client, signup_data(teams, wish_2=teams["media"].pk), lang="en")
    assert "You chose this team already" in str(response.context["form"].errors["wish_2"])


def test_a_team_needing_a_skill_the_volunteer_lacks_is_refused_with_the_way_out(client, teams):
    data = signup_data(teams, wish_1=teams["interpretation"].pk)
    response = post(client, data, lang="en")
    assert "This team needs one of these skills: Interpretation or translation" in str(
        response.context["form"].errors["wish_1"]
    )
    post(client, {**data, "skills": ["interpretation"]}, lang="en")
    assert Volunteer.objects.get().ranked_wishes()[0] == teams["interpretation"]


@pytest.mark.parametrize(
    ("lang", "each_once", "skill_rule", "option"),
    [
        (
            "ar",
            "كل فريق مرة واحدة",
            "اختر مهاراتك تحت «المهارات» في الأعلى",
            "الترجمة الفورية (يتطلب: الترجمة الفورية أو التحريرية)",
        ),
        (
            "en",
            "each team once",
            "tick yours under “Skills” above",
            "Interpretation (needs: Interpretation or translation)",
        ),
    ],
)
def test_the_wish_rules_are_said_beside_the_wishes_before_sending(
    client, teams, lang, each_once, skill_rule, option
):
    page = client.get(f"/{lang}/volunteer/").content.decode()
    help_start = page.index('id="id_wish_1_helptext"')
    help_text = page[help_start : page.index("</div>", help_start)]
    assert each_once in help_text
    assert skill_rule in help_text
    # The team that needs a skill says so in each list of choices.
    assert page.count(f">{option}</option>") == 3
    # The second and third choices point a screen reader to the same rules.
    assert page.count('aria-describedby="id_wish_1_helptext"') == 3


def test_without_teams_needing_a_skill_the_skill_rule_is_not_said(client, teams):
    teams["interpretation"].delete()
    page = client.get("/en/volunteer/").content.decode()
    assert "each team once" in page
    assert "tick yours under" not in page


def test_wishes_offer_only_this_seasons_open_teams(client, teams):
    closed = TeamFactory(season=teams["media"].season, is_open=False, name_en="Closed team")
    other = TeamFactory(season=SeasonFactory(number=4, is_current=False), name_en="Old team")
    page = client.get("/en/volunteer/").content.decode()
    assert "Closed team" not in page and "Old team" not in page
    response = post(client, signup_data(teams, wish_3=closed.pk), lang="en")
    assert "wish_3" in response.context["form"].errors
    response = post(client, signup_data(teams, wish_3=other.pk), lang="en")
    assert "wish_3" in response.context["form"].errors


def test_wishes_left_empty_are_fine_and_gaps_close_up(client, teams):
    post(client, signup_data(teams, wish_1="", wish_2=teams["logistics"].pk, wish_3=""))
    assert [(w.rank, w.team) for w in Volunteer.objects.get().wishes.all()] == [
        (1, teams["logistics"])
    ]


@pytest.mark.parametrize(
    ("lang", "thanks"), [("ar", "شكراً لتسجيلك!"), ("en", "Thank you for signing up!")]
)
def test_a_filled_honeypot_keeps_the_sign_up_as_suspected_spam_and_says_thank_you(
    client, teams, lang, thanks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, signup_data(teams, extra_comment="buy now"), lang=lang)
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/volunteer/thanks/"
    assert thanks in client.get(response["Location"]).content.decode()
    volunteer = Volunteer.objects.get()
    assert volunteer.suspected_spam is True
    assert volunteer.language == lang
    assert volunteer.ranked_wishes() == [teams["media"], teams["logistics"]]
    # Held back: neither the volunteer nor the coordinators are emailed.
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_and_never_sent_back(client, teams):
    page = client.get("/en/volunteer/").content.decode()
    wrapper = re.search(r"<div[^>]*hp-field[^>]*>", page).group(0)
    assert " hidden" in wrapper and " inert" in wrapper
    response = post(client, signup_data(teams, email="", extra_comment="autofilled"), lang="en")
    page = response.content.decode()
    assert "autofilled" not in page
    assert list(response.context["form"].errors) == ["email"]


def test_a_bots_sign_up_with_someones_address_does_not_take_it_from_them(client, teams):
    post(client, signup_data(teams, extra_comment="buy now"))
    response = post(client, signup_data(teams, submission_key=str(uuid.uuid4())))
    assert response.status_code == 302
    genuine = Volunteer.objects.get(suspected_spam=False)
    assert genuine.email == "zainab@example.org"
    assert Volunteer.objects.count() == 2
    # The owner gets their own welcome, with their own link.
    (welcome,) = emails_to("zainab@example.org")
    assert genuine.private_token in welcome.body


def test_too_many_sign_ups_with_one_email_are_held_back_with_what_was_typed(
    client, teams, monkeypatch
):
    from forum import antispam

    monkeypatch.setattr(antispam, "clock", lambda: 1_800_000_000 // 3600 * 3600 + 59 * 60)
    for _index in range(5):
        post(client, signup_data(teams, submission_key=str(uuid.uuid4())))
    response = post(
        client,
        signup_data(teams, full_name="Sixth Try", submission_key=str(uuid.uuid4())),
        lang="ar",
    )
    page = response.content.decode()
    assert response.status_code == 429
    refusal = (
        "وصلتنا طلبات تسجيل كثيرة من اتصالك خلال وقت قصير. أعد الإرسال بعد دقيقة واحدة؛ "
        "كل ما كتبته محفوظ أدناه."
    )
    assert page.count(refusal) == 1
    assert "error-summary" not in page
    assert 'value="Sixth Try"' in page
    assert Volunteer.objects.count() == 1


def test_many_people_signing_up_from_one_connection_are_not_held_back(client, teams):
    for index in range(8):
        response = post(
            client,
            signup_data(teams, email=f"v{index}@example.org", submission_key=str(uuid.uuid4())),
        )
        assert response.status_code == 302
    assert Volunteer.objects.count() == 8


@pytest.mark.parametrize(
    ("lang", "opens_text"),
    [("ar", "لم يبدأ التسجيل للتطوع بعد"), ("en", "Volunteer sign-up is not open yet")],
)
def test_before_the_window_the_page_says_when_it_opens(client, lang, opens_text):
    SeasonFactory(
        volunteers_open=timezone.now() + dt.timedelta(days=3),
        volunteers_close=timezone.now() + dt.timedelta(days=30),
    )
    response = client.get(f"/{lang}/volunteer/")
    page = response.content.decode()
    assert response.status_code == 200
    assert opens_text in page
    assert 'name="full_name"' not in page


def test_after_the_window_a_sign_up_is_not_saved_and_the_page_says_it_closed(client, teams):
    season = teams["media"].season
    season.volunteers_close = timezone.now() - dt.timedelta(minutes=1)
    season.save()
    response = post(client, signup_data(teams), lang="en")
    assert response.status_code == 200
    assert "closed on" in response.content.decode()
    assert Volunteer.objects.count() == 0


def test_the_email_goes_out_once_the_sign_up_is_committed(
    client, teams, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, signup_data(teams))
    sent = [m for m in mail.outbox if m.to == ["zainab@example.org"]]
    assert len(sent) == 1
    assert Volunteer.objects.get().private_token in sent[0].body
    html, mimetype = sent[0].alternatives[0]
    assert mimetype == "text/html" and 'dir="rtl"' in html
