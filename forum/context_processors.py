from django.utils.functional import SimpleLazyObject

from .i18n import language_links, x_default_url
from .models import Season


def site(request):
    """What every page's layout needs: the current season and the language links.

    Both are lazy so a page that does not show them costs no query.
    """
    return {
        "current_season": SimpleLazyObject(Season.objects.current),
        "language_links": SimpleLazyObject(lambda: language_links(request)),
        "x_default_url": SimpleLazyObject(lambda: x_default_url(request)),
    }
