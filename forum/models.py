import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


def can_preview_seasons(user):
    """Staff who may see a season's pages before it is public, past the
    second factor as for the admin (a password alone shows no draft)."""
    verified = getattr(user, "is_verified", None)
    return (
        user.is_active
        and user.is_staff
        and bool(verified and verified())
        and user.has_perm("forum.view_season")
    )


class SeasonQuerySet(models.QuerySet):
    def current(self):
        """The season the site is about; None before the first is entered."""
        return self.filter(is_current=True).first()

    def public(self):
        """Seasons whose pages are on the site: published ones (the current
        season always is), newest first."""
        return self.filter(is_public=True).order_by("-start_date", "-number")


class Season(models.Model):
    """One yearly edition of the forum. The next season is a new row."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. “The 5th season”"))
    slogan = models.CharField(_("slogan"), max_length=120)
    intro = models.TextField(_("introduction"), blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Baghdad")
    proposals_open = models.DateTimeField(_("proposals open"), null=True, blank=True)
    proposals_close = models.DateTimeField(_("proposals close"), null=True, blank=True)
    volunteers_open = models.DateTimeField(_("volunteer sign-up opens"), null=True, blank=True)
    volunteers_close = models.DateTimeField(_("volunteer sign-up closes"), null=True, blank=True)
    is_current = models.BooleanField(
        _("current season"),
        default=False,
        help_text=_(
            "The season of the home page, the programme and the forms. Change it with the "
            "action “Make this the current season”."
        ),
    )
    is_public = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Its pages are on the site. A season being prepared stays unpublished (staff "
            "can preview it) until it is published or made current."
        ),
    )

    objects = SeasonQuerySet.as_manager()

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_season",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="season_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=models.Q(proposals_open__isnull=True)
                | models.Q(proposals_close__isnull=True)
                | models.Q(proposals_close__gt=models.F("proposals_open")),
                name="proposal_window_opens_before_it_closes",
                violation_error_message=_("The call for activities must open before it closes."),
            ),
            models.CheckConstraint(
                condition=models.Q(volunteers_open__isnull=True)
                | models.Q(volunteers_close__isnull=True)
                | models.Q(volunteers_close__gt=models.F("volunteers_open")),
                name="volunteer_window_opens_before_it_closes",
                violation_error_message=_("Volunteer sign-up must open before it closes."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_current=False) | models.Q(is_public=True),
                name="current_season_is_public",
                violation_error_message=_("The current season is always published."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:season", kwargs={"number": self.number})

    def clean(self):
        # "Closes by the last day" depends on the season's own time zone, which
        # a database check constraint cannot read; the rest are constraints.
        if self.is_current and not self.is_public:
            # Also a constraint; said here for the admin, where is_current is read-only.
            raise ValidationError({"is_public": _("The current season is always published.")})
        if not (self.start_date and self.end_date and self.time_zone):
            return
        try:
            last_moment = self.ends_at()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                {"time_zone": _("Unknown time zone, e.g. “Asia/Baghdad”.")}
            ) from None
        last_day = formats.date_format(self.end_date, "j F Y")
        errors = {}
        if self.proposals_close and self.proposals_close > last_moment:
            errors["proposals_close"] = _(
                "The call for activities must close by the season's last day (%(day)s)."
            ) % {"day": last_day}
        if self.volunteers_close and self.volunteers_close > last_moment:
            errors["volunteers_close"] = _(
                "Volunteer sign-up must close by the season's last day (%(day)s)."
            ) % {"day": last_day}
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def ends_at(self):
        """The end of the season's last day, in its own time zone."""
        return dt.datetime.combine(self.end_date + dt.timedelta(days=1), dt.time(0), self.zone)

    def today(self, now=None):
        return timezone.localdate(now or timezone.now(), self.zone)

    def has_ended(self, now=None):
        return self.today(now) > self.end_date

    def has_begun(self, now=None):
        return self.today(now) >= self.start_date

    def days_ahead(self, now=None):
        """The season's days from today on (all of them before it begins)."""
        today = self.today(now)
        return [day for day in self.days if day >= today]

    @property
    def days(self):
        """Every date of the season, first to last."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timezone.timedelta(days=offset) for offset in range(count)]

    @staticmethod
    def _window_is_open(opens, closes, now=None):
        now = now or timezone.now()
        return opens is not None and opens <= now and (closes is None or now < closes)

    def proposals_are_open(self, now=None):
        return self._window_is_open(self.proposals_open, self.proposals_close, now)

    def volunteering_is_open(self, now=None):
        return self._window_is_open(self.volunteers_open, self.volunteers_close, now)

    def is_running(self, now=None):
        """True on the days of the forum, in the season's own time zone."""
        today = timezone.localdate(now or timezone.now())
        return self.start_date <= today <= self.end_date


class Venue(models.Model):
    season = models.ForeignKey(
        Season, on_delete=models.CASCADE, related_name="venues", verbose_name=_("season")
    )
    name = models.CharField(_("name"), max_length=160)
    address = models.CharField(_("address"), max_length=255, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # When activities may take place there, in the season's time zone: the
    # scheduler warns about an activity outside these hours (it may be right:
    # an evening opening by arrangement), it does not refuse it.
    opens_at = models.TimeField(_("opens at"), default=dt.time(9, 0))
    closes_at = models.TimeField(_("closes at"), default=dt.time(21, 0))

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["season", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="venue_closes_after_it_opens",
                violation_error_message=_("A venue must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.name


class Space(models.Model):
    """A hall or an outdoor area inside a venue, where activities are held."""

    class Kind(models.TextChoices):
        INDOOR = "indoor", _("Indoor")
        OUTDOOR = "outdoor", _("Outdoor")

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="spaces", verbose_name=_("venue")
    )
    name = models.CharField(_("name"), max_length=160)
    capacity = models.PositiveIntegerField(_("capacity"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INDOOR)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["venue__order", "venue_id", "order", "id"]

    def __str__(self):
        return f"{self.name} — {self.venue.name}"


class OutgoingEmail(models.Model):
    """A durable outbox: every email is a row first, then a delivery attempt.

    The row is written in the same transaction as the submission that caused
    it, so a mail server that is down loses nothing; delivery is retried with
    backoff by the task queue, and `manage.py send_queued_email` sends what is
    still pending. A row is claimed ("sending") before the mail server is
    contacted and never sent unless pending (forum.mail).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up")
        # The sender stopped while sending it: it may have gone out (forum.mail).
        INTERRUPTED = "interrupted", _("Interrupted")

    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="ar")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_due")]

    def __str__(self):
        return self.subject
