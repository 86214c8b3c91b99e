"""The admin as staff see it all day: in Arabic, as a superuser.

Every admin page of the forum's own apps and of users and groups (each
changelist, the add, change, history and delete pages of a sample, the
custom pages: roster, suggested assignments, export form, and the actions'
intermediate pages) and the index must carry no English interface text,
write dates with the Iraqi month names, and pass axe. The URLs come from the
admin site itself (tests/access), so a new ModelAdmin or view is walked
with no new test code.

Not walked yet (see NOT_WALKED): the lists and pages of django-axes and
django-tasks-db objects (their names are English f-strings, not
translatable, and their fields' labels have no Arabic).
"""

import datetime as dt
import io
import re
import tempfile
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential
from django_tasks_db.models import DBTaskResult

from activities import services
from activities.models import Activity
from staff.models import PersonalDataAccess
from tests.access.table import GROUP_ROLES
from tests.access.test_admin_access import admin_urls
from tests.browser.checks import axe_violations, english_left_on_arabic_page, watch_page
from tests.browser.conftest import DESKTOP, PHONE
from tests.second_factor import add_authenticator, log_in_to_admin
from volunteers.models import Team, Volunteer

ADMIN = "/ar/admin/"
USERNAME = "مشرف"
PASSWORD = "كلمة-سر-طويلة-123"  # noqa: S105 - a test account

# Data, not interface text: the staff groups' names, which the migrations
# make and the code looks up (tests/access/table.py), shown in the users'
# and groups' lists.
LATIN_DATA = ["Programme moderators", "Volunteer coordinators"]

# Pages that are not pages: redirects, JSON, JavaScript, a POST-only logout,
# the catch-all 404.
NOT_PAGES = re.compile(r"^(r/|logout/|jsi18n/|autocomplete/|<anything>)|/autocomplete/$")
# Refused to everyone: proposals come in through the public form only.
NOT_PAGES_EITHER = {"activities/activity/add/"}
NOT_WALKED = re.compile(r"^(axes/.|django_tasks_database/.)")

# Where the header test leaves its screenshots, to look at by eye.
SCREENSHOTS = Path(tempfile.gettempdir()) / "admin-screenshots"
SCREENSHOTS.mkdir(exist_ok=True)

EGYPTIAN_MONTHS = re.compile(
    "يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر"
)


@pytest.fixture
def admin_site(demo_site, settings):
    """The demo season, its volunteers, and a row of every other model the admin lists."""
    # As in production: a task of the database queue that the admin can read.
    settings.TASKS = {**settings.TASKS, "database": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("load_demo_volunteers", volunteers=12, stdout=io.StringIO())
    user = User.objects.create_superuser(USERNAME, "root@example.org", PASSWORD)
    add_authenticator(user)
    # The groups the migrations make (an earlier transactional test may have
    # flushed them).
    for name in GROUP_ROLES:
        Group.objects.get_or_create(name=name)
    activity = Activity.objects.filter(status="submitted").order_by("pk").first()
    services.change_status(activity, to="under_review", by=user)
    # An entry of the admin's own history, at a known time.
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Activity),
        object_id=str(activity.pk),
        object_repr=str(activity)[:200],
        action_flag=CHANGE,
        change_message="[]",
        action_time=dt.datetime(2026, 11, 22, 13, 3, tzinfo=dt.UTC),
    )
    attempt = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "192.0.2.7",
        "username": "مستخدم",
        "http_accept": "text/html",
        "path_info": "/ar/admin/login/",
    }
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
    # The second factor's passkeys and the access log (superusers' pages).
    WebAuthnCredential.objects.create(
        user=user,
        name="هاتف العمل",
        credential_id=b"credential-1",
        public_key=b"public-key",
        aaguid="00000000-0000-0000-0000-000000000000",
        credential_id_sha256="0" * 64,
    )
    PersonalDataAccess.objects.create(
        user=user,
        username=user.username,
        action=PersonalDataAccess.Action.choices[0][0],
        model="volunteers.volunteer",
        object_ids=[1],
        path="/ar/admin/volunteers/volunteer/1/change/",
    )
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt, locked_out=False)
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="forum.mail.deliver_email",
        backend_name="database",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    from django.contrib import admin

    rows = {model: model._default_manager.order_by("pk").first() for model in admin.site._registry}
    assert None not in rows.values(), rows
    return rows


def log_in(page, live_server):
    log_in_to_admin(page, live_server.url, USERNAME, PASSWORD, language="ar")
    page.wait_for_url(f"{live_server.url}{ADMIN}")


def english_interface_text(page):
    return [
        text
        for text in english_left_on_arabic_page(page)
        if re.search(r"[A-Za-z]{3,}", re.sub("|".join(map(re.escape, LATIN_DATA)), "", text))
    ]


