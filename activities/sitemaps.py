from django.urls import reverse

from forum.models import Season
from forum.sitemaps import BilingualSitemap

from .models import Activity, Masar


class MasarSitemap(BilingualSitemap):
    priority = 0.7

    def items(self):
        return Masar.objects.filter(season=Season.objects.current()).order_by("order", "id")


class ProgrammePagesSitemap(BilingualSitemap):
    """The programme and "my programme" (which explains itself when empty)."""

    priority = 0.9
    changefreq = "daily"

    def items(self):
        return ["activities:programme", "activities:my_programme"]

    def location(self, item):
        return reverse(item)


class ActivitySitemap(BilingualSitemap):
    priority = 0.6

    def items(self):
        return (
            Activity.objects.published()
            .filter(season__is_current=True)
            .only("pk", "updated_at")
            .order_by("starts_at", "pk")
        )

    def lastmod(self, activity):
        return activity.updated_at
