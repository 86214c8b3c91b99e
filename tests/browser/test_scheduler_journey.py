"""The admin's scheduler in a real browser: a moderator places an activity
by dragging it onto the grid in Arabic, and another by keyboard through the
form in English; each sees the warnings before anything is saved, saves, and
undoes. Zero axe violations, no English left on the Arabic page, no CSP
violation or script error, and at 390 px the page itself never scrolls
sideways (the grid scrolls inside its frame)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import Activity
from tests.browser.checks import axe_violations, english_left_on_arabic_page
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_volunteer_journey import watch
from tests.factories import (
    ActivityFactory,
    ProgrammeModeratorFactory,
    SeasonFactory,
    SpaceFactory,
    VenueFactory,
)
from tests.second_factor import add_authenticator, log_in_to_admin

pytestmark = pytest.mark.browser

PASSWORD = "moderator-password-123"


@pytest.fixture
def programme(transactional_db):
    season = SeasonFactory()
    academy = VenueFactory(season=season, name_en="Baghdad Academy")
    gardens = VenueFactory(
        season=season,
        name_ar="حدائق أبي نواس",
        name_en="Abu Nuwas Gardens",
        closes_at=dt.time(22),
    )
    small = SpaceFactory(venue=academy, name_ar="القاعة الصغيرة", name_en="Small hall", capacity=30)
    big = SpaceFactory(venue=academy, name_ar="القاعة الكبرى", name_en="Big hall", capacity=200)
    SpaceFactory(venue=gardens, name_ar="الساحة", name_en="The lawn", capacity=300)
    accepted = {
        "season": season,
        "status": Activity.Status.ACCEPTED,
        "duration": 90,
        "expected_participants": 50,
        "preferred_days": ["2026-11-22"],
        "preferred_time": Activity.TimeOfDay.MORNING,
    }
    water = ActivityFactory(title_ar="المياه للبصرة", title_en="Water for Basra", **accepted)
    schools = ActivityFactory(
        title_ar="مدارس للجميع", title_en="Schools for all", interpretation_needed=True, **accepted
    )
    # One already in the programme on that day.
    ActivityFactory(
        title_ar="الصحافة الحرة",
        title_en="A free press",
        organization_ar="نقابة الصحفيين",
        organization_en="Journalists' union",
        space=big,
        starts_at=timezone.make_aware(dt.datetime(2026, 11, 22, 9)),
        ends_at=timezone.make_aware(dt.datetime(2026, 11, 22, 10, 30)),
        **{**accepted, "preferred_days": []},
    )
    moderator = ProgrammeModeratorFactory(username="huda", first_name="هدى")
    add_authenticator(moderator)
    return {"season": season, "small": small, "big": big, "water": water, "schools": schools}


def open_day(browser, live_server, programme, lang, viewport):
    context = browser.new_context(viewport=viewport, locale="ar-IQ" if lang == "ar" else "en-GB")
    page = context.new_page()
    problems = watch(page)
    log_in_to_admin(page, live_server.url, "huda", PASSWORD, language=lang)
    page.wait_for_url(f"{live_server.url}/{lang}/admin/")
    page.goto(
        f"{live_server.url}/{lang}/admin/activities/activity/"
        f"scheduler/?season={programme['season'].pk}&day=2026-11-22"
    )
    return context, page, problems


def check(page, lang, problems, where):
    found = [f"{where}: axe {v}" for v in axe_violations(page)]
    if lang == "ar":
        found += [f"{where}: English {t!r}" for t in english_left_on_arabic_page(page)]
    found += [f"{where}: {p}" for p in problems()]
    return found


def test_a_moderator_schedules_by_dragging_in_arabic(browser, live_server, programme):
    context, page, problems = open_day(browser, live_server, programme, "ar", DESKTOP)
    found = check(page, "ar", problems, "day page")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    water, small = programme["water"], programme["small"]
    # Right-to-left: the first space's column is at the right of the second's.
    first, second = page.locator(".space-head").nth(0), page.locator(".space-head").nth(1)
    assert first.bounding_box()["x"] > second.bounding_box()["x"]

    page.drag_and_drop(
        f".waiting-card[data-activity='{water.pk}']",
        f".cell[data-space='{small.pk}'][data-start='10:00']",
    )
    dialog = page.locator("#scheduler-check")
    expect(dialog).to_be_visible()
    warnings = dialog.locator(".check-warnings li")
    expect(warnings).to_have_count(1)
    assert warnings.first.get_attribute("data-kind") == "capacity"
    assert "يتّسع لـ 30 شخصاً" in warnings.first.inner_text()
    found += check(page, "ar", problems, "dialog")
    water.refresh_from_db()
    assert not water.is_scheduled  # nothing saved before confirming

    dialog.get_by_role("button", name="احفظ هذا الموعد").click()
    page.wait_for_load_state()
    expect(page.locator(f".block[data-activity='{water.pk}']")).to_be_visible()
    water.refresh_from_db()
    assert (water.space, water.starts_at) == (
        small,
        timezone.make_aware(dt.datetime(2026, 11, 22, 10)),
    )
    found += check(page, "ar", problems, "after saving")

    page.get_by_role("button", name="تراجع عن آخر موعد").click()
    expect(page.locator(f".waiting-card[data-activity='{water.pk}']")).to_be_visible()
    water.refresh_from_db()
    assert not water.is_scheduled

    # On a phone: the page fits, the grid scrolls inside its frame.
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    found += check(page, "ar", problems, "phone")
    context.close()
    assert found == [], "\n".join(found)


def test_a_moderator_schedules_by_keyboard_in_english(browser, live_server, programme):
    context, page, problems = open_day(browser, live_server, programme, "en", PHONE)
    found = check(page, "en", problems, "day page")
    schools, big = programme["schools"], programme["big"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Type-ahead in each list, as a keyboard or screen-reader user does.
    page.locator("#id_activity").focus()
    page.keyboard.type(schools.reference)
    page.locator("#id_space").focus()
    page.keyboard.type("Big hall")
    page.locator("#id_start").focus()
    page.keyboard.type("10:00")
    page.get_by_role("button", name="Check before saving").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    # The big hall is taken until 10:30: refused, and said why.
    errors = page.locator(".check-errors li")
    expect(errors).to_have_count(1)
    assert "already taken" in errors.first.inner_text()
    assert page.get_by_role("button", name="Save this placement").count() == 0
    found += check(page, "en", problems, "refused")

    page.get_by_role("link", name="Back to the day").click()
    page.locator("#id_activity").select_option(str(schools.pk))
    page.locator("#id_space").select_option(str(big.pk))
    page.locator("#id_start").focus()
    page.keyboard.type("15:00")
    page.get_by_role("button", name="Check before saving").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    warnings = page.locator(".check-warnings li")
    expect(warnings).to_have_count(1)
    assert "The organizer preferred another time of day: Morning." in warnings.first.inner_text()
    found += check(page, "en", problems, "confirmation")
    schools.refresh_from_db()
    assert not schools.is_scheduled

    page.get_by_role("button", name="Save this placement").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".messagelist")).to_contain_text(f"{schools.reference} is placed")
    schools.refresh_from_db()
    assert schools.space == big
    assert timezone.localtime(schools.starts_at).hour == 15

    page.get_by_role("button", name="Undo the last placement").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".messagelist")).to_contain_text("Undone")
    schools.refresh_from_db()
    assert not schools.is_scheduled
    found += check(page, "en", problems, "after undo")
    context.close()
    assert found == [], "\n".join(found)
