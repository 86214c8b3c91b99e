from django.core.management.base import BaseCommand

from forum.mail import send_due_emails


class Command(BaseCommand):
    help = "Send every queued email that is due (a safety net beside db_worker; cron-able)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="also those whose next attempt is later"
        )

    def handle(self, *args, **options):
        from django.utils import timezone

        now = timezone.now() + timezone.timedelta(days=365) if options["all"] else None
        sent, failed = send_due_emails(now)
        self.stdout.write(f"{sent} sent, {failed} not sent")
