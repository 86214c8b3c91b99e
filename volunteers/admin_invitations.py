"""The coordinators' action that invites volunteers of past seasons to sign up
for the current one (volunteers.invitations), with its confirmation page.

Kept apart from volunteers/admin.py, which VolunteerAdmin mixes it into."""

from collections import Counter

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from forum.models import Season

from . import invitations
from .services import VolunteerActionRefused


class InviteToCurrentSeasonMixin:
    @admin.action(
        description=_("Invite them to sign up for the current season…"), permissions=["change"]
    )
    def invite_to_current_season(self, request, queryset):
        season = Season.objects.current()
        if season is None:
            self.message_user(request, gettext("There is no current season."), messages.ERROR)
            return None
        if "apply" in request.POST:
            try:
                count = invitations.invite_volunteers(
                    volunteers=queryset,
                    season=season,
                )
            except VolunteerActionRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)s invitation queued, in the volunteer's language.",
                        "%(count)s invitations queued, each in the volunteer's language.",
                        count,
                    )
                    % {"count": count},
                    messages.SUCCESS,
                )
            return None
        chosen = invitations.invitable(queryset, season)
        select_across = request.POST.get("select_across") == "1"
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Invite past volunteers to %(season)s") % {"season": season},
            "opts": self.model._meta,
            "season": season,
            "selected": queryset.count(),
            "chosen": chosen,
            "languages": sorted(Counter(str(v.get_language_display()) for v in chosen).items()),
            "is_open": season.volunteering_is_open(),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "action": "invite_to_current_season",
            # "All N selected": the confirmation posts back to the same filtered
            # list, not every id (the admin caps a post's fields); the ids of
            # the page (at most one page's worth) go back as the admin expects.
            "select_across": select_across,
            "selected_ids": request.POST.getlist(ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/volunteers/volunteer/invite.html", context)
