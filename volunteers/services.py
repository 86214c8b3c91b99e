"""What happens to volunteers, step by step: sign-up, the private link,
withdrawal, erasure, and the coordinators' confirm / decline / assign.

Plain functions with keyword-only arguments, each under one transaction, so
a row and the email it causes commit together (forum.mail). Links in emails
are absolute, on SITE_URL (forum.links.absolute_url).
"""

import dataclasses
import datetime as dt
from collections import Counter, defaultdict

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum.links import absolute_url
from forum.mail import queue_email
from forum.models import OutgoingEmail
from forum.templatetags.forum_tags import field_in_language

from . import assignment, tasks
from .counts import keep_volunteer_counts, seasons_with_volunteers
from .models import Gender, Team, TeamWish, Volunteer, list_text, new_private_token

# A burst of sign-ups (or "send me my link" requests) with one address sends
# the link once in this time, so nobody can flood a stranger's inbox.
LINK_RESEND_INTERVAL = dt.timedelta(minutes=10)


class VolunteerActionRefused(Exception):
    """A coordinator's action that would break a rule; the message says which."""


def team_texts(team, language):
    """The team's name and texts in one language (the other's when missing)."""
    with translation.override(language):
        return {
            "name": field_in_language(team, "name")[0],
            "description": field_in_language(team, "description")[0],
            "briefing": field_in_language(team, "briefing")[0],
        }


def set_wishes(*, volunteer, teams):
    """Replace the volunteer's wishes by these teams, first choice first."""
    volunteer.wishes.all().delete()
    TeamWish.objects.bulk_create(
        TeamWish(volunteer=volunteer, team=team, rank=rank)
        for rank, team in enumerate(teams, start=1)
    )


@dataclasses.dataclass
class SignUp:
    volunteer_id: int
    created: bool


def sign_up_volunteer(*, season, data, wishes, language, submission_key=None, suspected_spam=False):
    """Make a volunteer and email their private link, or, when the address has
    signed up this season already, make nothing and email the link again to
    that address (only to it: whoever typed the address sees no link).

    Both cases do the same work in the request, so that its time does not
    tell whether an address volunteers: the INSERT of the volunteer (which
    the database refuses for a known address), two more statements (the
    wishes and the savepoint's release; or the rollback to the savepoint and
    the SELECT of the existing sign-up), and one task queued. The emails are
    written by the queue (volunteers.tasks); with the database queue the
    task's row commits with the sign-up, so nothing is lost.

    A form whose honeypot was filled is saved all the same, flagged as
    suspected spam, and emails nobody until a coordinator releases it
    (`release_volunteers`)."""
    volunteer = Volunteer(
        season=season,
        language=language,
        submission_key=submission_key,
        suspected_spam=suspected_spam,
        link_sent_at=None if suspected_spam else timezone.now(),
        **data,
    )
    with transaction.atomic():
        # A savepoint of our own rather than a nested atomic(): its rollback
        # is one statement, as its release is.
        savepoint = transaction.savepoint()
        try:
            volunteer.save(force_insert=True)
        except IntegrityError as error:
            # The same form sent again (its submission key is taken), or an
            # address that has signed up this season (one sign-up each).
            # save() marked the transaction as failed; rolling back to the
            # savepoint made before it makes it good again (Django's docs:
            # set_rollback(False) "if you've rolled back to a known-good savepoint").
            transaction.set_rollback(False)
            transaction.savepoint_rollback(savepoint)
            existing = earlier_sign_up(
                season=season, email=data["email"], key=submission_key, error=error
            )
            if existing is None:
                raise
            existing_id, existing_key = existing
            if submission_key and existing_key == submission_key:
                # A double tap or a retry: done already, nothing sent again.
                return SignUp(existing_id, created=False)
            tasks.email_private_link.enqueue(existing_id)
            return SignUp(existing_id, created=False)
        if wishes:
            TeamWish.objects.bulk_create(
                TeamWish(volunteer=volunteer, team=team, rank=rank)
                for rank, team in enumerate(wishes, start=1)
            )
        else:
            # No wishes, no INSERT: a read in its place keeps the count of
            # round trips the same as for a known address.
            TeamWish.objects.filter(volunteer=volunteer).exists()
        transaction.savepoint_commit(savepoint)
        if not suspected_spam:
            tasks.welcome_volunteer.enqueue(volunteer.pk)
        return SignUp(volunteer.pk, created=True)


