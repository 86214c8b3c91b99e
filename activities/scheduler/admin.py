"""The scheduler's admin pages, given to ActivityAdmin by SchedulerAdminMixin.

    scheduler/?season=<pk>&day=<YYYY-MM-DD>   the day page (GET), the plain form (POST)
    scheduler/check/?activity=&space=&day=&start=   what the drag path shows before saving (JSON)
    scheduler/undo/                            put the last placement back (POST)

Only staff who may change activities (programme moderators, superusers).
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum.models import Season
from forum.numbers import parse_id

from .. import services
from ..models import Activity
from . import service
from .forms import PlacementForm
from .grid import DayGrid

UNDO_KEY = "scheduler_undo"


class SchedulerAdminMixin:
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("scheduler/", view(self.scheduler_view), name="{}_{}_scheduler".format(*info)),
            path(
                "scheduler/check/",
                view(self.scheduler_check_view),
                name="{}_{}_scheduler_check".format(*info),
            ),
            path(
                "scheduler/undo/",
                view(require_POST(self.scheduler_undo_view)),
                name="{}_{}_scheduler_undo".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_change_permission(request):
            extra_context["scheduler_url"] = reverse("admin:activities_activity_scheduler")
        return super().changelist_view(request, extra_context)

    # -- what every scheduler view needs ------------------------------------

    def scheduler_allowed(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied

    @staticmethod
    def scheduler_season_and_day(params):
        """The season and day asked for, else the current season's first day
        (or the latest season's); an odd value is ignored, never an error."""
        season = None
        season_id = parse_id(str(params.get("season", "")))
        if season_id:
            season = Season.objects.filter(pk=season_id).first()
        season = season or Season.objects.current() or Season.objects.order_by("-number").first()
        if season is None:
            return None, None
        try:
            day = dt.date.fromisoformat(params.get("day", ""))
        except ValueError:
            day = None
        if day not in season.days:
            day = season.start_date
        return season, day

    @staticmethod
    def scheduler_url(season, day):
        return (
            reverse("admin:activities_activity_scheduler")
            + "?"
            + urlencode({"season": season.pk, "day": day.isoformat()})
        )

    # -- the day page and its form ------------------------------------------

    def scheduler_view(self, request):
        self.scheduler_allowed(request)
        season, day = self.scheduler_season_and_day(request.GET)
        if season is None:
            self.message_user(request, _("There is no season to schedule yet."), messages.WARNING)
            return HttpResponseRedirect(reverse("admin:activities_activity_changelist"))
        grid = DayGrid(season, day)
        data = request.POST if request.method == "POST" else None
        # "Place with the form" of an activity beside the grid chooses it here.
        initial = {"activity": parse_id(request.GET.get("activity", ""))}
        form = PlacementForm(data, season=season, day=day, times=grid.start_times, initial=initial)
        if form.is_bound and form.is_valid():
            activity = form.cleaned_data["activity"]
            space = form.cleaned_data["space"]
            starts_at = form.cleaned_data["starts_at"]
            if request.POST.get("confirm"):
                return self.scheduler_place(request, season, day, activity, space, starts_at)
            check = service.check_placement(activity, space=space, starts_at=starts_at)
            return self.scheduler_render(
                request,
                "admin/activities/scheduler/confirm.html",
                season,
                title=_("Place %(reference)s?") % {"reference": activity.reference},
                day=day,
                form=form,
                activity=activity,
                space=space,
                slot=self.scheduler_slot_text(activity, space, starts_at),
                check=check,
                back_url=self.scheduler_url(season, day),
            )
        return self.scheduler_render(
            request,
            "admin/activities/scheduler/day.html",
            season,
            title=_("Schedule of %(day)s") % {"day": formats.date_format(day, "l j F Y")},
            day=day,
            grid=grid,
            form=form,
            days=[
                {
                    "day": each,
                    "url": self.scheduler_url(season, each),
                    "current": each == day,
                }
                for each in season.days
            ],
            waiting=grid.waiting(),
            undo=request.session.get(UNDO_KEY),
            check_url=reverse("admin:activities_activity_scheduler_check"),
            undo_url=reverse("admin:activities_activity_scheduler_undo"),
        )

    def scheduler_render(self, request, template, season, **context):
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "season": season,
                **context,
            },
        )

    @staticmethod
    def scheduler_slot_text(activity, space, starts_at):
        return _("%(space)s, %(slot)s") % {
            "space": service.space_name(space),
            "slot": services.describe_slot(
                activity,
                space=space,
                starts_at=starts_at,
                ends_at=service.ends_at_for(activity, starts_at),
            ),
        }

    def scheduler_place(self, request, season, day, activity, space, starts_at):
        try:
            activity, previous = service.place_activity(activity, space=space, starts_at=starts_at)
        except service.Refused as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            request.session[UNDO_KEY] = {
                "activity": activity.pk,
                "reference": activity.reference,
                "previous": previous,
                "placed": service.placement_of(activity),
                "season": season.pk,
                "day": day.isoformat(),
            }
            self.log_change(
                request,
                activity,
                [{"changed": {"fields": ["space", "starts_at", "ends_at"]}}],
            )
            self.message_user(
                request,
                _("%(reference)s is placed: %(slot)s.")
                % {
                    "reference": activity.reference,
                    "slot": self.scheduler_slot_text(activity, space, starts_at),
                },
                messages.SUCCESS,
            )
            # schedule_activity emailed the organizer, as the change page does.
            self.message_user(
                request,
                _("Its organizer is emailed the new day, time and place."),
                messages.INFO,
            )
        return HttpResponseRedirect(self.scheduler_url(season, day))

    # -- the drag path's check, and the undo ----------------------------------

    def scheduler_check_view(self, request):
        """What the drag path shows before saving: the same check as the plain form."""
        self.scheduler_allowed(request)
        params = request.POST if request.method == "POST" else request.GET
        season, day = self.scheduler_season_and_day(params)
        if season is None:
            return JsonResponse({"allowed": False, "errors": [], "warnings": []})
        grid = DayGrid(season, day)
        form = PlacementForm(params, season=season, day=day, times=grid.start_times)
        if not form.is_valid():
            return JsonResponse(
                {
                    "allowed": False,
                    "errors": [
                        {"kind": "form", "message": f"{form.fields[name].label}: {error}"}
                        if name in form.fields
                        else {"kind": "form", "message": str(error)}
                        for name, errors in form.errors.items()
                        for error in errors
                    ],
                    "warnings": [],
                }
            )
        activity = form.cleaned_data["activity"]
        space, starts_at = form.cleaned_data["space"], form.cleaned_data["starts_at"]
        check = service.check_placement(activity, space=space, starts_at=starts_at)
        return JsonResponse(
            {
                **check.as_json(),
                "summary": _("%(reference)s “%(title)s”: %(slot)s")
                % {
                    "reference": activity.reference,
                    "title": services.text_for(activity, "title", request.LANGUAGE_CODE),
                    "slot": self.scheduler_slot_text(activity, space, starts_at),
                },
            }
        )

    def scheduler_undo_view(self, request):
        self.scheduler_allowed(request)
        last = request.session.get(UNDO_KEY)
        if not last:
            self.message_user(request, _("There is nothing to undo."), messages.WARNING)
            season, day = self.scheduler_season_and_day(request.POST)
            if season is None:
                return HttpResponseRedirect(reverse("admin:activities_activity_changelist"))
            return HttpResponseRedirect(self.scheduler_url(season, day))
        season, day = self.scheduler_season_and_day(last)
        activity = Activity.objects.filter(pk=last["activity"]).first()
        try:
            if activity is None:
                raise service.Refused(_("This activity no longer exists; nothing was undone."))
            service.undo_placement(activity, previous=last["previous"], expected=last["placed"])
        except service.Refused as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.log_change(
                request,
                activity,
                [{"changed": {"fields": ["space", "starts_at", "ends_at"]}}],
            )
            self.message_user(
                request,
                _("Undone: %(reference)s is back where it was.")
                % {"reference": activity.reference},
                messages.SUCCESS,
            )
        del request.session[UNDO_KEY]
        return HttpResponseRedirect(self.scheduler_url(season, day))
