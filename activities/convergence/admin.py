"""Convergence in the admin: similar proposals on a proposal's page and as a
list filter (registered from activities/admin.py), and the list of
convergences, where moderators carry out the agreed ones."""

import zoneinfo

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from forum.forms import CleanTextModelForm
from forum.templatetags.forum_tags import field_in_language, translated

from .. import services as activity_services
from ..models import Activity
from . import services
from .forms import CarryOutForm
from .models import Convergence
from .similarity import ids_with_similar, similar_to, supported


class HasSimilarFilter(admin.SimpleListFilter):
    title = _("similar proposals")
    parameter_name = "similar"

    def lookups(self, request, model_admin):
        return [("yes", _("Has similar proposals"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pk__in=ids_with_similar(queryset))
        return queryset


def activity_link(activity):
    return format_html(
        '<a href="{}">{}</a> {}',
        reverse("admin:activities_activity_change", args=[activity.pk]),
        activity.reference,
        translated(activity, "title"),
    )


@admin.display(description=_("Similar proposals"))
def similar_proposals(model_admin, obj):
    if not obj or not obj.pk:
        return "—"
    if not supported():
        return _("Similar proposals are found on PostgreSQL only.")
    found = similar_to(obj)
    if not found:
        return _("None in the same path (masar) this season.")
    return format_html(
        "<ul class='similar-proposals'>{}</ul>",
        format_html_join(
            "",
            "<li>{} — {} · {} · {} ({}%)</li>",
            (
                (
                    activity_link(other),
                    translated(other, "organization"),
                    ", ".join(field_in_language(m, "name")[0] for m in other.masarat.all()),
                    other.get_status_display(),
                    round(other.similarity * 100),
                )
                for other in found
            ),
        ),
    )


@admin.display(description=_("Merged into"))
def merged_into_display(model_admin, obj):
    if not obj or not obj.merged_into_id:
        return "—"
    return activity_link(obj.merged_into)


@admin.register(Convergence)
class ConvergenceAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = ["pair", "kind", "status", "created_at", "answered_at", "carried_out_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["inviter__season", "invited__season"]
    readonly_fields = [
        "inviter_link",
        "invited_link",
        "kind",
        "message",
        "status",
        "created_at",
        "answered_at",
        "carried_out_at",
        "carried_out_by",
    ]
    fields = readonly_fields
    actions = ["carry_out"]

    def has_add_permission(self, request):
        # Organizations invite each other from their private pages.
        return False

    @admin.display(description=_("Proposals"))
    def pair(self, obj):
        # Words, not links: the list makes this column the link to the
        # convergence (a link inside a link is no HTML).
        return format_html("{}<br>{}", obj.inviter, obj.invited)

    @admin.display(description=_("inviting proposal"))
    def inviter_link(self, obj):
        return activity_link(obj.inviter)

    @admin.display(description=_("invited proposal"))
    def invited_link(self, obj):
        return activity_link(obj.invited)

    @admin.action(description=_("Carry out the agreed convergence"), permissions=["change"])
    def carry_out(self, request, queryset):
        agreed = list(queryset.filter(status=Convergence.Status.ACCEPTED))
        if len(agreed) != 1 or queryset.count() != 1:
            self.message_user(
                request,
                _("Choose one convergence that both organizations agreed to."),
                messages.ERROR,
            )
            return None
        convergence = agreed[0]
        season = convergence.inviter.season
        zone = zoneinfo.ZoneInfo(season.time_zone)
        with timezone.override(zone):
            form = CarryOutForm(
                request.POST if request.POST.get("confirm") else None, convergence=convergence
            )
            if form.is_bound and form.is_valid():
                self.apply(request, convergence, form.cleaned_data)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Carry out the agreed convergence"),
            "convergence": convergence,
            "form": form,
            "opts": self.model._meta,
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": reverse("admin:activities_convergence_changelist"),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/activities/convergence/carry_out.html", context)

    def apply(self, request, convergence, data):
        try:
            if convergence.kind == Convergence.Kind.MERGE:
                keep = Activity.objects.get(pk=data["keep"])
                kept = services.merge(convergence, keep=keep, by=request.user)
                self.message_user(
                    request,
                    _("Merged: %(reference)s is now one activity of both organizations.")
                    % {"reference": kept.reference},
                    messages.SUCCESS,
                )
            else:
                first = Activity.objects.get(pk=data["first"])
                first, second = services.sequence(
                    convergence,
                    space=data["space"],
                    starts_at=data["starts_at"],
                    first=first,
                    by=request.user,
                )
                self.message_user(
                    request,
                    _("Scheduled: %(first)s, then %(second)s, in the same space.")
                    % {"first": first.reference, "second": second.reference},
                    messages.SUCCESS,
                )
        except services.NotAllowed:
            self.message_user(
                request, _("This convergence cannot be carried out (any more)."), messages.ERROR
            )
        except activity_services.SlotTaken as error:
            self.message_user(
                request,
                _("Not scheduled: another accepted activity holds this space then (%(clash)s).")
                % {"clash": error.clash.reference if error.clash else "—"},
                messages.ERROR,
            )
        except ValueError as error:
            self.message_user(request, str(error), messages.ERROR)