def earlier_sign_up(*, season, email, key, error):
    """(id, submission key) of the sign-up that made the INSERT fail: the one
    made with this submission key, or else the one of this address this
    season. One indexed lookup of two columns, chosen by the constraint
    PostgreSQL names; None if there is none (another constraint failed)."""
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    if key and constraint != "one_volunteer_per_email_per_season":
        found = Volunteer.objects.filter(submission_key=key)
    else:
        found = season.volunteers.with_email(email)
    return found.order_by().values_list("pk", "submission_key").first()


def request_private_link(*, season, email):
    """ "Email me my link": the same work whether or not the address signed up
    (one SELECT, one task queued), so the time of the answer tells nothing;
    the task emails the link only to a volunteer's own address."""
    volunteer_id = season.volunteers.with_email(email).values_list("pk", flat=True).first()
    tasks.email_private_link.enqueue(volunteer_id)


def send_welcome(*, volunteer):
    """The new volunteer's email with their private link, and the coordinators' notice."""
    language = volunteer.language
    wishes = [wish.team for wish in volunteer.wishes.select_related("team").order_by("rank")]
    queue_email(
        to=[volunteer.email],
        template="volunteers/emails/signed_up",
        context={
            "volunteer": volunteer,
            "season_name": season_name(volunteer.season, language),
            "wishes": [team_texts(team, language)["name"] for team in wishes],
            "private_url": absolute_url(volunteer.get_private_url()),
        },
        language=language,
    )
    notify_coordinators(
        template="volunteers/emails/coordinators_signed_up",
        context={
            "volunteer": volunteer,
            "wishes": wishes,
            "admin_url": absolute_url(admin_url("admin:volunteers_volunteer_change", volunteer.pk)),
        },
    )


def release_volunteers(*, volunteers):
    """Sign-ups held as suspected spam that a coordinator found genuine: into
    the lists, and the emails held back are sent now. Returns (released, taken):
    a held sign-up whose address has signed up properly since is left held
    (`taken`), as one address signs up once a season."""
    released, taken = [], []
    for volunteer in volunteers:
        with transaction.atomic():
            volunteer = (
                Volunteer.objects.select_for_update().select_related("season").get(pk=volunteer.pk)
            )
            if not volunteer.suspected_spam or volunteer.is_erased:
                continue
            if volunteer.season.volunteers.with_email(volunteer.email).exists():
                taken.append(volunteer)
                continue
            volunteer.suspected_spam = False
            volunteer.link_sent_at = timezone.now()
            try:
                with transaction.atomic():
                    volunteer.save(update_fields=["suspected_spam", "link_sent_at", "updated_at"])
            except IntegrityError:
                # The address signed up a moment ago.
                taken.append(volunteer)
                continue
            send_welcome(volunteer=volunteer)
            released.append(volunteer)
    return released, taken


def send_private_link(*, volunteer, now=None):
    """Email the private link to the volunteer's own address, at most once in
    LINK_RESEND_INTERVAL. True when an email was queued."""
    now = now or timezone.now()
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if volunteer.is_erased:
            return False
        if volunteer.link_sent_at and now - volunteer.link_sent_at < LINK_RESEND_INTERVAL:
            return False
        volunteer.link_sent_at = now
        volunteer.save(update_fields=["link_sent_at", "updated_at"])
        queue_email(
            to=[volunteer.email],
            template="volunteers/emails/link_again",
            context={
                "volunteer": volunteer,
                "season_name": season_name(volunteer.season, volunteer.language),
                "private_url": absolute_url(volunteer.get_private_url()),
            },
            language=volunteer.language,
        )
        return True


