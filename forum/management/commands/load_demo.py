import datetime as dt
import random
import zoneinfo

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from activities.models import Activity, Masar
from forum import demo_data, seed_data
from forum.models import Season, Space
from forum.services import copy_season_structure, make_current_season

DEMO_EMAIL_DOMAIN = "demo.example.org"
FIRST_HOUR, LAST_HOUR = 9, 21


class Command(BaseCommand):
    help = (
        "For trying the site, never in production: a fictional, bilingual demo programme "
        "for the real 5th season (a past season), and a clearly labelled fictional demo "
        "season made current, its days ahead and its proposal and volunteer windows open "
        "today, with a demo programme of its own. Replaces earlier demo activities; safe "
        "to run again (the demo season's dates follow the day it runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--activities", type=int, default=60, help="how many in each season (up to 2000)"
        )
        parser.add_argument("--seed", type=int, default=5)

    @transaction.atomic
    def handle(self, *args, activities, seed, **options):
        if not 0 <= activities <= 2000:
            raise CommandError("--activities must be between 0 and 2000")
        real = Season.objects.filter(number=seed_data.SEASON["number"]).first()
        if real is None:
            call_command("seed_season", stdout=self.stdout)
            real = Season.objects.get(number=seed_data.SEASON["number"])
        # Each season's programme from the same seed: the same mix of
        # statuses whichever season is made first.
        self._demo_programme(real, activities, random.Random(seed))
        self._demo_outcomes(real)
        demo = self._demo_season(real)
        self._demo_programme(demo, activities, random.Random(seed))
        current = Season.objects.current()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo season {demo.number} ({demo.start_date} to {demo.end_date}), forms open; "
                f"the current season is {current.name_en}."
            )
        )

    def _demo_season(self, real):
        """The fictional season: made (from the real season's venues, masarat and
        teams) or moved to dates ahead of today, and made current unless staff
        made a later real season current."""
        tz = zoneinfo.ZoneInfo(real.time_zone)
        now = dt.datetime.now(tz)
        first = now.date() + dt.timedelta(days=demo_data.DEMO_STARTS_IN_DAYS)
        opens = dt.datetime.combine(now.date() - dt.timedelta(days=14), dt.time(9), tz)
        closes = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(21), tz)
        fields = {
            **demo_data.DEMO_SEASON,
            "start_date": first,
            "end_date": first + dt.timedelta(days=demo_data.DEMO_DAYS - 1),
            "time_zone": real.time_zone,
            "proposals_open": opens,
            "proposals_close": closes,
            "volunteers_open": opens,
            "volunteers_close": closes,
            "is_public": True,
        }
        demo, created = Season.objects.update_or_create(
            number=demo_data.DEMO_SEASON_NUMBER, defaults=fields
        )
        if created:
            copy_season_structure(real, demo)
        current = Season.objects.current()
        if current is None or current.number in (real.number, demo.number):
            make_current_season(demo)
        return demo

    def _demo_programme(self, season, activities, rng):
        """`activities` demo proposals for the season, most accepted and
        scheduled, replacing its earlier demo ones."""
        Activity.objects.filter(season=season, email__endswith="@" + DEMO_EMAIL_DOMAIN).delete()
        masarat = list(Masar.objects.filter(season=season))
        spaces = list(Space.objects.filter(venue__season=season))
        slots = self._free_slots(season, spaces)
        rng.shuffle(slots)
        created = scheduled = 0
        for index in range(activities):
            activity = self._make_activity(season, masarat, rng, index)
            if slots and rng.random() < 0.85:
                space, start = slots.pop()
                activity.status = Activity.Status.ACCEPTED
                activity.space = space
                activity.starts_at = start
                activity.ends_at = start + dt.timedelta(minutes=activity.duration)
                scheduled += 1
            activity.save()
            activity.masarat.set(rng.sample(masarat, k=1 if rng.random() < 0.7 else 2))
            created += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo programme of {season.name_en}: {created} activities, "
                f"{scheduled} accepted and scheduled."
            )
        )

    def _demo_outcomes(self, season):
        """Published outcomes for a few of the past season's demo activities
        (they go with the activities when the demo is loaded again)."""
        from outcomes.demo import add_demo_outcomes

        taken_place = list(
            Activity.objects.published()
            .filter(season=season, email__endswith="@" + DEMO_EMAIL_DOMAIN)
            .order_by("starts_at", "pk")
        )
        made = add_demo_outcomes(taken_place, first_day=season.end_date)
        self.stdout.write(self.style.SUCCESS(f"Demo outcomes of {season.name_en}: {len(made)}."))

    def _free_slots(self, season, spaces):
        """Hour-long slots (90 and 120-minute activities take two)."""
        tz = zoneinfo.ZoneInfo(season.time_zone)
        slots = []
        for day in season.days:
            for space in spaces:
                for hour in range(FIRST_HOUR, LAST_HOUR - 1, 2):
                    start = dt.datetime.combine(day, dt.time(hour), tzinfo=tz)
                    slots.append((space, start))
        return slots

    def _make_activity(self, season, masarat, rng, index):
        masar = masarat[index % len(masarat)]
        topic_ar, topic_en = rng.choice(
            demo_data.TOPICS.get(masar.slug, [("موضوع تجريبي", "A demo topic")])
        )
        fmt = rng.choice(list(demo_data.FORMAT_WORDS))
        word_ar, word_en = demo_data.FORMAT_WORDS[fmt]
        org_ar, org_en, org_type = rng.choice(demo_data.ORGANIZATIONS)
        # About one in ten has text in one language only, as real proposals do.
        only = rng.choice(["ar", "en"]) if rng.random() < 0.1 else None
        texts = {
            "ar": {
                "title": f"{word_ar}: {topic_ar}",
                "summary": f"{word_ar} تجريبية حول {topic_ar} ضمن برنامج عرض الموقع.",
                "description": (
                    f"هذا نشاط خيالي لأغراض العرض فقط. تنظّم {org_ar} {word_ar} حول "
                    f"{topic_ar}، بمشاركة ناشطين وخبراء وجمهور مفتوح."
                ),
                "organization": org_ar,
            },
            "en": {
                "title": f"{word_en}: {topic_en}",
                "summary": f"A demo {word_en.lower()} on {topic_en.lower()}, for trying the site.",
                "description": (
                    f"This is a fictional activity for demonstration only. {org_en} holds a "
                    f"{word_en.lower()} on {topic_en.lower()}, with activists, experts and an "
                    "open audience."
                ),
                "organization": org_en,
            },
        }
        values = {}
        for code, fields in texts.items():
            for field, text in fields.items():
                values[f"{field}_{code}"] = "" if only and code != only else text
        return Activity(
            season=season,
            status=rng.choice(
                [Activity.Status.SUBMITTED, Activity.Status.UNDER_REVIEW, Activity.Status.ACCEPTED]
            ),
            organization_type=org_type,
            governorate=rng.choice(demo_data.GOVERNORATES),
            contact_name=f"Demo Contact {index + 1}",
            email=f"organizer{index + 1}@{DEMO_EMAIL_DOMAIN}",
            phone=f"+96477{index:08d}",
            contact_language=only or rng.choice(["ar", "en"]),
            submitted_language=only or "ar",
            format=fmt,
            languages=rng.choice([["ar"], ["ar", "en"], ["ar", "ku"], ["en"]]),
            expected_participants=rng.choice([20, 40, 60, 100, 200]),
            duration=rng.choice([60, 90, 120]),
            accepts_principles=True,
            accepts_publication=True,
            **values,
        )
