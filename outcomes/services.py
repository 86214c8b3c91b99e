"""Actions on outcomes that touch several things: rows, their history, emails.

As in activities.services, the change and the emails it causes commit
together (forum.mail stores each email as a row first): saved first, then
sent, nothing lost.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from activities.models import Activity
from activities.services import private_link, text_for
from forum.links import absolute_url
from forum.mail import queue_email
from forum.templatetags.forum_tags import field_in_language

from .models import InitiativeMember, Outcome, OutcomeStatusChange, ReportInvitation

# How far back the daily command looks: an activity that ended longer ago than
# this (before the command was deployed, say) gets no invitation.
INVITE_WITHIN_DAYS = 7


class NotAllowed(Exception):
    """The report's status does not allow this (any more)."""


# ---------------------------------------------------------------------------
# Links


def report_link(activity, *, language):
    with translation.override(language):
        return absolute_url(reverse("outcomes:report", kwargs={"token": activity.private_token}))


def admin_link(outcome):
    with translation.override(settings.STAFF_EMAIL_LANGUAGE):
        return absolute_url(reverse("admin:outcomes_outcome_change", args=[outcome.pk]))


def membership_link(member):
    with translation.override(member.contact_language):
        return absolute_url(member.get_private_url())


def initiative_link(initiative, *, language):
    with translation.override(language):
        return absolute_url(initiative.get_absolute_url())


def initiative_text(initiative, field, language):
    with translation.override(language):
        return field_in_language(initiative, field)[0]


def activity_context(activity, language):
    return {
        "activity": activity,
        "reference": activity.reference,
        "title": text_for(activity, "title", language),
        "organization": text_for(activity, "organization", language),
        "private_url": private_link(activity, language=language),
        "report_url": report_link(activity, language=language),
    }


# ---------------------------------------------------------------------------
# The invitation, the day after


def activities_to_invite(now):
    """Published activities that ended before today (in their season's time
    zone) and within INVITE_WITHIN_DAYS, not invited yet and without a report."""
    candidates = (
        Activity.objects.published()
        .filter(
            ends_at__lt=now,
            ends_at__gte=now - dt.timedelta(days=INVITE_WITHIN_DAYS + 1),
            report_invitation__isnull=True,
            outcome__isnull=True,
        )
        .exclude(email="")
        .select_related("season")
        .order_by("ends_at", "pk")
    )
    for activity in candidates:
        zone = zoneinfo.ZoneInfo(activity.season.time_zone)
        if activity.ends_at.astimezone(zone).date() < now.astimezone(zone).date():
            yield activity


def invite_to_report(*, now=None):
    """Email each organizer whose activity took place yesterday (or in the last
    days, if a run was missed) an invitation to report its outcomes, once:
    the invitation is recorded with the email in one transaction, and a
    second run (or one running at the same time) finds the record. Returns
    how many were invited."""
    now = now or timezone.now()
    count = 0
    for activity in list(activities_to_invite(now)):
        try:
            with transaction.atomic():
                ReportInvitation.objects.create(activity=activity, sent_at=now)
                language = activity.contact_language
                queue_email(
                    to=[activity.email],
                    template="outcomes/emails/invitation",
                    context=activity_context(activity, language),
                    language=language,
                )
        except IntegrityError:
            continue  # another run recorded it first
        count += 1
    return count


# ---------------------------------------------------------------------------
# The organizer's report


def record(outcome, *, from_status, to_status, by=None, message=""):
    return OutcomeStatusChange.objects.create(
        outcome=outcome, from_status=from_status, to_status=to_status, by=by, message=message
    )


@transaction.atomic
def save_report(*, form, recommendations, initiatives):
    """Save the organizer's report (new, or changed after it was sent back),
    then tell the moderators. Raises NotAllowed once it is published."""
    outcome = form.instance
    if outcome.pk:
        current = Outcome.objects.select_for_update().get(pk=outcome.pk)
        if not current.can_be_edited():
            raise NotAllowed(current.get_status_display())
        from_status = current.status
    else:
        from_status = ""
    outcome.status = Outcome.Status.SUBMITTED
    outcome = form.save()
    recommendations.instance = outcome
    recommendations.save()
    initiatives.instance = outcome
    initiatives.save()
    if from_status != Outcome.Status.SUBMITTED:
        record(outcome, from_status=from_status, to_status=Outcome.Status.SUBMITTED)
    recipients = list(settings.PROGRAMME_NOTIFY_EMAILS)
    if recipients:
        language = settings.STAFF_EMAIL_LANGUAGE
        queue_email(
            to=recipients,
            template="outcomes/emails/new_report",
            context={
                **activity_context(outcome.activity, language),
                "outcome": outcome,
                "admin_url": admin_link(outcome),
            },
            language=language,
        )
    return outcome


