"""Actions on proposals that touch several things: the row, its history and email.

Each runs in one transaction: the change and the email it causes are
committed together (forum.mail queues the email as a row; delivery is tried
after the commit), so nothing is half done and nothing is lost when the mail
server is down.

Links in emails are absolute, on SITE_URL (forum.links.absolute_url).
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from forum.links import absolute_url
from forum.mail import queue_email
from forum.models import OutgoingEmail
from forum.templatetags.forum_tags import field_in_language

from .models import Activity, ActivityStatusChange

DECISIONS = {
    Activity.Status.ACCEPTED,
    Activity.Status.DECLINED,
    Activity.Status.CHANGES_REQUESTED,
}


class NotAllowed(Exception):
    """The proposal's status does not allow this (any more)."""

    def __init__(self, activity):
        super().__init__(activity.get_status_display())
        self.activity = activity


class SlotTaken(Exception):
    """Another accepted activity already holds this space at this time."""

    def __init__(self, activity, clash=None):
        super().__init__(activity.reference)
        self.activity = activity
        self.clash = clash


# ---------------------------------------------------------------------------
# Links and texts


def private_link(activity, *, language=None):
    """The absolute address of the organizer's private page, in their language."""
    with translation.override(language or activity.contact_language):
        return absolute_url(activity.get_private_url())


def admin_link(activity):
    # In the staff's email language, so the admin opens in the same one.
    with translation.override(settings.STAFF_EMAIL_LANGUAGE):
        return absolute_url(reverse("admin:activities_activity_change", args=[activity.pk]))


def text_for(activity, field, language):
    """A translated field for one reader: their language, else the language it was written in."""
    for code in (language, activity.submitted_language):
        value = getattr(activity, f"{field}_{code}", "")
        if value:
            return value
    return getattr(activity, field, "") or ""


def email_context(activity, *, language, **extra):
    return {
        "activity": activity,
        "reference": activity.reference,
        "title": text_for(activity, "title", language),
        "summary": text_for(activity, "summary", language),
        "organization": text_for(activity, "organization", language),
        "masarat": [text_for_masar(masar, language) for masar in activity.masarat.all()],
        "preferred_days": preferred_days_display(activity, language),
        "private_url": private_link(activity, language=language),
        "season_zone": activity.season.time_zone,
        **extra,
    }


def text_for_masar(masar, language):
    return getattr(masar, f"name_{language}", "") or masar.name


def preferred_days_display(activity, language):
    with translation.override(language):
        days = []
        for value in activity.preferred_days:
            try:
                days.append(formats.date_format(dt.date.fromisoformat(value), "l j F"))
            except (TypeError, ValueError):
                continue
        return days


def notify_moderators(activity, *, template, **extra):
    recipients = list(settings.PROGRAMME_NOTIFY_EMAILS)
    if not recipients or activity.suspected_spam:
        # Suspected spam reaches nobody's inbox until it is released.
        return
    language = settings.STAFF_EMAIL_LANGUAGE
    queue_email(
        to=recipients,
        template=template,
        context=email_context(
            activity,
            language=language,
            admin_url=admin_link(activity),
            **extra,
        ),
        language=language,
    )


def notify_organizer(activity, *, template, **extra):
    language = activity.contact_language
    queue_email(
        to=[activity.email],
        template=template,
        context=email_context(activity, language=language, **extra),
        language=language,
    )


def record(activity, *, from_status, to_status, by=None, message=""):
    return ActivityStatusChange.objects.create(
        activity=activity, from_status=from_status, to_status=to_status, by=by, message=message
    )


# ---------------------------------------------------------------------------
# The organizer


