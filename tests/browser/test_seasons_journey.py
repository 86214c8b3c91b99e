"""One season after another, tried as people would on a phone, in each
language: a visitor browses the 5th season's programme from its page and
keeps an activity's link; staff prepare the 6th season, preview it and make
it current; the 5th season's pages and links are unchanged while the home
page and the forms move to the 6th."""

import re

import pytest

from forum.models import Season
from tests.browser.checks import axe_violations, english_left_on_arabic_page
from tests.browser.conftest import PHONE
from tests.browser.test_volunteer_journey import watch
from tests.second_factor import add_authenticator, log_in_to_admin

WORDS = {
    "ar": {
        "programme": "البرنامج:",
        "took_place": "أُقيم هذا النشاط يوم",
        "calendar": "أضف إلى التقويم",
        "preview": "معاينة",
        "instead": "بدلاً من الموسم التجريبي (خيالي)",
        "make_current": "اجعله الموسم الحالي",
        "next_slogan": "يُعلن الشعار لاحقاً",
        "opens": "تُفتح الدعوة لتقديم الأنشطة في 1 أيلول 2027",
    },
    "en": {
        "programme": "The programme:",
        "took_place": "This activity took place on",
        "calendar": "Add to calendar",
        "preview": "Preview",
        "instead": "instead of Demo season (fictional)",
        "make_current": "Make this the current season",
        "next_slogan": "Slogan to be announced",
        "opens": "The call for activities opens on 1 September 2027",
    },
}


def cards(page):
    """The ids of the activities listed."""
    titles = page.locator("article.activity-card h3")
    return sorted(titles.evaluate_all("els => els.map(e => e.id)"))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_fifth_season_keeps_its_pages_while_staff_open_the_sixth(
    browser, live_server, demo_site, django_user_model, lang
):
    words = WORDS[lang]
    url = live_server.url
    visitor = browser.new_context(viewport=PHONE, locale="ar-IQ" if lang == "ar" else "en-GB")
    page = visitor.new_page()
    # CSP violations, script errors, missing assets (a page that is a 404 on
    # purpose, and the browser's favicon guess, are not missing assets).
    browser_problems = watch(page)
    problems = []

    def check(where):
        problems.extend(f"{where}: axe {v}" for v in axe_violations(page))
        if lang == "ar":
            problems.extend(f"{where}: {t!r}" for t in english_left_on_arabic_page(page))
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
            problems.append(f"{where}: wider than the phone")
        problems.extend(f"{where}: {p}" for p in browser_problems())

    # A visitor: the 5th season's page, its programme, an activity.
    page.goto(f"{url}/{lang}/seasons/5/")
    check("season page")
    page.get_by_role("link", name=re.compile(words["programme"])).click()
    page.wait_for_url(f"{url}/{lang}/seasons/5/programme/")
    check("season programme")
    page.locator(".day-tabs a").last.click()  # all days
    page.wait_for_url(re.compile(r"\?day=all$"))
    listed = cards(page)
    assert listed
    page.locator("article.activity-card h3 a").first.click()
    page.wait_for_url(re.compile(rf"/{lang}/programme/\d+/$"))
    shared, title = page.url, page.locator("h1").inner_text()
    assert words["took_place"] in page.locator(".took-place").inner_text()
    assert page.get_by_role("link", name=words["calendar"]).count() == 0
    check("past activity")

    # Staff: prepare the 6th season from the 5th, preview it, make it current.
    add_authenticator(
        django_user_model.objects.create_superuser("admin", "admin@example.org", "admin-pass-123")
    )
    staff_context = browser.new_context(viewport=PHONE)
    staff = staff_context.new_page()
    log_in_to_admin(staff, url, "admin", "admin-pass-123", language=lang)
    staff.wait_for_url(f"{url}/{lang}/admin/")
    staff.goto(f"{url}/{lang}/admin/forum/season/")
    fifth = Season.objects.get(number=5)
    staff.locator(f"input.action-select[value='{fifth.pk}']").check()
    staff.locator("select[name=action]").select_option("prepare_next_season_action")
    staff.locator("button[name=index]").click()
    staff.locator("#content-main input[type=submit]").click()
    sixth = Season.objects.get(number=6)
    staff.wait_for_url(f"**/admin/forum/season/{sixth.pk}/change/")
    assert not sixth.is_public and not sixth.is_current
    staff.locator("a.viewsitelink").click()
    staff.wait_for_url(f"{url}/{lang}/seasons/6/")
    assert words["preview"] in staff.locator(".alert-warning").inner_text()
    assert page.goto(f"{url}/{lang}/seasons/6/").status == 404  # visitors see nothing yet
    staff.goto(f"{url}/{lang}/admin/forum/season/{sixth.pk}/change/")
    staff.get_by_role("link", name=words["make_current"]).click()
    assert words["instead"] in staff.locator("#content-main").inner_text()
    staff.locator("#content-main input[type=submit]").click()
    staff.wait_for_url("**/admin/forum/season/")
    assert Season.objects.current() == sixth
    staff_context.close()

    # The visitor again: the shared link and the 5th season's programme are
    # as they were; the home page and the forms are the 6th season's.
    page.goto(shared)
    assert page.locator("h1").inner_text() == title
    assert words["took_place"] in page.locator(".took-place").inner_text()
    page.goto(f"{url}/{lang}/seasons/5/programme/")
    page.locator(".day-tabs a").last.click()  # all days
    page.wait_for_url(re.compile(r"\?day=all$"))
    assert cards(page) == listed
    page.goto(f"{url}/{lang}/")
    assert page.locator("h1.slogan").inner_text() == words["next_slogan"]
    check("home, 6th season")
    page.goto(f"{url}/{lang}/propose/")
    assert words["opens"] in page.locator("main").inner_text()
    check("propose, 6th season")
    page.goto(f"{url}/{lang}/seasons/")
    assert page.locator("#season-6").count() == 1
    check("all seasons")
    visitor.close()
    assert problems == []
