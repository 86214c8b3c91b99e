"""Convergence, step by step; each step one transaction, its emails queued
in it (forum.mail):

    invite(inviter, invited, kind=..., message=...)   # email to the invited
    answer(convergence, accept=True)                   # contacts to both
    merge(convergence, keep=activity, by=user)         # the moderators
    sequence(convergence, space=..., starts_at=..., by=user)

Organizations see each other's contacts only once both have agreed: the
inviter agreed by inviting, the invited by accepting.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from forum.mail import queue_email

from .. import services as activity_services
from ..models import Activity
from .models import Convergence
from .similarity import candidates, similar_to

EMAILS = "activities/emails/convergence"


class NotAllowed(Exception):
    """This step is not (or no longer) possible."""


def partners_for(activity, *, only=None):
    """The similar proposals an organizer may see and invite (the closest,
    SIMILAR_PROPOSALS_LIMIT of them): only between organizations that both
    agreed to be put in touch. With `only`, that proposal if it is one, however
    many closer ones there are."""
    if not activity.open_to_convergence or activity.status in (
        Activity.Status.WITHDRAWN,
        Activity.Status.DECLINED,
        Activity.Status.MERGED,
    ):
        return []
    queryset = candidates().filter(open_to_convergence=True)
    if only is not None:
        queryset = queryset.filter(pk=only.pk if hasattr(only, "pk") else only)
    return similar_to(activity, queryset=queryset)


def partner(activity, other):
    """`other` if `activity`'s organizer may invite it, else None."""
    found = partners_for(activity, only=other)
    return found[0] if found else None


def between(one, other):
    """The convergences of two proposals, in either direction."""
    return Convergence.objects.filter(inviter__in=[one, other], invited__in=[one, other])


def open_between(one, other):
    return between(one, other).exclude(status=Convergence.Status.DECLINED).exists()


def of(activity):
    return (
        Convergence.objects.filter(inviter=activity) | Convergence.objects.filter(invited=activity)
    ).select_related("inviter__season", "invited__season")


def _context(convergence, *, reader, language):
    other = convergence.other(reader)
    text = activity_services.text_for
    with translation.override(language):
        kind = convergence.get_kind_display()
    return {
        "activity": reader,
        "reference": reader.reference,
        "title": text(reader, "title", language),
        "other": other,
        "other_reference": other.reference,
        "other_title": text(other, "title", language),
        "other_summary": text(other, "summary", language),
        "other_organization": text(other, "organization", language),
        "other_masarat": [
            activity_services.text_for_masar(masar, language) for masar in other.masarat.all()
        ],
        "kind": convergence.kind,
        "kind_display": kind,
        "message": convergence.message,
        "private_url": activity_services.private_link(reader, language=language),
    }


def _tell(convergence, reader, template):
    language = reader.contact_language
    if not reader.email:
        return
    queue_email(
        to=[reader.email],
        template=f"{EMAILS}_{template}",
        context=_context(convergence, reader=reader, language=language),
        language=language,
    )


@transaction.atomic
def invite(inviter, invited, *, kind, message=""):
    inviter = Activity.objects.select_for_update().get(pk=inviter.pk)
    if partner(inviter, invited) is None or open_between(inviter, invited):
        raise NotAllowed
    convergence = Convergence.objects.create(
        inviter=inviter, invited=invited, kind=kind, message=message.strip()
    )
    _tell(convergence, invited, "invited")
    return convergence


@transaction.atomic
def answer(convergence, *, accept):
    """The invited organization's answer. Accepting shares both contacts,
    each organization's email in its own language."""
    convergence = Convergence.objects.select_for_update().get(pk=convergence.pk)
    if convergence.status != Convergence.Status.INVITED:
        raise NotAllowed
    convergence.status = Convergence.Status.ACCEPTED if accept else Convergence.Status.DECLINED
    convergence.answered_at = timezone.now()
    convergence.save(update_fields=["status", "answered_at"])
    if accept:
        _tell(convergence, convergence.inviter, "agreed")
        _tell(convergence, convergence.invited, "agreed")
    else:
        _tell(convergence, convergence.inviter, "declined")
    return convergence


