import datetime as dt
import random
import zoneinfo

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from activities.models import Activity, Masar
from forum import demo_data
from forum.models import Season, Space

DEMO_EMAIL_DOMAIN = "demo.example.org"
FIRST_HOUR, LAST_HOUR = 9, 21


class Command(BaseCommand):
    help = (
        "Add a fictional, bilingual demo programme to the current season, replacing "
        "any earlier demo one. Opens the proposal and volunteer windows so every "
        "form can be tried."
    )

    def add_arguments(self, parser):
        parser.add_argument("--activities", type=int, default=60, help="how many (up to 2000)")
        parser.add_argument(
            "--keep-windows",
            action="store_true",
            help="leave the season's proposal and volunteer windows as they are",
        )
        parser.add_argument("--seed", type=int, default=5)

    @transaction.atomic
    def handle(self, *args, activities, keep_windows, seed, **options):
        if not 0 <= activities <= 2000:
            raise CommandError("--activities must be between 0 and 2000")
        season = Season.objects.current()
        if season is None:
            call_command("seed_season", stdout=self.stdout)
            season = Season.objects.current()
        rng = random.Random(seed)
        Activity.objects.filter(season=season, email__endswith="@" + DEMO_EMAIL_DOMAIN).delete()

        if not keep_windows:
            self._open_windows(season)

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
                f"Demo programme: {created} activities, {scheduled} accepted and scheduled."
            )
        )

    def _open_windows(self, season):
        tz = zoneinfo.ZoneInfo(season.time_zone)
        today = dt.datetime.now(tz).replace(hour=0, minute=0, second=0, microsecond=0)
        last_day = dt.datetime.combine(season.end_date, dt.time(23, 59), tzinfo=tz)
        close = max(last_day, today + dt.timedelta(days=30))
        season.proposals_open = season.volunteers_open = today - dt.timedelta(days=30)
        season.proposals_close = season.volunteers_close = close
        season.save()

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
