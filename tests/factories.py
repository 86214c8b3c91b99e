"""Boring factories for every model, in one place."""

import datetime as dt
import importlib

import factory
from django.utils import timezone

from activities.models import Activity, Masar
from forum.models import Season, Space, Venue
from volunteers.models import Team


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Season
        django_get_or_create = ["number"]

    number = 5
    name_ar = "الموسم الخامس"
    name_en = "5th season"
    slogan_ar = "المواطنة"
    slogan_en = "Citizenship"
    intro_ar = "أسبوع من الأنشطة المدنية في بغداد."
    intro_en = "A week of civic activities in Baghdad."
    start_date = dt.date(2026, 11, 22)
    end_date = dt.date(2026, 11, 30)
    is_current = True
    is_public = True
    proposals_open = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    proposals_close = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    volunteers_open = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    volunteers_close = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    season = factory.SubFactory(SeasonFactory)
    name_ar = "أكاديمية بغداد للعلوم الإنسانية"
    name_en = "Baghdad Academy of Human Sciences"
    address_ar = "بغداد"
    address_en = "Baghdad"
    order = factory.Sequence(lambda n: n)


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    venue = factory.SubFactory(VenueFactory)
    name_ar = factory.Sequence(lambda n: f"القاعة {n}")
    name_en = factory.Sequence(lambda n: f"Hall {n}")
    capacity = 80


class MasarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Masar

    season = factory.SubFactory(SeasonFactory)
    name_ar = factory.Sequence(lambda n: f"مسار {n}")
    name_en = factory.Sequence(lambda n: f"Path {n}")
    description_ar = "وصف المسار."
    description_en = "About this path."
    slug = factory.Sequence(lambda n: f"path-{n}")
    order = factory.Sequence(lambda n: n)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    season = factory.SubFactory(SeasonFactory)
    name_ar = factory.Sequence(lambda n: f"فريق {n}")
    name_en = factory.Sequence(lambda n: f"Team {n}")
    description_ar = "ما يفعله الفريق."
    description_en = "What the team does."
    slug = factory.Sequence(lambda n: f"team-{n}")
    capacity = 10


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    season = factory.SubFactory(SeasonFactory)
    title_ar = factory.Sequence(lambda n: f"ورشة عمل رقم {n}")
    title_en = factory.Sequence(lambda n: f"Workshop number {n}")
    summary_ar = "ملخص النشاط."
    summary_en = "What the activity is about."
    description_ar = "وصف النشاط بالتفصيل."
    description_en = "The activity in detail."
    organization_ar = "جمعية الأمل"
    organization_en = "Al-Amal Association"
    organization_type = Activity.OrganizationType.CSO
    governorate = "baghdad"
    contact_name = "Zainab Ali"
    email = factory.Sequence(lambda n: f"organizer{n}@example.org")
    phone = "+9647701234567"
    format = Activity.Format.WORKSHOP
    languages = factory.LazyFunction(lambda: ["ar"])
    accepts_principles = True
    accepts_publication = True

    @factory.post_generation
    def masarat(self, create, extracted, **kwargs):
        if create and extracted:
            self.masarat.set(extracted)


