"""What the moderation list (activities.admin.ActivityAdmin) shows of the
reviews: the number of reviews and the mean score of each proposal, sortable
and filterable, computed by the list's own query (two subqueries, no query per
row), and the reviews themselves on a proposal's page, read-only."""

from django.contrib import admin
from django.db.models import Avg, Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from forum.forms import CleanTextModelForm

from .models import REVIEW_SCORE, Review


def with_review_summary(queryset):
    """Each proposal with `review_count` and `review_mean` (None until reviewed)."""
    reviews = Review.objects.filter(activity=OuterRef("pk")).order_by().values("activity")
    return queryset.annotate(
        review_count=Coalesce(
            Subquery(reviews.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            Value(0),
        ),
        review_mean=Subquery(reviews.annotate(mean=Avg(REVIEW_SCORE)).values("mean")),
    )


def score_display(value):
    return "—" if value is None else formats.number_format(value, 1)


class ReviewCountFilter(admin.SimpleListFilter):
    title = _("number of reviews")
    parameter_name = "reviews"

    def lookups(self, request, model_admin):
        return [
            ("none", _("Not reviewed yet")),
            ("fewer_than_2", _("Fewer than 2 reviews")),
            ("2_or_more", _("2 reviews or more")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(review_count=0)
        if self.value() == "fewer_than_2":
            return queryset.filter(review_count__lt=2)
        if self.value() == "2_or_more":
            return queryset.filter(review_count__gte=2)
        return queryset


class MeanScoreFilter(admin.SimpleListFilter):
    title = _("mean score")
    parameter_name = "mean"

    def lookups(self, request, model_admin):
        return [
            ("4", _("Mean ≥ 4")),
            ("3", _("Mean ≥ 3")),
            ("below_3", _("Mean below 3")),
        ]

    def queryset(self, request, queryset):
        if self.value() in {"4", "3"}:
            return queryset.filter(review_mean__gte=int(self.value()))
        if self.value() == "below_3":
            return queryset.filter(review_mean__lt=3)
        return queryset


class ReviewInline(admin.TabularInline):
    """Every review of the proposal, for moderators: read-only."""

    model = Review
    form = CleanTextModelForm
    fk_name = "activity"
    extra = 0
    can_delete = False
    fields = ["reviewer", "relevance", "quality", "feasibility", "score", "comment", "updated_at"]
    readonly_fields = fields
    verbose_name_plural = _("Reviews")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reviewer")

    @admin.display(description=_("mean"))
    def score(self, review):
        return score_display(review.score)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReviewSummaryMixin:
    """For ActivityAdmin: its list's review columns and filters."""

    review_list_filter = [ReviewCountFilter, MeanScoreFilter]

    def get_queryset(self, request):
        return with_review_summary(super().get_queryset(request))

    @admin.display(description=_("Reviews"), ordering="review_count")
    def review_count_display(self, obj):
        return obj.review_count

    # Unreviewed proposals sort as 0: last when the best come first.
    @admin.display(description=_("Mean score"), ordering=Coalesce("review_mean", Value(0.0)))
    def review_mean_display(self, obj):
        return score_display(obj.review_mean)
