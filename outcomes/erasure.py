"""The privacy promise for organizations that joined an initiative: their
email is erased some days (PRIVACY_ERASE_AFTER_DAYS) after the initiative's
last day, or after its season's end when that is later or the initiative has
no date. The organization's name, type and governorate stay: the name is
shown on the initiative's page, the rest is counted anonymously."""

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from forum.models import OutgoingEmail

from .models import InitiativeMember


def erase_members_of_ended_initiatives(*, after_days, now=None):
    """Erase the email of every organization whose initiative (and season)
    ended more than `after_days` days ago, and the emails still held for it.
    Returns how many were erased."""
    today = timezone.localdate(now or timezone.now())
    cutoff = today - dt.timedelta(days=after_days)
    season_end = F("initiative__outcome__activity__season__end_date")
    last_day = Greatest(
        Coalesce("initiative__ends_on", "initiative__starts_on", season_end), season_end
    )
    members = (
        InitiativeMember.objects.alias(last_day=last_day)
        .filter(last_day__lt=cutoff)
        .exclude(Q(email="") & Q(submission_key__isnull=True))
    )
    count = 0
    with transaction.atomic():
        for member in members.select_for_update(of=("self",)).iterator():
            address = member.email
            member.email = ""
            member.submission_key = None
            member.save(update_fields=["email", "submission_key"])
            if address:
                OutgoingEmail.objects.filter(to__icontains=f'"{address}"').delete()
            count += 1
    return count
