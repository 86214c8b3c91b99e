"""The reviewers' workspace in the admin: the proposals of their masarat,
read-only and without contact data, each with the reviewer's own scores; the
organizations they declared a conflict with; and, for moderators, who reviews
which masarat and the message templates of decisions.

A proposal a reviewer may not review (another masar, a declared conflict,
withdrawn or suspected spam) is not found (404), by the list or by its URL.
"""

from django import forms
from django.contrib import admin, messages
from django.http import Http404
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from activities.services import preferred_days_display
from forum.admin_i18n import HideLinkRowsOnDeleteMixin
from forum.forms import CleanTextModelForm
from forum.templatetags.forum_tags import field_in_language, translated

from .admin_moderation import score_display
from .conflicts import conflicted_ids
from .models import DeclaredConflict, MessageTemplate, ProposalToReview, Review, Reviewer


def choice_labels(choices, values):
    labels = dict(choices)
    return _(", ").join(str(labels.get(value, value)) for value in values)


def withdraw_conflicted_reviews(user, normalized):
    """Delete user's reviews of the proposals of an organization they declared
    a conflict with; returns how many."""
    reviewed = Activity.objects.filter(reviews__reviewer=user)
    hidden = conflicted_ids(reviewed, [normalized])
    if not hidden:
        return 0
    deleted, _rows = Review.objects.filter(reviewer=user, activity__in=hidden).delete()
    return deleted


class ScoredByMeFilter(admin.SimpleListFilter):
    title = _("your review")
    parameter_name = "scored"

    def lookups(self, request, model_admin):
        return [("no", _("Not scored by you yet")), ("yes", _("Scored by you"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(my_score__isnull=False)
        if self.value() == "no":
            return queryset.filter(my_score__isnull=True)
        return queryset


class ReviewForm(CleanTextModelForm):
    class Meta:
        model = Review
        fields = ["relevance", "quality", "feasibility", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4, "dir": "auto"})}


class MyReviewInline(admin.StackedInline):
    """The reviewer's own review of the proposal: scores and a comment."""

    model = Review
    form = ReviewForm
    fk_name = "activity"
    extra = 1
    max_num = 1
    can_delete = False
    radio_fields = {
        "relevance": admin.HORIZONTAL,
        "quality": admin.HORIZONTAL,
        "feasibility": admin.HORIZONTAL,
    }
    verbose_name = _("your review")
    verbose_name_plural = _("Your review")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(reviewer=request.user)


class OtherReviewsInline(admin.TabularInline):
    """The other reviewers' scores: shown only once this reviewer has scored,
    so that nobody's score leans on another's."""

    model = Review
    form = CleanTextModelForm
    fk_name = "activity"
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["reviewer", "relevance", "quality", "feasibility", "score", "comment"]
    readonly_fields = fields
    verbose_name_plural = _("The other reviewers' scores")

    def get_queryset(self, request):
        return (
            super().get_queryset(request).exclude(reviewer=request.user).select_related("reviewer")
        )

    @admin.display(description=_("mean"))
    def score(self, review):
        return score_display(review.score)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# What a reviewer reads of a proposal: everything but the organizer's contact data.
PROPOSAL_FIELDSETS = [
    (
        _("The proposal"),
        {
            "fields": [
                ("reference_display", "status"),
                "masarat_display",
                ("format", "duration"),
                ("organization_type", "governorate"),
            ]
        },
    ),
    (
        _("Text in both languages"),
        {
            "fields": [
                ("title_ar", "title_en"),
                ("summary_ar", "summary_en"),
                ("description_ar", "description_en"),
                ("organization_ar", "organization_en"),
                ("co_organizers_ar", "co_organizers_en"),
            ],
            "classes": ["translations"],
        },
    ),
    (
        _("The activity"),
        {
            "fields": [
                "languages_display",
                "interpretation_needed",
                "expected_participants",
                "preferred_days_display",
                "preferred_time",
                "space_needs_display",
                "accessibility_notes",
                "other_notes",
            ]
        },
    ),
]


def flat_fields(fieldsets):
    for _name, options in fieldsets:
        for field in options["fields"]:
            yield from field if isinstance(field, tuple) else [field]


@admin.register(ProposalToReview)
class ProposalToReviewAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = [
        "reference_display",
        "title_display",
        "organization_display",
        "masarat_display",
        "format",
        "status",
        "my_score_display",
    ]
    list_display_links = ["reference_display", "title_display"]
    list_filter = [ScoredByMeFilter, "status", "format"]
    search_fields = ["title_ar", "title_en", "organization_ar", "organization_en"]
    search_help_text = _("Titles and organization, in either language.")
    ordering = ["-created_at"]
    list_per_page = 50
    actions = None
    fieldsets = PROPOSAL_FIELDSETS
    readonly_fields = list(flat_fields(PROPOSAL_FIELDSETS))
    inlines = [MyReviewInline, OtherReviewsInline]

    class Media:
        css = {"all": ["css/admin-activities.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .for_reviewer(request.user)
            .with_my_score(request.user)
            .select_related("season")
            .prefetch_related("masarat")
        )

    def changelist_view(self, request, extra_context=None):
        if (
            request.method == "GET"
            and not request.user.is_superuser
            and not Reviewer.objects.filter(user=request.user, masarat__isnull=False).exists()
        ):
            self.message_user(
                request,
                _(
                    "You review no path (masar) yet: the programme moderators assign "
                    "reviewers to paths. Until then, this list is empty."
                ),
                messages.INFO,
            )
        return super().changelist_view(request, extra_context)

    def get_object(self, request, object_id, from_field=None):
        # Not the admin's "perhaps it was deleted" redirect: a proposal hidden
        # from this reviewer is not found.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_inline_instances(self, request, obj=None):
        scored = obj is not None and (
            request.user.is_superuser
            or Review.objects.filter(activity=obj, reviewer=request.user).exists()
        )
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if scored or not isinstance(inline, OtherReviewsInline)
        ]

    def save_model(self, request, obj, form, change):
        # Every field of the proposal is read-only: only the review is saved.
        pass

    def save_formset(self, request, form, formset, change):
        for review in formset.save(commit=False):
            if not review.reviewer_id:
                review.reviewer = request.user
            review.save()

    # -- columns and read-only fields -------------------------------------

    @admin.display(description=_("Reference"), ordering="number")
    def reference_display(self, obj):
        return obj.reference

    @admin.display(description=_("Title"), ordering="title")
    def title_display(self, obj):
        return translated(obj, "title")

    @admin.display(description=_("Organization"), ordering="organization")
    def organization_display(self, obj):
        return translated(obj, "organization")

    @admin.display(description=_("Paths (masarat)"))
    def masarat_display(self, obj):
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 - a constant
            "{}",
            ((field_in_language(m, "name")[0],) for m in obj.masarat.all()),
        )

    @admin.display(description=_("Your score"), ordering="my_score")
    def my_score_display(self, obj):
        return score_display(obj.my_score)

    @admin.display(description=_("Languages of the activity"))
    def languages_display(self, obj):
        return choice_labels(Activity.Language.choices, obj.languages)

    @admin.display(description=_("Preferred days"))
    def preferred_days_display(self, obj):
        return _(", ").join(preferred_days_display(obj, get_language()))

    @admin.display(description=_("Space needed"))
    def space_needs_display(self, obj):
        return choice_labels(Activity.SpaceNeed.choices, obj.space_needs)


