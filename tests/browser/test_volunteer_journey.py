"""A volunteer's journey on a phone, in Arabic and in English, and a
coordinator's afternoon in the admin: tried as people would, in a browser."""

import re

import pytest
from django.core import mail

from forum.models import Season
from tests.activities.proposal_helpers import arabic_day_label
from tests.browser.checks import axe_violations, english_left_on_arabic_page, watch_page
from tests.browser.conftest import PHONE
from tests.factories import VolunteerCoordinatorFactory, VolunteerFactory
from tests.second_factor import add_authenticator, log_in_to_admin
from volunteers.models import Team, Volunteer

TEXT = {
    "ar": {
        "heading": "تطوّع معنا",
        "submit": "سجّل متطوعاً",
        "summary": "يُرجى تصحيح",
        "thanks": "شكراً لتسجيلك!",
        "status": "الحالة: قيد المراجعة",
        "save": "احفظ التغييرات",
        "saved": "حُفظت",
        "delete": "احذف بياناتي",
        "delete_now": "احذف بياناتي الآن",
        "deleted": "حُذفت بياناتك",
        "full_name": "الاسم الكامل",
    },
    "en": {
        "heading": "Volunteer with us",
        "submit": "Sign up to volunteer",
        "summary": "Please correct",
        "thanks": "Thank you for signing up!",
        "status": "Status: Applied",
        "save": "Save changes",
        "saved": "Your changes are saved.",
        "delete": "Delete my data",
        "delete_now": "Delete my data now",
        "deleted": "Your data is deleted",
        "full_name": "Full name",
    },
}


def watch(page):
    """CSP violations, script errors and missing assets, as the sitemap walk
    records them; Chromium's own guess at /favicon.ico is not the page's."""
    recorded = watch_page(page)
    missing = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and not response.url.endswith("/favicon.ico")
            and missing.append(f"missing: {response.url}")
        ),
    )

    def problems():
        found = [p for p in recorded() if "Failed to load resource" not in p] + missing
        missing.clear()
        return found

    return problems


def check_page(page, lang):
    """What the sitemap walk checks, for pages it cannot reach."""
    problems = [f"axe {v}" for v in axe_violations(page)]
    if lang == "ar":
        problems += [f"English: {t!r}" for t in english_left_on_arabic_page(page)]
    # Nothing wider than the phone: no sideways scrolling.
    if page.evaluate("document.documentElement.scrollWidth") > page.viewport_size["width"]:
        problems.append("wider than the screen")
    return problems


def slot_label(lang, day, part):
    """A cell of the availability grid as its label reads: "الأحد 22 تشرين
    الثاني، صباحاً", "Sunday 22 November, Morning"."""
    if lang == "ar":
        return f"{arabic_day_label(day)}، {ARABIC_PARTS[part]}"
    return f"{day:%A} {day.day} {day:%B}, {part.capitalize()}"


ARABIC_PARTS = {"morning": "صباحاً", "afternoon": "بعد الظهر", "evening": "مساءً"}


def season_days():
    return Season.objects.current().days


def fill_sign_up(page, text, email, lang="ar"):
    page.get_by_label(text["full_name"]).fill("مريم كريم")
    page.locator("#id_email").fill(email)
    page.locator("#id_phone").fill("٠٧٧٠ ١٢٣ ٤٥٦٧")
    page.locator("#id_governorate").select_option("basra")
    page.locator("input[name=age_group][value='18-24']").check()
    page.locator("input[name=languages][value=arabic]").check()
    page.get_by_label(slot_label(lang, season_days()[0], "morning")).check()
    page.locator("#id_wish_1").select_option(index=1)
    page.locator("#id_consents_to_data_use").check()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_new_volunteer_signs_up_changes_availability_and_deletes_their_data(
    page, live_server, demo_site, lang
):
    text = TEXT[lang]
    problems = []
    browser_problems = watch(page)
    email = f"maryam.{lang}@example.org"

    page.goto(f"{live_server.url}/{lang}/volunteer/")
    assert page.locator("h1").inner_text() == text["heading"]
    problems += check_page(page, lang)

    # Sending the empty form: a summary at the top, in the page's language.
    page.get_by_role("button", name=text["submit"]).click()
    assert text["summary"] in page.locator(".error-summary").inner_text()
    problems += check_page(page, lang)

    fill_sign_up(page, text, email, lang)
    page.get_by_role("button", name=text["submit"]).click()
    assert page.locator("h1").inner_text() == text["thanks"]
    assert email in page.locator("main").inner_text()
    problems += check_page(page, lang)

    # The email, in the volunteer's language, holds the private link.
    (message,) = [m for m in mail.outbox if m.to == [email]]
    link = re.search(r"http://\S+/volunteer/me/[\w-]+/", message.body).group(0)
    assert f"/{lang}/volunteer/me/" in link
    volunteer = Volunteer.objects.get(email=email)
    assert volunteer.phone == "+9647701234567"

    page.goto(link)
    assert text["status"] in page.locator(".status-box").inner_text()
    problems += check_page(page, lang)
    first, third = season_days()[0], season_days()[2]
    assert page.get_by_label(slot_label(lang, first, "morning")).is_checked()
    page.get_by_label(slot_label(lang, first, "morning")).uncheck()
    page.get_by_label(slot_label(lang, third, "evening")).check()
    page.get_by_role("button", name=text["save"]).click()
    assert text["saved"] in page.locator("main").inner_text()
    volunteer.refresh_from_db()
    assert volunteer.availability == [f"{third.isoformat()}.evening"]

    page.get_by_role("link", name=text["delete"]).click()
    problems += check_page(page, lang)
    page.get_by_role("button", name=text["delete_now"]).click()
    assert page.locator("h1").inner_text() == text["deleted"]
    problems += check_page(page, lang)
    volunteer.refresh_from_db()
    assert volunteer.is_erased and volunteer.email == "" and volunteer.full_name == ""
    problems += browser_problems()
    assert problems == []
    assert page.goto(link).status == 404


