from django.core.management.base import BaseCommand, CommandError

from forum.models import Season
from forum.services import SeasonActionRefused, make_current_season


class Command(BaseCommand):
    help = (
        "Make a season the current one (and published): the home page, the programme and "
        "the forms move to it; every other season keeps its pages under /seasons/<number>/."
    )

    def add_arguments(self, parser):
        parser.add_argument("number", type=int, help="the season's number")

    def handle(self, *args, number, **options):
        season = Season.objects.filter(number=number).first()
        if season is None:
            raise CommandError(f"There is no season {number}.")
        try:
            make_current_season(season)
        except SeasonActionRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{season.name_en} is now the current season."))