def check_page(page, url, browser_problems, failed_loads):
    problems = [f"{url}: English on Arabic page: {t!r}" for t in english_interface_text(page)]
    html = page.locator("html")
    if (html.get_attribute("lang"), html.get_attribute("dir")) != ("ar", "rtl"):
        problems.append(f"{url}: not an Arabic right-to-left page")
    if EGYPTIAN_MONTHS.search(page.locator("body").inner_text()):
        problems.append(f"{url}: a month named as in Egypt, not as in Iraq")
    # Script errors and files that failed to load count; the CSP reports do
    # not here: Django's changelist template and its jQuery add <style>
    # elements (reported, not ours to fix).
    problems += [
        f"{url}: {p}"
        for p in browser_problems()
        if not p.startswith("CSP:") and "Content Security Policy" not in p
    ]
    problems += [f"{url}: {load}" for load in failed_loads]
    problems += [f"{url}: axe {v}" for v in axe_violations(page)]
    # What axe itself fetched (it reads stylesheets' @imports against the
    # page's address) is not the page's doing.
    browser_problems()
    failed_loads.clear()
    return problems


def action_pages(samples):
    """(changelist, action, sample) for every action that answers with a page of its own."""
    activity = samples[Activity]
    volunteer = samples[Volunteer]
    return [
        ("activities/activity/", "delete_selected", activity),
        ("activities/activity/", "accept_selected", activity),
        ("activities/activity/", "request_changes_selected", activity),
        ("activities/activity/", "decline_selected", activity),
        ("activities/activity/", "export_admin_action", activity),
        ("volunteers/volunteer/", "delete_selected", volunteer),
        ("volunteers/volunteer/", "assign_to_team", volunteer),
        ("volunteers/team/", "delete_selected", samples[Team]),
    ]


def test_every_admin_page_in_arabic_has_no_english_iraqi_months_and_no_axe_violation(
    page, live_server, admin_site
):
    samples = admin_site
    browser_problems = watch_page(page)
    # Which file failed to load, not only that one did.
    failed_loads = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and failed_loads.append(f"{response.status} for {response.url}")
        ),
    )
    problems = []
    log_in(page, live_server)
    urls = sorted(
        path
        for key, path in admin_urls(samples).items()
        if not NOT_PAGES.search(key) and not NOT_WALKED.search(key) and key not in NOT_PAGES_EITHER
    )
    assert len(urls) > 30, urls
    for path in urls:
        url = f"{ADMIN}{path}"
        response = page.goto(f"{live_server.url}{url}")
        if response.status != 200:
            problems.append(f"{url}: status {response.status}")
            browser_problems()  # the failed load's console error, said once
            failed_loads.clear()
            continue
        problems += check_page(page, url, browser_problems, failed_loads)
    for changelist, action, sample in action_pages(samples):
        url = f"{ADMIN}{changelist}"
        page.goto(f"{live_server.url}{url}")
        page.locator(f"input[name=_selected_action][value='{sample.pk}']").check()
        page.select_option("select[name=action]", action)
        page.locator("button[name=index]").click()
        page.wait_for_load_state("load")
        problems += check_page(page, f"{url} → {action}", browser_problems, failed_loads)
    assert problems == [], "\n".join(problems)


def changed_activity():
    return LogEntry.objects.get().get_edited_object()


def test_admin_dates_read_as_on_the_public_site(page, live_server, admin_site):
    log_in(page, live_server)
    page.goto(f"{live_server.url}{ADMIN}activities/activity/{changed_activity().pk}/history/")
    # 13:03 UTC is 16:03 in Baghdad: day, Iraqi month, year, Arabic comma, 24-hour clock.
    assert page.locator("#change-history tbody th").first.inner_text() == (
        "22 تشرين الثاني 2026، 16:03"
    )


def test_status_history_reads_in_arabic_with_the_arrow_pointing_the_reading_way(
    page, live_server, admin_site
):
    log_in(page, live_server)
    page.goto(f"{live_server.url}{ADMIN}activities/activity/{changed_activity().pk}/change/")
    rows = page.locator(".inline-related tbody tr.has_original td.original p").all_inner_texts()
    # Right to left: from "submitted" on the right, the arrow pointing left to "under review".
    assert [row.strip() for row in rows] == ["مُقدَّم ← قيد المراجعة"], rows


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_admin_header_buttons_leave_the_title_alone(page, live_server, admin_site, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server)
    activity = admin_site[Activity]
    volunteer = admin_site[Volunteer]
    overlaps = []
    for path in [
        "activities/activity/",
        f"activities/activity/{activity.pk}/change/",
        "volunteers/volunteer/",
        f"volunteers/volunteer/{volunteer.pk}/change/",
        "volunteers/team/",
    ]:
        page.goto(f"{live_server.url}{ADMIN}{path}")
        page.screenshot(path=str(SCREENSHOTS / f"{viewport['width']}-{path.replace('/', '_')}.png"))
        title = page.locator("#content > h1, #content > h2").first.bounding_box()
        for button in page.locator(".object-tools a").all():
            box = button.bounding_box()
            if box and title and _overlap(box, title):
                overlaps.append(f"{path}: {button.inner_text()!r} over the title")
        if page.evaluate("document.documentElement.scrollWidth") > viewport["width"] + 1:
            # A changelist's table may scroll inside its own box; the page may not.
            overlaps.append(f"{path}: wider than the screen")
    # A phone number and an address read left to right in the Arabic form.
    page.goto(f"{live_server.url}{ADMIN}volunteers/volunteer/{volunteer.pk}/change/")
    for field in ["#id_phone", "#id_email"]:
        assert page.locator(field).evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert overlaps == [], "\n".join(overlaps)


def _overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )
