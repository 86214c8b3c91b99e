from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class BilingualSitemap(Sitemap):
    """Every URL in both languages, with hreflang alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(BilingualSitemap):
    priority = 0.8

    # Named URLs of pages without an object. Other apps add theirs here.
    url_names = ["forum:home", "forum:about", "forum:privacy", "activities:propose"]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)
