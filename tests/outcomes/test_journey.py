"""After the activity: the organizer reports its outcomes from their private
page, a moderator publishes them, another organization joins an initiative,
and the outcomes pages show it all, in both languages."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.models import OutgoingEmail
from outcomes import services
from outcomes.models import Initiative, InitiativeMember, Outcome, Recommendation
from tests.factories import MasarFactory, ProgrammeModeratorFactory, log_in_verified

from .helpers import activity_that_took_place, join_data, report_data

pytestmark = pytest.mark.django_db

TEXTS = {
    "ar": {
        "account": "ناقشنا حماية الصحفيين في الميدان وقوانين النشر.",
        "recommendations": [
            ("إقرار قانون لحماية الصحفيين", "parliament"),
            ("تدريب الشرطة على حقوق الصحفيين", "government"),
        ],
        "initiative": ("حملة حماية الصحفيين", "حملة وطنية لحماية الصحفيين.", "انضموا إلينا"),
    },
    "en": {
        "account": "We discussed protecting journalists in the field and publishing laws.",
        "recommendations": [
            ("Pass a law protecting journalists", "parliament"),
            ("Train the police in the rights of journalists", "government"),
        ],
        "initiative": (
            "Campaign for the safety of journalists",
            "A national campaign for the safety of journalists.",
            "Join us",
        ),
    },
}


def emails_to(address):
    return OutgoingEmail.objects.filter(to__icontains=f'"{address}"')


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_whole_journey(client, season, lang, settings):
    settings.PROGRAMME_NOTIFY_EMAILS = ["programme@example.org"]
    masar = MasarFactory(season=season, slug="civil-rights", name_ar="الحقوق", name_en="Rights")
    activity = activity_that_took_place(season, masar, contact_language=lang)
    texts = TEXTS[lang]
    starts_on = (dt.date(2027, 3, 1)).isoformat()

    # The organizer reports, from their private page.
    private = client.get(f"/{lang}/propose/status/{activity.private_token}/")
    report_url = f"/{lang}/propose/status/{activity.private_token}/outcomes/"
    assert report_url in private.content.decode()
    assert client.get(report_url).status_code == 200
    response = client.post(
        report_url,
        report_data(
            masar,
            account=texts["account"],
            recommendations=texts["recommendations"],
            initiatives=[(*texts["initiative"], starts_on, "")],
        ),
    )
    assert response.status_code == 302, response.context and [
        response.context["form"].errors,
        response.context["recommendations"].errors,
        response.context["initiatives"].errors,
    ]
    outcome = Outcome.objects.get(activity=activity)
    assert outcome.status == Outcome.Status.SUBMITTED
    assert outcome.submitted_language == lang
    # Saved into the language the organizer wrote in, and only that one.
    other = "en" if lang == "ar" else "ar"
    assert getattr(outcome, f"account_{lang}") == texts["account"]
    assert not getattr(outcome, f"account_{other}")
    assert outcome.recommendations.count() == 2
    initiative = outcome.initiatives.get()
    assert getattr(initiative, f"title_{lang}") == texts["initiative"][0]
    assert emails_to("programme@example.org").count() == 1
    # Not public yet.
    assert texts["account"] not in client.get(f"/{lang}/programme/{activity.pk}/").content.decode()
    assert client.get(f"/{lang}/seasons/5/initiatives/{initiative.pk}/").status_code == 404

    # A moderator publishes it from the admin.
    moderator = ProgrammeModeratorFactory()
    staff = client_class_copy(client)
    log_in_verified(staff, moderator)
    page = staff.get(f"/en/admin/outcomes/outcome/{outcome.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(inline_management(page))
    data["_publish"] = "Save and publish"
    response = staff.post(f"/en/admin/outcomes/outcome/{outcome.pk}/change/", data)
    assert response.status_code == 302, [
        response.context["adminform"].form.errors,
        *[f.formset.errors for f in response.context["inline_admin_formsets"]],
    ]
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.PUBLISHED
    assert outcome.status_changes.last().by == moderator
    decision = emails_to(activity.email).latest("pk")
    assert decision.language == lang
    assert ("published" in decision.subject) == (lang == "en")

    # A third organization joins the initiative, without an account.
    visitor = client_class_copy(client)
    initiative_url = f"/{lang}/seasons/5/initiatives/{initiative.pk}/"
    assert visitor.get(initiative_url).status_code == 200
    response = visitor.post(initiative_url, join_data(email="nahrain@example.org"))
    assert response.status_code == 302
    member = InitiativeMember.objects.get()
    assert member.contact_language == lang
    assert response["Location"].endswith(f"/initiatives/joined/{member.private_token}/")
    joined = emails_to("nahrain@example.org").get()
    assert member.private_token in joined.body
    assert emails_to(activity.email).filter(subject__icontains="").count() >= 2
    # Not shown before moderation; then its name, never its email.
    assert "شبكة النهرين" not in visitor.get(initiative_url).content.decode()
    services.moderate_members([member], status=InitiativeMember.Status.APPROVED)
    page = visitor.get(initiative_url).content.decode()
    assert "شبكة النهرين" in page
    assert "nahrain@example.org" not in page

    # The activity's page and the season's outcomes page show it all.
    detail = visitor.get(f"/{lang}/programme/{activity.pk}/").content.decode()
    assert texts["account"] in detail
    assert texts["recommendations"][0][0] in detail
    outcomes_page = visitor.get(f"/{lang}/seasons/5/outcomes/").content.decode()
    for text, _to in texts["recommendations"]:
        assert text in outcomes_page
    assert texts["initiative"][0] in outcomes_page
    # Filtered by addressee.
    filtered = visitor.get(f"/{lang}/seasons/5/outcomes/?to=parliament").content.decode()
    assert texts["recommendations"][0][0] in filtered
    assert texts["recommendations"][1][0] not in filtered
    filtered = visitor.get(f"/{lang}/seasons/5/outcomes/?masar=civil-rights").content.decode()
    assert texts["recommendations"][1][0] in filtered
    calendar = visitor.get(f"/{lang}/seasons/5/outcomes/calendar/").content.decode()
    assert texts["initiative"][0] in calendar
    ics = visitor.get(f"/{lang}/seasons/5/outcomes/calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"DTSTART;VALUE=DATE:20270301" in ics.content

    # The organization leaves through its private link.
    response = visitor.post(f"/{lang}/initiatives/joined/{member.private_token}/")
    assert response.status_code == 302
    assert not InitiativeMember.objects.exists()
    assert "شبكة النهرين" not in visitor.get(initiative_url).content.decode()


def client_class_copy(client):
    return type(client)()


def inline_management(page):
    data = {}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is None or value is False:
                    continue
                data[form.add_prefix(name)] = value
    return data


def test_a_report_sent_back_is_changed_and_sent_again(client, season, masar):
    activity = activity_that_took_place(season, masar, contact_language="en")
    url = f"/en/propose/status/{activity.private_token}/outcomes/"
    client.post(url, report_data(masar, account="First", recommendations=[("Do it", "other")]))
    outcome = Outcome.objects.get()
    moderator = ProgrammeModeratorFactory()
    services.send_back(outcome, by=moderator, message="Say who took part, please.")
    email = emails_to(activity.email).latest("pk")
    assert "Say who took part, please." in email.body
    page = client.get(url).content.decode()
    assert "Say who took part, please." in page
    recommendation = outcome.recommendations.get()
    data = report_data(masar, account="Second", recommendations=[])
    data.update(
        {
            "recommendations-TOTAL_FORMS": "1",
            "recommendations-INITIAL_FORMS": "1",
            "recommendations-0-id": str(recommendation.pk),
            "recommendations-0-outcome": str(outcome.pk),
            "recommendations-0-text": "Do it now",
            "recommendations-0-masar": str(masar.pk),
            "recommendations-0-addressee": "government",
        }
    )
    assert client.post(url, data).status_code == 302
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.SUBMITTED
    assert outcome.account_en == "Second"
    assert Recommendation.objects.get().text_en == "Do it now"
    assert [c.to_status for c in outcome.status_changes.all()] == [
        "submitted",
        "sent_back",
        "submitted",
    ]


def test_a_report_needs_a_recommendation_and_keeps_what_was_typed(client, season, masar):
    activity = activity_that_took_place(season, masar)
    url = f"/ar/propose/status/{activity.private_token}/outcomes/"
    response = client.post(url, report_data(masar, account="نص الحساب", recommendations=[]))
    assert response.status_code == 200
    assert "نص الحساب" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert not Outcome.objects.exists()


def test_no_report_before_the_activity_has_taken_place(client, season, masar):
    activity = activity_that_took_place(season, masar, days_ago=-3)
    assert client.get(f"/ar/propose/status/{activity.private_token}/outcomes/").status_code == 404


def test_a_published_report_cannot_be_changed(client, season, masar):
    activity = activity_that_took_place(season, masar)
    url = f"/en/propose/status/{activity.private_token}/outcomes/"
    client.post(url, report_data(masar, account="First", recommendations=[("Do it", "other")]))
    services.publish(Outcome.objects.get(), by=None)
    response = client.post(
        url, report_data(masar, account="Changed", recommendations=[("X", "other")])
    )
    assert response.status_code == 302
    assert Outcome.objects.get().account_en == "First"


def test_a_filled_honeypot_saves_the_joining_but_emails_nobody(client, season, masar):
    initiative = published_initiative(season, masar)
    url = f"/en/seasons/5/initiatives/{initiative.pk}/"
    response = client.post(url, join_data(extra_comment="buy now", email="bot@example.org"))
    assert response.status_code == 302
    assert InitiativeMember.objects.get().suspected_spam
    assert not emails_to("bot@example.org").exists()


def test_joining_is_rate_limited(client, season, masar):
    initiative = published_initiative(season, masar)
    url = f"/en/seasons/5/initiatives/{initiative.pk}/"
    for _ in range(5):
        assert client.post(url, join_data()).status_code == 302
    response = client.post(url, join_data(organization="Sixth"))
    assert response.status_code == 429
    assert "Sixth" in response.content.decode()


def published_initiative(season, masar, **fields):
    activity = activity_that_took_place(season, masar)
    outcome = Outcome.objects.create(
        activity=activity,
        account_ar="حساب",
        participants=30,
        status=Outcome.Status.PUBLISHED,
    )
    Recommendation.objects.create(
        outcome=outcome, text_ar="توصية", masar=masar, addressee="government"
    )
    return Initiative.objects.create(
        outcome=outcome,
        title_ar=fields.get("title_ar", "مبادرة"),
        title_en=fields.get("title_en", "An initiative"),
        description_ar="وصف",
        starts_on=fields.get("starts_on", dt.date(2027, 1, 10)),
    )


def outcomes_page_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path",
    ["seasons/5/outcomes/", "seasons/5/outcomes/calendar/", "seasons/5/outcomes/calendar.ics"],
)
def test_queries_stay_flat_with_3_or_30_outcomes(client, season, path):
    masarat = [MasarFactory(season=season, slug=f"m{n}") for n in range(3)]
    for n in range(3):
        published_initiative(season, masarat[n % 3])
    few = outcomes_page_queries(client, f"/en/{path}")
    for n in range(27):
        initiative = published_initiative(season, masarat[n % 3])
        InitiativeMember.objects.create(
            initiative=initiative,
            organization=f"Org {n}",
            organization_type="cso",
            governorate="baghdad",
            email=f"org{n}@example.org",
            status=InitiativeMember.Status.APPROVED,
        )
    assert Outcome.objects.count() == 30
    many = outcomes_page_queries(client, f"/en/{path}")
    assert many == few


def test_the_sitemap_lists_the_outcomes_pages_and_initiatives(client, season, masar):
    initiative = published_initiative(season, masar)
    sitemap = client.get("/sitemap.xml").content.decode()
    for lang in ["ar", "en"]:
        assert f"/{lang}/seasons/5/outcomes/<" in sitemap
        assert f"/{lang}/seasons/5/outcomes/calendar/<" in sitemap
        assert f"/{lang}/seasons/5/initiatives/{initiative.pk}/<" in sitemap


def test_nothing_unpublished_is_in_the_sitemap(client, season, masar):
    initiative = published_initiative(season, masar)
    Outcome.objects.update(status=Outcome.Status.SUBMITTED)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/outcomes/" not in sitemap
    assert f"/initiatives/{initiative.pk}/" not in sitemap


def test_mail_outbox_is_untouched_by_saving(season, masar):
    # Emails are rows first (forum.mail); delivery comes after the commit.
    published_initiative(season, masar)
    assert mail.outbox == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_join_form_hides_its_honeypot_and_never_shows_emails(client, season, masar, lang):
    initiative = published_initiative(season, masar)
    InitiativeMember.objects.create(
        initiative=initiative,
        organization="Shown org",
        organization_type="cso",
        governorate="baghdad",
        email="shown@example.org",
        status=InitiativeMember.Status.APPROVED,
    )
    html = client.get(f"/{lang}/seasons/5/initiatives/{initiative.pk}/").content.decode()
    wrapper = re.search(r"<div[^>]*hp-field[^>]*>", html)
    assert wrapper and " hidden" in wrapper.group(0)
    assert "Shown org" in html
    assert "shown@example.org" not in html
