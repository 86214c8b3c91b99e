"""The coordinators' side, in the Django admin: the volunteer list with its
filters and actions, the assign-to-team page, suggested assignments, teams
with their fill, printable rosters, and exports to CSV and XLSX."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from import_export.forms import ExportForm
from modeltranslation.admin import TabbedTranslationAdmin

from forum.admin_export import ExportFormPostsToItself
from forum.admin_filters import SeasonDayFilter, SuspectedSpamFilter
from forum.forms import CleanTextModelForm
from forum.models import Season
from forum.phone import normalize_phone
from forum.spreadsheets import SpreadsheetCSV
from staff.access_log import Action, RecordsContactDataAccess, record_access

from . import services
from .admin_invitations import InviteToCurrentSeasonMixin
from .forms import AssignTeamForm, TeamAdminForm, VolunteerAdminForm
from .models import PartOfDay, Skill, SpokenLanguage, Team, TeamWish, Volunteer
from .resources import (
    EXPORT_FORMATS,
    RosterResource,
    RosterXLSX,
    VolunteerResource,
    readable_phone,
)

SUGGESTION_SALT = "volunteers.suggestion"


def day_ranges(days):
    """[22, 23, 24, 26] → '22–24 26': days of the month, runs of days as ranges."""
    runs = []
    for day in days:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return " ".join(
        str(first.day) if first == last else f"{first.day}–{last.day}" for first, last in runs
    )


# Filters ---------------------------------------------------------------------


class PersonalDataFilter(admin.SimpleListFilter):
    """Rows whose data was deleted stay for the counts, out of the way."""

    title = _("personal data")
    parameter_name = "data"

    def lookups(self, request, model_admin):
        return [("deleted", _("Deleted at the volunteer's request")), ("all", _("All"))]

    def queryset(self, request, queryset):
        if self.value() == "deleted":
            return queryset.filter(erased_at__isnull=False)
        if self.value() == "all":
            return queryset
        return queryset.filter(erased_at__isnull=True)

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Present"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class AvailableDayFilter(SeasonDayFilter):
    title = _("available on")
    parameter_name = "day"

    def filter_by_day(self, queryset, day):
        return queryset.available_on(day)


class SkillFilter(admin.SimpleListFilter):
    title = _("skill")
    parameter_name = "skill"

    def lookups(self, request, model_admin):
        return Skill.choices

    def queryset(self, request, queryset):
        return queryset.with_skill(self.value()) if self.value() in Skill.values else queryset


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return SpokenLanguage.choices

    def queryset(self, request, queryset):
        if self.value() in SpokenLanguage.values:
            return queryset.speaking(self.value())
        return queryset


# Volunteers ----------------------------------------------------------------------


class TeamWishInline(admin.TabularInline):
    model = TeamWish
    form = CleanTextModelForm
    extra = 0
    max_num = 3
    fields = ["rank", "team"]


@admin.register(Volunteer)
class VolunteerAdmin(
    InviteToCurrentSeasonMixin,
    RecordsContactDataAccess,
    ExportFormPostsToItself,
    ExportMixin,
    admin.ModelAdmin,
):
    form = VolunteerAdminForm
    # Seeing, exporting or changing these is recorded (staff.access_log).
    contact_fields = ("full_name", "email", "phone")
    resource_classes = [VolunteerResource]
    export_formats = EXPORT_FORMATS
    # Every column, no per-column checkboxes: their labels would be English.
    export_form_class = ExportForm
    change_list_template = "admin/volunteers/volunteer/change_list.html"
    list_display = [
        "__str__",
        "governorate",
        "age_group",
        "languages_list",
        "skills_list",
        "days_list",
        "wishes_list",
        "status",
        "team",
    ]
    list_filter = [
        "status",
        "team",
        "governorate",
        AvailableDayFilter,
        SkillFilter,
        LanguageFilter,
        "age_group",
        "season",
        PersonalDataFilter,
        SuspectedSpamFilter,
    ]
    search_fields = ["full_name", "email", "phone"]
    search_help_text = _("Name, email or phone (as typed: 0770…, +964…, ٠٧٧٠…)")
    list_select_related = ["team"]
    list_per_page = 100
    actions = [
        "confirm",
        "decline",
        "assign_to_team",
        "remove_from_team",
        "send_link",
        "erase",
        "release_spam",
        "invite_to_current_season",
    ]
    inlines = [TeamWishInline]
    readonly_fields = [
        "status",
        "suspected_spam",
        "team",
        "created_at",
        "updated_at",
        "assigned_at",
        "erased_at",
    ]
    fieldsets = [
        (None, {"fields": ["season", "status", "team", "suspected_spam"]}),
        (
            _("The person"),
            {
                "fields": [
                    "full_name",
                    "email",
                    "phone",
                    "governorate",
                    "age_group",
                    "guardian_consent",
                    "gender",
                    "language",
                ]
            },
        ),
        (
            _("Languages, skills and time"),
            {"fields": ["languages", "skills", "availability", "volunteered_before", "motivation"]},
        ),
        (
            _("Consent"),
            {"fields": ["consents_to_data_use", "consents_to_future_contact"]},
        ),
        (
            _("Coordinators"),
            {
                "fields": [
                    "internal_notes",
                    "created_at",
                    "updated_at",
                    "assigned_at",
                    "erased_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("wishes", queryset=TeamWish.objects.select_related("team")))
        )

    def get_search_results(self, request, queryset, search_term):
        """A phone typed as people type it (0770 123 4567, ٠٧٧٠…) finds the E.164 one."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            phone = normalize_phone(search_term)
        except Exception:  # noqa: BLE001 - not a phone number: the usual search only
            return results, may_have_duplicates
        return results | queryset.filter(phone=phone), may_have_duplicates

    @admin.display(description=_("languages"))
    def languages_list(self, volunteer):
        return volunteer.languages_text()

    @admin.display(description=_("skills"))
    def skills_list(self, volunteer):
        return volunteer.skills_text()

    @admin.display(description=_("days"))
    def days_list(self, volunteer):
        return format_html('<span dir="ltr">{}</span>', day_ranges(volunteer.available_days()))

    @admin.display(description=_("wishes"))
    def wishes_list(self, volunteer):
        return format_html_join(
            " ", "<span>{}.&nbsp;{}</span>", enumerate(volunteer.ranked_wishes(), start=1)
        )

    # Actions ---------------------------------------------------------------

    @admin.action(description=_("Confirm selected volunteers"), permissions=["change"])
    def confirm(self, request, queryset):
        count = services.confirm_volunteers(volunteers=list(queryset))
        self.message_user(
            request,
            ngettext("%(count)s volunteer confirmed.", "%(count)s volunteers confirmed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Decline selected volunteers"), permissions=["change"])
    def decline(self, request, queryset):
        count = services.decline_volunteers(volunteers=list(queryset))
        self.message_user(
            request,
            ngettext("%(count)s volunteer declined.", "%(count)s volunteers declined.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Assign selected volunteers to a team…"), permissions=["change"])
    def assign_to_team(self, request, queryset):
        seasons = set(queryset.values_list("season", flat=True))
        if len(seasons) != 1:
            self.message_user(
                request, gettext("Choose volunteers of one season at a time."), messages.ERROR
            )
            return None
        season = Season.objects.get(pk=seasons.pop())
        volunteers = list(queryset.select_related("team").order_by("full_name"))
        if "apply" in request.POST:
            form = AssignTeamForm(request.POST, season=season)
            if form.is_valid():
                team = form.cleaned_data["team"]
                try:
                    moved = services.assign_volunteers(volunteers=volunteers, team=team)
                except services.VolunteerActionRefused as refusal:
                    form.add_error("team", str(refusal))
                else:
                    for volunteer in moved:
                        self.log_change(
                            request, volunteer, gettext("Assigned to %(team)s") % {"team": team}
                        )
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)s volunteer assigned to %(team)s and emailed.",
                            "%(count)s volunteers assigned to %(team)s and emailed.",
                            len(moved),
                        )
                        % {"count": len(moved), "team": team},
                        messages.SUCCESS,
                    )
                    return None
        else:
            form = AssignTeamForm(season=season)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Assign volunteers to a team"),
            "opts": self.model._meta,
            "volunteers": volunteers,
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "action": "assign_to_team",
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(
            request, "admin/volunteers/volunteer/assign_team.html", context, status=200
        )

    @admin.action(
        description=_("Remove selected volunteers from their team"), permissions=["change"]
    )
    def remove_from_team(self, request, queryset):
        removed = services.unassign_volunteers(volunteers=list(queryset))
        for volunteer in removed:
            self.log_change(request, volunteer, gettext("Removed from their team"))
        self.message_user(
            request,
            ngettext(
                "%(count)s volunteer removed from their team and emailed.",
                "%(count)s volunteers removed from their team and emailed.",
                len(removed),
            )
            % {"count": len(removed)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Email their private link again"), permissions=["change"])
    def send_link(self, request, queryset):
        # The link is the volunteer's key: staff send it to the volunteer's own
        # address rather than read it out.
        sent = sum(
            services.send_private_link(volunteer=volunteer) for volunteer in queryset.active()
        )
        self.message_user(
            request,
            ngettext(
                "The private link was emailed to %(count)s volunteer.",
                "The private link was emailed to %(count)s volunteers.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Delete their personal data (keep anonymous counts)"),
        permissions=["change"],
    )
    def erase(self, request, queryset):
        # For a volunteer who asks by phone or email: the same as "Delete my
        # data" on their private page. Deleting the row would lose the counts.
        erased = [services.erase_volunteer(volunteer=volunteer) for volunteer in queryset.active()]
        self.message_user(
            request,
            ngettext(
                "The personal data of %(count)s volunteer was deleted.",
                "The personal data of %(count)s volunteers was deleted.",
                len(erased),
            )
            % {"count": len(erased)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Not spam: release, and send the emails held back"),
        permissions=["change"],
    )
    def release_spam(self, request, queryset):
        released, taken = services.release_volunteers(
            volunteers=list(queryset.filter(suspected_spam=True))
        )
        for volunteer in released:
            self.log_change(request, volunteer, gettext("Released from suspected spam"))
        self.message_user(
            request,
            ngettext(
                "%(count)s sign-up released from suspected spam; the volunteer and the "
                "coordinators are emailed.",
                "%(count)s sign-ups released from suspected spam; the volunteers and the "
                "coordinators are emailed.",
                len(released),
            )
            % {"count": len(released)},
            messages.SUCCESS,
        )
        if taken:
            self.message_user(
                request,
                gettext(
                    "Left as suspected spam, as their address has signed up this season "
                    "since: %(names)s."
                )
                % {"names": services.names_of(taken)},
                messages.WARNING,
            )

    def has_change_permission(self, request, obj=None):
        # Nothing is left to change once the person's data is deleted.
        if obj is not None and obj.is_erased:
            return False
        return super().has_change_permission(request, obj)

    # Suggested assignments -------------------------------------------------

    def get_urls(self):
        return [
            path(
                "suggest/",
                self.admin_site.admin_view(self.suggest_view),
                name="volunteers_volunteer_suggest",
            ),
            *super().get_urls(),
        ]

    def suggest_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        season = Season.objects.current()
        if season is None:
            self.message_user(request, gettext("There is no current season."), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:volunteers_volunteer_changelist"))
        outside = request.POST.get("outside", request.GET.get("outside")) == "1"
        if request.method == "POST" and "apply" in request.POST:
            try:
                pairs = signing.loads(request.POST.get("plan", ""), salt=SUGGESTION_SALT)
                pairs = [(int(v), int(t)) for v, t in pairs]
            except (signing.BadSignature, TypeError, ValueError):
                self.message_user(
                    request, gettext("This suggestion could not be read."), messages.ERROR
                )
            else:
                try:
                    count = services.apply_suggestion(season=season, pairs=pairs)
                except services.VolunteerActionRefused as refusal:
                    self.message_user(request, str(refusal), messages.WARNING)
                else:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)s volunteer assigned as suggested, and emailed.",
                            "%(count)s volunteers assigned as suggested, and emailed.",
                            count,
                        )
                        % {"count": count},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:volunteers_volunteer_changelist") + "?status__exact=assigned"
                    )
        suggestion = services.suggest_assignments(season=season, place_outside_wishes=outside)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Suggested assignments"),
            "opts": self.model._meta,
            "season": season,
            "suggestion": suggestion,
            "counts": suggestion.counts,
            "outside": outside,
            "plan": signing.dumps(suggestion.pairs, salt=SUGGESTION_SALT, compress=True),
            "days": season.days,
        }
        return TemplateResponse(request, "admin/volunteers/volunteer/suggest.html", context)


