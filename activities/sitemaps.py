from django.urls import reverse

from forum.models import Season
from forum.sitemaps import BilingualSitemap

from .models import Activity, Masar


class MasarSitemap(BilingualSitemap):
    """Every published season's masarat, at their season's address."""

    priority = 0.7

    def items(self):
        return (
            Masar.objects.filter(season__is_public=True)
            .select_related("season")
            .order_by("-season__number", "order", "id")
        )


class SeasonProgrammeSitemap(BilingualSitemap):
    """Each published season's programme, at its season's address."""

    priority = 0.9
    changefreq = "daily"

    def items(self):
        return Season.objects.public()

    def location(self, season):
        return reverse("activities:season_programme", kwargs={"number": season.number})


class ProgrammePagesSitemap(BilingualSitemap):
    """ "My programme" (which explains itself when empty)."""

    priority = 0.5

    def items(self):
        return ["activities:my_programme"]

    def location(self, item):
        return reverse(item)


class ActivitySitemap(BilingualSitemap):
    """Every published activity of every published season: its page works for ever."""

    priority = 0.6

    def items(self):
        return (
            Activity.objects.published()
            .filter(season__is_public=True)
            .only("pk", "updated_at")
            .order_by("starts_at", "pk")
        )

    def lastmod(self, activity):
        return activity.updated_at