# ---------------------------------------------------------------------------
# Moderators


@transaction.atomic
def decide(outcome, *, to, by, message=""):
    """Publish a report, or send it back to its organizer with a message (in
    their language). Recorded in the history; the organizer is emailed."""
    outcome = (
        Outcome.objects.select_for_update().select_related("activity__season").get(pk=outcome.pk)
    )
    if to not in {Outcome.Status.PUBLISHED, Outcome.Status.SENT_BACK} or outcome.status == to:
        raise NotAllowed(outcome.get_status_display())
    from_status = outcome.status
    outcome.status = to
    outcome.moderator_message = message.strip()
    if to == Outcome.Status.PUBLISHED:
        outcome.published_at = timezone.now()
    outcome.save()
    record(outcome, from_status=from_status, to_status=to, by=by, message=outcome.moderator_message)
    activity = outcome.activity
    language = activity.contact_language
    queue_email(
        to=[activity.email],
        template="outcomes/emails/decision",
        context={
            **activity_context(activity, language),
            "outcome": outcome,
            "message": outcome.moderator_message,
        },
        language=language,
    )
    return outcome


def publish(outcome, *, by, message=""):
    return decide(outcome, to=Outcome.Status.PUBLISHED, by=by, message=message)


def send_back(outcome, *, by, message):
    return decide(outcome, to=Outcome.Status.SENT_BACK, by=by, message=message)


# ---------------------------------------------------------------------------
# Joining an initiative


def join_initiative(*, form, initiative):
    """Save an organization's joining (a resend of the same form finds the
    first), email it its private link and tell the initiative's organizer.
    Returns (member, created). A filled honeypot saves it as suspected spam
    and emails nobody."""
    key = form.cleaned_data["submission_key"]
    existing = InitiativeMember.objects.filter(submission_key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            member = form.save(commit=False)
            member.initiative = initiative
            member.submission_key = key
            member.suspected_spam = form.suspected_spam
            member.save()
            if not member.suspected_spam:
                send_joined(member)
    except IntegrityError:
        existing = InitiativeMember.objects.filter(submission_key=key).first()
        if existing is None:
            raise
        return existing, False
    return member, True


def send_joined(member):
    initiative = member.initiative
    activity = initiative.outcome.activity
    language = member.contact_language
    queue_email(
        to=[member.email],
        template="outcomes/emails/joined",
        context={
            "member": member,
            "initiative_title": initiative_text(initiative, "title", language),
            "initiative_url": initiative_link(initiative, language=language),
            "membership_url": membership_link(member),
        },
        language=language,
    )
    organizer_language = activity.contact_language
    if activity.email:
        queue_email(
            to=[activity.email],
            template="outcomes/emails/new_member",
            context={
                **activity_context(activity, organizer_language),
                "member": member,
                "member_type": member_type_in(member, organizer_language),
                "initiative_title": initiative_text(initiative, "title", organizer_language),
                "initiative_url": initiative_link(initiative, language=organizer_language),
            },
            language=organizer_language,
        )


def release_members(members):
    """Organizations held as suspected spam that a moderator found genuine:
    the emails held back (their private link, the organizer told) are sent
    now. Still to be shown on the page by a moderator. Returns those released
    (those not held, or already erased, are left as they are)."""
    released = []
    for member in members:
        with transaction.atomic():
            member = (
                InitiativeMember.objects.select_for_update(of=("self",))
                .select_related("initiative__outcome__activity__season")
                .get(pk=member.pk)
            )
            if not member.suspected_spam or not member.email:
                continue
            member.suspected_spam = False
            member.save(update_fields=["suspected_spam"])
            send_joined(member)
            released.append(member)
    return released


def member_type_in(member, language):
    with translation.override(language):
        return str(member.get_organization_type_display())


@transaction.atomic
def leave_initiative(member):
    member.delete()


def moderate_members(members, *, status):
    """Show (or hide) organizations on their initiative's page. Saved one by
    one: the signals make the cached pages stale."""
    count = 0
    for member in members:
        if member.status != status:
            member.status = status
            member.save(update_fields=["status"])
            count += 1
    return count
