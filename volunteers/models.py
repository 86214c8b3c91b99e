import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from forum.choices import Governorate
from forum.models import Season


class Skill(models.TextChoices):
    INTERPRETATION = "interpretation", _("Interpretation or translation")
    PHOTOGRAPHY = "photography", _("Photography or video")
    SOCIAL_MEDIA = "social_media", _("Social media")
    FIRST_AID = "first_aid", _("First aid")
    LOGISTICS = "logistics", _("Logistics and set-up")
    REGISTRATION = "registration", _("Registration and reception")
    IT_SUPPORT = "it_support", _("IT support")
    GRAPHIC_DESIGN = "graphic_design", _("Graphic design")
    FACILITATION = "facilitation", _("Facilitation")
    SIGN_LANGUAGE = "sign_language", _("Sign language")
    ARTS_CULTURE = "arts_culture", _("Arts and culture")


class SpokenLanguage(models.TextChoices):
    ARABIC = "arabic", _("Arabic")
    KURDISH = "kurdish", _("Kurdish")
    ENGLISH = "english", _("English")
    TURKMEN = "turkmen", _("Turkmen")
    SYRIAC = "syriac", _("Syriac")
    OTHER = "other", _("Other language")


class AgeGroup(models.TextChoices):
    AGE_16_17 = "16-17", _("16–17 years")
    AGE_18_24 = "18-24", _("18–24 years")
    AGE_25_34 = "25-34", _("25–34 years")
    AGE_35_49 = "35-49", _("35–49 years")
    AGE_50_PLUS = "50+", _("50 years or more")


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    UNSTATED = "unstated", _("Prefer not to say")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


PART_ORDER = {part: index for index, part in enumerate(PartOfDay.values)}


def slot_key(day, part):
    """One cell of the availability grid: '2026-11-22.morning'."""
    return f"{day.isoformat()}.{part}"


def parse_slot(key):
    """'2026-11-22.morning' → (date(2026, 11, 22), 'morning'); None if malformed."""
    day, _sep, part = key.partition(".")
    try:
        return dt.date.fromisoformat(day), PartOfDay(part)
    except ValueError:
        return None


def list_text(labels):
    """Labels joined the way the page's language lists things ('a، b' in Arabic)."""
    return pgettext("list separator", ", ").join(str(label) for label in labels)


def new_private_token():
    # 32 random bytes (256 bits), URL-safe: the private link is the only key
    # to a volunteer's page, so it must be unguessable.
    return secrets.token_urlsafe(32)


class TeamQuerySet(models.QuerySet):
    def open(self):
        """Teams a volunteer may choose as a wish."""
        return self.filter(is_open=True)

    def with_fill(self):
        """Each team with `assigned_count`: how many volunteers it holds now."""
        return self.annotate(
            assigned_count=Count("volunteers", filter=Q(volunteers__status="assigned"))
        )


class Team(models.Model):
    """A working group of volunteers for one season (registration desk, media, …)."""

    season = models.ForeignKey(
        Season, on_delete=models.CASCADE, related_name="teams", verbose_name=_("season")
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=80)
    capacity = models.PositiveIntegerField(_("capacity"), default=10)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_open = models.BooleanField(
        _("open to wishes"),
        default=True,
        help_text=_("Volunteers can choose this team when they sign up."),
    )
    required_skills = models.JSONField(
        _("required skills (any one of)"),
        default=list,
        blank=True,
        help_text=_(
            "A volunteer needs at least one of these skills to be placed in this team. "
            "Leave empty for a team anyone can join."
        ),
    )
    # The team's contact: shown only to the team's assigned volunteers, on
    # their private page and in the assignment email. Never on a public page.
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, help_text=_("Stored as E.164")
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    briefing = models.TextField(
        _("what to do next"),
        blank=True,
        help_text=_(
            "For the team's volunteers only: where and when to meet, the training, "
            "what to bring. Sent with each assignment."
        ),
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["season", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["season", "slug"], name="unique_team_slug_per_season"),
        ]

    def __str__(self):
        return self.name

    def get_required_skills_display(self):
        return [Skill(value).label for value in self.required_skills if value in Skill.values]

    def required_skills_text(self):
        return list_text(self.get_required_skills_display())

    def accepts_skills(self, skills):
        """True when a volunteer with these skills may be placed in the team."""
        return not self.required_skills or bool(set(self.required_skills) & set(skills))

    def assigned(self):
        return self.volunteers.filter(status=Volunteer.Status.ASSIGNED)

    @property
    def places_left(self):
        """Capacity minus assigned volunteers (uses `assigned_count` when annotated)."""
        count = getattr(self, "assigned_count", None)
        if count is None:
            count = self.assigned().count()
        return max(self.capacity - count, 0)


