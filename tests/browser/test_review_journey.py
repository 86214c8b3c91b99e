"""Reviews and decisions in a real browser: a reviewer scores a proposal on a
phone in Arabic; a moderator on a desktop in English picks a message template,
which fills both messages (static script, strict CSP), and accepts."""

import pytest
from playwright.sync_api import expect

from activities.models import Activity
from reviews.models import MessageTemplate, Review
from tests.browser.checks import axe_violations, watch_page
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    ProgrammeModeratorFactory,
    ReviewerFactory,
    SeasonFactory,
)
from tests.second_factor import add_authenticator, log_in_to_admin

pytestmark = pytest.mark.browser


def test_a_reviewer_scores_a_proposal_on_a_phone_in_arabic(page, live_server, transactional_db):
    season = SeasonFactory()
    masar = MasarFactory(season=season)
    activity = ActivityFactory(season=season, masarat=[masar], title_ar="ورشة المياه")
    ReviewerFactory(username="huda", masarat=[masar])
    add_authenticator(ReviewerFactory._meta.model.objects.get(username="huda"))
    problems = watch_page(page)

    log_in_to_admin(page, live_server.url, "huda", "reviewer-password-123", language="ar")
    page.goto(f"{live_server.url}/ar/admin/reviews/proposaltoreview/")
    page.get_by_role("link", name="ورشة المياه").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    for name, score in [("relevance", "5"), ("quality", "4"), ("feasibility", "3")]:
        page.locator(f"input[name='reviews-0-{name}'][value='{score}']").check()
    page.locator("textarea[name='reviews-0-comment']").fill("مقترح واضح ومرتبط بالمسار.")
    page.locator("input[name='_continue']").click()
    expect(page.locator("ul.messagelist")).to_be_visible()
    review = Review.objects.get(activity=activity)
    assert (review.relevance, review.quality, review.feasibility) == (5, 4, 3)
    assert review.comment == "مقترح واضح ومرتبط بالمسار."
    assert problems() == []
    assert axe_violations(page) == []


def test_a_moderator_picks_a_message_template_and_accepts(
    desktop_page, live_server, transactional_db
):
    page = desktop_page
    season = SeasonFactory()
    ActivityFactory(season=season, contact_language="ar", title_en="Water workshop")
    ActivityFactory(season=season, contact_language="en", title_en="Equality seminar")
    MessageTemplate.objects.create(
        name="Welcome",
        decision=Activity.Status.ACCEPTED,
        text_ar="أهلاً بكم في البرنامج.",
        text_en="Welcome to the programme.",
    )
    moderator = ProgrammeModeratorFactory(username="samir")
    add_authenticator(moderator)
    problems = watch_page(page)

    log_in_to_admin(page, live_server.url, "samir", "moderator-password-123")
    page.goto(f"{live_server.url}/en/admin/activities/activity/")
    page.locator("#action-toggle").check()
    page.locator("select[name='action']").select_option("accept_selected")
    page.locator("button[name='index']").click()
    # With the script, the server's "Use this template" button is not needed.
    expect(page.locator("[data-template-button]")).to_have_count(0)
    page.locator("#id_template").select_option(label="Welcome")
    expect(page.locator("#id_message_ar")).to_have_value("أهلاً بكم في البرنامج.")
    expect(page.locator("#id_message_en")).to_have_value("Welcome to the programme.")
    assert axe_violations(page) == []
    page.locator("input[type=submit].default").click()
    expect(page.locator("ul.messagelist")).to_contain_text("2 proposals accepted")
    messages = dict(Activity.objects.values_list("contact_language", "moderator_message"))
    assert messages == {"ar": "أهلاً بكم في البرنامج.", "en": "Welcome to the programme."}
    assert problems() == []
