import sys

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from activities.cache import cached_page, this_minute
from activities.models import Activity, Masar
from activities.programme import now_and_next_html

from .db import DATABASE_DOWN_ERRORS
from .links import absolute_url
from .models import Season, can_preview_seasons
from .season_figures import season_figures
from .services import season_names


class CurrentSeasonMixin:
    """Views about the current season; a 404 until one is entered."""

    def get_season(self):
        season = Season.objects.current()
        if season is None:
            raise Http404("No current season")
        return season


class NeverStoreWhatWasTyped:
    """For form views: the page answering a post shows what the visitor typed
    (their email, their phone) again, so no browser or proxy may keep it
    (Cache-Control: no-store, private). The empty form of a GET holds nothing
    of anyone's and stays in the back/forward cache."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "POST":
            add_never_cache_headers(response)
        return response


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


# Kept whole in the shared cache, like the programme (activities.cache): all
# it shows (the seasons, their venues and spaces, masarat, what is on now)
# makes the programme version stale when it changes. Per minute, for "now
# and next"; entries outlive their minute by a little only.
@method_decorator(cached_page(vary=this_minute, timeout=120), name="dispatch")
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


# Kept like the season's other pages, but for ten minutes at most: the
# volunteers' figures change without making the programme version stale (a
# coordinator's decision must not empty the cache of every programme page).
NUMBERS_CACHE_TIMEOUT = 10 * 60


@method_decorator(cached_page(timeout=NUMBERS_CACHE_TIMEOUT), name="dispatch")
class SeasonNumbersView(SeasonMixin, TemplateView):
    """/seasons/<number>/numbers/: the season in figures and charts
    (forum/season_figures.py, forum/charts.py)."""

    template_name = "forum/season_numbers.html"

    def get_context_data(self, **kwargs):
        self.season = self.get_season()
        return super().get_context_data(
            season=self.season, sections=season_figures(self.season), **kwargs
        )

    def render_to_response(self, context, **kwargs):
        return preview_response(super().render_to_response(context, **kwargs), self.season)


class ProseView(TemplateView):
    """Long prose lives in one template per language (as WhoCanIVoteFor does):
    `forum/<page>_ar.html`, `forum/<page>_en.html`."""

    page = None

    def get_template_names(self):
        return [f"forum/{self.page}_{get_language()}.html", f"forum/{self.page}_en.html"]


@method_decorator(cached_page, name="dispatch")
class AboutView(CurrentSeasonMixin, ProseView):
    page = "about"

    def get_context_data(self, **kwargs):
        season = self.get_season()
        return super().get_context_data(
            season=season,
            masarat=Masar.objects.filter(season=season).select_related("season"),
            **kwargs,
        )


@method_decorator(cached_page, name="dispatch")
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


# Pages behind a private link, or naming what a visitor typed: robots keep out.
# (The pages also say noindex; a link to them should never be public anyway.)
PRIVATE_PAGES = [
    ("activities:private", {"token": "-"}),
    ("activities:propose_thanks", {"token": "-"}),
    ("volunteers:private", {"token": "-"}),
    ("volunteers:thanks", {}),
    ("volunteers:lost_link_sent", {}),
    ("volunteers:deleted", {}),
    ("outcomes:membership", {"token": "-"}),
]


def robots_txt(request):
    """Where crawlers may not go, in every language, and where the sitemap is."""
    disallowed = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name, kwargs in PRIVATE_PAGES:
                path = reverse(name, kwargs=kwargs)
                # The folder of a private link, not one token.
                disallowed.append(path.removesuffix("-/") if kwargs else path)
            # A moved admin is not named: this file would tell everyone where it is.
            if settings.ADMIN_URL == "admin/":
                disallowed.append(f"/{code}/{settings.ADMIN_URL}")
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response


def favicon(request):
    """Browsers ask for /favicon.ico on their own: send them to the icon among
    the static files, whose hashed name is cached for a year. The redirect
    itself is kept a day, so a new icon shows the day after it is deployed."""
    response = HttpResponseRedirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response


def bad_request(request, exception):
    """handler400: the bilingual “this request could not be read” page.

    Django's own handler first runs the CSRF check again (so its template
    could show a token), which reads the body again: when reading the body
    was what failed (a charset Django refuses), that second failure was a
    500. The page has no form; it needs no token.
    """
    return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))


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