def test_the_availability_grid_works_without_javascript(browser, live_server, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/volunteer/")
    fill_sign_up(page, TEXT["en"], "nojs@example.org", "en")
    # Tapping the cell (the label around the box) ticks it.
    page.locator("label.slot[for=id_availability_8]").click()
    page.get_by_role("button", name="Sign up to volunteer").click()
    assert page.locator("h1").inner_text() == "Thank you for signing up!"
    assert Volunteer.objects.get(email="nojs@example.org").availability == [
        f"{season_days()[0].isoformat()}.morning",
        f"{season_days()[2].isoformat()}.evening",
    ]
    context.close()


def test_a_coordinator_confirms_twenty_applies_a_suggestion_and_prints_a_roster(
    desktop_page, live_server, demo_site
):
    page = desktop_page
    teams = list(Team.objects.filter(season=Season.objects.current()).order_by("order"))
    registration, logistics, first_aid = teams[0], teams[1], teams[5]
    for index in range(20):
        VolunteerFactory(
            season=registration.season,
            full_name=f"Volunteer {index:02d}",
            # First aid needs the skill: with it, only its capacity can refuse them.
            skills=["first_aid"],
            wishes=[registration, logistics] if index % 2 else [logistics, registration],
        )
    add_authenticator(VolunteerCoordinatorFactory(username="coordinator"))
    problems = watch(page)

    log_in_to_admin(page, live_server.url, "coordinator", "coordinator-password-123")

    # Confirm all twenty.
    page.goto(f"{live_server.url}/en/admin/volunteers/volunteer/")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("confirm")
    page.locator("button.button[name=index]").click()
    assert "20 volunteers confirmed." in page.locator(".messagelist").inner_text()

    # Suggest assignments, look at them, apply them.
    page.get_by_role("link", name="Suggest assignments").click()
    page.wait_for_url("**/volunteer/suggest/")
    assert page.locator(".suggest-summary tbody td").all_inner_texts() == [
        "20",
        "20",
        "0",
        "0",
        "0",
        "0",
    ]
    page.get_by_role("button", name="Apply: assign 20 volunteers and email them").click()
    assert "20 volunteers assigned as suggested" in page.locator(".messagelist").inner_text()
    assert Volunteer.objects.filter(status="assigned").count() == 20
    assert len([m for m in mail.outbox if m.subject.startswith("فريقك التطوعي")]) == 20

    # Moving ten of them into First aid (6 places) is refused, clearly.
    page.goto(f"{live_server.url}/en/admin/volunteers/volunteer/?status__exact=assigned")
    boxes = page.locator("input.action-select")
    for index in range(10):
        boxes.nth(index).check()
    page.locator("select[name=action]").select_option("assign_to_team")
    page.locator("button.button[name=index]").click()
    page.locator("select[name=team]").select_option(str(first_aid.pk))
    page.get_by_role("button", name="Assign and email them").click()
    assert (
        "Volunteers chosen: 10. Free places in First aid: 6 of 6. Nobody was assigned"
        in page.locator(".errornote").inner_text()
    )
    assert first_aid.assigned().count() == 0

    # The roster prints: names and phones, without the admin around them.
    page.goto(f"{live_server.url}/en/admin/volunteers/team/")
    page.locator("td.field-roster_link a").first.click()
    assert page.locator(".roster-table tbody tr").count() == registration.assigned().count()
    assert page.get_by_role("button", name="Print").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#header").is_visible()
    assert not page.locator(".roster-tools").is_visible()
    assert page.locator(".roster-table").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    assert problems() == []
