"""The admin as staff see it all day, walked in the browser by each staff
role in both languages.

Every admin page each role can reach (each changelist, the add, change,
history and delete pages of a sample, the custom pages: roster, suggested
assignments, export forms, the seasons' prepare-next and make-current pages,
and the actions' intermediate pages) must answer as tests/access/table.py
says (200 for the role's pages; refused, never shown, for the others), carry
no English interface text on Arabic pages, write dates with the Iraqi month
names, pass axe and the Nu HTML checker, and keep its header buttons off its
title at 390 px and 1280 px. The URLs come from the admin site itself
(tests/access), so a new ModelAdmin or view is walked with no new test code.

Not walked yet (see NOT_WALKED): the lists and pages of django-axes and
django-tasks-db objects (their names are English f-strings, not
translatable, and their fields' labels have no Arabic).
"""

import datetime as dt
import io
import re
import time

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential
from django_tasks_db.models import DBTaskResult

from activities import services
from activities.convergence.models import Convergence
from activities.models import Activity, Masar
from reviews.models import DeclaredConflict, MessageTemplate
from staff.models import PersonalDataAccess
from tests.access.table import (
    COORDINATOR,
    GROUP_ROLES,
    MAY_OPEN,
    MAY_RUN,
    MODERATOR,
    REVIEWER,
    SUPERUSER,
    allowed,
    make_user,
)
from tests.access.test_admin_access import admin_urls
from tests.browser.checks import (
    axe_violations,
    english_left_on_arabic_page,
    nu_html_errors,
    watch_page,
)
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ReviewerFactory, log_in_verified
from tests.second_factor import add_authenticator, log_in_to_admin
from volunteers.models import Volunteer

USERNAME = "مشرف"
PASSWORD = "كلمة-سر-طويلة-123"  # noqa: S105 - a test account

# Who walks the admin: roles of tests/access/table.py, each under a name in
# Arabic (a username is data, shown in the header and the users' list). A new
# staff role walks it with one line here.
WALKERS = {
    SUPERUSER: "مدير-الموقع",
    MODERATOR: "مشرفة-البرنامج",
    COORDINATOR: "منسق-المتطوعين",
    REVIEWER: "مراجعة-المقترحات",
}
LANGUAGES = ["ar", "en"]

# Data, not interface text: the staff groups' names, which the migrations
# make and the code looks up (tests/access/table.py), shown in the users'
# and groups' lists.
LATIN_DATA = [*GROUP_ROLES]

# Pages that are not pages: redirects, JSON, JavaScript, a POST-only logout,
# the login form (staff are sent on to the index), the catch-all 404, and an
# object's bare address (a redirect to its change page, walked anyway).
NOT_PAGES = re.compile(
    r"^(r/|login/|logout/|jsi18n/|autocomplete/|<anything>)|/autocomplete/$|/<id>/$"
    # The scheduler's checks answer JSON; its undo is a POST only.
    r"|/scheduler/(check|undo)/$"
)
NOT_WALKED = re.compile(r"^(axes/.|django_tasks_database/.)")

EGYPTIAN_MONTHS = re.compile(
    "يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر"
)

# A page's own content: its #content, without the form's one-time token.
CONTENT_JS = """
() => (document.querySelector("#content") || document.body).outerHTML
  .replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, "")
"""

# The header's buttons over the page's title, and a page wider than the screen.
OVERLAPS_JS = """
() => {
  const found = [];
  const title = document.querySelector("#content > h1, #content > h2");
  if (title) {
    const t = title.getBoundingClientRect();
    document.querySelectorAll(".object-tools a").forEach((a) => {
      const b = a.getBoundingClientRect();
      const apart =
        b.right <= t.left || t.right <= b.left || b.bottom <= t.top || t.bottom <= b.top;
      if (b.width && !apart) found.push(`"${a.textContent.trim()}" over the title`);
    });
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    found.push("wider than the screen");
  }
  return found;
}
"""


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
    # The reviewer who walks the admin reviews every masar and has declared a
    # conflict with an organization of none of the proposals; a template of a
    # decision's message.
    reviewer = walker(REVIEWER)
    DeclaredConflict.objects.create(reviewer=reviewer, organization="جمعية أخرى")
    MessageTemplate.objects.create(
        name="ترحيب", text_ar="أهلاً بكم في المنتدى.", text_en="Welcome to the forum."
    )
    # An agreed convergence of two other proposals (activities/convergence/).
    inviter, invited = Activity.objects.exclude(pk=activity.pk).order_by("pk")[:2]
    Convergence.objects.create(
        inviter=inviter,
        invited=invited,
        kind=Convergence.Kind.MERGE,
        status=Convergence.Status.ACCEPTED,
    )
    rows = {model: model._default_manager.order_by("pk").first() for model in admin.site._registry}
    empty = [model._meta.label for model, row in rows.items() if row is None]
    assert empty == [], f"No row to walk: {empty}"
    return rows


