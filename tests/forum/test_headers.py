"""Caching and Permissions-Policy headers on every kind of page.

Every named URL of the site is in the table below (a new one fails the test
until it is): a public page may be kept by browsers; a private page (one
reached through a private link, or one that names what a visitor typed) is
never stored; a form is public when empty and never stored once posted,
since the page answering a post shows what was typed again.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from outcomes.models import Initiative, InitiativeMember, Outcome
from tests.factories import (
    ActivityFactory,
    ScheduledActivityFactory,
    TeamFactory,
    VolunteerFactory,
)
from volunteers.models import Invitation, email_digest

pytestmark = pytest.mark.django_db

PUBLIC, PRIVATE, FORM, MACHINE = "public", "private", "form", "machine"
TYPED_EMAIL = "typed.by.visitor@example.org"
# Not an address: every form shows it again with its error.
MISTYPED_EMAIL = "typed by visitor@example.org"

# URL name → (kind, path without the language prefix).
PAGES = {
    "forum:home": (PUBLIC, ""),
    "forum:about": (PUBLIC, "about/"),
    "forum:privacy": (PUBLIC, "privacy/"),
    "forum:seasons": (PUBLIC, "seasons/"),
    "forum:season": (PUBLIC, "seasons/{activity.season.number}/"),
    "forum:season_numbers": (PUBLIC, "seasons/{activity.season.number}/numbers/"),
    "activities:season_programme": (PUBLIC, "seasons/{activity.season.number}/programme/"),
    "activities:season_programme_ics": (
        PUBLIC,
        "seasons/{activity.season.number}/programme/calendar.ics",
    ),
    "activities:season_schedule_xml": (
        PUBLIC,
        "seasons/{activity.season.number}/programme/schedule.xml",
    ),
    "activities:season_schedule_json": (
        PUBLIC,
        "seasons/{activity.season.number}/programme/schedule.json",
    ),
    "activities:season_masar": (PUBLIC, "seasons/{masar.season.number}/masarat/{masar.slug}/"),
    "activities:season_masar_ics": (
        PUBLIC,
        "seasons/{masar.season.number}/masarat/{masar.slug}/calendar.ics",
    ),
    "activities:programme": (PUBLIC, "programme/"),
    "activities:detail": (PUBLIC, "programme/{activity.pk}/"),
    "activities:detail_ics": (PUBLIC, "programme/{activity.pk}/calendar.ics"),
    "activities:programme_ics": (PUBLIC, "programme/calendar.ics"),
    "activities:schedule_xml": (PUBLIC, "programme/schedule.xml"),
    "activities:schedule_json": (PUBLIC, "programme/schedule.json"),
    "activities:my_programme": (PUBLIC, "programme/mine/?ids={activity.pk}"),
    "activities:my_programme_ics": (PUBLIC, "programme/mine/calendar.ics?ids={activity.pk}"),
    "activities:masar": (PUBLIC, "masarat/{masar.slug}/"),
    "activities:masar_ics": (PUBLIC, "masarat/{masar.slug}/calendar.ics"),
    "activities:propose": (FORM, "propose/"),
    "activities:propose_thanks": (PRIVATE, "propose/thanks/{proposal.private_token}/"),
    "activities:private": (PRIVATE, "propose/status/{proposal.private_token}/"),
    "activities:private_edit": (PRIVATE, "propose/status/{proposal.private_token}/edit/"),
    "activities:propose_again": (PRIVATE, "propose/status/{proposal.private_token}/again/"),
    "activities:private_withdraw": (
        PRIVATE,
        "propose/status/{proposal.private_token}/withdraw/",
    ),
    # Convergence (activities/convergence/): a GET of an invitation to a
    # proposal that is no partner, and of an answer, goes back to the private page.
    "activities:converge_invite": (
        PRIVATE,
        "propose/status/{proposal.private_token}/converge/{activity.pk}/",
    ),
    "activities:converge_answer": (
        PRIVATE,
        "propose/status/{proposal.private_token}/converge/answer/1/",
    ),
    # Outcomes (outcomes/): the season's outcomes, its calendar of action
    # dates, an initiative with its form to join, and the private pages.
    "outcomes:season": (PUBLIC, "seasons/{initiative.outcome.activity.season.number}/outcomes/"),
    "outcomes:calendar": (
        PUBLIC,
        "seasons/{initiative.outcome.activity.season.number}/outcomes/calendar/",
    ),
    "outcomes:calendar_ics": (
        PUBLIC,
        "seasons/{initiative.outcome.activity.season.number}/outcomes/calendar.ics",
    ),
    "outcomes:initiative": (
        FORM,
        "seasons/{initiative.outcome.activity.season.number}/initiatives/{initiative.pk}/",
    ),
    "outcomes:membership": (PRIVATE, "initiatives/joined/{member.private_token}/"),
    "outcomes:report": (PRIVATE, "propose/status/{past.private_token}/outcomes/"),
    "volunteers:signup": (FORM, "volunteer/"),
    "volunteers:thanks": (PRIVATE, "volunteer/thanks/"),
    "volunteers:teams": (PUBLIC, "volunteer/teams/"),
    "volunteers:lost_link": (FORM, "volunteer/link/"),
    "volunteers:lost_link_sent": (PUBLIC, "volunteer/link/sent/"),
    "volunteers:deleted": (PUBLIC, "volunteer/deleted/"),
    "volunteers:no_more_emails": (PRIVATE, "volunteer/no-more-emails/{invitation.token}/"),
    "volunteers:private": (PRIVATE, "volunteer/me/{volunteer.private_token}/"),
    "volunteers:withdraw": (PRIVATE, "volunteer/me/{volunteer.private_token}/withdraw/"),
    "volunteers:rejoin": (PRIVATE, "volunteer/me/{volunteer.private_token}/rejoin/"),
    "volunteers:delete": (PRIVATE, "volunteer/me/{volunteer.private_token}/delete/"),
    # The admin: Django never caches it; every admin URL is tried as every
    # role in tests/access/.
    "admin:login": (PRIVATE, f"{settings.ADMIN_URL}login/"),
    # The second step of a staff login (tests/staff/, tests/access/).
    "staff:setup": (PRIVATE, f"{settings.ADMIN_URL}second-factor/"),
    "staff:verify": (PRIVATE, f"{settings.ADMIN_URL}second-factor/verify/"),
    "staff:recovery_codes": (PRIVATE, f"{settings.ADMIN_URL}second-factor/recovery-codes/"),
    # Passkeys' JSON endpoints (django-otp-webauthn): POST only, for logged-in staff.
    **{
        f"otp_webauthn:{name}": (PRIVATE, f"{settings.ADMIN_URL}second-factor/passkeys/{path}")
        for name, path in [
            ("credential-registration-begin", "registration/begin/"),
            ("credential-registration-complete", "registration/complete/"),
            ("credential-authentication-begin", "authentication/begin/"),
            ("credential-authentication-complete", "authentication/complete/"),
        ]
    },
    "sitemap": (MACHINE, "/sitemap.xml"),
    "robots_txt": (MACHINE, "/robots.txt"),
    "favicon": (MACHINE, "/favicon.ico"),
    "healthz": (MACHINE, "/healthz"),
}


def site_url_names():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    yield "admin:login"
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def cache_control(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


@pytest.fixture
def things(season, masar):
    TeamFactory(season=season)
    invited = VolunteerFactory(season=season, email="invited@example.org")
    invitation = Invitation.objects.create(
        season=season, volunteer=invited, email_digest=email_digest(invited.email)
    )
    past = ScheduledActivityFactory(
        season=season,
        masarat=[masar],
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=1),
    )
    outcome = Outcome.objects.create(
        activity=past, account_en="Done", participants=10, status=Outcome.Status.PUBLISHED
    )
    initiative = Initiative.objects.create(
        outcome=outcome, title_en="Campaign", description_en="A campaign", starts_on=season.end_date
    )
    member = InitiativeMember.objects.create(
        initiative=initiative,
        organization="Joined",
        organization_type="cso",
        governorate="baghdad",
        email="joined@example.org",
    )
    return {
        "past": past,
        "initiative": initiative,
        "member": member,
        "invitation": invitation,
        "activity": ScheduledActivityFactory(season=season, masarat=[masar]),
        "proposal": ActivityFactory(season=season, masarat=[masar]),
        "masar": masar,
        "volunteer": VolunteerFactory(season=season),
    }


def url_of(name, lang, things):
    path = PAGES[name][1].format(**things)
    return path if path.startswith("/") else f"/{lang}/{path}"


def test_every_named_url_of_the_site_is_in_the_table():
    assert site_url_names() == set(PAGES)


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_private_pages_are_never_stored_and_public_ones_may_be(client, things, name, lang):
    kind = PAGES[name][0]
    if name == "volunteers:thanks":
        session = client.session
        session["volunteer_signup_email"] = TYPED_EMAIL
        session.save()
    response = client.get(url_of(name, lang, things))
    assert response.status_code in {200, 302, 405}, response.status_code
    if kind == PRIVATE:
        assert {"no-store", "private"} <= cache_control(response)
    else:
        assert "no-store" not in cache_control(response)
    if name == "volunteers:thanks":
        assert TYPED_EMAIL in response.content.decode()


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("name", sorted(n for n, (kind, _path) in PAGES.items() if kind == FORM))
def test_a_posted_form_shown_again_with_what_was_typed_is_never_stored(client, things, name, lang):
    response = client.post(url_of(name, lang, things), {"email": MISTYPED_EMAIL})
    assert response.status_code == 200
    assert MISTYPED_EMAIL in response.content.decode()
    assert {"no-store", "private"} <= cache_control(response)


def test_the_private_page_of_a_volunteer_posted_with_a_mistake_is_never_stored(client, things):
    response = client.post(url_of("volunteers:private", "en", things), {"phone": "not a phone"})
    assert response.status_code == 200
    assert "not a phone" in response.content.decode()
    assert {"no-store", "private"} <= cache_control(response)


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize(
    "name", sorted(n for n, (kind, _path) in PAGES.items() if kind in {PUBLIC, PRIVATE, FORM})
)
def test_every_page_denies_the_browser_features_the_site_does_not_use(client, things, name, lang):
    response = client.get(url_of(name, lang, things))
    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    assert policy["camera"] == "(self)"  # the check-in page to come scans codes
    for feature in ["geolocation", "microphone", "payment", "usb", "display-capture"]:
        assert policy[feature] == "()"
    assert set(policy) == set(settings.PERMISSIONS_POLICY)


def test_static_files_carry_the_permissions_policy_too(client, db):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "camera=(self)" in response["Permissions-Policy"]