class VolunteerQuerySet(models.QuerySet):
    def active(self):
        """Sign-ups that still count: not erased."""
        return self.filter(erased_at__isnull=True)

    def not_spam(self):
        """Without the sign-ups held as suspected spam (forum.antispam)."""
        return self.filter(suspected_spam=False)

    def with_email(self, email):
        """The sign-up of this address; one held as suspected spam is not it.
        Matched as the unique constraint matches (lower case, an address, not
        spam), so PostgreSQL answers from that index, whatever the season's size."""
        return self.filter(
            Exact(Lower("email"), Lower(Value(email.strip()))),
            ~Q(email=""),
            erased_at__isnull=True,  # active()
            suspected_spam=False,  # not_spam()
        )

    def available_on(self, day):
        # A JSON list of slot keys; matching its text works on SQLite and PostgreSQL.
        return self.filter(availability__icontains=f'"{day.isoformat()}.')

    def with_skill(self, skill):
        return self.filter(skills__icontains=f'"{skill}"')

    def speaking(self, language):
        return self.filter(languages__icontains=f'"{language}"')


class Volunteer(models.Model):
    """A person who signed up to volunteer in one season. No account: a private
    link (the token) is their key. Personal fields are erased on request."""

    class Status(models.TextChoices):
        # A context of their own: in Arabic a volunteer's status reads
        # differently from a proposal's.
        APPLIED = "applied", pgettext_lazy("volunteer status", "Applied")
        CONFIRMED = "confirmed", pgettext_lazy("volunteer status", "Confirmed")
        ASSIGNED = "assigned", pgettext_lazy("volunteer status", "Assigned to a team")
        DECLINED = "declined", pgettext_lazy("volunteer status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("volunteer status", "Withdrawn")

    season = models.ForeignKey(
        Season, on_delete=models.PROTECT, related_name="volunteers", verbose_name=_("season")
    )
    private_token = models.CharField(
        max_length=64, unique=True, default=new_private_token, editable=False
    )
    # Set by the form: a resend of the same form (double click, retry on a slow
    # network) finds the sign-up it already made instead of making another.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    suspected_spam = models.BooleanField(
        _("suspected spam"),
        default=False,
        help_text=_(
            "Sent with the hidden anti-bot field filled in. Kept out of the coordinators' "
            "lists, and nobody was emailed, until a coordinator releases it."
        ),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteers",
        verbose_name=_("team"),
    )

    # Personal data: staff with the volunteers permission only; erased on request.
    full_name = models.CharField(_("full name"), max_length=120)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, help_text=_("Stored as E.164"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    motivation = models.TextField(_("a few words of motivation"), blank=True, max_length=1000)
    internal_notes = models.TextField(_("internal notes"), blank=True)

    # Kept, anonymous, after erasure: they make the season's counts.
    governorate = models.CharField(_("governorate"), max_length=20, choices=Governorate.choices)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices)
    guardian_consent = models.BooleanField(_("a guardian agrees"), default=False)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    availability = models.JSONField(_("availability"), default=list, blank=True)
    volunteered_before = models.BooleanField(_("volunteered at the forum before"), default=False)
    consents_to_data_use = models.BooleanField(
        _("agrees to the use of the data to organize the season"), default=False
    )
    consents_to_future_contact = models.BooleanField(
        _("agrees to be contacted about future seasons"), default=False
    )
    language = models.CharField(
        _("language of contact"), max_length=5, choices=settings.LANGUAGES, default="ar"
    )

    created_at = models.DateTimeField(_("signed up at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True, editable=False)
    # When the private link was last emailed: a burst of sign-ups with one
    # address (someone else typing it) sends the link once, not once each.
    link_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("data deleted at"), null=True, blank=True, editable=False)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One sign-up per address and season, whatever the letter case.
            # Erased rows have no address, so the person may sign up again;
            # a bot's sign-up held as suspected spam does not take the
            # address from its owner.
            models.UniqueConstraint(
                Lower("email"),
                models.F("season"),
                condition=~Q(email="") & Q(suspected_spam=False),
                name="one_volunteer_per_email_per_season",
                violation_error_message=_("This email has already signed up this season."),
            ),
            # Assigned means in a team, and only assigned volunteers are.
            models.CheckConstraint(
                condition=Q(status="assigned", team__isnull=False)
                | (~Q(status="assigned") & Q(team__isnull=True)),
                name="volunteer_team_iff_assigned",
                violation_error_message=_(
                    "A volunteer is in a team exactly when their status is “assigned”."
                ),
            ),
            # Nobody under 18 without a guardian's consent (erased rows keep it).
            models.CheckConstraint(
                condition=~Q(age_group="16-17") | Q(guardian_consent=True),
                name="volunteer_minor_has_guardian_consent",
                violation_error_message=_(
                    "Volunteers aged 16 or 17 need a parent's or guardian's agreement."
                ),
            ),
        ]
        indexes = [models.Index(fields=["season", "status"], name="volunteer_season_status")]

    def __str__(self):
        if self.is_erased:
            return str(_("Volunteer #%(id)s (data deleted)") % {"id": self.pk})
        return self.full_name

    @property
    def is_erased(self):
        return self.erased_at is not None

    def get_private_url(self, language=None):
        with translation.override(language or self.language):
            return reverse("volunteers:private", kwargs={"token": self.private_token})

    def ranked_wishes(self):
        """Teams wished for, first choice first (uses a prefetch when there is one)."""
        return [wish.team for wish in sorted(self.wishes.all(), key=lambda wish: wish.rank)]

    def availability_slots(self):
        """(day, part) pairs, by day then morning to evening; malformed ones skipped."""
        return sorted(
            (slot for slot in map(parse_slot, self.availability) if slot),
            key=lambda slot: (slot[0], PART_ORDER[slot[1]]),
        )

    def available_days(self):
        return sorted({day for day, _part in self.availability_slots()})

    def get_languages_display(self):
        return [SpokenLanguage(v).label for v in self.languages if v in SpokenLanguage.values]

    def get_skills_display(self):
        return [Skill(v).label for v in self.skills if v in Skill.values]

    def languages_text(self):
        return list_text(self.get_languages_display())

    def skills_text(self):
        return list_text(self.get_skills_display())

    def can_change_wishes(self):
        return self.status in {self.Status.APPLIED, self.Status.CONFIRMED}

    def can_withdraw(self):
        return self.status in {self.Status.APPLIED, self.Status.CONFIRMED, self.Status.ASSIGNED}

    def can_be_assigned(self):
        return (
            not self.is_erased
            and not self.suspected_spam
            and self.status
            in {
                self.Status.APPLIED,
                self.Status.CONFIRMED,
                self.Status.ASSIGNED,
            }
        )


