"""Volunteers come back: past volunteers who agreed to hear about future
seasons are invited, once per season, when its volunteer sign-up opens; each
email carries a pre-filled sign-up link and a "no more emails" link that is
honoured for good.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum.links import absolute_url
from forum.mail import queue_email
from forum.models import OutgoingEmail

from .models import Invitation, NoMoreEmails, Volunteer, email_digest
from .services import VolunteerActionRefused, season_name


def invitable(volunteers, season):
    """Of these volunteers, those `season` may invite: of an earlier season,
    agreed to future contact, with an address, and not (by address) asked for
    no more emails, invited to it already, or signed up to it. One per
    address: their latest sign-up."""
    opted_out = set(NoMoreEmails.objects.values_list("email_digest", flat=True))
    invited = set(season.volunteer_invitations.values_list("email_digest", flat=True))
    signed_up = {email_digest(email) for email in season.volunteers.values_list("email", flat=True)}
    skip = opted_out | invited | signed_up
    chosen = []
    candidates = (
        volunteers.filter(season__number__lt=season.number, consents_to_future_contact=True)
        .exclude(email="")
        .select_related("season")
        .order_by("-season__number", "-created_at")
    )
    for volunteer in candidates:
        digest = email_digest(volunteer.email)
        if digest not in skip:
            skip.add(digest)
            chosen.append(volunteer)
    return chosen


def invite_volunteers(*, volunteers, season, now=None):
    """Queue one invitation email to each of these volunteers that `season`
    may invite (see `invitable`), in their language. Only while the season's
    volunteer sign-up is open. Returns how many were invited."""
    if not season.volunteering_is_open(now):
        raise VolunteerActionRefused(
            _("Volunteer sign-up for %(season)s is not open: invite when it opens.")
            % {"season": season}
        )
    count = 0
    for volunteer in invitable(volunteers, season):
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    season=season, volunteer=volunteer, email_digest=email_digest(volunteer.email)
                )
                send_invitation(invitation)
        except IntegrityError:
            continue  # invited a moment ago by another click: once is enough
        count += 1
    return count


def send_invitation(invitation):
    volunteer, season = invitation.volunteer, invitation.season
    language = volunteer.language
    with translation.override(language):
        signup = reverse("volunteers:signup")
        stop = reverse("volunteers:no_more_emails", kwargs={"token": invitation.token})
    closes = season.volunteers_close and timezone.localtime(season.volunteers_close, season.zone)
    queue_email(
        to=[volunteer.email],
        template="volunteers/emails/invitation",
        context={
            "name": volunteer.full_name,
            "season_name": season_name(season, language),
            "closes": closes,
            "signup_url": absolute_url(f"{signup}?invitation={invitation.token}"),
            "stop_url": absolute_url(stop),
        },
        language=language,
    )


def prefill(invitation):
    """The sign-up form's initial data from the sign-up the invitation came
    from (after erasure, only what was kept: name, address, governorate, age
    group). Consents are asked again, never carried over."""
    volunteer = invitation.volunteer
    if volunteer is None or not volunteer.email:
        return {}
    fields = (
        "full_name",
        "email",
        "phone",
        "governorate",
        "age_group",
        "gender",
        "languages",
        "skills",
    )
    initial = {name: getattr(volunteer, name) for name in fields if getattr(volunteer, name)}
    initial["volunteered_before"] = True
    return initial


def stop_emails(invitation):
    """The address of this invitation gets no more emails about future seasons,
    for good: its digest is kept, every sign-up with it stops agreeing to be
    contacted, and what was kept only for that contact (on an erased sign-up)
    is erased now."""
    with transaction.atomic():
        NoMoreEmails.objects.get_or_create(email_digest=invitation.email_digest)
        volunteer = invitation.volunteer
        if volunteer is None or not volunteer.email:
            return
        address = volunteer.email
        same = Volunteer.objects.filter(email__iexact=address)
        same.update(consents_to_future_contact=False, updated_at=timezone.now())
        erased = same.filter(erased_at__isnull=False).update(full_name="", email="")
        if erased and not Volunteer.objects.active().filter(email__iexact=address).exists():
            OutgoingEmail.objects.filter(to__icontains=f'"{address}"').delete()