@admin.register(DeclaredConflict)
class DeclaredConflictAdmin(admin.ModelAdmin):
    """Each reviewer declares, and sees, their own; superusers see all."""

    form = CleanTextModelForm
    list_display = ["organization", "reviewer", "created_at"]
    fields = ["organization"]
    search_fields = ["organization"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("reviewer")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(reviewer=request.user)

    def get_list_display(self, request):
        if request.user.is_superuser:
            return self.list_display
        return ["organization", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.reviewer = request.user
        super().save_model(request, obj, form, change)
        # Scores given before the conflict was declared no longer count.
        withdrawn = withdraw_conflicted_reviews(obj.reviewer, obj.normalized)
        if withdrawn:
            self.message_user(
                request,
                ngettext(
                    "Your review of %(count)d proposal of this organization was withdrawn.",
                    "Your reviews of %(count)d proposals of this organization were withdrawn.",
                    withdrawn,
                )
                % {"count": withdrawn},
                messages.WARNING,
            )


class ReviewerForm(CleanTextModelForm):
    class Meta:
        model = Reviewer
        fields = ["user", "masarat"]
        widgets = {"masarat": forms.CheckboxSelectMultiple}


@admin.register(Reviewer)
class ReviewerAdmin(HideLinkRowsOnDeleteMixin, admin.ModelAdmin):
    """Which masarat each member of the "Reviewers" group reviews."""

    form = ReviewerForm
    list_display = ["__str__", "masarat_display"]
    list_filter = ["masarat"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").prefetch_related("masarat")

    @admin.display(description=_("Paths (masarat)"))
    def masarat_display(self, obj):
        return _(", ").join(field_in_language(m, "name")[0] for m in obj.masarat.all())


class MessageTemplateForm(CleanTextModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["name", "decision", "text_ar", "text_en"]
        widgets = {
            "text_ar": forms.Textarea(attrs={"rows": 6, "dir": "rtl", "lang": "ar"}),
            "text_en": forms.Textarea(attrs={"rows": 6, "dir": "ltr", "lang": "en"}),
        }


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    form = MessageTemplateForm
    list_display = ["name", "decision"]
    list_filter = ["decision"]
    search_fields = ["name", "text_ar", "text_en"]
