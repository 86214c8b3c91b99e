from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .links import site_address
from .models import Season


class BilingualSitemap(Sitemap):
    """Every URL in both languages, with hreflang alternates and x-default.

    Addresses on SITE_URL, not on the host the request named (forum.links)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return site_address().scheme

    def get_domain(self, site=None):
        return site_address().netloc


class StaticPagesSitemap(BilingualSitemap):
    priority = 0.8

    # Named URLs of pages without an object. Other apps add theirs here.
    url_names = [
        "forum:home",
        "forum:about",
        "forum:privacy",
        "forum:seasons",
        "activities:propose",
    ]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class SeasonSitemap(BilingualSitemap):
    """Each published season's own page (/seasons/<number>/), for ever.

    Season pages list their permanent addresses only: the short ones
    (/programme/, /masarat/<slug>/) mean another season once the next one is
    current, and name the permanent one as canonical."""

    priority = 0.8

    def items(self):
        return Season.objects.public()


class SeasonNumbersSitemap(BilingualSitemap):
    """Each published season in numbers (/seasons/<number>/numbers/)."""

    priority = 0.5

    def items(self):
        return Season.objects.public()

    def location(self, season):
        return reverse("forum:season_numbers", kwargs={"number": season.number})
