from django.urls import reverse

from forum.models import Season
from forum.sitemaps import BilingualSitemap

from .models import Initiative, Outcome


def seasons_with_outcomes():
    return Season.objects.public().filter(
        pk__in=Outcome.objects.published().values("activity__season")
    )


class SeasonOutcomesSitemap(BilingualSitemap):
    """Each published season's outcomes page and calendar of action dates,
    once it has published outcomes."""

    priority = 0.7

    def items(self):
        return [
            (name, season.number)
            for season in seasons_with_outcomes()
            for name in ("outcomes:season", "outcomes:calendar")
        ]

    def location(self, item):
        name, number = item
        return reverse(name, kwargs={"number": number})


class InitiativeSitemap(BilingualSitemap):
    priority = 0.5

    def items(self):
        return (
            Initiative.objects.filter(outcome__in=Outcome.objects.published())
            .select_related("outcome__activity__season")
            .order_by("pk")
        )
