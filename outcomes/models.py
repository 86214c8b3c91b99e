"""What an activity leaves behind: its organizer's report (an account,
recommendations addressed to someone, initiatives others can join), reviewed
by the moderators before it is public, and the organizations that join an
initiative."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Masar, new_private_token
from forum.choices import Governorate


class ReportInvitation(models.Model):
    """The record of the email inviting an organizer to report outcomes: one
    per activity (the unique constraint makes "exactly once" hold even when
    two runs of the daily command overlap)."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="report_invitation"
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation to report outcomes")
        verbose_name_plural = _("invitations to report outcomes")

    def __str__(self):
        return f"{self.activity_id} @ {self.sent_at:%Y-%m-%d}"


class OutcomeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Outcome.Status.PUBLISHED, activity__season__is_public=True)


class Outcome(models.Model):
    """An activity's report, written by its organizer on their private page."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SENT_BACK = "sent_back", _("Sent back to the organizer")
        PUBLISHED = "published", _("Published")

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="outcome", verbose_name=_("activity")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    # Texts are blank=True in the database: the organizer writes one language,
    # moderators may add the other (the organizer's form requires its own).
    account = models.TextField(
        _("what was discussed"), blank=True, help_text=_("A short account of the activity.")
    )
    participants = models.PositiveIntegerField(_("number of participants"))
    women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    young = models.PositiveIntegerField(_("of whom young people (under 30)"), null=True, blank=True)
    submitted_language = models.CharField(
        _("written in"), max_length=5, choices=settings.LANGUAGES, default="ar"
    )
    moderator_message = models.TextField(
        _("message to the organizer"),
        blank=True,
        help_text=_("Sent to the organizer, in their language, when you send the report back."),
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(women__isnull=True) | Q(women__lte=models.F("participants")),
                name="outcome_women_within_participants",
            ),
            models.CheckConstraint(
                condition=Q(young__isnull=True) | Q(young__lte=models.F("participants")),
                name="outcome_young_within_participants",
            ),
        ]

    def __str__(self):
        return str(self.activity)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def can_be_edited(self):
        return self.status != self.Status.PUBLISHED


class OutcomeStatusChange(models.Model):
    """The history of a report: submitted, sent back (with the message), published."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=20, choices=Outcome.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Outcome.Status.choices)
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
        verbose_name = _("outcome status change")
        verbose_name_plural = _("outcome status changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.outcome_id}: {self.from_status} → {self.to_status}"


class Addressee(models.TextChoices):
    GOVERNMENT = "government", _("The government")
    PARLIAMENT = "parliament", _("Parliament")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    INTERNATIONAL = "international", _("International bodies")
    OTHER = "other", _("Others")


class Recommendation(models.Model):
    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("outcome")
    )
    text = models.TextField(_("recommendation"), blank=True)
    masar = models.ForeignKey(
        Masar,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("path (masar)"),
    )
    addressee = models.CharField(_("addressed to"), max_length=20, choices=Addressee.choices)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["id"]

    def __str__(self):
        return (self.text or "")[:80]


class Initiative(models.Model):
    """An action with a date or a period that other organizations may join."""

    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("outcome")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    call_to_join = models.TextField(
        _("call to join"), blank=True, help_text=_("Who you would like to join, and how.")
    )
    starts_on = models.DateField(_("date, or first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day (for a period)"), null=True, blank=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | (Q(starts_on__isnull=False) & Q(ends_on__gte=models.F("starts_on"))),
                name="initiative_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "outcomes:initiative",
            kwargs={"number": self.outcome.activity.season.number, "pk": self.pk},
        )


class InitiativeMember(models.Model):
    """An organization that joined an initiative; no account, a private link to leave."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Shown on the initiative's page")
        DECLINED = "declined", _("Not shown")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="members", verbose_name=_("initiative")
    )
    organization = models.CharField(_("organization"), max_length=200)
    organization_type = models.CharField(
        _("type of organization"), max_length=30, choices=Activity.OrganizationType.choices
    )
    governorate = models.CharField(_("governorate"), max_length=20, choices=Governorate.choices)
    # Personal data: moderators only, never on a public page; erased after
    # the initiative (outcomes.erasure), when it is left blank.
    email = models.EmailField(_("email"), blank=True)
    contact_language = models.CharField(
        _("language of contact"), max_length=5, choices=settings.LANGUAGES, default="ar"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    suspected_spam = models.BooleanField(_("suspected spam"), default=False)
    private_token = models.CharField(
        max_length=64, unique=True, default=new_private_token, editable=False
    )
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("organization that joined an initiative")
        verbose_name_plural = _("organizations that joined initiatives")
        ordering = ["joined_at", "id"]

    def __str__(self):
        return self.organization

    def get_private_url(self):
        return reverse("outcomes:membership", kwargs={"token": self.private_token})
