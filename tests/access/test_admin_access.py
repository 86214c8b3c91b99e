"""Who may do what in the admin: every admin URL, every action and every export
tried as every role, against one table.

The URLs come from the admin site itself (its URL patterns, with each
ModelAdmin's own) and the actions from each ModelAdmin's get_actions(), so a
new model, view, action or export fails this test until the table below says
who may use it (table.py). The roles come from the staff groups the migrations make: a
new group fails it too until it is a role here.

Each request is a real one: a client that enforces CSRF, with a token taken
from a page; GET and POST (a POST that would do the thing: confirm, delete,
export). Each runs in a savepoint that is rolled back, so one request cannot
change what the next one sees. A refused request must change no row, and no
response (refused or not, HTML or CSV or XLSX) may carry personal data the
role may not read.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.test import Client, RequestFactory
from django.urls import URLResolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone, translation

from outcomes.models import Initiative, InitiativeMember, Outcome, Recommendation
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    SpaceFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.second_factor import add_authenticator

from .table import (
    COORDINATOR,
    CSV,
    DOING,
    EXTRA_REQUESTS,
    GROUP_ROLES,
    INITIATIVE_MEMBER,
    MAY_OPEN,
    MAY_READ,
    MAY_RUN,
    MODERATOR,
    ORGANIZER,
    REVIEWER,
    ROLES,
    SUPERUSER,
    TEAM_CONTACT,
    UNVERIFIED,
    VOLUNTEER,
    XLSX,
    allowed,
    make_user,
)
from .visitor import DONE, REFUSED, Visitor, personal_data_in

pytestmark = pytest.mark.django_db

# The admin's URLs, from the admin site ---------------------------------------------

ID_NAMES = {"object_id", "pk", "id"}
PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")


def registered_models():
    return {f"{m._meta.app_label}/{m._meta.model_name}/": m for m in admin.site._registry}


def walk(patterns, prefix="", model=None):
    models = registered_models()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            route = prefix + str(pattern.pattern)
            yield from walk(pattern.url_patterns, route, models.get(route, model))
        else:
            yield prefix, pattern, model


def admin_urls(samples):
    """{key: path under the admin root} for every URL pattern of the admin."""
    urls = {}
    for prefix, pattern, model in walk(admin.site.get_urls()):
        if not isinstance(pattern.pattern, RoutePattern):
            regex = pattern.pattern.regex
            if pattern.name == "app_list":
                for app_label in {m._meta.app_label for m in admin.site._registry}:
                    urls[f"{app_label}/"] = f"{app_label}/"
            elif "url" in regex.groupindex:  # the catch-all: anything else is a 404
                urls["<anything>"] = "no-such-page/"
            else:
                raise AssertionError(f"Teach admin_urls() the pattern {regex.pattern!r}")
            continue
        route = prefix + str(pattern.pattern)
        if pattern.name == "view_on_site":
            for registered in admin.site._registry:
                content_type = ContentType.objects.get_for_model(registered)
                sample = samples[registered]
                urls[f"r/{registered._meta.label_lower}/<id>/"] = (
                    f"r/{content_type.pk}/{sample.pk}/"
                )
            continue

        def value(match, model=model, route=route):
            name = match[2]
            if name in ID_NAMES and model is not None:
                return str(samples[model].pk)
            if name == "status":
                return "accepted"
            raise AssertionError(f"Teach admin_urls() the part <{name}> of {route!r}")

        key = PLACEHOLDER.sub(lambda m: "<id>" if m[2] in ID_NAMES else f"<{m[2]}>", route)
        urls[key] = PLACEHOLDER.sub(value, route)
    return urls


def admin_actions():
    """{"app.model:action": ModelAdmin} for every action a superuser is offered."""
    request = RequestFactory().get("/")
    request.user = User(is_staff=True, is_superuser=True, is_active=True)
    return {
        f"{model._meta.label_lower}:{name}": model
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.get_actions(request)
    }


# Data for every page to show ------------------------------------------------------------


@pytest.fixture
def users(db):
    return {role: make_user(role) for role in ROLES}


@pytest.fixture
def samples(season, users, settings):
    """A row of every registered model, with personal data to look for."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult

    # As in production: django-axes on (its admin actions need its middleware),
    # and a task of the database queue that the admin can read.
    settings.AXES_ENABLED = True
    settings.TASKS = {
        **settings.TASKS,
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }

    masar = MasarFactory(season=season)
    SpaceFactory(venue__season=season)
    activity = ActivityFactory(season=season, masarat=[masar], **ORGANIZER)
    # The reviewer reviews the sample's masar, has scored it, and declared a
    # conflict with another organization; a template of a decision's message.
    from reviews.models import DeclaredConflict, MessageTemplate, Review

    reviewer = users[REVIEWER]
    reviewer.reviewer.masarat.set([masar])
    Review.objects.create(
        activity=activity, reviewer=reviewer, relevance=4, quality=3, feasibility=5
    )
    DeclaredConflict.objects.create(reviewer=reviewer, organization="Another Association")
    MessageTemplate.objects.create(name="Welcome", text_ar="أهلاً", text_en="Welcome")
    # An agreed convergence of two other proposals (activities/convergence/).
    from activities.convergence.models import Convergence

    Convergence.objects.create(
        inviter=ActivityFactory(season=season, masarat=[masar]),
        invited=ActivityFactory(season=season, masarat=[masar]),
        kind=Convergence.Kind.MERGE,
        status=Convergence.Status.ACCEPTED,
    )
    outcome = Outcome.objects.create(activity=activity, account_en="Done", participants=9)
    Recommendation.objects.create(outcome=outcome, text_en="Do", masar=masar, addressee="other")
    initiative = Initiative.objects.create(outcome=outcome, title_en="Act", description_en="Act")
    InitiativeMember.objects.create(
        initiative=initiative,
        organization="Member org",
        organization_type="cso",
        governorate="baghdad",
        **INITIATIVE_MEMBER,
    )
    team = TeamFactory(season=season, **TEAM_CONTACT)
    VolunteerFactory(season=season, status="assigned", team=team, wishes=[team], **VOLUNTEER)
    attempt = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "192.0.2.7",
        "username": "someone",
        "http_accept": "text/html",
        "path_info": "/en/admin/login/",
    }
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
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
    # Staff security: a second factor of each kind, an entry of the access log.
    from django_otp_webauthn.models import WebAuthnCredential

    from staff.models import PersonalDataAccess

    root = users[SUPERUSER]
    # A colleague's: a superuser removing their own would end their session's second factor.
    colleague = User.objects.create_user("colleague", is_staff=True)
    add_authenticator(colleague)
    WebAuthnCredential.objects.create(
        user=colleague, name="passkey", credential_id=b"sample", public_key=b"key", sign_count=0
    )
    PersonalDataAccess.objects.create(
        user=root,
        username=root.username,
        action="view",
        model="volunteers.volunteer",
        object_ids=[1],
        path="/en/admin/",
    )
    rows = {model: model._default_manager.order_by("pk").first() for model in admin.site._registry}
    missing = [model._meta.label for model, row in rows.items() if row is None]
    assert not missing, f"Give the samples fixture a row of {missing}"
    return rows


