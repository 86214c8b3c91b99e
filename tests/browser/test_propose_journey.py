"""The organizer's journey in a real browser, in each language: the form, the
thank-you page, the email's private link, an edit, and the moderators' decision;
and a moderator in the admin accepting, scheduling and refused a double booking."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from activities import services
from activities.models import Activity
from forum.models import Season, Space
from tests.activities.proposal_helpers import arabic_day_label
from tests.factories import ActivityFactory, ProgrammeModeratorFactory
from tests.second_factor import add_authenticator, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def private_link(live_server, address):
    (email,) = [m for m in mail.outbox if m.to == [address]]
    return email, re.search(rf"{re.escape(live_server.url)}/\S+", email.body)[0]


def fill_arabic_proposal(page):
    page.get_by_label("اسم المنظمة أو المجموعة").fill("جمعية نساء الجنوب")
    page.get_by_label("نقابة مهنية").check()
    page.get_by_label("المحافظة").select_option("basra")
    page.get_by_label("الاسم الكامل").fill("زينب علي")
    page.get_by_label("البريد الإلكتروني").fill("zainab@example.org")
    page.get_by_label("الهاتف المحمول").fill("٠٧٧٠ ١٢٣ ٤٥٦٧")
    page.get_by_label("عنوان النشاط").fill("ورشة المياه في البصرة")
    page.get_by_label("ملخص قصير").fill("ورشة عن شح المياه في الجنوب.")
    page.get_by_label("الوصف").fill("يدير الورشة مهندسون وناشطات من البصرة.")
    page.get_by_label("ورشة عمل").check()
    page.get_by_label("البيئة والمياه").check()
    page.locator("input[name=languages][value=ar]").check()
    page.get_by_label("العدد المتوقع للمشاركين").fill("٤٠")
    page.get_by_label(arabic_day_label(Season.objects.current().start_date)).check()
    page.get_by_label("صباحاً").check()
    page.get_by_label("نوافق على مبادئ المنتدى", exact=False).check()
    page.get_by_label("إذا قُبل النشاط", exact=False).check()


def test_an_arabic_organizer_on_a_phone_proposes_edits_and_sees_the_decision(
    page, live_server, demo_site
):
    page.goto(f"{live_server.url}/ar/propose/")
    assert page.locator("h1").inner_text() == "اقترح نشاطاً"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    fill_arabic_proposal(page)
    page.get_by_role("button", name="أرسلوا المقترح").click()

    page.wait_for_url("**/ar/propose/thanks/**")
    activity = Activity.objects.get(email="zainab@example.org")
    assert page.locator("h1").inner_text() == "شكراً لكم: وصلنا مقترحكم"
    assert page.locator(".reference").inner_text() == activity.reference
    assert activity.title_ar == "ورشة المياه في البصرة"
    assert activity.phone == "+9647701234567"
    assert activity.expected_participants == 40

    # The email, in Arabic, carries a private link that works.
    email, link = private_link(live_server, "zainab@example.org")
    assert email.subject == f"وصلنا مقترحكم {activity.reference}"
    page.goto(link)
    assert page.locator("h1").inner_text() == "ورشة المياه في البصرة"
    assert page.locator(".status-badge").inner_text() == "مُقدَّم"

    # The organizer changes the title.
    page.get_by_role("link", name="عدّلوا مقترحكم").click()
    page.get_by_label("عنوان النشاط").fill("ورشة المياه والعدالة في البصرة")
    page.get_by_role("button", name="احفظوا التعديلات").click()
    page.wait_for_url(link)
    expect(page.get_by_text("حُفظت تعديلاتكم.")).to_be_visible()
    assert page.locator("h1").inner_text() == "ورشة المياه والعدالة في البصرة"

    # Later, the moderators accept it with a message.
    services.accept_activity(activity, by=None, message="نرحّب بكم في البرنامج.")
    page.reload()
    assert page.locator(".status-badge").inner_text() == "مقبول"
    expect(page.locator(".moderator-message").get_by_text("نرحّب بكم في البرنامج.")).to_be_visible()
    expect(page.get_by_text("سيظهر هنا اليوم والوقت والمكان")).to_be_visible()
    assert page.get_by_role("link", name="عدّلوا مقترحكم").count() == 0


@pytest.mark.parametrize("path", ["/en/propose/", "/ar/volunteer/"])
def test_no_keyboard_screen_reader_or_eye_reaches_the_honeypot(
    desktop_page, live_server, demo_site, path
):
    page = desktop_page
    page.goto(f"{live_server.url}{path}")
    honeypot = page.locator("input[name=extra_comment]")
    expect(honeypot).to_be_hidden()
    # Not in the accessibility tree: no text box of that name for a screen
    # reader, where the email's text box is.
    textbox = page.get_by_role
    expect(textbox("textbox", name=re.compile("Leave this field|اترك هذا الحقل"))).to_have_count(0)
    expect(textbox("textbox", name=re.compile("^(Email|البريد الإلكتروني)"))).to_have_count(1)
    # Tab through the whole form: the focus never lands on it.
    fields = page.locator("form input:not([type=hidden]), form select, form textarea")
    reached = set()
    for _press in range(fields.count() + 5):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.name || ''"))
    assert "extra_comment" not in reached
    assert "email" in reached


def test_an_english_organizer_corrects_mistakes_then_withdraws(
    desktop_page, live_server, demo_site
):
    page = desktop_page
    page.goto(f"{live_server.url}/en/propose/")
    page.get_by_label("Name of the organization or group").fill("Tigris Youth Team")
    page.get_by_label("Youth group or initiative").check()
    page.get_by_label("Governorate").select_option("baghdad")
    page.get_by_label("Full name").fill("Omar Hassan")
    page.get_by_label("Email").fill("omar@example.org")
    page.get_by_label("Mobile phone").fill("12345")
    page.get_by_label("Title of the activity").fill("Youth and the ballot box")
    page.get_by_label("Short summary").fill("A debate on young voters.")
    page.get_by_label("Description").fill("Three young speakers and an open floor.")
    page.get_by_label("Panel discussion").check()
    page.locator("input[name=languages][value=en]").check()
    page.get_by_label("Expected number of participants").fill("60")
    page.get_by_label("We agree to the forum's principles", exact=False).check()
    page.get_by_label("If the activity is accepted", exact=False).check()
    page.get_by_role("button", name="Send the proposal").click()

    # Two mistakes: both listed at the top, the summary has the focus, nothing is lost.
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    expect(summary.get_by_role("link", name=re.compile("^Mobile phone: "))).to_be_visible()
    assert (
        summary.get_by_role("link", name="Paths (masarat): Choose at least one path.").count() == 1
    )
    assert page.get_by_label("Title of the activity").input_value() == "Youth and the ballot box"
    assert Activity.objects.filter(email="omar@example.org").count() == 0

    page.get_by_label("Mobile phone").fill("+964 790 123 4567")
    page.get_by_label("Civil and political rights", exact=False).check()
    # A double click sends one proposal.
    page.get_by_role("button", name="Send the proposal").dblclick()
    page.wait_for_url("**/en/propose/thanks/**")
    activity = Activity.objects.get(email="omar@example.org")
    assert activity.title_en == "Youth and the ballot box"
    assert activity.submitted_language == "en"

    email, link = private_link(live_server, "omar@example.org")
    assert email.subject == f"Your proposal {activity.reference} is received"
    page.goto(link)
    page.get_by_role("link", name="Withdraw your proposal").click()
    page.get_by_role("button", name="Yes, withdraw the proposal").click()
    page.wait_for_url(link)
    assert page.locator(".status-badge").inner_text() == "Withdrawn"
    expect(page.get_by_text("Your proposal is withdrawn.")).to_be_visible()


def test_a_moderator_filters_accepts_schedules_and_is_refused_a_double_booking(
    desktop_page, live_server, demo_site
):
    page = desktop_page
    season = Season.objects.current()
    proposal = Activity.objects.filter(season=season).exclude(status="accepted").first()
    proposal.title_en = "Saving the marshes together"
    proposal.preferred_days = [season.start_date.isoformat()]
    proposal.save()
    taken = Activity.objects.filter(season=season).published().first()
    add_authenticator(ProgrammeModeratorFactory(username="layla"))

    page.goto(f"{live_server.url}/en/admin/login/")
    page.get_by_label("Username").fill("layla")
    page.get_by_label("Password").fill("moderator-password-123")
    page.get_by_role("button", name="Log in").click()
    # The second step: the code of the moderator's authenticator app.
    page.get_by_role("textbox", name="Code").fill(
        totp_code(User.objects.get(username="layla").totpdevice_set.get().key)
    )
    page.get_by_role("button", name="Continue").click()

    # Filter the list, select the proposal, and accept it with a message.
    page.goto(f"{live_server.url}/en/admin/activities/activity/?status={proposal.status}")
    row = page.locator("#result_list tr", has_text=proposal.reference)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("accept_selected")
    page.get_by_role("button", name="Go").click()
    # One message per language: each organizer gets the one they write in.
    page.get_by_label("Message in Arabic").fill("أهلاً بكم في البرنامج.")
    page.get_by_label("Message in English").fill("Welcome aboard.")
    page.get_by_role("button", name="Accept and email the organizers").click()
    expect(
        page.get_by_text("1 proposal accepted; its organizer is notified by email.")
    ).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == Activity.Status.ACCEPTED

    # Schedule it where another accepted activity already is: refused.
    local_start = timezone.localtime(taken.starts_at)
    page.goto(f"{live_server.url}/en/admin/activities/activity/{proposal.pk}/change/")
    page.locator("select[name=space]").select_option(str(taken.space_id))
    page.locator("input[name=starts_at_0]").fill(local_start.strftime("%Y-%m-%d"))
    page.locator("input[name=starts_at_1]").fill(local_start.strftime("%H:%M"))
    end = local_start + dt.timedelta(minutes=60)
    page.locator("input[name=ends_at_0]").fill(end.strftime("%Y-%m-%d"))
    page.locator("input[name=ends_at_1]").fill(end.strftime("%H:%M"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(f"is already taken at that time by {taken.reference}")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.space is None

    # A free slot (late on the last day) is taken, with a warning about the day.
    free = Space.objects.filter(venue__season=season).first()
    page.locator("select[name=space]").select_option(str(free.pk))
    page.locator("input[name=starts_at_0]").fill(season.end_date.isoformat())
    page.locator("input[name=starts_at_1]").fill("22:00")
    page.locator("input[name=ends_at_0]").fill(season.end_date.isoformat())
    page.locator("input[name=ends_at_1]").fill("23:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("is not one of the days the organizer preferred")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.space == free

    # Another proposal needs changes: the button on its page, then a message.
    other = ActivityFactory(season=season, title_en="Voices of the marshes", contact_language="en")
    page.goto(f"{live_server.url}/en/admin/activities/activity/{other.pk}/change/")
    page.get_by_role("link", name="Request changes").click()
    page.get_by_label("Message in English").fill("Please name the speakers.")
    page.get_by_role("button", name="Request changes and email the organizers").click()
    expect(
        page.get_by_text("Changes requested to 1 proposal; its organizer is notified by email.")
    ).to_be_visible()
    other.refresh_from_db()
    assert other.status == Activity.Status.CHANGES_REQUESTED
    assert other.moderator_message == "Please name the speakers."
    assert any(
        "Day, time and place" in m.subject or "ووقته ومكانه" in m.subject for m in mail.outbox
    )
