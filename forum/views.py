from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.utils.translation import get_language
from django.views.generic import TemplateView

from activities.models import Masar

from .models import Season


class CurrentSeasonMixin:
    """Views about the current season; a 404 until one is entered."""

    def get_season(self):
        season = Season.objects.current()
        if season is None:
            raise Http404("No current season")
        return season


class HomeView(CurrentSeasonMixin, TemplateView):
    template_name = "forum/home.html"

    def get_context_data(self, **kwargs):
        season = self.get_season()
        return super().get_context_data(
            season=season,
            venues=season.venues.prefetch_related("spaces"),
            masarat=Masar.objects.filter(season=season),
            **kwargs,
        )


class AboutView(CurrentSeasonMixin, TemplateView):
    """Long prose lives in one template per language (as WhoCanIVoteFor does)."""

    def get_template_names(self):
        return [f"forum/about_{get_language()}.html", "forum/about_en.html"]

    def get_context_data(self, **kwargs):
        season = self.get_season()
        return super().get_context_data(
            season=season, masarat=Masar.objects.filter(season=season), **kwargs
        )


def healthz(request):
    """For load balancers and monitors: is the database answering?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
