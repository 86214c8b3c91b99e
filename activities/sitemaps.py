from forum.models import Season
from forum.sitemaps import BilingualSitemap

from .models import Masar


class MasarSitemap(BilingualSitemap):
    priority = 0.7

    def items(self):
        return Masar.objects.filter(season=Season.objects.current()).order_by("order", "id")
