from django.core.management.base import BaseCommand, CommandError

from forum.models import Season
from forum.services import SeasonActionRefused, prepare_next_season


class Command(BaseCommand):
    help = (
        "Prepare the season after --from: not current and not published, dates a year "
        "later, with its venues, spaces, masarat and teams copied (the admin's “Prepare "
        "the next season” action)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="number", type=int, required=True, help="the season to start from"
        )

    def handle(self, *args, number, **options):
        season = Season.objects.filter(number=number).first()
        if season is None:
            raise CommandError(f"There is no season {number}.")
        try:
            draft = prepare_next_season(season)
        except SeasonActionRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Prepared {draft.name_en} ({draft.start_date} to {draft.end_date}), not "
                f"public yet: {draft.venues.count()} venues, {draft.masarat.count()} masarat, "
                f"{draft.teams.count()} teams. Edit it in the admin, then make it current "
                f"with set_current_season {draft.number}."
            )
        )
