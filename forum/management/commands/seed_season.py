from django.core.management.base import BaseCommand
from django.db import transaction

from activities.models import Masar
from forum import seed_data
from forum.models import Season, Space, Venue
from volunteers.models import Team


class Command(BaseCommand):
    help = (
        "Load the 5th season (venues, spaces, masarat, teams), published, and current "
        "when no other season is. Safe to run again: rows that exist are left as staff "
        "edited them, unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="overwrite existing rows with the seed's values"
        )

    def save(self, model, defaults, **lookup):
        if self.reset:
            return model.objects.update_or_create(defaults=defaults, **lookup)
        return model.objects.get_or_create(defaults=defaults, **lookup)

    @transaction.atomic
    def handle(self, *args, reset=False, **options):
        self.reset = reset
        fields = {key: value for key, value in seed_data.SEASON.items() if key != "number"}
        # The 5th season is public; it is the current one only on a site that
        # has none yet: run again once a later season is current, it must not
        # take the site back.
        is_current = (
            not Season.objects.exclude(number=seed_data.SEASON["number"])
            .filter(is_current=True)
            .exists()
        )
        season, created = self.save(
            Season,
            {**fields, "is_public": True, "is_current": is_current},
            number=seed_data.SEASON["number"],
        )
        if not season.is_public or (is_current and not season.is_current):
            season.is_public = True
            season.is_current = season.is_current or is_current
            season.save(update_fields=["is_public", "is_current"])
        for venue_data in seed_data.VENUES:
            venue, _ = self.save(
                Venue,
                {
                    key: value
                    for key, value in venue_data.items()
                    if key not in {"spaces", "name_en"}
                },
                season=season,
                name_en=venue_data["name_en"],
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
            self.save(
                Masar,
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
            self.save(
                Team,
                season=season,
                slug=slug,
                defaults={
                    "order": order,
                    "capacity": capacity,
                    "name_ar": name_ar,
                    "name_en": name_en,
                    "description_ar": desc_ar,
                    "description_en": desc_en,
                    "required_skills": seed_data.TEAM_REQUIRED_SKILLS.get(slug, []),
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
