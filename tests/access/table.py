"""The table of who may do what in the admin, read by test_admin_access.py:
the roles (one per staff group the migrations make, and the rest), which
personal data each may read, which admin URLs each may open and which
actions each may run. A new admin URL, action or group fails the test until
it has its row here."""

from django.contrib.auth.models import User

from tests.factories import (
    ProgrammeModeratorFactory,
    ReviewerFactory,
    VolunteerCoordinatorFactory,
)

# Roles ------------------------------------------------------------------------

ANONYMOUS = "anonymous"
STAFF_ONLY = "staff account in no group"
MODERATOR = "programme moderator"
COORDINATOR = "volunteer coordinator"
# Assigned to the sample proposal's masar (the samples fixture).
REVIEWER = "reviewer"
SUPERUSER = "superuser"
# Past the password but not the second factor: whoever they are (a superuser,
# here), nothing of the admin but its login and logout until they pass it.
UNVERIFIED = "superuser without a second factor yet"

ROLES = [ANONYMOUS, STAFF_ONLY, MODERATOR, COORDINATOR, REVIEWER, SUPERUSER, UNVERIFIED]
# Every role but these logs in with both factors (Visitor).
NOT_VERIFIED = {ANONYMOUS, UNVERIFIED}
# Every staff group a migration makes is a role of this table.
GROUP_ROLES = {
    "Programme moderators": MODERATOR,
    "Volunteer coordinators": COORDINATOR,
    "Reviewers": REVIEWER,
}

EVERYONE = set(ROLES)
STAFF = EVERYONE - NOT_VERIFIED
NOBODY = set()
ADMINS = {SUPERUSER}
MODERATORS = {MODERATOR, SUPERUSER}
COORDINATORS = {COORDINATOR, SUPERUSER}
REVIEWERS = {REVIEWER, SUPERUSER}


def make_user(role):
    if role == ANONYMOUS:
        return None
    if role == MODERATOR:
        return ProgrammeModeratorFactory()
    if role == COORDINATOR:
        return VolunteerCoordinatorFactory()
    if role == REVIEWER:
        return ReviewerFactory()
    if role == SUPERUSER:
        return User.objects.create_superuser("root", "root@example.org", "root-password-123")
    if role == UNVERIFIED:
        return User.objects.create_superuser("newroot", "newroot@example.org", "new-password-123")
    return User.objects.create_user(
        "staff", "staff@example.org", "staff-password-123", is_staff=True
    )


# Personal data, and who may read it ---------------------------------------------

ORGANIZER = {
    "contact_name": "Organizer Secretname",
    "email": "organizer.secret@example.org",
    "phone": "+9647801112233",
}
VOLUNTEER = {
    "full_name": "Volunteer Secretname",
    "email": "volunteer.secret@example.org",
    "phone": "+9647502223344",
}
TEAM_CONTACT = {
    "contact_name": "Teamlead Secretname",
    "contact_email": "teamlead.secret@example.org",
    "contact_phone": "+9647713334455",
}
# An organization that joined an initiative: its email is read as organizers' are.
INITIATIVE_MEMBER = {"email": "member.secret@example.org"}
PERSONAL_DATA = {
    "organizers": [*ORGANIZER.values(), *INITIATIVE_MEMBER.values()],
    "volunteers": [*VOLUNTEER.values(), *TEAM_CONTACT.values()],
}
MAY_READ = {
    ANONYMOUS: set(),
    STAFF_ONLY: set(),
    MODERATOR: {"organizers"},
    COORDINATOR: {"volunteers"},
    # The proposals of their masarat, without the organizers' contact data.
    REVIEWER: set(),
    SUPERUSER: {"organizers", "volunteers"},
    UNVERIFIED: set(),
}

# What each role may open: admin URL → roles (or per method) -----------------------
# "<id>" stands for an object of the URL's model; "app/" is an app's page.


def model_urls(prefix, *, view, add, change, delete):
    """The six URLs every ModelAdmin has, from the model's permissions."""
    readers = view | change
    return {
        prefix: readers,
        f"{prefix}add/": add,
        # A redirect to …/change/, which then checks.
        f"{prefix}<id>/": STAFF,
        f"{prefix}<id>/change/": {"GET": readers, "POST": change},
        f"{prefix}<id>/history/": readers,
        f"{prefix}<id>/delete/": delete,
    }