def season_name(season, language):
    with translation.override(language):
        return field_in_language(season, "name")[0]


def admin_url(name, pk):
    # In the staff's email language, so the admin opens in the same one.
    with translation.override(settings.STAFF_EMAIL_LANGUAGE):
        return reverse(name, args=[pk])


def notify_coordinators(*, template, context):
    if settings.VOLUNTEER_NOTIFY_EMAILS:
        queue_email(
            to=settings.VOLUNTEER_NOTIFY_EMAILS,
            template=template,
            context=context,
            language=settings.STAFF_EMAIL_LANGUAGE,
        )


def update_volunteer(*, volunteer, phone, availability, wishes=None):
    """The volunteer's own changes from their private page."""
    with transaction.atomic():
        volunteer.phone = phone
        volunteer.availability = availability
        volunteer.save(update_fields=["phone", "availability", "updated_at"])
        if wishes is not None and volunteer.can_change_wishes():
            set_wishes(volunteer=volunteer, teams=wishes)


def withdraw_volunteer(*, volunteer):
    """The volunteer steps back; a place they held in a team is free again."""
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if not volunteer.can_withdraw():
            return volunteer
        left_team = volunteer.team
        volunteer.status = Volunteer.Status.WITHDRAWN
        volunteer.team = None
        volunteer.save(update_fields=["status", "team", "updated_at"])
        if left_team is not None:
            notify_place_freed(team=left_team)
        return volunteer


def rejoin_volunteer(*, volunteer):
    """A volunteer who withdrew changes their mind: back to a new sign-up."""
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if volunteer.status == Volunteer.Status.WITHDRAWN and not volunteer.is_erased:
            volunteer.status = Volunteer.Status.APPLIED
            volunteer.save(update_fields=["status", "updated_at"])
        return volunteer


# Erasure keeps what makes the season's anonymous counts (how many signed up,
# from which governorate and age group, which teams were wished for, how far
# each got) and deletes everything that names, reaches or describes a person.
ERASED_VALUES = {
    "full_name": "",
    "email": "",
    "phone": "",
    "gender": "",
    "motivation": "",
    "internal_notes": "",
    "languages": [],
    "skills": [],
    "availability": [],
    "volunteered_before": False,
    "consents_to_future_contact": False,
    "submission_key": None,
    "link_sent_at": None,
}


# Kept by the erasure after a season for a volunteer who agreed to hear about
# future seasons, until they ask for no more emails (volunteers.invitations).
FUTURE_CONTACT_FIELDS = ("full_name", "email", "consents_to_future_contact")


def erase_volunteer(*, volunteer, notify=True, keep_future_contact=False):
    """Delete the volunteer's personal data now, keep the anonymous row.

    Also deleted: the emails to them still held in the outbox (they hold the
    name and the private link) and their name in the admin's history. The
    private link stops working: the token is replaced by one nobody knows.
    With `keep_future_contact`, a volunteer who agreed to be contacted about
    future seasons keeps their name and address for that.
    """
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if volunteer.is_erased:
            return volunteer
        address = volunteer.email
        left_team = volunteer.team
        keep = (
            FUTURE_CONTACT_FIELDS
            if keep_future_contact and volunteer.consents_to_future_contact
            else ()
        )
        for name, value in ERASED_VALUES.items():
            if name not in keep:
                setattr(volunteer, name, value)
        if volunteer.status != Volunteer.Status.DECLINED:
            volunteer.status = Volunteer.Status.WITHDRAWN
        volunteer.team = None
        volunteer.private_token = new_private_token()
        volunteer.erased_at = timezone.now()
        volunteer.save()
        if address:
            # JSON lists of addresses; matching the quoted text works on both databases.
            OutgoingEmail.objects.filter(to__icontains=f'"{address}"').delete()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Volunteer),
            object_id=str(volunteer.pk),
        ).update(object_repr=str(volunteer)[:200], change_message="")
        if left_team is not None and notify:
            notify_place_freed(team=left_team)
        return volunteer


