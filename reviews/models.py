"""Review of proposals by several people: reviewers assigned to masarat, the
organizations they declared a conflict of interest with, their scores; and
the message texts moderators reuse when they decide."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, FloatField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityQuerySet, Masar

from .conflicts import conflicted_ids, normalize_name

GROUP = "Reviewers"


class Reviewer(models.Model):
    """A staff member of the "Reviewers" group and the masarat they review."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer",
        verbose_name=_("staff account"),
        limit_choices_to={"is_staff": True, "groups__name": GROUP},
    )
    masarat = models.ManyToManyField(
        Masar,
        related_name="reviewers",
        verbose_name=_("paths (masarat)"),
        blank=True,
        help_text=_("The reviewer sees and scores the proposals of these paths only."),
    )

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        ordering = ["user__username"]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class DeclaredConflict(models.Model):
    """An organization a reviewer belongs to or works with: its proposals are
    hidden from them."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="declared_conflicts",
        verbose_name=_("reviewer"),
    )
    organization = models.CharField(
        _("organization"),
        max_length=200,
        help_text=_(
            "The organization's name as proposals write it, in Arabic or English; one "
            "organization per entry. Its proposals are hidden from you."
        ),
    )
    normalized = models.CharField(max_length=200, editable=False)
    created_at = models.DateTimeField(_("declared at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        ordering = ["reviewer", "organization"]

    def __str__(self):
        return self.organization

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.organization)
        super().save(*args, **kwargs)


# The mean of one review's three criteria.
REVIEW_SCORE = Cast(F("relevance") + F("quality") + F("feasibility"), FloatField()) / 3.0

SCORES = [(n, str(n)) for n in range(1, 6)]


def score_field(label, help_text):
    return models.PositiveSmallIntegerField(
        label,
        choices=SCORES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=help_text,
    )


class Review(models.Model):
    """One reviewer's scores (1 to 5 on each criterion) and comment on a proposal."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("proposal")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("reviewer"),
    )
    relevance = score_field(
        _("relevance to the path (masar)"), _("1: unrelated · 5: at the heart of the path")
    )
    quality = score_field(_("quality"), _("1: weak · 5: excellent"))
    feasibility = score_field(
        _("feasibility"), _("1: hard to hold as described · 5: ready to hold")
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("reviewed at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "reviewer"], name="one_review_per_reviewer"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"review_{name}_1_to_5",
                )
                for name in ("relevance", "quality", "feasibility")
            ),
        ]

    def __str__(self):
        return _("Review by %(reviewer)s") % {"reviewer": self.reviewer}

    @property
    def score(self):
        return (self.relevance + self.quality + self.feasibility) / 3


class ProposalQuerySet(ActivityQuerySet):
    def for_reviewer(self, user):
        """The proposals `user` may review: those of their masarat, not
        withdrawn, not suspected spam, and none of an organization they declared
        a conflict with. A superuser sees every proposal."""
        queryset = self.filter(suspected_spam=False).exclude(status=Activity.Status.WITHDRAWN)
        if not user.is_superuser:
            queryset = queryset.filter(
                pk__in=Activity.masarat.through.objects.filter(masar__reviewers__user=user).values(
                    "activity_id"
                )
            )
        declared = DeclaredConflict.objects.filter(reviewer=user).values_list(
            "normalized", flat=True
        )
        hidden = conflicted_ids(queryset, declared)
        return queryset.exclude(pk__in=hidden) if hidden else queryset

    def with_my_score(self, user):
        return self.annotate(
            my_score=Subquery(
                Review.objects.filter(activity=OuterRef("pk"), reviewer=user)
                .annotate(score=REVIEW_SCORE)
                .values("score")[:1]
            )
        )


class ProposalToReview(Activity):
    """A proposal as reviewers see it: read-only, without contact data."""

    objects = ProposalQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("proposal to review")
        verbose_name_plural = _("proposals to review")


class MessageTemplate(models.Model):
    """A message moderators reuse when they decide, in both languages."""

    DECISIONS = [
        (Activity.Status.ACCEPTED, Activity.Status.ACCEPTED.label),
        (Activity.Status.CHANGES_REQUESTED, Activity.Status.CHANGES_REQUESTED.label),
        (Activity.Status.DECLINED, Activity.Status.DECLINED.label),
        (Activity.Status.UNDER_REVIEW, Activity.Status.UNDER_REVIEW.label),
    ]

    name = models.CharField(_("name"), max_length=120)
    decision = models.CharField(
        _("for the decision"),
        max_length=20,
        choices=DECISIONS,
        blank=True,
        help_text=_("Offered on this decision's page; empty: on every decision's page."),
    )
    text_ar = models.TextField(_("text in Arabic"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)

    class Meta:
        verbose_name = _("decision message template")
        verbose_name_plural = _("decision message templates")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name
