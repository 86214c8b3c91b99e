from django.urls import reverse

from forum.sitemaps import BilingualSitemap


class VolunteerPagesSitemap(BilingualSitemap):
    """The volunteers' public pages. The private page has no place here."""

    priority = 0.6

    url_names = ["volunteers:signup", "volunteers:teams", "volunteers:lost_link"]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)