def erase_volunteers_of_ended_seasons(*, after_days, now=None):
    """Erase every volunteer of a season that ended more than `after_days`
    days ago (the privacy notice's promise; for a daily command), but the
    name and address of those who agreed to hear about future seasons.
    Returns how many were erased."""
    today = timezone.localdate(now or timezone.now())
    volunteers = Volunteer.objects.active().filter(
        season__end_date__lt=today - dt.timedelta(days=after_days)
    )
    # The season's page "in numbers" keeps its figures (volunteers/counts.py).
    for season in seasons_with_volunteers(volunteers):
        keep_volunteer_counts(season)
    count = 0
    for volunteer in volunteers.iterator():
        erase_volunteer(volunteer=volunteer, notify=False, keep_future_contact=True)
        count += 1
    return count


def notify_place_freed(*, team):
    notify_coordinators(
        template="volunteers/emails/coordinators_place_freed",
        context={
            "team": team,
            "places_left": Team.objects.with_fill().get(pk=team.pk).places_left,
            "admin_url": absolute_url(admin_url("admin:volunteers_team_change", team.pk)),
        },
    )


# Coordinators' actions ------------------------------------------------------


def confirm_volunteers(*, volunteers):
    """Applied → confirmed (suspected spam is released first). Returns how many changed."""
    return (
        Volunteer.objects.active()
        .not_spam()
        .filter(pk__in=[v.pk for v in volunteers], status=Volunteer.Status.APPLIED)
        .update(status=Volunteer.Status.CONFIRMED, updated_at=timezone.now())
    )


def decline_volunteers(*, volunteers):
    """Applied, confirmed or assigned → declined (out of any team). Returns how many."""
    return (
        Volunteer.objects.active()
        .filter(
            pk__in=[v.pk for v in volunteers],
            status__in=[
                Volunteer.Status.APPLIED,
                Volunteer.Status.CONFIRMED,
                Volunteer.Status.ASSIGNED,
            ],
        )
        .update(status=Volunteer.Status.DECLINED, team=None, updated_at=timezone.now())
    )


def _place(volunteer, team, now):
    volunteer.status = Volunteer.Status.ASSIGNED
    volunteer.team = team
    volunteer.assigned_at = now
    volunteer.save(update_fields=["status", "team", "assigned_at", "updated_at"])
    texts = team_texts(team, volunteer.language)
    queue_email(
        to=[volunteer.email],
        template="volunteers/emails/assigned",
        context={
            "volunteer": volunteer,
            "team": team,
            "team_name": texts["name"],
            "team_description": texts["description"],
            "briefing": texts["briefing"],
            "season_name": season_name(volunteer.season, volunteer.language),
            "private_url": absolute_url(volunteer.get_private_url()),
        },
        language=volunteer.language,
    )