MAY_OPEN = {
    "": STAFF,  # the index lists only what each may see
    # Staff are sent on to the index (and from there, without a second factor, to it);
    # a POST shows the form again, to anyone.
    "login/": {"GET": {ANONYMOUS}, "POST": EVERYONE},
    "logout/": {"GET": NOBODY, "POST": STAFF | {UNVERIFIED}},
    "password_change/": STAFF,
    "password_change/done/": {"GET": STAFF, "POST": NOBODY},
    "jsi18n/": {"GET": STAFF, "POST": NOBODY},
    "autocomplete/": NOBODY,  # no ModelAdmin has autocomplete fields
    "<anything>": NOBODY,
    # The public page of an object with one (Django's "view on site").
    **{f"r/{label}/<id>/": NOBODY for label in ["auth.group", "auth.user"]},
    **{
        f"r/{label}/<id>/": NOBODY
        for label in [
            "activities.convergence",
            "axes.accessattempt",
            "axes.accesslog",
            "axes.accessfailurelog",
            "django_tasks_database.dbtaskresult",
            "django_otp_webauthn.webauthncredential",
            "otp_totp.totpdevice",
            "staff.personaldataaccess",
            "forum.venue",
            "volunteers.volunteer",
            "volunteers.team",
            "reviews.declaredconflict",
            "reviews.reviewer",
            "reviews.messagetemplate",
            "outcomes.outcome",
            "outcomes.initiativemember",
        ]
    },
    "r/activities.masar/<id>/": STAFF,
    "r/forum.season/<id>/": STAFF,  # /seasons/<n>/: a 404 while a draft, to all but previewers
    "r/activities.activity/<id>/": STAFF,  # /programme/<pk>/: a 404 until published
    "r/reviews.proposaltoreview/<id>/": STAFF,  # the same proposal, the same public page
    # Each app's page.
    "auth/": ADMINS,
    "axes/": ADMINS,
    "django_tasks_database/": ADMINS,
    "django_otp_webauthn/": ADMINS,
    "otp_totp/": ADMINS,
    "staff/": ADMINS,
    "forum/": ADMINS,
    "activities/": MODERATORS,
    "volunteers/": COORDINATORS,
    "reviews/": REVIEWERS | MODERATORS,
    "outcomes/": MODERATORS,
    # Accounts, logins and the mail queue: superusers only.
    **model_urls("auth/group/", view=ADMINS, add=ADMINS, change=ADMINS, delete=ADMINS),
    **model_urls("auth/user/", view=ADMINS, add=ADMINS, change=ADMINS, delete=ADMINS),
    "auth/user/<id>/password/": ADMINS,
    **model_urls("axes/accessattempt/", view=ADMINS, add=NOBODY, change=ADMINS, delete=ADMINS),
    **model_urls("axes/accesslog/", view=ADMINS, add=NOBODY, change=ADMINS, delete=ADMINS),
    **model_urls("axes/accessfailurelog/", view=ADMINS, add=NOBODY, change=ADMINS, delete=ADMINS),
    **model_urls(
        "django_tasks_database/dbtaskresult/",
        view=ADMINS,
        add=NOBODY,
        change=NOBODY,
        delete=NOBODY,
    ),
    # Staff security: the access log (read-only, kept by erase_personal_data)
    # and each account's second factors (removed to set up again, never read).
    **model_urls(
        "staff/personaldataaccess/", view=ADMINS, add=NOBODY, change=NOBODY, delete=NOBODY
    ),
    **model_urls("otp_totp/totpdevice/", view=ADMINS, add=NOBODY, change=ADMINS, delete=ADMINS),
    **model_urls(
        "django_otp_webauthn/webauthncredential/",
        view=ADMINS,
        add=NOBODY,
        change=ADMINS,
        delete=ADMINS,
    ),
    # Seasons and venues.
    **model_urls("forum/season/", view=ADMINS, add=ADMINS, change=ADMINS, delete=ADMINS),
    # Opening the next season, and making one current: what only superusers may.
    "forum/season/<id>/prepare-next/": ADMINS,
    "forum/season/<id>/make-current/": ADMINS,
    **model_urls("forum/venue/", view=ADMINS, add=ADMINS, change=ADMINS, delete=ADMINS),
    # The programme: moderators review, translate, schedule and export; proposals
    # come only through the public form.
    **model_urls("activities/masar/", view=MODERATORS, add=ADMINS, change=ADMINS, delete=ADMINS),
    **model_urls(
        "activities/activity/", view=MODERATORS, add=NOBODY, change=MODERATORS, delete=ADMINS
    ),
    "activities/activity/<id>/decide/<status>/": MODERATORS,
    # The scheduler: a day's grid and its form, the drag path's check (JSON),
    # and the undo (a POST; the page's button).
    "activities/activity/scheduler/": MODERATORS,
    "activities/activity/scheduler/check/": MODERATORS,
    "activities/activity/scheduler/undo/": {"GET": NOBODY, "POST": MODERATORS},
    # Convergences: organizations invite each other from their private pages;
    # moderators see them and carry out the agreed ones.
    **model_urls(
        "activities/convergence/", view=MODERATORS, add=NOBODY, change=MODERATORS, delete=ADMINS
    ),
    "activities/activity/export/": MODERATORS,
    # Reviews: reviewers read (never the contact data) and score the proposals
    # of their masarat, and declare their conflicts (each their own); nobody adds
    # or deletes a proposal there. Moderators assign reviewers to masarat and
    # keep the decision message templates.
    **model_urls(
        "reviews/proposaltoreview/", view=REVIEWERS, add=NOBODY, change=REVIEWERS, delete=NOBODY
    ),
    **model_urls(
        "reviews/declaredconflict/",
        view=REVIEWERS,
        add=REVIEWERS,
        change=REVIEWERS,
        delete=REVIEWERS,
    ),
    **model_urls(
        "reviews/reviewer/", view=MODERATORS, add=MODERATORS, change=MODERATORS, delete=MODERATORS
    ),
    **model_urls(
        "reviews/messagetemplate/",
        view=MODERATORS,
        add=MODERATORS,
        change=MODERATORS,
        delete=MODERATORS,
    ),
    # Outcomes: moderators publish or send back reports (which come only from
    # the organizer's private page) and show or hide the organizations that
    # joined an initiative (which join only from its public page).
    **model_urls(
        "outcomes/outcome/", view=MODERATORS, add=NOBODY, change=MODERATORS, delete=ADMINS
    ),
    **model_urls(
        "outcomes/initiativemember/",
        view=MODERATORS,
        add=NOBODY,
        change=MODERATORS,
        delete=ADMINS,
    ),
    # Volunteers and teams: coordinators do everything.
    **model_urls(
        "volunteers/volunteer/",
        view=COORDINATORS,
        add=COORDINATORS,
        change=COORDINATORS,
        delete=COORDINATORS,
    ),
    "volunteers/volunteer/suggest/": COORDINATORS,
    "volunteers/volunteer/export/": COORDINATORS,
    **model_urls(
        "volunteers/team/",
        view=COORDINATORS,
        add=COORDINATORS,
        change=COORDINATORS,
        delete=COORDINATORS,
    ),
    "volunteers/team/<id>/roster/": COORDINATORS,
}