class ScheduledActivityFactory(ActivityFactory):
    """Accepted and placed in a space: part of the public programme."""

    status = Activity.Status.ACCEPTED
    space = factory.SubFactory(SpaceFactory, venue__season=factory.SelfAttribute("...season"))
    # Always inside the 5th season (22–30 November), however many were made
    # before: five two-hour slots a day from 09:00, nine days, then round again.
    starts_at = factory.Sequence(
        lambda n: (
            timezone.make_aware(dt.datetime(2026, 11, 22, 9, 0))
            + dt.timedelta(days=(n // 5) % 9, hours=2 * (n % 5))
        )
    )
    ends_at = factory.LazyAttribute(lambda obj: obj.starts_at + dt.timedelta(minutes=90))


def group_made_by_migration(name, permissions):
    """A staff group that a data migration made, with the migration's own
    permissions: a transactional test's flush empties it, so it is made again
    (or given its permissions again, when a test made it by name only)."""
    from django.contrib.auth.models import Group

    group, created = Group.objects.get_or_create(name=name)
    if created or not group.permissions.exists():
        group.permissions.set(permissions)
    return group


class ProgrammeModeratorFactory(factory.django.DjangoModelFactory):
    """A staff account in the "Programme moderators" group (made by a migration)."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"moderator{n}")
    email = factory.LazyAttribute(lambda obj: f"{obj.username}@example.org")
    is_staff = True
    password = factory.django.Password("moderator-password-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Permission

        if create:
            migration = importlib.import_module(
                "activities.migrations.0005_programme_moderators_group"
            )
            reviews = importlib.import_module("reviews.migrations.0002_reviewers_group")
            outcomes = importlib.import_module(
                "outcomes.migrations.0002_moderators_review_outcomes"
            )
            # Granted by activities' 0009 migration (convergence).
            convergence = [
                ("activities", "convergence", "view"),
                ("activities", "convergence", "change"),
            ]
            permissions = [
                Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
                for app, model, action in [
                    *migration.PERMISSIONS,
                    *reviews.MODERATOR_PERMISSIONS,
                    *convergence,
                    *outcomes.PERMISSIONS,
                ]
            ]
            self.groups.add(group_made_by_migration(migration.GROUP, permissions))


class ReviewerFactory(factory.django.DjangoModelFactory):
    """A staff account in the "Reviewers" group (made by a migration), reviewing
    the masarat given: `ReviewerFactory(masarat=[masar])`."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reviewer{n}")
    email = factory.LazyAttribute(lambda obj: f"{obj.username}@example.org")
    is_staff = True
    password = factory.django.Password("reviewer-password-123")

    @factory.post_generation
    def masarat(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Permission

        from reviews.models import Reviewer

        if create:
            migration = importlib.import_module("reviews.migrations.0002_reviewers_group")
            permissions = [
                Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
                for app, model, action in migration.PERMISSIONS
            ]
            self.groups.add(group_made_by_migration(migration.GROUP, permissions))
            reviewer, _created = Reviewer.objects.get_or_create(user=self)
            reviewer.masarat.set(extracted or [])


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Review"

    activity = factory.SubFactory(ActivityFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    relevance = 3
    quality = 3
    feasibility = 3


class VolunteerFactory(factory.django.DjangoModelFactory):
    """A volunteer who signed up in Arabic; `wishes=[team, …]` sets ranked wishes."""

    class Meta:
        model = "volunteers.Volunteer"
        skip_postgeneration_save = True

    season = factory.SubFactory(SeasonFactory)
    full_name = factory.Sequence(lambda n: f"زينب علي {n}")
    email = factory.Sequence(lambda n: f"volunteer{n}@example.org")
    phone = "+9647701234567"
    governorate = "baghdad"
    age_group = "18-24"
    gender = "female"
    languages = factory.LazyFunction(lambda: ["arabic"])
    skills = factory.LazyFunction(list)
    availability = factory.LazyFunction(lambda: ["2026-11-22.morning", "2026-11-23.evening"])
    consents_to_data_use = True
    language = "ar"

    @factory.post_generation
    def wishes(self, create, extracted, **kwargs):
        if create and extracted:
            from volunteers.models import TeamWish

            for rank, team in enumerate(extracted, start=1):
                TeamWish.objects.create(volunteer=self, team=team, rank=rank)


class VolunteerCoordinatorFactory(factory.django.DjangoModelFactory):
    """A staff account in the "Volunteer coordinators" group (made by a migration)."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"coordinator{n}")
    email = factory.LazyAttribute(lambda obj: f"{obj.username}@example.org")
    is_staff = True
    password = factory.django.Password("coordinator-password-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Permission

        if create:
            migration = importlib.import_module(
                "volunteers.migrations.0003_add_volunteer_coordinators_group"
            )
            permissions = Permission.objects.filter(
                content_type__app_label="volunteers", content_type__model__in=migration.MODELS
            )
            self.groups.add(group_made_by_migration(migration.GROUP_NAME, permissions))


def log_in_verified(client, user):
    """Logs user in to client past both steps of a staff login: the password,
    and the second factor (an authenticator app the account has set up), as
    if its code had just been typed. Returns the app's device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