def assign_volunteers(*, volunteers, team):
    """Put volunteers in a team and email each their team, its contact and
    what to do next. Refuses, changing nothing, when the team has not enough
    free places, when someone lacks the team's required skills, or when
    someone cannot be placed (withdrawn, declined, data deleted, another
    season). Returns the volunteers who moved (those already in it stay)."""
    with transaction.atomic():
        # Locking the team serialises assignments: two coordinators filling
        # its last place at once cannot both succeed.
        team = Team.objects.select_for_update().get(pk=team.pk)
        chosen = list(
            Volunteer.objects.select_for_update(of=("self",))
            .select_related("season")
            .filter(pk__in=[v.pk for v in volunteers])
            .order_by("created_at", "pk")
        )
        cannot = [v for v in chosen if not v.can_be_assigned() or v.season_id != team.season_id]
        if cannot:
            raise VolunteerActionRefused(
                _(
                    "These volunteers cannot be placed in a team (withdrawn, declined, "
                    "data deleted or another season): %(names)s."
                )
                % {"names": names_of(cannot)}
            )
        moving = [v for v in chosen if v.team_id != team.pk]
        lacking = [v for v in moving if not team.accepts_skills(v.skills)]
        if lacking:
            raise VolunteerActionRefused(
                _(
                    "%(team)s needs one of these skills: %(skills)s. These volunteers have "
                    "none of them: %(names)s. Add the skill to a volunteer who has it, or "
                    "choose another team."
                )
                % {
                    "team": team,
                    "skills": team.required_skills_text(),
                    "names": names_of(lacking),
                }
            )
        free = team.capacity - team.assigned().count()
        if len(moving) > free:
            raise VolunteerActionRefused(
                _(
                    "Volunteers chosen: %(count)s. Free places in %(team)s: %(free)s of "
                    "%(capacity)s. Nobody was assigned: choose fewer volunteers, or raise "
                    "the team's capacity first."
                )
                % {
                    "team": team,
                    "free": max(free, 0),
                    "capacity": team.capacity,
                    "count": len(moving),
                }
            )
        now = timezone.now()
        for volunteer in moving:
            _place(volunteer, team, now)
        return moving


def names_of(volunteers, limit=10):
    names = [str(v) for v in volunteers[:limit]]
    if len(volunteers) > limit:
        names.append("…")
    return list_text(names)


def unassign_volunteers(*, volunteers):
    """Out of their team, back to confirmed; each is told. Returns them."""
    with transaction.atomic():
        chosen = list(
            Volunteer.objects.select_for_update(of=("self",))
            .select_related("team", "season")
            .filter(pk__in=[v.pk for v in volunteers], status=Volunteer.Status.ASSIGNED)
        )
        for volunteer in chosen:
            team = volunteer.team
            volunteer.status = Volunteer.Status.CONFIRMED
            volunteer.team = None
            volunteer.assigned_at = None
            volunteer.save(update_fields=["status", "team", "assigned_at", "updated_at"])
            queue_email(
                to=[volunteer.email],
                template="volunteers/emails/unassigned",
                context={
                    "volunteer": volunteer,
                    "team_name": team_texts(team, volunteer.language)["name"],
                    "season_name": season_name(volunteer.season, volunteer.language),
                    "private_url": absolute_url(volunteer.get_private_url()),
                },
                language=volunteer.language,
            )
        return chosen


# Suggested assignments -------------------------------------------------------


@dataclasses.dataclass
class TeamOutlook:
    """One team as a suggestion would leave it."""

    team: Team
    already: int
    proposed: int
    gender: Counter
    days: list  # [(day, how many members are available that day)]

    @property
    def total(self):
        return self.already + self.proposed

    @property
    def is_full(self):
        return self.total >= self.team.capacity


@dataclasses.dataclass
class Suggestion:
    plan: assignment.Plan
    volunteers: dict  # pk → Volunteer (the confirmed, unassigned ones)
    teams: list  # TeamOutlook, in the teams' order
    place_outside_wishes: bool

    @property
    def pairs(self):
        """[(volunteer pk, team pk)] to apply, oldest sign-up first."""
        return sorted(self.plan.team_of.items())

    @property
    def rows(self):
        """(volunteer, team, rank) for display, by team then name."""
        teams = {outlook.team.pk: outlook.team for outlook in self.teams}
        rows = [
            (self.volunteers[pk], teams[team_pk], self.plan.rank_of[pk])
            for pk, team_pk in self.plan.team_of.items()
        ]
        return sorted(rows, key=lambda row: (row[1].order, row[1].pk, row[0].full_name))

    @property
    def unplaced(self):
        return [self.volunteers[pk] for pk in self.plan.unplaced]

    @property
    def counts(self):
        """How many get their 1st, 2nd, 3rd wish, another team, or no team."""
        counts = self.plan.counts
        return {
            "first": counts[1],
            "second": counts[2],
            "third": counts[3],
            "other": counts[None],
            "unplaced": counts["unplaced"],
        }


