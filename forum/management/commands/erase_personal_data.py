import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from activities.services import erase_organizer_contacts_of_ended_seasons
from forum.models import OutgoingEmail
from outcomes.erasure import erase_members_of_ended_initiatives
from volunteers.services import erase_volunteers_of_ended_seasons


class Command(BaseCommand):
    help = (
        "Erase organizers' and volunteers' contact data a number of days after their "
        "season ended (PRIVACY_ERASE_AFTER_DAYS), and the emails of organizations that "
        "joined an initiative as many days after it ended, keeping anonymous counts "
        "and the names shown; and drop "
        "old sent emails, login records and records of staff access to personal data. "
        "Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PRIVACY_ERASE_AFTER_DAYS,
            help="days after a season's last day (default: %(default)s)",
        )

    def handle(self, *args, days, **options):
        from axes.models import AccessAttempt, AccessLog

        from staff.models import PersonalDataAccess

        now = timezone.now()
        cutoff = now - dt.timedelta(days=days)
        organizers = erase_organizer_contacts_of_ended_seasons(after_days=days, now=now)
        volunteers = erase_volunteers_of_ended_seasons(after_days=days, now=now)
        members = erase_members_of_ended_initiatives(after_days=days, now=now)
        with transaction.atomic():
            # Sent emails hold addresses and private links; pending ones are kept.
            emails, _ = OutgoingEmail.objects.filter(
                created_at__lt=cutoff,
                status__in=[
                    OutgoingEmail.Status.SENT,
                    OutgoingEmail.Status.FAILED,
                    OutgoingEmail.Status.INTERRUPTED,
                ],
            ).delete()
            attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
            logins, _ = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
            # Who saw whose data: kept as long as the privacy notice says, no longer.
            accesses, _ = PersonalDataAccess.objects.filter(at__lt=cutoff).delete()
        self.stdout.write(
            f"Erased the contact data of {organizers} proposals, {volunteers} volunteers "
            f"and {members} organizations that joined initiatives; "
            f"deleted {emails} old emails, {attempts + logins} login records and "
            f"{accesses} records of access to personal data."
        )