def log_in(page, live_server):
    log_in_to_admin(page, live_server.url, USERNAME, PASSWORD, language="ar")
    page.wait_for_url(f"{live_server.url}/ar/admin/")


def walker(role):
    if role == REVIEWER:
        # A reviewer sees the proposals of the masarat they review: all of them
        # here (made once, by admin_site: the same account is returned).
        return ReviewerFactory(
            username=WALKERS[role],
            email="reviewer@example.org",
            masarat=list(Masar.objects.all()),
        )
    user = make_user(role)
    user.username = WALKERS[role]
    user.save()
    return user


def logged_in_context(browser, live_server, user, language):
    """A browser context past both steps of the login, from a session the
    test client opened (the login itself is tested in test_staff_second_factor)."""
    client = Client()
    log_in_verified(client, user)
    context = browser.new_context(
        viewport=PHONE if language == "ar" else DESKTOP,
        locale="ar-IQ" if language == "ar" else "en-GB",
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context


def english_interface_text(page):
    latin_data = re.compile("|".join(map(re.escape, LATIN_DATA)))
    return [
        text
        for text in english_left_on_arabic_page(page)
        if re.search(r"[A-Za-z]{3,}", latin_data.sub("", text))
    ]


# Pages every model shows through one template of Django's, with only the
# object's name and its rows changing: axe reads one of each per language.
SAME_TEMPLATE = re.compile(r"/<id>/(history|delete)/$")

# The pages axe has read, by language and shape or content, for every role
# (the walks of later roles only read what earlier ones have not).
AXED = set()
# Where a walk's time goes (printed with each role's).
TIMES = {"axe": 0.0, "axe runs": 0, "Nu": 0.0}


def page_shape(key):
    match = SAME_TEMPLATE.search(key)
    return match[1] if match else None


class Walk:
    """One role's tab in one language: each page it opens is checked."""

    def __init__(self, page, live_server, language, axed):
        self.page = page
        self.axed = axed
        self.base = f"{live_server.url}/{language}/admin/"
        self.language = language
        self.problems = []
        self.served = {}  # url → HTML as served, for the Nu HTML checker
        self.browser_problems = watch_page(page)
        # Which file failed to load, not only that one did.
        self.failed_loads = []
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and response.request.resource_type != "document"
                and self.failed_loads.append(f"{response.status} for {response.url}")
            ),
        )

    def open(self, path, key):
        response = self.page.goto(self.base + path)
        self.check(path, response, shape=page_shape(key))

    def refused(self, path):
        """A page the role may not open: refused, without rendering it."""
        response = self.page.request.get(self.base + path, max_redirects=0)
        # 403, or 404 for an app with nothing the role may see, as the admin
        # answers; or, for an object the role's list does not hold, Django's
        # redirect to the admin's index (ModelAdmin.history_view looks the
        # object up before the permission).
        to_index = response.status == 302 and response.headers.get("location", "").rstrip(
            "/"
        ).endswith("/admin")
        if response.status not in {403, 404} and not to_index:
            self.problems.append(f"{self.base}{path}: {response.status}, expected refused")

    def check(self, where, response, shape=None):
        url = f"{self.base}{where}"
        if response.status != 200 or response.url.split("?")[0] != self.page.url.split("?")[0]:
            self.problems.append(f"{url}: status {response.status} at {self.page.url}")
            self.browser_problems()
            self.failed_loads.clear()
            return
        self.served[url] = response.text()
        problems = []
        html = self.page.locator("html")
        direction = "rtl" if self.language == "ar" else "ltr"
        if (html.get_attribute("lang"), html.get_attribute("dir")) != (self.language, direction):
            problems.append("lang or dir not the page's language")
        if self.language == "ar":
            problems += [
                f"English on Arabic page: {t!r}" for t in english_interface_text(self.page)
            ]
            if EGYPTIAN_MONTHS.search(self.page.locator("body").inner_text()):
                problems.append("a month named as in Egypt, not as in Iraq")
        # Script errors and files that failed to load count; the CSP reports do
        # not here: Django's changelist template and its jQuery add <style>
        # elements (reported, not ours to fix).
        problems += [
            p
            for p in self.browser_problems()
            if not p.startswith("CSP:") and "Content Security Policy" not in p
        ]
        problems += self.failed_loads
        # axe once per page shape and language (every model's history page is
        # Django's one template), else once per page content and language:
        # another role's page that shows the same (the header and sidebar
        # aside) was checked already.
        seen = (self.language, shape or self.page.evaluate(CONTENT_JS))
        if seen not in self.axed:
            self.axed.add(seen)
            axe_started = time.monotonic()
            problems += [f"axe {v}" for v in axe_violations(self.page)]
            TIMES["axe"] += time.monotonic() - axe_started
            TIMES["axe runs"] += 1
        # Both widths: this one, then the other (where the next page starts).
        viewport = self.page.viewport_size
        for size in sorted([PHONE, DESKTOP], key=lambda size: size != viewport):
            self.page.set_viewport_size(size)
            problems += [f"{size['width']} px: {o}" for o in self.page.evaluate(OVERLAPS_JS)]
        # What axe itself fetched (it reads stylesheets' @imports against the
        # page's address) is not the page's doing.
        self.browser_problems()
        self.failed_loads.clear()
        self.problems += [f"{url}: {problem}" for problem in problems]

    def run_action(self, changelist, action):
        """An action chosen from a list, up to its own page (a confirmation, a form)."""
        self.page.goto(self.base + changelist)
        # The list's first row (a role's list may not show every sample).
        rows = self.page.locator("input[name=_selected_action]")
        if not rows.count():
            self.problems.append(f"{self.base}{changelist}: no row to choose for {action}")
            return
        rows.first.check()
        self.page.select_option("select[name=action]", action)
        with self.page.expect_navigation() as navigation:
            self.page.locator("button[name=index]").click()
        self.check(f"{changelist} → {action}", navigation.value)