@pytest.fixture
def english():
    with translation.override("en"):
        yield


# The tests ---------------------------------------------------------------------------------


def test_every_staff_group_is_a_role_of_the_table():
    assert set(Group.objects.values_list("name", flat=True)) == set(GROUP_ROLES)


def test_every_admin_url_and_action_is_in_the_table(samples, english):
    urls = set(admin_urls(samples))
    assert sorted(urls - set(MAY_OPEN)) == [], "admin URLs nobody said who may open"
    assert sorted(set(MAY_OPEN) - urls) == [], "rows of the table for URLs that are gone"
    actions = set(admin_actions())
    assert sorted(actions - set(MAY_RUN)) == [], "admin actions nobody said who may run"
    assert sorted(set(MAY_RUN) - actions) == [], "rows of the table for actions that are gone"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_the_admin_urls_the_table_gives_it(role, users, samples, english):
    visitor = Visitor(role, users[role])
    # The client really checks CSRF: a post without the token is refused.
    assert visitor.client.post(visitor.root, {}).status_code == 403

    problems, seen = [], set()
    for key, path in sorted(admin_urls(samples).items()):
        tries = [("GET", "", {}), ("POST", "", DOING), *EXTRA_REQUESTS.get(key, [])]
        for method, query, data in tries:
            response, wrote, text = visitor.request(method, visitor.root + path + query, data)
            may = role in allowed(MAY_OPEN[key], method)
            where = f"{method} {path}{query} {data.get('format', '')}".rstrip()
            problems += judge(role, where, visitor.outcome(response), may, wrote, text)
            seen |= personal_data_in(text)
    assert problems == [], f"{role}:\n" + "\n".join(problems)
    # The search finds what it looks for: each role that may read a kind of
    # personal data did meet it somewhere (a list, a page, an export).
    assert seen == MAY_READ[role]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_runs_exactly_the_admin_actions_the_table_gives_it(role, users, samples, english):
    visitor = Visitor(role, users[role])
    problems = []
    for key, model in sorted(admin_actions().items()):
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        selected = {"action": key.split(":")[1], "_selected_action": str(samples[model].pk)}
        # Chosen from the list, then confirmed on its own page (where it has one).
        for step, data in [
            ("chosen", {**selected, "index": "0"}),
            ("confirmed", {**selected, **DOING}),
        ]:
            response, wrote, text = visitor.request("POST", changelist, data)
            outcome = action_outcome(visitor, response)
            problems += judge(role, f"{key} {step}", outcome, role in MAY_RUN[key], wrote, text)
    assert problems == [], f"{role}:\n" + "\n".join(problems)