def submit_proposal(*, form):
    """Save a valid ProposalForm as a new proposal; returns (activity, created).

    The same form sent twice (a double click, a retry on a slow network) has the
    same submission key: the second time, the proposal made the first time is
    returned and nothing is sent again.

    A form whose honeypot was filled is saved all the same, flagged as
    suspected spam, and emails nobody until a moderator releases it
    (`release_proposals`): a person whose browser filled the hidden field
    loses nothing.
    """
    key = form.cleaned_data["submission_key"]
    existing = Activity.objects.filter(submission_key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            activity = form.save()
            record(activity, from_status="", to_status=Activity.Status.SUBMITTED)
            if not activity.suspected_spam:
                send_received(activity)
    except IntegrityError:
        # Two copies raced; the unique key let one in. Answer with that one.
        existing = Activity.objects.filter(submission_key=key).first()
        if existing is None:
            raise
        return existing, False
    return activity, True


def send_received(activity):
    """The confirmation to the organizer and the notice to the moderators."""
    notify_organizer(activity, template="activities/emails/received")
    notify_moderators(activity, template="activities/emails/new_proposal")


def release_proposals(activities):
    """Proposals held as suspected spam that a moderator found genuine: into
    the moderation list, and the emails held back are sent now. Returns the
    proposals released (those not held are left as they are)."""
    released = []
    for activity in activities:
        with transaction.atomic():
            activity = Activity.objects.select_for_update().get(pk=activity.pk)
            if not activity.suspected_spam:
                continue
            activity.suspected_spam = False
            activity.save(update_fields=["suspected_spam", "updated_at"])
            send_received(activity)
            released.append(activity)
    return released


@transaction.atomic
def resend_private_link(activity):
    """For an organizer who lost the confirmation email."""
    notify_organizer(activity, template="activities/emails/private_link")


@transaction.atomic
def update_proposal(*, form):
    """Save the organizer's edit. After changes were requested, the proposal
    goes back to the moderators as resubmitted."""
    activity = Activity.objects.select_for_update().get(pk=form.instance.pk)
    if not activity.can_be_edited():
        raise NotAllowed(activity)
    form.instance = activity
    activity = form.save()
    if activity.status == Activity.Status.CHANGES_REQUESTED:
        activity.status = Activity.Status.RESUBMITTED
        activity.save(update_fields=["status", "updated_at"])
        record(
            activity,
            from_status=Activity.Status.CHANGES_REQUESTED,
            to_status=Activity.Status.RESUBMITTED,
        )
        notify_moderators(activity, template="activities/emails/organizer_update")
    return activity


@transaction.atomic
def withdraw_proposal(activity):
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not activity.can_be_withdrawn():
        raise NotAllowed(activity)
    from_status = activity.status
    activity.status = Activity.Status.WITHDRAWN
    activity.save(update_fields=["status", "updated_at"])
    record(activity, from_status=from_status, to_status=Activity.Status.WITHDRAWN)
    notify_moderators(activity, template="activities/emails/organizer_update")
    return activity


# ---------------------------------------------------------------------------
# Moderators


@transaction.atomic
def change_status(activity, *, to, by, message=""):
    """A moderator's decision: the status, its record, and for accept, decline
    and changes requested an email to the organizer in their language with the
    moderator's message. Raises NotAllowed or SlotTaken."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not activity.can_move_to(to):
        raise NotAllowed(activity)
    from_status = activity.status
    if to == Activity.Status.ACCEPTED and activity.is_scheduled:
        # A slot kept from an earlier acceptance may have been given away since.
        clash = Activity.objects.clashing_with(
            space=activity.space,
            starts_at=activity.starts_at,
            ends_at=activity.ends_at,
            exclude_pk=activity.pk,
        ).first()
        if clash is not None:
            raise SlotTaken(activity, clash)
    activity.status = to
    activity.moderator_message = message.strip()
    try:
        with transaction.atomic():
            activity.save(update_fields=["status", "moderator_message", "updated_at"])
    except IntegrityError as error:
        # PostgreSQL's exclusion constraint: another moderator was quicker.
        if not is_double_booking(error):
            raise
        raise SlotTaken(activity) from error
    record(activity, from_status=from_status, to_status=to, by=by, message=message.strip())
    if to in DECISIONS:
        notify_organizer(
            activity,
            template="activities/emails/decision",
            message=activity.moderator_message,
        )
    return activity


def start_review(activity, *, by, message=""):
    return change_status(activity, to=Activity.Status.UNDER_REVIEW, by=by, message=message)


def accept_activity(activity, *, by, message=""):
    return change_status(activity, to=Activity.Status.ACCEPTED, by=by, message=message)


def request_changes(activity, *, by, message=""):
    return change_status(activity, to=Activity.Status.CHANGES_REQUESTED, by=by, message=message)


def decline_activity(activity, *, by, message=""):
    return change_status(activity, to=Activity.Status.DECLINED, by=by, message=message)


# ---------------------------------------------------------------------------
# Scheduling


def local(moment, season):
    return moment.astimezone(zoneinfo.ZoneInfo(season.time_zone))


def describe_slot(activity, *, space=None, starts_at=None, ends_at=None):
    space = space or activity.space
    starts_at = local(starts_at or activity.starts_at, activity.season)
    ends_at = local(ends_at or activity.ends_at, activity.season)
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": formats.date_format(starts_at, "l j F"),
        "start": formats.time_format(starts_at, "H:i"),
        "end": formats.time_format(ends_at, "H:i"),
    }


def slot_errors(activity, *, space, starts_at, ends_at, status=None):
    """{field: [message]}: why this slot cannot be given to this activity.
    Empty when the slot is fine or when no slot is given at all."""
    errors = {}
    status = status or activity.status
    given = {"space": space, "starts_at": starts_at, "ends_at": ends_at}
    if not any(given.values()):
        return errors
    missing = [name for name, value in given.items() if not value]
    if missing:
        for name in missing:
            errors.setdefault(name, []).append(
                _("To schedule the activity, give a space, a start and an end.")
            )
        return errors
    if status != Activity.Status.ACCEPTED:
        errors.setdefault("space", []).append(
            _("Only accepted activities can be scheduled. Accept the proposal first.")
        )
        return errors
    season = activity.season
    if ends_at <= starts_at:
        errors.setdefault("ends_at", []).append(_("The end must be after the start."))
    first, last = local(starts_at, season).date(), local(ends_at, season).date()
    if first < season.start_date or last > season.end_date:
        errors.setdefault("starts_at", []).append(
            _("The activity must take place during the season, from %(first)s to %(last)s.")
            % {
                "first": formats.date_format(season.start_date, "j F"),
                "last": formats.date_format(season.end_date, "j F Y"),
            }
        )
    if space.venue.season_id != season.pk:
        errors.setdefault("space", []).append(_("This space is not one of this season's venues."))
    if errors:
        return errors
    for clash in Activity.objects.clashing_with(
        space=space, starts_at=starts_at, ends_at=ends_at, exclude_pk=activity.pk
    ).select_related("season")[:3]:
        errors.setdefault("space", []).append(
            _("%(space)s is already taken at that time by %(reference)s “%(title)s” (%(slot)s).")
            % {
                "space": space,
                "reference": clash.reference,
                "title": text_for(clash, "title", translation.get_language()),
                "slot": describe_slot(clash),
            }
        )
    return errors


def slot_warnings(activity, *, space, starts_at, ends_at):
    """What is allowed but worth a second look: a day the organizer did not
    prefer, a space smaller than the audience, a slot of another length."""
    if not (space and starts_at and ends_at):
        return []
    warnings = []
    season = activity.season
    day = local(starts_at, season).date()
    if activity.preferred_days and day.isoformat() not in activity.preferred_days:
        warnings.append(
            _("%(day)s is not one of the days the organizer preferred: %(days)s.")
            % {
                "day": formats.date_format(day, "l j F"),
                "days": _(", ").join(preferred_days_display(activity, translation.get_language())),
            }
        )
    if space.capacity and activity.expected_participants > space.capacity:
        warnings.append(
            _("%(space)s holds %(capacity)s people; the organizer expects %(expected)s.")
            % {
                "space": space,
                "capacity": space.capacity,
                "expected": activity.expected_participants,
            }
        )
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    if minutes != activity.duration:
        warnings.append(
            _("The slot lasts %(minutes)s minutes; the organizer asked for %(duration)s.")
            % {"minutes": minutes, "duration": activity.get_duration_display()}
        )
    return warnings


@transaction.atomic
def schedule_activity(activity, *, space, starts_at, ends_at):
    """Give an accepted activity its slot and tell the organizer.
    Raises SlotTaken, or ValueError with the reasons the slot is refused."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    errors = slot_errors(activity, space=space, starts_at=starts_at, ends_at=ends_at)
    if errors:
        raise ValueError(" ".join(str(m) for messages in errors.values() for m in messages))
    activity.space, activity.starts_at, activity.ends_at = space, starts_at, ends_at
    save_slot(activity)
    notify_scheduled(activity)
    return activity


def save_slot(activity, **save_kwargs):
    """Save, turning the database's refusal of a double booking into SlotTaken."""
    try:
        with transaction.atomic():
            activity.save(**save_kwargs)
    except IntegrityError as error:
        if not is_double_booking(error):
            raise
        raise SlotTaken(activity) from error


def is_double_booking(error):
    # The exclusion constraint of migration 0002 (PostgreSQL only).
    return "activity_no_double_booking" in str(error)


def notify_scheduled(activity):
    """Tell the organizer where and when their accepted activity takes place."""
    if activity.status == Activity.Status.ACCEPTED and activity.is_scheduled:
        space, venue = activity.space, activity.space.venue
        with translation.override(activity.contact_language):
            place = {
                "space_name": field_in_language(space, "name")[0],
                "venue_name": field_in_language(venue, "name")[0],
                "venue_address": field_in_language(venue, "address")[0],
            }
        notify_organizer(activity, template="activities/emails/scheduled", **place)


# ---------------------------------------------------------------------------
# Privacy


def erase_organizer_contacts_of_ended_seasons(*, after_days, now=None):
    """Erase the contact person, email and phone of every proposal of a season
    that ended more than `after_days` days ago, and the emails still held for
    them. What was published (organization, activity) stays. Returns how many
    proposals were erased."""
    today = timezone.localdate(now or timezone.now())
    activities = Activity.objects.filter(
        season__end_date__lt=today - dt.timedelta(days=after_days)
    ).exclude(email="")
    count = 0
    with transaction.atomic():
        for activity in activities.select_for_update().iterator():
            address = activity.email
            activity.contact_name = activity.email = activity.phone = ""
            activity.submission_key = None
            activity.save(update_fields=["contact_name", "email", "phone", "submission_key"])
            OutgoingEmail.objects.filter(to__icontains=f'"{address}"').delete()
            count += 1
    return count
