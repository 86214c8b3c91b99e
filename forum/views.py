import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from activities.cache import cached_page
from activities.models import Activity, Masar
from activities.programme import now_and_next_html

from .models import Season, can_preview_seasons
from .services import season_names

# What a database that is down or unreachable raises.
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)


class CurrentSeasonMixin:
    """Views about the current season; a 404 until one is entered."""

    def get_season(self):
        season = Season.objects.current()
        if season is None:
            raise Http404("No current season")
        return season


class SeasonMixin(CurrentSeasonMixin):
    """Pages of one season: the season whose number is in the URL
    (/seasons/<number>/…), or the current one at the short addresses
    (/programme/, /masarat/<slug>/). A season that is not published is a 404,
    except to staff who may preview it (see `preview_response`)."""

    def get_season(self):
        number = self.kwargs.get("number")
        if number is None:
            return super().get_season()
        season = Season.objects.filter(number=number).first()
        if season is None or not (season.is_public or can_preview_seasons(self.request.user)):
            raise Http404("No such season")
        return season


def preview_response(response, season):
    """A draft season's page, seen by staff: kept by no cache and no search
    engine. (The shared page cache never sees it: staff have a session.)"""
    if not season.is_public:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def season_overview(season):
    """What the home page and a season's page show of it."""
    return {
        "season": season,
        "venues": season.venues.prefetch_related("spaces"),
        # With their season: a masar's address names it.
        "masarat": Masar.objects.filter(season=season).select_related("season"),
    }


class HomeView(TemplateView):
    """The current season; between seasons (the current one is over, as after
    30 November 2026), the season that just ended and what comes next."""

    template_name = "forum/home.html"

    def get_context_data(self, **kwargs):
        season = Season.objects.current() or Season.objects.public().first()
        if season is None:
            raise Http404("No season yet")
        between = not season.is_current or season.has_ended()
        next_season = None
        if between:
            next_season = (
                Season.objects.public().filter(number__gt=season.number).order_by("number").first()
            )
        return super().get_context_data(
            **season_overview(season),
            between_seasons=between,
            next_season=next_season,
            next_name=season_names(season.number + 1).get(get_language(), ""),
            # During the season: what is on now and next ("" otherwise).
            now_and_next="" if between else now_and_next_html(season),
            **kwargs,
        )


def with_activity_counts(seasons):
    published = Activity.objects.published().values("pk")
    return seasons.annotate(activity_count=Count("activities", filter=Q(activities__in=published)))


@method_decorator(cached_page, name="dispatch")
class SeasonListView(ListView):
    """/seasons/: every published season, newest first."""

    template_name = "forum/season_list.html"
    context_object_name = "seasons"

    def get_queryset(self):
        return with_activity_counts(Season.objects.public())


@method_decorator(cached_page, name="dispatch")
class SeasonDetailView(SeasonMixin, DetailView):
    """/seasons/<number>/: a season's own page, for ever."""

    template_name = "forum/season_detail.html"

    def get_object(self, queryset=None):
        season = self.get_season()
        return with_activity_counts(Season.objects.filter(pk=season.pk)).get()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**season_overview(self.object), **kwargs)

    def render_to_response(self, context, **kwargs):
        return preview_response(super().render_to_response(context, **kwargs), self.object)


class ProseView(TemplateView):
    """Long prose lives in one template per language (as WhoCanIVoteFor does):
    `forum/<page>_ar.html`, `forum/<page>_en.html`."""

    page = None

    def get_template_names(self):
        return [f"forum/{self.page}_{get_language()}.html", f"forum/{self.page}_en.html"]


class AboutView(CurrentSeasonMixin, ProseView):
    page = "about"

    def get_context_data(self, **kwargs):
        season = self.get_season()
        return super().get_context_data(
            season=season,
            masarat=Masar.objects.filter(season=season).select_related("season"),
            **kwargs,
        )


class PrivacyView(ProseView):
    page = "privacy"


def healthz(request):
    """For load balancers and monitors: is the database answering?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """handler500. When the database is down, a short bilingual “we'll be
    back” page with status 503 (and Retry-After), not an error page: the
    site recovers by itself when the database returns (connections are
    health-checked at each request)."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN_ERRORS):
        response = HttpResponse(
            loader.render_to_string("503.html"), status=503, content_type="text/html"
        )
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"), content_type="text/html")