# Teams -------------------------------------------------------------------------


@admin.register(Team)
class TeamAdmin(TabbedTranslationAdmin):
    form = TeamAdminForm
    list_display = ["name", "season", "fill", "skills_needed", "is_open", "order", "roster_link"]
    list_filter = ["season", "is_open"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name_en"]}
    actions = ["export_rosters_csv", "export_rosters_xlsx"]
    fieldsets = [
        (None, {"fields": ["season", "name", "slug", "description", "order", "is_open"]}),
        (_("Places and skills"), {"fields": ["capacity", "required_skills"]}),
        (
            _("For the team's volunteers only"),
            {"fields": ["contact_name", "contact_phone", "contact_email", "briefing"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_fill()

    @admin.display(description=_("places taken"), ordering="assigned_count")
    def fill(self, team):
        text = gettext("%(taken)s of %(capacity)s") % {
            "taken": team.assigned_count,
            "capacity": team.capacity,
        }
        if team.assigned_count >= team.capacity:
            return format_html("<strong>{} · {}</strong>", text, gettext("full"))
        return text

    @admin.display(description=_("required skills"))
    def skills_needed(self, team):
        return team.required_skills_text()

    @admin.display(description=_("roster"))
    def roster_link(self, team):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:volunteers_team_roster", args=[team.pk]),
            gettext("Roster"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/roster/",
                self.admin_site.admin_view(self.roster_view),
                name="volunteers_team_roster",
            ),
            *super().get_urls(),
        ]

    def can_see_rosters(self, request):
        return request.user.has_perm("volunteers.view_volunteer") and self.has_view_permission(
            request
        )

    def roster_view(self, request, pk):
        if not self.can_see_rosters(request):
            raise PermissionDenied
        team = get_object_or_404(Team.objects.with_fill().select_related("season"), pk=pk)
        members = roster_members([team])
        file_format = request.GET.get("format")
        if file_format in {"csv", "xlsx"}:
            record_access(request, Action.EXPORT, members)
            return roster_download(members, file_format, slugify(team.slug) or "team")
        record_access(request, Action.VIEW, members)
        days = team.season.days
        parts = PartOfDay.choices
        letters = {
            PartOfDay.MORNING: pgettext("morning, in one letter", "M"),
            PartOfDay.AFTERNOON: pgettext("afternoon, in one letter", "A"),
            PartOfDay.EVENING: pgettext("evening, in one letter", "E"),
        }
        rows = []
        for member in members:
            slots = set(member.availability_slots())
            rows.append(
                (
                    member,
                    readable_phone(member.phone),
                    [
                        " ".join(letters[part] for part, _l in parts if (day, part) in slots)
                        for day in days
                    ],
                )
            )
        coverage = [
            (
                day,
                [
                    sum((day, part) in member.availability_slots() for member in members)
                    for part, _label in parts
                ],
            )
            for day in days
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Roster: %(team)s") % {"team": team},
            "opts": self.model._meta,
            "team": team,
            "rows": rows,
            "days": days,
            "legend": [(letters[value], label) for value, label in parts],
            "parts": [label for _value, label in parts],
            "coverage": coverage,
        }
        return TemplateResponse(request, "admin/volunteers/team/roster.html", context)

    @admin.action(description=_("Export the rosters of the selected teams (CSV)"))
    def export_rosters_csv(self, request, queryset):
        if not self.can_see_rosters(request):
            raise PermissionDenied
        members = roster_members(queryset)
        record_access(request, Action.EXPORT, members)
        return roster_download(members, "csv", "rosters")

    @admin.action(description=_("Export the rosters of the selected teams (Excel)"))
    def export_rosters_xlsx(self, request, queryset):
        if not self.can_see_rosters(request):
            raise PermissionDenied
        members = roster_members(queryset)
        record_access(request, Action.EXPORT, members)
        return roster_download(members, "xlsx", "rosters")


def roster_members(teams):
    return list(
        Volunteer.objects.filter(team__in=[team.pk for team in teams], status="assigned")
        .select_related("team")
        .order_by("team__order", "team_id", "full_name")
    )


def roster_download(members, file_format, name):
    dataset = RosterResource().export(queryset=members)
    if file_format == "csv":
        content = SpreadsheetCSV().export_data(dataset).encode()
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            RosterXLSX().export_data(dataset),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="roster-{name}.{file_format}"'
    return response