def judge(role, where, outcome, may, wrote, text):
    expected = DONE if may else REFUSED
    problems = []
    if outcome != expected:
        problems.append(f"{where}: {outcome}, expected {expected}")
    if outcome == REFUSED and wrote:
        problems.append(f"{where}: refused, yet it wrote to the database")
    leaked = personal_data_in(text) - MAY_READ[role]
    if leaked:
        problems.append(f"{where}: shows personal data of {sorted(leaked)}")
    return problems


def action_outcome(visitor, response):
    """An action the role is not offered comes back as the list (when it is
    offered none) or with Django's "No action selected."."""
    if visitor.outcome(response) == REFUSED:
        return REFUSED
    if any(t.name == "admin/change_list.html" for t in response.templates or []):
        return REFUSED
    if "No action selected." in [str(m) for m in get_messages(response.wsgi_request)]:
        return REFUSED
    return DONE


def test_without_a_second_factor_every_admin_url_sends_to_its_setup(users, samples, english):
    """Past the password only: each admin page but the login and logout sends
    to the second factor's setup, and back to the page afterwards."""
    client = Client()
    client.force_login(users[UNVERIFIED])
    setup = reverse("staff:setup")
    root = reverse("admin:index")
    for key, path in sorted(admin_urls(samples).items()):
        if key in {"login/", "logout/"}:
            continue
        for method in ["get", "post"]:
            response = getattr(client, method)(root + path)
            assert response.status_code == 302, f"{method} {path}"
            location = urlsplit(response["Location"])
            assert location.path == setup, f"{method} {path}"
            assert parse_qs(location.query)["next"] == [root + path]


# The leak that made this table: each group exporting the other's people.


def test_a_volunteer_coordinator_cannot_export_the_organizers(users, samples, english):
    visitor = Visitor(COORDINATOR, users[COORDINATOR])
    for file_format in [CSV, XLSX]:
        response, _wrote, text = visitor.request(
            "POST", reverse("admin:activities_activity_export"), {"format": file_format}
        )
        assert response.status_code == 403
        assert ORGANIZER["email"] not in text and ORGANIZER["phone"] not in text


def test_a_programme_moderator_cannot_export_the_volunteers(users, samples, english):
    visitor = Visitor(MODERATOR, users[MODERATOR])
    for file_format in [CSV, XLSX]:
        response, _wrote, text = visitor.request(
            "POST", reverse("admin:volunteers_volunteer_export"), {"format": file_format}
        )
        assert response.status_code == 403
        assert VOLUNTEER["email"] not in text and VOLUNTEER["full_name"] not in text


def test_each_group_still_exports_its_own_people(users, samples, english):
    moderator = Visitor(MODERATOR, users[MODERATOR])
    _response, _wrote, text = moderator.request(
        "POST", reverse("admin:activities_activity_export"), {"format": CSV}
    )
    assert ORGANIZER["email"] in text
    coordinator = Visitor(COORDINATOR, users[COORDINATOR])
    _response, _wrote, text = coordinator.request(
        "POST", reverse("admin:volunteers_volunteer_export"), {"format": CSV}
    )
    assert VOLUNTEER["email"] in text