# Every action that answers with a page of its own: (its list, "app.model:action").
ACTION_PAGES = [
    ("activities/activity/", "activities.activity:delete_selected"),
    ("activities/activity/", "activities.activity:accept_selected"),
    ("activities/activity/", "activities.activity:request_changes_selected"),
    ("activities/activity/", "activities.activity:decline_selected"),
    ("activities/activity/", "activities.activity:export_admin_action"),
    ("volunteers/volunteer/", "volunteers.volunteer:delete_selected"),
    ("volunteers/volunteer/", "volunteers.volunteer:assign_to_team"),
    ("volunteers/team/", "volunteers.team:delete_selected"),
]


@pytest.mark.parametrize("role", list(WALKERS))
def test_each_role_walks_every_admin_page_it_may_open_in_both_languages(
    role, browser, live_server, admin_site
):
    samples = admin_site
    started = time.monotonic()
    urls = {
        key: path
        for key, path in sorted(admin_urls(samples).items())
        if not NOT_PAGES.search(key) and not NOT_WALKED.search(key)
    }
    assert len(urls) > 30, urls
    problems, served, walked, axed = [], {}, [], AXED
    user = walker(role)
    for language in LANGUAGES:
        context = logged_in_context(browser, live_server, user, language)
        walk = Walk(context.new_page(), live_server, language, axed)
        for key, path in urls.items():
            if role in allowed(MAY_OPEN[key], "GET"):
                walk.open(path, key)
                walked.append((language, key))
            else:
                walk.refused(path)
        for changelist, action in ACTION_PAGES:
            if role in MAY_RUN[action]:
                walk.run_action(changelist, action.split(":")[1])
        context.close()
        problems += walk.problems
        served |= walk.served
    # The role has pages of its own, in both languages.
    for language in LANGUAGES:
        assert [key for lang, key in walked if lang == language], language
    # Valid HTML: every page at once, in one run of the checker.
    nu_started = time.monotonic()
    problems += [f"HTML {error}" for error in nu_html_errors(served)]
    TIMES["Nu"] += time.monotonic() - nu_started
    print(  # noqa: T201
        f"{role}: {len(walked)} pages walked in {time.monotonic() - started:.0f} s "
        f"(so far: axe {TIMES['axe']:.0f} s in {TIMES['axe runs']} runs, Nu {TIMES['Nu']:.0f} s)"
    )
    assert problems == [], "\n".join(problems)


def changed_activity():
    return LogEntry.objects.get().get_edited_object()


def test_admin_dates_read_as_on_the_public_site(page, live_server, admin_site):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/ar/admin/activities/activity/{changed_activity().pk}/history/")
    # 13:03 UTC is 16:03 in Baghdad: day, Iraqi month, year, Arabic comma, 24-hour clock.
    assert page.locator("#change-history tbody th").first.inner_text() == (
        "22 تشرين الثاني 2026، 16:03"
    )


def test_status_history_reads_in_arabic_with_the_arrow_pointing_the_reading_way(
    page, live_server, admin_site
):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/ar/admin/activities/activity/{changed_activity().pk}/change/")
    rows = page.locator(".inline-related tbody tr.has_original td.original p").all_inner_texts()
    # Right to left: from "submitted" on the right, the arrow pointing left to "under review".
    assert [row.strip() for row in rows] == ["مُقدَّم ← قيد المراجعة"], rows


def test_phone_numbers_and_addresses_read_left_to_right_in_the_arabic_admin(
    page, live_server, admin_site
):
    log_in(page, live_server)
    volunteer = admin_site[Volunteer]
    page.goto(f"{live_server.url}/ar/admin/volunteers/volunteer/{volunteer.pk}/change/")
    for field in ["#id_phone", "#id_email"]:
        assert page.locator(field).evaluate("e => getComputedStyle(e).direction") == "ltr"
