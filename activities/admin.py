import re
import zoneinfo

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ExportActionMixin
from import_export.forms import ExportForm
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin

from forum.admin_export import ExportFormPostsToItself
from forum.admin_filters import SeasonDayFilter, SuspectedSpamFilter
from forum.admin_i18n import HideLinkRowsOnDeleteMixin
from forum.forms import CleanTextModelForm
from forum.numbers import parse_id
from forum.phone import DIGITS
from forum.spreadsheets import SpreadsheetCSV, SpreadsheetXLSX
from forum.templatetags.forum_tags import field_in_language, translated
from reviews.admin_moderation import (
    MeanScoreFilter,
    ReviewCountFilter,
    ReviewInline,
    ReviewSummaryMixin,
)
from staff.access_log import RecordsContactDataAccess

from . import services
from .convergence import admin as convergence_admin
from .decisions import DecisionForm, template_from, templates_for
from .forms import ActivityAdminForm
from .models import Activity, ActivityStatusChange, Masar
from .scheduler.admin import SchedulerAdminMixin


@admin.register(Masar)
class MasarAdmin(HideLinkRowsOnDeleteMixin, TabbedTranslationAdmin):
    form = CleanTextModelForm
    list_display = ["name", "season", "slug_display", "colour", "order"]
    list_filter = ["season"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name_en"]}

    @admin.display(description=_("slug"), ordering="slug")
    def slug_display(self, obj):
        # A part of the address, not English text: left to right, never translated.
        return format_html('<code dir="ltr" translate="no">{}</code>', obj.slug)


# ---------------------------------------------------------------------------
# Export: CSV and XLSX that open in a spreadsheet with Arabic intact


class ProposalsXLSX(SpreadsheetXLSX):
    sheet_title = _("Proposals")


def choice_labels(choices, values):
    labels = dict(choices)
    return _(", ").join(str(labels.get(value, value)) for value in values)


def local_time(value, activity):
    if value is None:
        return ""
    zone = zoneinfo.ZoneInfo(activity.season.time_zone)
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")


class ActivityResource(resources.ModelResource):
    """One row per proposal; headers in the admin's language."""

    reference = fields.Field(column_name=_("Reference"))
    status = fields.Field(column_name=_("Status"))
    submitted_at = fields.Field(column_name=_("Submitted at"))
    title_ar = fields.Field(attribute="title_ar", column_name=_("Title (Arabic)"))
    title_en = fields.Field(attribute="title_en", column_name=_("Title (English)"))
    summary_ar = fields.Field(attribute="summary_ar", column_name=_("Summary (Arabic)"))
    summary_en = fields.Field(attribute="summary_en", column_name=_("Summary (English)"))
    description_ar = fields.Field(attribute="description_ar", column_name=_("Description (Arabic)"))
    description_en = fields.Field(
        attribute="description_en", column_name=_("Description (English)")
    )
    organization_ar = fields.Field(
        attribute="organization_ar", column_name=_("Organization (Arabic)")
    )
    organization_en = fields.Field(
        attribute="organization_en", column_name=_("Organization (English)")
    )
    organization_type = fields.Field(column_name=_("Type of organization"))
    governorate = fields.Field(column_name=_("Governorate"))
    contact_name = fields.Field(attribute="contact_name", column_name=_("Contact person"))
    email = fields.Field(attribute="email", column_name=_("Email"))
    phone = fields.Field(attribute="phone", column_name=_("Phone"))
    website = fields.Field(attribute="website", column_name=_("Website or social link"))
    co_organizers = fields.Field(column_name=_("Co-organizers"))
    format = fields.Field(column_name=_("Format"))
    masarat = fields.Field(column_name=_("Paths (masarat)"))
    languages = fields.Field(column_name=_("Languages of the activity"))
    interpretation_needed = fields.Field(column_name=_("Interpretation needed"))
    expected_participants = fields.Field(
        attribute="expected_participants", column_name=_("Expected participants")
    )
    duration = fields.Field(column_name=_("Duration"))
    preferred_days = fields.Field(column_name=_("Preferred days"))
    preferred_time = fields.Field(column_name=_("Preferred time of day"))
    space_needs = fields.Field(column_name=_("Space needed"))
    accessibility_notes = fields.Field(
        attribute="accessibility_notes", column_name=_("Accessibility")
    )
    other_notes = fields.Field(attribute="other_notes", column_name=_("Anything else"))
    submitted_language = fields.Field(column_name=_("Written in"))
    space = fields.Field(column_name=_("Space"))
    starts_at = fields.Field(column_name=_("Starts at"))
    ends_at = fields.Field(column_name=_("Ends at"))
    translation = fields.Field(column_name=_("Missing translation"))

    class Meta:
        model = Activity
        fields = (
            "reference",
            "status",
            "submitted_at",
            "title_ar",
            "title_en",
            "summary_ar",
            "summary_en",
            "description_ar",
            "description_en",
            "organization_ar",
            "organization_en",
            "organization_type",
            "governorate",
            "contact_name",
            "email",
            "phone",
            "website",
            "co_organizers",
            *Activity.DETAIL_FIELDS,
            "submitted_language",
            "space",
            "starts_at",
            "ends_at",
            "translation",
        )
        export_order = fields

    def dehydrate_reference(self, activity):
        return activity.reference

    def dehydrate_status(self, activity):
        return str(activity.get_status_display())

    def dehydrate_submitted_at(self, activity):
        return local_time(activity.created_at, activity)

    def dehydrate_organization_type(self, activity):
        return str(activity.get_organization_type_display())

    def dehydrate_governorate(self, activity):
        return str(activity.get_governorate_display())

    def dehydrate_co_organizers(self, activity):
        return field_in_language(activity, "co_organizers")[0]

    def dehydrate_format(self, activity):
        return str(activity.get_format_display())

    def dehydrate_masarat(self, activity):
        return _(", ").join(field_in_language(m, "name")[0] for m in activity.masarat.all())

    def dehydrate_languages(self, activity):
        return choice_labels(Activity.Language.choices, activity.languages)

    def dehydrate_interpretation_needed(self, activity):
        return str(_("Yes") if activity.interpretation_needed else _("No"))

    def dehydrate_duration(self, activity):
        return str(activity.get_duration_display())

    def dehydrate_preferred_days(self, activity):
        return _(", ").join(services.preferred_days_display(activity, get_language()))

    def dehydrate_preferred_time(self, activity):
        return str(activity.get_preferred_time_display())

    def dehydrate_space_needs(self, activity):
        return choice_labels(Activity.SpaceNeed.choices, activity.space_needs)

    def dehydrate_submitted_language(self, activity):
        return str(activity.get_submitted_language_display())

    def dehydrate_space(self, activity):
        return str(activity.space) if activity.space_id else ""

    def dehydrate_starts_at(self, activity):
        return local_time(activity.starts_at, activity)

    def dehydrate_ends_at(self, activity):
        return local_time(activity.ends_at, activity)

    def dehydrate_translation(self, activity):
        names = dict(Activity._meta.get_field("submitted_language").choices)
        return _(", ").join(str(names[code]) for code in activity.missing_languages())


# ---------------------------------------------------------------------------
# Filters


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("missing_en", _("English missing")),
            ("missing_ar", _("Arabic missing")),
            ("complete", _("Complete in both languages")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "missing_en":
            return queryset.missing_translation("en")
        if self.value() == "missing_ar":
            return queryset.missing_translation("ar")
        if self.value() == "complete":
            missing = Activity.objects.missing_translation("ar") | (
                Activity.objects.missing_translation("en")
            )
            return queryset.exclude(pk__in=missing.values("pk"))
        return queryset


class PreferredDayFilter(SeasonDayFilter):
    title = _("preferred day")
    parameter_name = "preferred_day"

    def filter_by_day(self, queryset, day):
        return queryset.preferring_day(day)


class ActivityLanguageFilter(admin.SimpleListFilter):
    title = _("language of the activity")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return Activity.Language.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.in_language(self.value())
        return queryset


class ScheduledFilter(admin.SimpleListFilter):
    title = _("schedule")
    parameter_name = "scheduled"

    def lookups(self, request, model_admin):
        return [("yes", _("Scheduled")), ("no", _("Not scheduled yet"))]

    def queryset(self, request, queryset):
        scheduled = Q(space__isnull=False, starts_at__isnull=False, ends_at__isnull=False)
        if self.value() == "yes":
            return queryset.filter(scheduled)
        if self.value() == "no":
            return queryset.exclude(scheduled)
        return queryset


class StatusChangeInline(admin.TabularInline):
    model = ActivityStatusChange
    form = CleanTextModelForm
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "by", "message"]
    readonly_fields = fields
    verbose_name_plural = _("History")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# ---------------------------------------------------------------------------
# Moderation


REFERENCE = re.compile(r"ISF(\d+)-(\d+)", re.IGNORECASE)

DECISION_TEXTS = {
    Activity.Status.UNDER_REVIEW: {
        "action": _("Mark as under review"),
        "title": _("Mark proposals as under review"),
        "button": _("Mark as under review"),
    },
    Activity.Status.ACCEPTED: {
        "action": _("Accept"),
        "title": _("Accept proposals"),
        "button": _("Accept and email the organizers"),
    },
    Activity.Status.CHANGES_REQUESTED: {
        "action": _("Request changes"),
        "title": _("Request changes to proposals"),
        "button": _("Request changes and email the organizers"),
    },
    Activity.Status.DECLINED: {
        "action": _("Decline"),
        "title": _("Decline proposals"),
        "button": _("Decline and email the organizers"),
    },
}


@admin.register(Activity)
class ActivityAdmin(
    HideLinkRowsOnDeleteMixin,
    SchedulerAdminMixin,
    ReviewSummaryMixin,
    RecordsContactDataAccess,
    ExportFormPostsToItself,
    ExportActionMixin,
    TranslationAdmin,
):
    form = ActivityAdminForm
    # Extends import-export's list template (its export button), adding the scheduler's link.
    import_export_change_list_template = "admin/activities/activity/change_list.html"
    # Seeing, exporting or changing these is recorded (staff.access_log).
    contact_fields = ("contact_name", "email", "phone")
    change_form_template = "admin/activities/activity/change_form.html"
    show_change_form_export = False
    resource_classes = [ActivityResource]
    export_formats = [SpreadsheetCSV, ProposalsXLSX]
    # The plain form (a format to choose): the selectable-fields one labels its
    # checkboxes with English field names, on the Arabic admin too.
    export_form_class = ExportForm

    list_display = [
        "reference_display",
        "title_display",
        "organization_display",
        "masarat_display",
        "format",
        "status",
        "submitted_display",
        "translated_display",
        "slot_display",
        "review_count_display",
        "review_mean_display",
    ]
    list_display_links = ["reference_display", "title_display"]
    list_filter = [
        "status",
        SuspectedSpamFilter,
        ("masarat", admin.RelatedOnlyFieldListFilter),
        "format",
        "governorate",
        PreferredDayFilter,
        ActivityLanguageFilter,
        MissingTranslationFilter,
        ScheduledFilter,
        ReviewCountFilter,
        MeanScoreFilter,
        convergence_admin.HasSimilarFilter,
        "season",
    ]
    search_fields = [
        "title_ar",
        "title_en",
        "organization_ar",
        "organization_en",
        "email",
        "contact_name",
    ]
    search_help_text = _(
        "Titles in both languages, organization, contact email or name, or a reference "
        "such as ISF5-0042."
    )
    ordering = ["-created_at"]
    list_per_page = 50
    inlines = [StatusChangeInline, ReviewInline]
    readonly_fields = [
        "reference_display",
        "status",
        "suspected_spam",
        "moderator_message",
        "created_at",
        "updated_at",
        "submitted_language",
        "accepts_principles",
        "accepts_publication",
        "organizer_page",
        "similar_proposals",
        "merged_into_display",
        "open_to_convergence",
    ]
    similar_proposals = convergence_admin.similar_proposals
    merged_into_display = convergence_admin.merged_into_display
    fieldsets = [
        (
            _("Moderation"),
            {
                "fields": [
                    ("reference_display", "status", "suspected_spam"),
                    "moderator_message",
                    "internal_notes",
                    ("created_at", "updated_at"),
                ],
                "description": _(
                    "Decide with the buttons at the top or the actions of the list: the "
                    "organizer gets an email. Internal notes are for staff only."
                ),
            },
        ),
        (
            _("Similar proposals"),
            {
                "fields": ["similar_proposals", "merged_into_display", "open_to_convergence"],
                "description": _(
                    "Proposals of this season in the same path (masar) whose titles and "
                    "summaries are close: organizations may join forces."
                ),
            },
        ),
        (
            _("Text in both languages"),
            {
                "fields": [
                    "submitted_language",
                    ("title_ar", "title_en"),
                    ("summary_ar", "summary_en"),
                    ("description_ar", "description_en"),
                    ("organization_ar", "organization_en"),
                    ("co_organizers_ar", "co_organizers_en"),
                ],
                "description": _(
                    "The organizer wrote in one language; write the translation beside it. "
                    "Both appear in the public programme."
                ),
                "classes": ["translations"],
            },
        ),
        (
            _("Schedule"),
            {
                "fields": ["space", ("starts_at", "ends_at")],
                "description": _(
                    "For accepted activities: a space and a start and end within the season, "
                    "in Baghdad time. A space holds one accepted activity at a time."
                ),
            },
        ),
        (
            _("The activity"),
            {
                "fields": [
                    *Activity.DETAIL_FIELDS,
                ]
            },
        ),
        (
            _("Organizer (never public)"),
            {
                "fields": [
                    "organization_type",
                    "governorate",
                    "contact_name",
                    "email",
                    "phone",
                    "website",
                    "contact_language",
                    ("accepts_principles", "accepts_publication"),
                    "organizer_page",
                ]
            },
        ),
    ]
    actions = [
        "mark_under_review",
        "accept_selected",
        "request_changes_selected",
        "decline_selected",
        "email_private_link",
        "release_spam",
    ]

    class Media:
        css = {"all": ["css/admin-activities.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("season", "space__venue")
            .prefetch_related("masarat")
        )

    def has_add_permission(self, request):
        # Proposals come in through the public form: that gives them a
        # reference, a private link and a confirmation email.
        return False

    # -- columns ----------------------------------------------------------

    @admin.display(description=_("Reference"), ordering="number")
    def reference_display(self, obj):
        return format_html('<span class="nowrap">{}</span>', obj.reference)

    @admin.display(description=_("Title"), ordering="title")
    def title_display(self, obj):
        # Marked with its own lang/dir when it is the other language's text.
        return translated(obj, "title")

    @admin.display(description=_("Organization"), ordering="organization")
    def organization_display(self, obj):
        return translated(obj, "organization")

    @admin.display(description=_("Paths (masarat)"))
    def masarat_display(self, obj):
        # Masar names are long: the first words, the whole name on hover.
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 - a constant
            '<span title="{}">{}</span>',
            (
                (name, Truncator(name).words(4))
                for name in (field_in_language(m, "name")[0] for m in obj.masarat.all())
            ),
        )

    @admin.display(description=_("Submitted"), ordering="created_at")
    def submitted_display(self, obj):
        local = timezone.localtime(obj.created_at)
        return format_html(
            '<time class="nowrap" datetime="{}" title="{}">{}</time>',
            local.isoformat(timespec="seconds"),
            formats.date_format(local, "DATETIME_FORMAT"),
            formats.date_format(local, "j M"),
        )

    @admin.display(description=_("Translated"), boolean=True)
    def translated_display(self, obj):
        return obj.translation_complete

    @admin.display(description=_("Slot"), ordering="starts_at")
    def slot_display(self, obj):
        if not obj.is_scheduled:
            return "—"
        start = services.local(obj.starts_at, obj.season)
        return format_html(
            '<span class="nowrap">{} {}</span><br>{}',
            formats.date_format(start, "D j M"),
            formats.time_format(start, "H:i"),
            field_in_language(obj.space, "name")[0],
        )

    @admin.display(description=_("Organizer's private page"))
    def organizer_page(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_private_url(),
            _("Open the page the organizer sees"),
        )

    # -- search: titles, organization, email, and references ---------------

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.translate(DIGITS).strip()
        if not term:
            return results, may_have_duplicates
        extra = Q(pk__in=queryset.search(term).values("pk"))
        match = REFERENCE.fullmatch(term)
        if match:
            season_number, number = parse_id(match[1]), parse_id(match[2])
            if season_number and number:
                extra |= Q(season__number=season_number, number=number)
        elif number := parse_id(term):
            extra |= Q(number=number)
        return results | queryset.filter(extra), may_have_duplicates

    # -- decisions ------------------------------------------------------

    @admin.action(description=_("Mark as under review"), permissions=["change"])
    def mark_under_review(self, request, queryset):
        return self.decision_response(request, queryset, Activity.Status.UNDER_REVIEW)

    @admin.action(description=_("Accept (emails the organizers)"), permissions=["change"])
    def accept_selected(self, request, queryset):
        return self.decision_response(request, queryset, Activity.Status.ACCEPTED)

    @admin.action(description=_("Request changes (emails the organizers)"), permissions=["change"])
    def request_changes_selected(self, request, queryset):
        return self.decision_response(request, queryset, Activity.Status.CHANGES_REQUESTED)

    @admin.action(description=_("Decline (emails the organizers)"), permissions=["change"])
    def decline_selected(self, request, queryset):
        return self.decision_response(request, queryset, Activity.Status.DECLINED)

    @admin.action(
        description=_("Email the private link to the organizers again"),
        permissions=["change"],
    )
    def email_private_link(self, request, queryset):
        count = 0
        for activity in queryset:
            services.resend_private_link(activity)
            count += 1
        self.message_user(
            request,
            ngettext(
                "The private link was emailed again to %(count)d organizer.",
                "The private link was emailed again to %(count)d organizers.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Not spam: release, and send the emails held back"),
        permissions=["change"],
    )
    def release_spam(self, request, queryset):
        released = services.release_proposals(
            queryset.filter(suspected_spam=True).order_by("number")
        )
        for activity in released:
            self.log_change(request, activity, _("Released from suspected spam"))
        self.message_user(
            request,
            ngettext(
                "%(count)d proposal released from suspected spam; its organizer and the "
                "moderators are emailed.",
                "%(count)d proposals released from suspected spam; their organizers and the "
                "moderators are emailed.",
                len(released),
            )
            % {"count": len(released)},
            messages.SUCCESS,
        )

    def decision_response(self, request, queryset, status, single=False):
        """The intermediate page of a decision: who it applies to, in which
        language each organizer will read it, and an optional message in each
        language. On confirmation, each proposal is decided in its own
        transaction and each organizer gets the message in their language."""
        queryset = queryset.select_related("season").order_by("number")
        activities = list(queryset)
        eligible = [a for a in activities if a.can_move_to(status)]
        counts = {}
        for activity in eligible:
            counts[activity.contact_language] = counts.get(activity.contact_language, 0) + 1
        # "Use this template" (the page without JavaScript): the page again,
        # its boxes filled with the template's texts.
        template = template_from(request.POST, status) if "use_template" in request.POST else None
        confirmed = request.POST.get("confirm") and "use_template" not in request.POST
        form = DecisionForm(
            request.POST if confirmed else None,
            status=status,
            languages=counts,
            initial=(
                {
                    "template": template.pk,
                    "message_ar": template.text_ar,
                    "message_en": template.text_en,
                }
                if template
                else {}
            ),
        )
        if form.is_bound and form.is_valid():
            self.apply_decision(request, queryset, status, form.messages())
            return None
        languages = {}
        for activity in eligible:
            label = activity.get_contact_language_display()
            languages[label] = languages.get(label, 0) + 1
        texts = DECISION_TEXTS[status]
        context = {
            **self.admin_site.each_context(request),
            "title": texts["title"],
            "submit_label": texts["button"],
            "status": status,
            "status_label": Activity.Status(status).label,
            "activities": activities,
            "eligible_ids": {a.pk for a in eligible},
            "email_languages": sorted(languages.items()),
            "sends_email": status in services.DECISIONS,
            "form": form,
            "message_templates": {
                str(t.pk): {"ar": t.text_ar, "en": t.text_en} for t in templates_for(status)
            },
            "opts": self.model._meta,
            "action": None if single else request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": (
                reverse("admin:activities_activity_change", args=[activities[0].pk])
                if single
                else reverse("admin:activities_activity_changelist")
            ),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/activities/activity/decision.html", context)

    def apply_decision(self, request, queryset, status, messages_by_language):
        done, skipped = [], []
        for activity in queryset:
            try:
                services.change_status(
                    activity,
                    to=status,
                    by=request.user,
                    message=messages_by_language.get(activity.contact_language, ""),
                )
            except services.NotAllowed as error:
                skipped.append(f"{activity.reference} ({error.activity.get_status_display()})")
            except services.SlotTaken as error:
                clash = error.clash
                self.message_user(
                    request,
                    _(
                        "%(reference)s was not accepted: its slot is now taken by %(other)s. "
                        "Clear or change its slot, then accept it."
                    )
                    % {
                        "reference": activity.reference,
                        "other": clash.reference if clash else _("another activity"),
                    },
                    messages.ERROR,
                )
            else:
                done.append(activity)
        if done:
            self.message_user(request, self.done_message(status, len(done)), messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                _("Left as they were: %(list)s.") % {"list": _(", ").join(skipped)},
                messages.WARNING,
            )

    @staticmethod
    def done_message(status, count):
        values = {"count": count}
        if status == Activity.Status.ACCEPTED:
            return (
                ngettext(
                    "%(count)d proposal accepted; its organizer is notified by email.",
                    "%(count)d proposals accepted; their organizers are notified by email.",
                    count,
                )
                % values
            )
        if status == Activity.Status.CHANGES_REQUESTED:
            return (
                ngettext(
                    "Changes requested to %(count)d proposal; its organizer is notified by email.",
                    "Changes requested to %(count)d proposals; their organizers are notified by "
                    "email.",
                    count,
                )
                % values
            )
        if status == Activity.Status.DECLINED:
            return (
                ngettext(
                    "%(count)d proposal declined; its organizer is notified by email.",
                    "%(count)d proposals declined; their organizers are notified by email.",
                    count,
                )
                % values
            )
        return (
            ngettext(
                "%(count)d proposal marked as under review.",
                "%(count)d proposals marked as under review.",
                count,
            )
            % values
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/decide/<str:status>/",
                self.admin_site.admin_view(self.decide_view),
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id, status):
        """One decision from the change page, through the same intermediate page."""
        if status not in DECISION_TEXTS:
            raise Http404
        activity = self.get_object(request, unquote(object_id))
        if activity is None:
            raise Http404
        if not self.has_change_permission(request, activity):
            raise PermissionDenied
        queryset = self.get_queryset(request).filter(pk=activity.pk)
        response = self.decision_response(request, queryset, status, single=True)
        if response is None:
            return HttpResponseRedirect(
                reverse("admin:activities_activity_change", args=[activity.pk])
            )
        return response

    # -- the change page ------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        activity = self.get_object(request, unquote(object_id)) if object_id else None
        zone = timezone.get_current_timezone()
        if activity is not None:
            zone = zoneinfo.ZoneInfo(activity.season.time_zone)
            extra_context["decision_links"] = [
                {
                    "label": texts["action"],
                    "url": reverse("admin:activities_activity_decide", args=[activity.pk, status]),
                }
                for status, texts in DECISION_TEXTS.items()
                if activity.can_move_to(status)
            ]
        try:
            # Times typed in the admin are the season's local times.
            with timezone.override(zone):
                return super().changeform_view(request, object_id, form_url, extra_context)
        except services.SlotTaken:
            # The database refused a double booking the form's check did not
            # see (two moderators at once); nothing was saved.
            self.message_user(
                request,
                _(
                    "Not saved: another accepted activity took this space at this time a "
                    "moment ago. Choose another slot."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        slot_changed = bool({"space", "starts_at", "ends_at"} & set(form.changed_data))
        services.save_slot(obj)
        if slot_changed:
            services.notify_scheduled(obj)
            for warning in services.slot_warnings(
                obj, space=obj.space, starts_at=obj.starts_at, ends_at=obj.ends_at
            ):
                self.message_user(request, warning, messages.WARNING)

    def get_export_filename(self, request, queryset, file_format):
        today = timezone.localdate().isoformat()
        return f"proposals-{today}.{file_format.get_extension()}"
