"""Moderating outcomes: a report is published, or sent back to its organizer
with a message (buttons on its page, or actions on the list); the history
keeps each decision. Organizations that joined an initiative are shown on its
page once a moderator approves them; their email is for moderators only."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from forum.forms import CleanTextModelForm
from staff.access_log import RecordsContactDataAccess

from . import services
from .models import Initiative, InitiativeMember, Outcome, OutcomeStatusChange, Recommendation


class RecommendationInline(TranslationStackedInline):
    model = Recommendation
    form = CleanTextModelForm
    extra = 0
    fields = ["text", "masar", "addressee"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "masar":
            kwargs["queryset"] = db_field.related_model.objects.select_related("season")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class InitiativeInline(TranslationStackedInline):
    model = Initiative
    form = CleanTextModelForm
    extra = 0
    fields = ["title", "description", "call_to_join", "starts_on", "ends_on"]


class HistoryInline(admin.TabularInline):
    model = OutcomeStatusChange
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


@admin.register(Outcome)
class OutcomeAdmin(TranslationAdmin):
    form = CleanTextModelForm
    change_form_template = "admin/outcomes/outcome/change_form.html"
    list_display = ["activity", "status", "participants", "created_at"]
    list_filter = ["status", "activity__season"]
    list_select_related = ["activity__season"]
    search_fields = ["activity__title_ar", "activity__title_en", "activity__organization_ar"]
    fields = [
        "activity",
        "status",
        "submitted_language",
        "account",
        "participants",
        "women",
        "young",
        "moderator_message",
    ]
    readonly_fields = ["activity", "status", "submitted_language"]
    inlines = [RecommendationInline, InitiativeInline, HistoryInline]
    actions = ["publish_selected"]

    def has_add_permission(self, request):
        return False  # reports come from the organizer's private page

    @admin.action(description=_("Publish the selected reports"), permissions=["change"])
    def publish_selected(self, request, queryset):
        done = 0
        for outcome in queryset:
            try:
                services.publish(outcome, by=request.user)
            except services.NotAllowed:
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d report published.", "%(count)d reports published.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    def response_change(self, request, obj):
        """The two decision buttons of the page, after its edits are saved."""
        if "_publish" in request.POST or "_send_back" in request.POST:
            message = obj.moderator_message
            try:
                if "_publish" in request.POST:
                    services.publish(obj, by=request.user, message=message)
                    self.message_user(request, _("Published; the organizer is told by email."))
                elif not message.strip():
                    self.message_user(
                        request,
                        _("Write a message to the organizer to say what to change."),
                        messages.ERROR,
                    )
                    return HttpResponseRedirect(request.path)
                else:
                    services.send_back(obj, by=request.user, message=message)
                    self.message_user(request, _("Sent back; the organizer is told by email."))
            except services.NotAllowed:
                self.message_user(request, _("The report already has this status."), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


@admin.register(InitiativeMember)
class InitiativeMemberAdmin(RecordsContactDataAccess, admin.ModelAdmin):
    form = CleanTextModelForm
    contact_fields = ("email",)
    list_display = ["organization", "initiative", "organization_type", "governorate", "status"]
    list_filter = ["status", "suspected_spam", "organization_type"]
    list_select_related = ["initiative"]
    search_fields = ["organization"]
    fields = [
        "initiative",
        "organization",
        "organization_type",
        "governorate",
        "email",
        "contact_language",
        "status",
        "suspected_spam",
        "joined_at",
    ]
    # Released through the action, which sends the emails held back.
    readonly_fields = ["initiative", "suspected_spam", "joined_at"]
    actions = ["show_selected", "hide_selected", "release_spam"]

    def has_add_permission(self, request):
        return False  # organizations join from the initiative's page

    @admin.action(description=_("Show on the initiative's page"), permissions=["change"])
    def show_selected(self, request, queryset):
        count = services.moderate_members(queryset, status=InitiativeMember.Status.APPROVED)
        self.message_user(request, _("%(count)d shown.") % {"count": count})

    @admin.action(description=_("Do not show on the initiative's page"), permissions=["change"])
    def hide_selected(self, request, queryset):
        count = services.moderate_members(queryset, status=InitiativeMember.Status.DECLINED)
        self.message_user(request, _("%(count)d hidden.") % {"count": count})

    @admin.action(
        description=_("Not spam: release, and send the emails held back"),
        permissions=["change"],
    )
    def release_spam(self, request, queryset):
        released = services.release_members(queryset.filter(suspected_spam=True))
        for member in released:
            self.log_change(request, member, _("Released from suspected spam"))
        self.message_user(
            request,
            ngettext(
                "%(count)d organization released from suspected spam; it and the initiative's "
                "organizer are emailed.",
                "%(count)d organizations released from suspected spam; they and the "
                "initiatives' organizers are emailed.",
                len(released),
            )
            % {"count": len(released)},
            messages.SUCCESS,
        )
