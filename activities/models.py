import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.arabic import normalize_for_search
from forum.choices import Governorate
from forum.models import Season, Space


class MasarColour(models.TextChoices):
    # A fixed palette, each a CSS class in site.css: a strict CSP forbids
    # inline style attributes, and these all contrast with white text.
    GREEN = "green", _("Green")
    TEAL = "teal", _("Teal")
    BLUE = "blue", _("Blue")
    INDIGO = "indigo", _("Indigo")
    PURPLE = "purple", _("Purple")
    MAGENTA = "magenta", _("Magenta")
    RED = "red", _("Red")
    BROWN = "brown", _("Brown")
    OLIVE = "olive", _("Olive")
    SLATE = "slate", _("Slate")


class Masar(models.Model):
    """A thematic path of a season; every activity is tagged with one or more."""

    season = models.ForeignKey(
        Season, on_delete=models.CASCADE, related_name="masarat", verbose_name=_("season")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=80)
    colour = models.CharField(
        _("colour"), max_length=10, choices=MasarColour.choices, default=MasarColour.GREEN
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("path (masar)")
        verbose_name_plural = _("paths (masarat)")
        ordering = ["season", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["season", "slug"], name="unique_masar_slug_per_season"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # Its season's address, which keeps its meaning when another season is
        # current (/masarat/<slug>/ always means the current season's).
        return reverse(
            "activities:season_masar", kwargs={"number": self.season.number, "slug": self.slug}
        )


def new_private_token():
    # 32 bytes of randomness (256 bits): the private link is the only key.
    return secrets.token_urlsafe(32)


# What search_text holds; a plain function so that the data migration that
# filled it for older rows (0006) uses exactly the same rule as save().
SEARCHED_FIELDS = ("title", "summary", "organization")


def search_text_of(activity):
    """The titles, summaries and organization in both languages, folded for search."""
    return normalize_for_search(
        " ".join(
            getattr(activity, f"{field}_{code}", "") or ""
            for field in SEARCHED_FIELDS
            for code, _name in settings.LANGUAGES
        )
    )


# What similarity_text holds (the organization is left out: two proposals of
# one organization are not "close" for being its own).
COMPARED_FIELDS = ("title", "summary")


def similarity_text_of(activity):
    return normalize_for_search(
        " ".join(
            getattr(activity, f"{field}_{code}", "") or ""
            for code, _name in settings.LANGUAGES
            for field in COMPARED_FIELDS
        )
    )


class ActivityQuerySet(models.QuerySet):
    def published(self):
        """Accepted and scheduled: what visitors see in the programme."""
        return self.filter(
            status=Activity.Status.ACCEPTED,
            space__isnull=False,
            starts_at__isnull=False,
            ends_at__isnull=False,
        )

    def on_day(self, day):
        return self.filter(starts_at__date=day)

    def search(self, query):
        """Every word of the query, folded the same way as the activity's text."""
        queryset = self
        for word in normalize_for_search(query).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def in_language(self, code):
        # A JSON list of codes; matching its text works on SQLite and PostgreSQL.
        return self.filter(languages__icontains=f'"{code}"')

    def preferring_day(self, day):
        # preferred_days is a JSON list of ISO dates, matched as text like languages.
        return self.filter(preferred_days__icontains=f'"{day.isoformat()}"')

    def missing_translation(self, code):
        """Activities whose title, summary or description is empty in `code`."""
        empty = Q()
        for field in Activity.TRANSLATED_FIELDS:
            empty |= Q(**{f"{field}_{code}": ""}) | Q(**{f"{field}_{code}__isnull": True})
        return self.filter(empty)

    def clashing_with(self, *, space, starts_at, ends_at, exclude_pk=None):
        """Accepted activities in `space` whose slot overlaps [starts_at, ends_at)."""
        return (
            self.filter(
                status=Activity.Status.ACCEPTED,
                space=space,
                starts_at__lt=ends_at,
                ends_at__gt=starts_at,
            )
            .exclude(pk=exclude_pk)
            .order_by("starts_at")
        )


class Activity(models.Model):
    """A proposed activity; once accepted and scheduled, part of the programme."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        # The organizer sent the changes the moderators asked for.
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        # Joined with another proposal into one activity (activities/convergence/).
        MERGED = "merged", _("Merged into another activity")

    class OrganizationType(models.TextChoices):
        CSO = "cso", _("Civil-society organization")
        TRADE_UNION = "trade_union", _("Trade union")
        PROFESSIONAL_UNION = "professional_union", _("Professional union")
        YOUTH = "youth", _("Youth group or initiative")
        ACADEMIC = "academic", _("Academic institution")
        INTERNATIONAL = "international", _("International organization")
        INFORMAL = "informal", _("Informal group or individual")

    class Format(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        SEMINAR = "seminar", _("Seminar")
        PANEL = "panel", _("Panel discussion")
        EXHIBITION = "exhibition", _("Exhibition")
        SCREENING = "screening", _("Film screening")
        PERFORMANCE = "performance", _("Artistic performance")
        OTHER = "other", _("Other")

    class Duration(models.IntegerChoices):
        MIN_60 = 60, _("60 minutes")
        MIN_90 = 90, _("90 minutes")
        MIN_120 = 120, _("120 minutes")
        HALF_DAY = 240, _("Half a day")
        FULL_DAY = 480, _("A full day")

    class TimeOfDay(models.TextChoices):
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")
        ANY = "any", _("Any time")

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        KURDISH = "ku", _("Kurdish")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other")

    class SpaceNeed(models.TextChoices):
        HALL = "hall", _("Hall with projector and sound")
        OUTDOOR = "outdoor", _("Outdoor space")
        EXHIBITION = "exhibition", _("Exhibition space")
        SCREENING = "screening", _("Screening")

    season = models.ForeignKey(
        Season, on_delete=models.PROTECT, related_name="activities", verbose_name=_("season")
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    private_token = models.CharField(
        max_length=64, unique=True, default=new_private_token, editable=False
    )
    # Set by the form: a resend of the same form (double click, retry on a slow
    # network) finds the proposal it already made instead of making another.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    suspected_spam = models.BooleanField(
        _("suspected spam"),
        default=False,
        help_text=_(
            "Sent with the hidden anti-bot field filled in. Kept out of the moderation "
            "list, and nobody was emailed, until a moderator releases it."
        ),
    )

    # The organizer. Contact data is personal: staff with permission only.
    organization = models.CharField(_("organization"), max_length=200)
    organization_type = models.CharField(
        _("type of organization"), max_length=30, choices=OrganizationType.choices
    )
    governorate = models.CharField(_("governorate"), max_length=20, choices=Governorate.choices)
    contact_name = models.CharField(_("contact person"), max_length=120)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, help_text=_("Stored as E.164"))
    website = models.URLField(_("website or social link"), blank=True)
    co_organizers = models.CharField(_("co-organizers"), max_length=300, blank=True)
    contact_language = models.CharField(
        _("language of contact"), max_length=5, choices=settings.LANGUAGES, default="ar"
    )

    # The activity.
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short summary"), max_length=300)
    description = models.TextField(_("description"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    masarat = models.ManyToManyField(
        Masar, related_name="activities", verbose_name=_("paths (masarat)")
    )
    languages = models.JSONField(_("languages of the activity"), default=list)
    interpretation_needed = models.BooleanField(_("interpretation needed"), default=False)
    expected_participants = models.PositiveIntegerField(_("expected participants"), default=0)
    duration = models.PositiveSmallIntegerField(
        _("duration"), choices=Duration.choices, default=Duration.MIN_90
    )
    preferred_days = models.JSONField(_("preferred days"), default=list, blank=True)
    preferred_time = models.CharField(
        _("preferred time of day"), max_length=10, choices=TimeOfDay.choices, default="any"
    )
    space_needs = models.JSONField(_("space needs"), default=list, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    other_notes = models.TextField(_("anything else"), blank=True)
    accepts_principles = models.BooleanField(_("agrees to the forum's principles"), default=False)
    accepts_publication = models.BooleanField(_("agrees to publication"), default=False)
    # The social-forum method: organizations proposing close activities may
    # join forces (activities/convergence/). Asked on the form, never assumed.
    open_to_convergence = models.BooleanField(
        _("agrees to be put in touch with similar proposals"), default=False
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
        editable=False,
    )
    # The language the organizer wrote in: which translated fields hold their text.
    submitted_language = models.CharField(
        _("written in"), max_length=5, choices=settings.LANGUAGES, default="ar"
    )

    # Moderation.
    moderator_message = models.TextField(
        _("message to the organizer"),
        blank=True,
        help_text=_("Shown on the organizer's private page and sent with decisions."),
    )
    internal_notes = models.TextField(_("internal notes"), blank=True)

    # The slot, for accepted activities.
    space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("space"),
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    # Titles, summaries and organization in both languages, folded by
    # forum.arabic.normalize_for_search; kept up to date by save().
    search_text = models.TextField(editable=False, blank=True, default="")
    # Titles and summaries in both languages, folded the same way: what
    # similar proposals are compared on (activities/convergence/similarity.py,
    # a trigram index on PostgreSQL).
    similarity_text = models.TextField(editable=False, blank=True, default="")

    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    # The activity as its organizer describes it, beyond its texts, in the
    # order the form, the admin and the exports show it.
    DETAIL_FIELDS = (
        "format",
        "masarat",
        "languages",
        "interpretation_needed",
        "expected_participants",
        "duration",
        "preferred_days",
        "preferred_time",
        "space_needs",
        "accessibility_notes",
        "other_notes",
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="unique_activity_number"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="activity_ends_after_start",
            ),
        ]
        # No two accepted activities in one space at once: an exclusion
        # constraint added on PostgreSQL by migration 0002 (SQLite has none).
        indexes = [models.Index(fields=["status", "starts_at"], name="activity_status_start")]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    # What moderators translate: complete when both languages have all three.
    TRANSLATED_FIELDS = ("title", "summary", "description")

    def save(self, *args, **kwargs):
        self.search_text = search_text_of(self)
        self.similarity_text = similarity_text_of(self)
        if self.number:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            # Locking the season row serialises numbering: fifty proposals sent
            # at once get fifty distinct references.
            Season.objects.select_for_update().filter(pk=self.season_id).first()
            last = Activity.objects.filter(season_id=self.season_id).aggregate(
                models.Max("number")
            )["number__max"]
            self.number = (last or 0) + 1
            return super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("activities:detail", kwargs={"pk": self.pk})

    @property
    def reference(self):
        return f"ISF{self.season.number}-{self.number:04d}"

    def get_private_url(self):
        return reverse("activities:private", kwargs={"token": self.private_token})

    @property
    def is_scheduled(self):
        return bool(self.space_id and self.starts_at and self.ends_at)

    def can_be_edited(self):
        return self.status in {
            self.Status.SUBMITTED,
            self.Status.CHANGES_REQUESTED,
            self.Status.RESUBMITTED,
        }

    def can_be_withdrawn(self):
        return self.status not in {self.Status.WITHDRAWN, self.Status.DECLINED, self.Status.MERGED}

    # What a moderator may set; submitted, resubmitted and withdrawn are the organizer's.
    MODERATOR_STATUSES = (
        Status.UNDER_REVIEW,
        Status.ACCEPTED,
        Status.CHANGES_REQUESTED,
        Status.DECLINED,
    )

    def can_move_to(self, status):
        """Whether a moderator may set `status`: any decision but the current one,
        none once the organizer has withdrawn the proposal, and none while it is
        suspected spam (released first, its organizer has their confirmation)."""
        return (
            status in self.MODERATOR_STATUSES
            and status != self.status
            and self.status not in {self.Status.WITHDRAWN, self.Status.MERGED}
            and not self.suspected_spam
        )

    def missing_languages(self):
        """Language codes in which the title, summary or description is empty."""
        return [
            code
            for code, _name in settings.LANGUAGES
            if not all(getattr(self, f"{field}_{code}") for field in self.TRANSLATED_FIELDS)
        ]

    @property
    def translation_complete(self):
        return not self.missing_languages()


class ActivityStatusChange(models.Model):
    """The record of every status change: who, when, from, to, and why."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=20, choices=Activity.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Activity.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("by"),
        help_text=_("Empty when the organizer made the change."),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "id"]

    def __str__(self):
        # Labels, not codes, and an arrow that points the way the page reads:
        # the Arabic translation turns it round ("مُقدَّم ← مقبول").
        if not self.from_status:
            return str(self.get_to_status_display())
        return _("%(from)s → %(to)s") % {
            "from": self.get_from_status_display(),
            "to": self.get_to_status_display(),
        }


# Models of the app's packages, so that Django finds them.
from .convergence.models import Convergence  # noqa: E402, F401
