"""The public programme: the day view with its filters, an activity's page,
"my programme", and the exports for calendars and schedule apps.

Pages and exports that are the same for every visitor go through
activities.cache.cached_page: served from the shared cache, with an ETag,
and made stale by any change to the programme.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from forum.i18n import other_languages
from forum.links import absolute_url
from forum.models import can_preview_seasons
from forum.numbers import parse_ids
from forum.templatetags.forum_tags import field_in_language
from forum.text import text_in_language
from forum.views import SeasonMixin, preview_response

from .. import frab
from ..cache import cached, cached_page
from ..calendar import build_calendar
from ..cards import attach_cards
from ..filters import ALL_DAYS, FILTER_VALUES, PROGRAMME_QUERY, ProgrammeFilterForm
from ..models import Activity, Masar
from ..programme import by_day, default_day, programme_of, published_activities
from ..timetable import build_timetable

# What json_script escapes, so a title can never close the <script> block.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
OG_LOCALES = {"ar": "ar_IQ", "en": "en_GB"}


class SeasonProgrammeMixin(SeasonMixin):
    """A season's programme, in the season's own time zone: the current
    season's at the short addresses, any other's under /seasons/<number>/."""

    def dispatch(self, request, *args, **kwargs):
        self.season = self.get_season()
        with timezone.override(self.season.time_zone):
            response = super().dispatch(request, *args, **kwargs)
            # Render inside the time zone: the template formats the times.
            if hasattr(response, "render") and callable(response.render):
                response.render()
        return preview_response(response, self.season)

    def programme(self):
        return programme_of(self.season)

    def permanent_url(self, name, **kwargs):
        """The address of this page that keeps its meaning when another season
        becomes current (the short addresses do not), with the same query."""
        path = reverse(name, kwargs={"number": self.season.number, **kwargs})
        query = self.request.GET.urlencode()
        return absolute_url(f"{path}?{query}" if query else path)


class ActivityMixin(SeasonProgrammeMixin):
    """An activity's page and calendar file work for ever, whatever season the
    activity belongs to: the season is the activity's own."""

    def get_season(self):
        self.activity = get_object_or_404(published_activities(), pk=self.kwargs["pk"])
        season = self.activity.season
        if not (season.is_public or can_preview_seasons(self.request.user)):
            raise Http404("Not published")
        return season


def calendar_response(activities, *, season, name, filename):
    response = HttpResponse(
        build_calendar(activities, season=season, name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@method_decorator(cached_page(query=PROGRAMME_QUERY), name="dispatch")
class ProgrammeView(SeasonProgrammeMixin, TemplateView):
    """One day at a time (today during the season), filtered by the GET form."""

    template_name = "activities/programme.html"

    def get_context_data(self, **kwargs):
        season = self.season
        masarat = list(Masar.objects.filter(season=season).order_by("order", "id"))
        venues = list(season.venues.prefetch_related("spaces"))
        data = self.request.GET.copy()
        searching = bool(data.get("q", "").strip())
        # A search looks through every day unless a day is chosen.
        data.setdefault("day", ALL_DAYS if searching else default_day(season).isoformat())
        form = ProgrammeFilterForm(data, season=season, masarat=masarat, venues=venues)
        # For the page cache: which filter values are valid (PROGRAMME_QUERY).
        cached(FILTER_VALUES, form.accepted_values)
        selected = form.selected()
        day = selected.get("day") or default_day(season)
        all_days = selected.get("day") == ALL_DAYS
        activities = form.apply(self.programme(), selected)
        if not all_days:
            activities = activities.on_day(day)
        activities = attach_cards(activities)
        filters = {name: value for name, value in selected.items() if name != "day"}
        return super().get_context_data(
            season=season,
            canonical_url=self.permanent_url("activities:season_programme"),
            form=form,
            day=None if all_days else day,
            days=season.days,
            activities=activities,
            count=len(activities),
            timetable=None if all_days else build_timetable(activities),
            groups=by_day(activities) if all_days else None,
            filtered=bool(filters),
            masarat=masarat,
            **kwargs,
        )


@method_decorator(cached_page, name="dispatch")
class ActivityDetailView(ActivityMixin, DetailView):
    template_name = "activities/activity_detail.html"
    context_object_name = "activity"

    def get_object(self, queryset=None):
        return self.activity

    def get_context_data(self, **kwargs):
        activity = self.object
        same_space = Activity.objects.published().filter(
            season=self.season, space_id=activity.space_id
        )
        previous = (
            same_space.filter(
                Q(starts_at__lt=activity.starts_at)
                | Q(starts_at=activity.starts_at, pk__lt=activity.pk)
            )
            .order_by("-starts_at", "-pk")
            .first()
        )
        following = (
            same_space.filter(
                Q(starts_at__gt=activity.starts_at)
                | Q(starts_at=activity.starts_at, pk__gt=activity.pk)
            )
            .order_by("starts_at", "pk")
            .first()
        )
        url = absolute_url(activity.get_absolute_url())
        return super().get_context_data(
            season=self.season,
            has_taken_place=self.season.has_ended(),
            previous=previous,
            following=following,
            absolute_url=url,
            json_ld=self.json_ld(activity, url),
            og_locale=OG_LOCALES.get(get_language(), get_language()),
            og_alternates=[OG_LOCALES.get(code, code) for code in other_languages()],
            **kwargs,
        )

    def json_ld(self, activity, url):
        """schema.org Event, for search engines and link previews (text cleaned
        as in every export)."""
        venue = activity.space.venue
        season = self.season
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": text_in_language(activity, "title")[0],
            "description": text_in_language(activity, "summary")[0],
            "startDate": timezone.localtime(activity.starts_at).isoformat(),
            "endDate": timezone.localtime(activity.ends_at).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "isAccessibleForFree": True,
            "url": url,
            "inLanguage": list(activity.languages),
            "location": {
                "@type": "Place",
                "name": ", ".join(
                    [
                        text_in_language(activity.space, "name")[0],
                        text_in_language(venue, "name")[0],
                    ]
                ),
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": text_in_language(venue, "address")[0],
                    "addressCountry": "IQ",
                },
            },
            "organizer": {
                "@type": "Organization",
                "name": text_in_language(activity, "organization")[0],
            },
            "superEvent": {
                "@type": "EventSeries",
                "name": f"{_('Iraqi Social Forum')} — {text_in_language(season, 'name')[0]}",
                "startDate": season.start_date.isoformat(),
                "endDate": season.end_date.isoformat(),
            },
            "keywords": [text_in_language(m, "name")[0] for m in activity.masarat.all()],
        }
        if venue.map_url:
            data["location"]["hasMap"] = venue.map_url
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def starred(ids):
    """The starred activities of any published season: a list shared during
    one season still opens when another is current."""
    if not ids:
        return []
    return list(published_activities().filter(season__is_public=True, pk__in=ids))