class TeamWish(models.Model):
    """One of a volunteer's ranked wishes: rank 1 is the first choice."""

    RANKS = (1, 2, 3)

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("volunteer")
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("team")
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"),
        choices=[(1, _("First choice")), (2, _("Second choice")), (3, _("Third choice"))],
    )

    class Meta:
        verbose_name = _("team wish")
        verbose_name_plural = _("team wishes")
        ordering = ["volunteer", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "rank"], name="one_wish_per_rank"),
            models.UniqueConstraint(fields=["volunteer", "team"], name="one_wish_per_team"),
            models.CheckConstraint(
                condition=Q(rank__gte=1) & Q(rank__lte=3), name="wish_rank_one_to_three"
            ),
        ]

    def __str__(self):
        return f"{self.rank}. {self.team}"


def email_digest(address):
    """A one-way digest of an address (trimmed, lower case): enough to know
    it again, not to write to it."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


class Invitation(models.Model):
    """A volunteer of a past season invited to sign up for a new one: at most
    one per address and season. The token is the key of the pre-filled
    sign-up link and of the "no more emails" link in the email."""

    season = models.ForeignKey(
        Season,
        on_delete=models.CASCADE,
        related_name="volunteer_invitations",
        verbose_name=_("season"),
    )
    # The past sign-up the invitation was made from (its name, language and
    # answers pre-fill the form); gone if that row is deleted.
    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations",
        verbose_name=_("volunteer"),
    )
    email_digest = models.CharField(max_length=64, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_private_token, editable=False)
    created_at = models.DateTimeField(_("invited at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["season", "email_digest"], name="one_invitation_per_address_per_season"
            )
        ]

    def __str__(self):
        return f"{self.season} — {self.volunteer or self.pk}"


class NoMoreEmails(models.Model):
    """An address that asked for no more emails about future seasons, kept as
    a digest only: honoured for good, whatever is imported or signed up later."""

    email_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("no more emails")
        verbose_name_plural = _("no more emails")

    def __str__(self):
        return self.email_digest[:12]


class SeasonVolunteerCounts(models.Model):
    """A season's volunteers counted just before the erasure after the season
    (which keeps neither team nor gender, and marks everyone withdrawn):
    what the season's page "in numbers" shows from then on
    (volunteers/counts.py). Counts only, by team id, age group and gender."""

    season = models.OneToOneField(
        Season, on_delete=models.CASCADE, related_name="volunteer_counts", editable=False
    )
    teams = models.JSONField(default=dict, editable=False)
    age_groups = models.JSONField(default=dict, editable=False)
    genders = models.JSONField(default=dict, editable=False)
    counted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("volunteers counted")
        verbose_name_plural = _("volunteers counted")

    def __str__(self):
        return str(self.season)
