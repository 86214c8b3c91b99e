import sys

from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.generic import TemplateView

from activities.cache import cached_page, this_minute
from activities.models import Masar
from activities.programme import now_and_next_html

from .db import DATABASE_DOWN_ERRORS
from .models import Season


class CurrentSeasonMixin:
    """Views about the current season; a 404 until one is entered."""

    def get_season(self):
        season = Season.objects.current()
        if season is None:
            raise Http404("No current season")
        return season


# Kept whole in the shared cache, like the programme (activities.cache): all
# it shows (the season, its venues and spaces, its masarat, what is on now)
# makes the programme version stale when it changes. Per minute, for "now
# and next"; entries outlive their minute by a little only.
@method_decorator(cached_page(vary=this_minute, timeout=120), name="dispatch")
class HomeView(CurrentSeasonMixin, TemplateView):
    template_name = "forum/home.html"

    def get_context_data(self, **kwargs):
        season = self.get_season()
        return super().get_context_data(
            season=season,
            venues=season.venues.prefetch_related("spaces"),
            masarat=Masar.objects.filter(season=season),
            # During the season: what is on now and next ("" otherwise).
            now_and_next=now_and_next_html(season),
            **kwargs,
        )


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
            season=season, masarat=Masar.objects.filter(season=season), **kwargs
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