class MyProgrammeView(SeasonProgrammeMixin, TemplateView):
    """The starred activities, from ?ids=1,2,3: no account, and a link that
    can be shared. The browser keeps the stars (static/js/my-programme.js)."""

    template_name = "activities/my_programme.html"

    def get_context_data(self, **kwargs):
        ids = parse_ids(self.request.GET.get("ids"))
        activities = attach_cards(starred(ids))
        found = ",".join(str(activity.pk) for activity in activities)
        return super().get_context_data(
            season=self.season,
            ids=found,
            activities=activities,
            groups=by_day(activities),
            share_url=absolute_url(f"{self.request.path}?ids={found}") if found else "",
            **kwargs,
        )


class MyProgrammeCalendarView(SeasonProgrammeMixin, View):
    def get(self, request):
        activities = starred(parse_ids(request.GET.get("ids")))
        # The time zone's rules are written for one season's dates: the
        # starred activities' season (seasons share Baghdad's, which has no
        # daylight saving time), else the current one.
        season = activities[0].season if activities else self.season
        return calendar_response(
            activities,
            season=season,
            name=_("My programme — Iraqi Social Forum"),
            filename=f"isf{season.number}-my-programme.ics",
        )


@method_decorator(cached_page, name="dispatch")
class ProgrammeCalendarView(SeasonProgrammeMixin, View):
    def get(self, request, **kwargs):
        return calendar_response(
            list(self.programme()),
            season=self.season,
            name=_("Programme — Iraqi Social Forum"),
            filename=f"isf{self.season.number}-programme.ics",
        )


@method_decorator(cached_page, name="dispatch")
class ActivityCalendarView(ActivityMixin, View):
    def get(self, request, pk):
        activity = self.activity
        return calendar_response(
            [activity],
            season=self.season,
            name=field_in_language(activity, "title")[0],
            filename=f"isf{self.season.number}-{activity.number:04d}.ics",
        )


class ScheduleMixin(SeasonProgrammeMixin):
    def schedule(self):
        season = self.season
        return frab.build_schedule(
            list(self.programme()),
            season=season,
            masarat=list(Masar.objects.filter(season=season).order_by("order", "id")),
            url=absolute_url(self.request.path),
            programme_url=absolute_url(
                reverse("activities:season_programme", kwargs={"number": season.number})
            ),
        )


@method_decorator(cached_page, name="dispatch")
class ScheduleXmlView(ScheduleMixin, View):
    def get(self, request, **kwargs):
        return HttpResponse(
            frab.schedule_xml(self.schedule()), content_type="application/xml; charset=utf-8"
        )


@method_decorator(cached_page, name="dispatch")
class ScheduleJsonView(ScheduleMixin, View):
    def get(self, request, **kwargs):
        return JsonResponse(
            frab.schedule_json(self.schedule()),
            json_dumps_params={"ensure_ascii": False},
        )
