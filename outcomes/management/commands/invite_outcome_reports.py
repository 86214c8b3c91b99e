from django.core.management.base import BaseCommand

from outcomes.services import invite_to_report


class Command(BaseCommand):
    help = (
        "Daily: email the organizer of each activity that took place yesterday (or in the "
        "last days, if a run was missed) an invitation to report its outcomes from their "
        "private page. Each organizer is invited once (recorded); safe to run again."
    )

    def handle(self, *args, **options):
        count = invite_to_report()
        self.stdout.write(f"{count} organizer(s) invited to report outcomes.")
