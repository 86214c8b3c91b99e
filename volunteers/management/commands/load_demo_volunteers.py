import random

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from forum.choices import Governorate
from forum.models import Season
from volunteers.models import (
    AgeGroup,
    Gender,
    PartOfDay,
    Skill,
    SpokenLanguage,
    Team,
    TeamWish,
    Volunteer,
    slot_key,
)

DEMO_EMAIL_DOMAIN = "demo.example.org"

FIRST_NAMES = [
    "زينب",
    "مريم",
    "نور",
    "سارة",
    "هبة",
    "رُقيّة",
    "دعاء",
    "آية",
    "شيماء",
    "لينا",
    "علي",
    "حسين",
    "محمد",
    "مصطفى",
    "أحمد",
    "يوسف",
    "عمر",
    "كرار",
    "سيف",
    "آرام",
]
FAMILY_NAMES = [
    "الجبوري",
    "العبيدي",
    "الربيعي",
    "الساعدي",
    "التميمي",
    "الخفاجي",
    "البياتي",
    "الدليمي",
    "الزبيدي",
    "الكعبي",
    "عبد الله",
    "حسن",
    "كريم",
    "صالح",
    "محمود",
]
# Which seeded teams ask for a skill (forum/seed_data.py TEAMS), for trying
# the skill rules; teams a coordinator already set are left alone.
DEMO_REQUIRED_SKILLS = {
    "interpretation": [Skill.INTERPRETATION],
    "first-aid": [Skill.FIRST_AID],
    "media": [Skill.PHOTOGRAPHY, Skill.SOCIAL_MEDIA, Skill.GRAPHIC_DESIGN],
}


class Command(BaseCommand):
    help = (
        "Add fictional volunteers to the current season, or to --season (replacing earlier "
        "demo ones), for trying the coordinators' admin; those of a past season are there "
        "to be invited back. Never in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--volunteers", type=int, default=60, help="how many (up to 3000)")
        parser.add_argument("--confirmed", type=float, default=0.5, help="share confirmed")
        parser.add_argument("--seed", type=int, default=5)
        parser.add_argument("--season", type=int, help="a season's number (default: the current)")

    @transaction.atomic
    def handle(self, *args, volunteers, confirmed, seed, season=None, **options):
        if not 0 <= volunteers <= 3000:
            raise CommandError("--volunteers must be between 0 and 3000")
        number = season
        season = (
            Season.objects.current()
            if number is None
            else Season.objects.filter(number=number).first()
        )
        if season is None and number is not None:
            raise CommandError(f"There is no season {number}.")
        if season is None:
            call_command("seed_season", stdout=self.stdout)
            season = Season.objects.current()
        # Another season's demo volunteers are other people (other addresses).
        prefix = "volunteer" if season.is_current else f"season{season.number}-volunteer"
        rng = random.Random(seed)
        Volunteer.objects.filter(season=season, email__endswith="@" + DEMO_EMAIL_DOMAIN).delete()
        teams = list(Team.objects.filter(season=season).open())
        for team in teams:
            if not team.required_skills and team.slug in DEMO_REQUIRED_SKILLS:
                team.required_skills = list(DEMO_REQUIRED_SKILLS[team.slug])
                team.save(update_fields=["required_skills"])
        slots = [slot_key(day, part) for day in season.days for part in PartOfDay.values]
        for index in range(volunteers):
            skills = rng.sample(Skill.values, k=rng.choice([0, 1, 1, 2, 3]))
            age_group = rng.choice(AgeGroup.values)
            volunteer = Volunteer.objects.create(
                season=season,
                status=Volunteer.Status.CONFIRMED
                if rng.random() < confirmed
                else Volunteer.Status.APPLIED,
                full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}",
                email=f"{prefix}{index}@{DEMO_EMAIL_DOMAIN}",
                phone=f"+96477{rng.randrange(10**7, 10**8)}",
                governorate=rng.choice([Governorate.BAGHDAD] * 6 + list(Governorate.values)),
                age_group=age_group,
                guardian_consent=age_group == AgeGroup.AGE_16_17,
                gender=rng.choice([Gender.FEMALE, Gender.MALE, Gender.FEMALE, ""]),
                languages=[SpokenLanguage.ARABIC]
                + rng.sample(SpokenLanguage.values[1:], k=rng.choice([0, 1, 1, 2])),
                skills=skills,
                availability=sorted(rng.sample(slots, k=rng.randrange(3, len(slots) + 1))),
                volunteered_before=rng.random() < 0.3,
                consents_to_data_use=True,
                consents_to_future_contact=rng.random() < 0.6,
                language=rng.choice(["ar", "ar", "ar", "en"]),
            )
            eligible = [team for team in teams if team.accepts_skills(skills)]
            wished = rng.sample(eligible, k=min(len(eligible), rng.choice([1, 2, 3, 3])))
            TeamWish.objects.bulk_create(
                TeamWish(volunteer=volunteer, team=team, rank=rank)
                for rank, team in enumerate(wished, start=1)
            )
        self.stdout.write(self.style.SUCCESS(f"Demo volunteers of {season.name_en}: {volunteers}."))