# Downloads a URL offers besides its plain GET and POST, with the URL's roles.
CSV, XLSX = "0", "1"
EXTRA_REQUESTS = {
    "volunteers/team/<id>/roster/": [("GET", "?format=csv", {}), ("GET", "?format=xlsx", {})],
    "activities/activity/export/": [("POST", "", {"format": XLSX})],
    "volunteers/volunteer/export/": [("POST", "", {"format": XLSX})],
}

# Every action of every ModelAdmin → roles that may run it.
MAY_RUN = {
    "auth.group:delete_selected": ADMINS,
    "auth.user:delete_selected": ADMINS,
    "axes.accessattempt:delete_selected": ADMINS,
    "axes.accessattempt:cleanup_expired_attempts": ADMINS,
    "axes.accesslog:delete_selected": ADMINS,
    "axes.accessfailurelog:delete_selected": ADMINS,
    "otp_totp.totpdevice:delete_selected": ADMINS,
    "django_otp_webauthn.webauthncredential:delete_selected": ADMINS,
    "forum.season:delete_selected": ADMINS,
    "forum.season:prepare_next_season_action": ADMINS,
    "forum.season:make_current_action": ADMINS,
    "forum.venue:delete_selected": ADMINS,
    "activities.masar:delete_selected": ADMINS,
    "activities.activity:delete_selected": ADMINS,
    "activities.activity:mark_under_review": MODERATORS,
    "activities.activity:accept_selected": MODERATORS,
    "activities.activity:request_changes_selected": MODERATORS,
    "activities.activity:decline_selected": MODERATORS,
    "activities.activity:email_private_link": MODERATORS,
    "activities.activity:release_spam": MODERATORS,
    "activities.activity:export_admin_action": MODERATORS,
    "reviews.declaredconflict:delete_selected": REVIEWERS,
    "reviews.reviewer:delete_selected": MODERATORS,
    "reviews.messagetemplate:delete_selected": MODERATORS,
    "activities.convergence:delete_selected": ADMINS,
    "activities.convergence:carry_out": MODERATORS,
    "outcomes.outcome:delete_selected": ADMINS,
    "outcomes.outcome:publish_selected": MODERATORS,
    "outcomes.initiativemember:delete_selected": ADMINS,
    "outcomes.initiativemember:show_selected": MODERATORS,
    "outcomes.initiativemember:release_spam": MODERATORS,
    "outcomes.initiativemember:hide_selected": MODERATORS,
    "volunteers.volunteer:delete_selected": COORDINATORS,
    "volunteers.volunteer:confirm": COORDINATORS,
    "volunteers.volunteer:decline": COORDINATORS,
    "volunteers.volunteer:assign_to_team": COORDINATORS,
    "volunteers.volunteer:remove_from_team": COORDINATORS,
    "volunteers.volunteer:send_link": COORDINATORS,
    "volunteers.volunteer:erase": COORDINATORS,
    "volunteers.volunteer:release_spam": COORDINATORS,
    "volunteers.volunteer:invite_to_current_season": COORDINATORS,
    "volunteers.team:delete_selected": COORDINATORS,
    "volunteers.team:export_rosters_csv": COORDINATORS,
    "volunteers.team:export_rosters_xlsx": COORDINATORS,
}

# A POST that would do what its page does: confirm a decision or a deletion,
# apply a plan, download an export.
DOING = {"post": "yes", "confirm": "1", "apply": "1", "format": CSV, "resource": "0"}


def allowed(rule, method):
    """The roles of a MAY_OPEN row for one method."""
    return rule[method] if isinstance(rule, dict) else rule
