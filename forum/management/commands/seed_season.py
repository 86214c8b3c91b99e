from django.core.management.base import BaseCommand
from django.db import transaction

from activities.models import Masar
from forum import seed_data
from forum.models import Season, Space, Venue
from volunteers.models import Team


class Command(BaseCommand):
    help = "Load the 5th season (venues, spaces, masarat, teams). Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        fields = {key: value for key, value in seed_data.SEASON.items() if key != "number"}
        Season.objects.filter(is_current=True).exclude(number=seed_data.SEASON["number"]).update(
            is_current=False
        )
        season, created = Season.objects.update_or_create(
            number=seed_data.SEASON["number"], defaults={**fields, "is_current": True}
        )
        for venue_data in seed_data.VENUES:
            venue, _ = Venue.objects.update_or_create(
                season=season,
                name_en=venue_data["name_en"],
                defaults={
                    key: value
                    for key, value in venue_data.items()
                    if key not in {"spaces", "name_en"}
                },
            )
            for order, (_slug, name_ar, name_en, capacity, kind) in enumerate(
                venue_data["spaces"], start=1
            ):
                Space.objects.update_or_create(
                    venue=venue,
                    name_en=name_en,
                    defaults={
                        "name_ar": name_ar,
                        "capacity": capacity,
                        "kind": kind,
                        "order": order,
                    },
                )
        for order, (slug, colour, name_ar, name_en, desc_ar, desc_en) in enumerate(
            seed_data.MASARAT, start=1
        ):
            Masar.objects.update_or_create(
                season=season,
                slug=slug,
                defaults={
                    "colour": colour,
                    "order": order,
                    "name_ar": name_ar,
                    "name_en": name_en,
                    "description_ar": desc_ar,
                    "description_en": desc_en,
                },
            )
        for order, (slug, name_ar, name_en, capacity, desc_ar, desc_en) in enumerate(
            seed_data.TEAMS, start=1
        ):
            Team.objects.update_or_create(
                season=season,
                slug=slug,
                defaults={
                    "order": order,
                    "capacity": capacity,
                    "name_ar": name_ar,
                    "name_en": name_en,
                    "description_ar": desc_ar,
                    "description_en": desc_en,
                },
            )
        verb = "Created" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {season.name_en}: {season.venues.count()} venues, "
                f"{Space.objects.filter(venue__season=season).count()} spaces, "
                f"{season.masarat.count()} masarat, {season.teams.count()} teams."
            )
        )