def _done(convergence, by):
    convergence.status = Convergence.Status.DONE
    convergence.carried_out_at = timezone.now()
    convergence.carried_out_by = by
    convergence.save(update_fields=["status", "carried_out_at", "carried_out_by"])


def _ready(convergence, kind):
    convergence = Convergence.objects.select_for_update().get(pk=convergence.pk)
    if convergence.status != Convergence.Status.ACCEPTED or convergence.kind != kind:
        raise NotAllowed
    return convergence


def _note(activity, by, message):
    """A line in the activity's history that does not change its status."""
    activity_services.record(
        activity, from_status=activity.status, to_status=activity.status, by=by, message=message
    )


def for_organizer(activity, text, **values):
    """A line of an activity's history, in its organizer's language (they read
    it on their private page), like the moderators' messages."""
    with translation.override(activity.contact_language):
        return _(text) % values


# The history lines, for makemessages (for_organizer translates them).
HISTORY_LINES = (
    gettext_noop("Merged into %(reference)s"),
    gettext_noop("%(reference)s merged into this activity"),
    gettext_noop("Held just before %(reference)s, in the same space"),
    gettext_noop("Held just after %(reference)s, in the same space"),
)


@transaction.atomic
def merge(convergence, *, keep, by):
    """One activity from two: `keep` (one of the pair) stays, with the other's
    organization among its organizers; the other is marked merged into it.
    Nothing is deleted; both histories say it."""
    convergence = _ready(convergence, Convergence.Kind.MERGE)
    if keep.pk not in (convergence.inviter_id, convergence.invited_id):
        raise NotAllowed
    keep = Activity.objects.select_for_update().get(pk=keep.pk)
    other = Activity.objects.select_for_update().get(pk=convergence.other(keep).pk)
    if Activity.Status.MERGED in (keep.status, other.status):
        raise NotAllowed
    for code, separator in (("ar", "، "), ("en", ", ")):
        name = activity_services.text_for(other, "organization", code)
        present = getattr(keep, f"co_organizers_{code}") or ""
        if name and name not in present:
            joined = f"{present}{separator}{name}" if present else name
            setattr(keep, f"co_organizers_{code}", joined[:300])
    keep.save()
    from_status = other.status
    other.status = Activity.Status.MERGED
    other.merged_into = keep
    other.save(update_fields=["status", "merged_into", "updated_at"])
    into = for_organizer(other, "Merged into %(reference)s", reference=keep.reference)
    taken = for_organizer(
        keep, "%(reference)s merged into this activity", reference=other.reference
    )
    activity_services.record(
        other, from_status=from_status, to_status=Activity.Status.MERGED, by=by, message=into
    )
    _note(keep, by, taken)
    _done(convergence, by)
    # Both organizers hear of it, each in its language, with its own link.
    _tell(convergence, keep, "merged")
    _tell(convergence, other, "merged")
    return keep


@transaction.atomic
def sequence(convergence, *, space, starts_at, by, first=None):
    """The two accepted activities back to back in one space, `first` (the
    inviter unless given) at `starts_at`, each for its own duration, through
    the scheduling service (its checks, the overlap constraint, the emails).
    Raises ValueError or SlotTaken, and then nothing is changed."""
    convergence = _ready(convergence, Convergence.Kind.SEQUENCE)
    first = first or convergence.inviter
    second = convergence.other(first)
    ends_at = starts_at + dt.timedelta(minutes=first.duration)
    first = activity_services.schedule_activity(
        first, space=space, starts_at=starts_at, ends_at=ends_at
    )
    second = activity_services.schedule_activity(
        second,
        space=space,
        starts_at=first.ends_at,
        ends_at=first.ends_at + dt.timedelta(minutes=second.duration),
    )
    _note(
        first,
        by,
        for_organizer(
            first, "Held just before %(reference)s, in the same space", reference=second.reference
        ),
    )
    _note(
        second,
        by,
        for_organizer(
            second, "Held just after %(reference)s, in the same space", reference=first.reference
        ),
    )
    _done(convergence, by)
    return first, second


def sequence_partner(activity):
    """The activity held just before or after this one by a convergence."""
    convergence = (
        of(activity).filter(kind=Convergence.Kind.SEQUENCE, status=Convergence.Status.DONE).first()
    )
    return convergence.other(activity) if convergence else None