def candidates_for(season):
    return list(
        season.volunteers.active()
        .not_spam()
        .filter(status=Volunteer.Status.CONFIRMED, team__isnull=True)
        .prefetch_related("wishes")
        .order_by("created_at", "pk")
    )


def suggest_assignments(*, season, place_outside_wishes=False):
    """Propose teams for every confirmed volunteer without one (nothing is saved)."""
    volunteers = candidates_for(season)
    teams = list(season.teams.with_fill().order_by("order", "pk"))
    plan = assignment.assign(
        [
            assignment.Candidate(
                key=v.pk,
                wishes=tuple(w.team_id for w in sorted(v.wishes.all(), key=lambda w: w.rank)),
                skills=frozenset(v.skills),
            )
            for v in volunteers
        ],
        [
            assignment.TeamPlaces(
                key=team.pk,
                places=team.places_left,
                required_skills=frozenset(team.required_skills),
            )
            for team in teams
        ],
        place_outside_wishes=place_outside_wishes,
    )
    by_pk = {v.pk: v for v in volunteers}
    members = defaultdict(list)
    for member in season.volunteers.filter(status=Volunteer.Status.ASSIGNED).only(
        "team", "gender", "availability"
    ):
        members[member.team_id].append(member)
    proposed = defaultdict(list)
    for pk, team_pk in plan.team_of.items():
        proposed[team_pk].append(by_pk[pk])
    outlooks = []
    for team in teams:
        people = members[team.pk] + proposed[team.pk]
        outlooks.append(
            TeamOutlook(
                team=team,
                already=len(members[team.pk]),
                proposed=len(proposed[team.pk]),
                gender=gender_counts(people),
                days=[
                    (day, sum(day in person.available_days() for person in people))
                    for day in season.days
                ],
            )
        )
    return Suggestion(
        plan=plan,
        volunteers=by_pk,
        teams=outlooks,
        place_outside_wishes=place_outside_wishes,
    )


def gender_counts(people):
    counts = Counter({"female": 0, "male": 0, "unstated": 0})
    for person in people:
        key = person.gender if person.gender in {Gender.FEMALE, Gender.MALE} else "unstated"
        counts[key] += 1
    return counts


def apply_suggestion(*, season, pairs):
    """Assign as suggested, all or nothing: refused when anything changed
    since (someone withdrew or was placed by hand, a team filled up)."""
    with transaction.atomic():
        team_pks = {team_pk for _pk, team_pk in pairs}
        # Lock the teams first (a locking query cannot count), then count.
        list(Team.objects.select_for_update().filter(season=season, pk__in=team_pks))
        teams = {
            team.pk: team
            for team in Team.objects.filter(season=season, pk__in=team_pks).with_fill()
        }
        volunteers = {
            v.pk: v
            for v in Volunteer.objects.select_for_update(of=("self",))
            .active()
            .select_related("season")
            .filter(
                season=season,
                pk__in=[pk for pk, _team_pk in pairs],
                status=Volunteer.Status.CONFIRMED,
                team__isnull=True,
            )
        }
        wanted = Counter(team_pk for _pk, team_pk in pairs)
        stale = (
            len(volunteers) != len(pairs)
            or len(teams) != len(wanted)
            or any(wanted[pk] > team.places_left for pk, team in teams.items())
            or any(not teams[t].accepts_skills(volunteers[v].skills) for v, t in pairs)
        )
        if stale:
            raise VolunteerActionRefused(
                _(
                    "Volunteers or teams changed since this suggestion was made, so nothing "
                    "was assigned. Here is a fresh suggestion."
                )
            )
        now = timezone.now()
        for pk, team_pk in pairs:
            _place(volunteers[pk], teams[team_pk], now)
        return len(pairs)
