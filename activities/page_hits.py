"""Cache hits answered early, before the middleware an anonymous cached page
does not need.

A cached page (activities.cache.cached_page) holds nothing of any visitor's:
for a GET without a session or messages cookie, the session, locale,
common, CSRF, authentication, second-factor, messages and axes middleware
have nothing to do but cost time on every hit. This middleware sits after
the ones that put headers on every response (security, Permissions-Policy,
CSP) and answers from the shared cache when the URL, written as the site
writes it, has a fresh entry: the same bytes, headers and 304 as the view's
own hit, with X-Frame-Options added as the clickjacking middleware would.

Everything else goes down the chain as before: a miss, a stale page (the
view's wrapper takes the render lock or serves the stale page), a URL
written otherwise (its canonical form is found by the view), a visitor with
a session (staff previews, messages). The lookup is handed to the view, so a
miss costs no second round trip to the cache.
"""

import functools

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from . import page_store
from .cache import VARIES, _has_private_state, key_of, lookup_page


@functools.lru_cache(maxsize=4096)
def is_cached_page(language, path_info):
    """Whether the view of this path keeps its pages in the shared cache
    (cached_page): other pages (forms, "my programme", the trivial view) pay
    no lookup. Bounded: a visitor making up paths only churns the memo."""
    try:
        with translation.override(language):
            match = resolve(path_info)
    except Resolver404:
        return False
    view_class = getattr(match.func, "view_class", None)
    view = getattr(view_class, "dispatch", match.func)
    return bool(getattr(view, "page_cache", False))


def _is_fresh(entry, version):
    if entry is None or entry[0] != version:
        return False
    name, _sep, value = entry[1].partition("=")
    vary = VARIES.get(name)
    return vary is not None and vary() == value


class CachedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}
        self.frame_options = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()

    def __call__(self, request):
        if request.method in {"GET", "HEAD"} and not _has_private_state(request):
            language = request.path_info.split("/", 2)[1]
            if language in self.languages and is_cached_page(language, request.path_info):
                encoding = page_store.accepted_encoding(request)
                key = key_of(request.path, request.META.get("QUERY_STRING", ""), language)
                version, entry = lookup_page(key, encoding)
                if version is not None and _is_fresh(entry, version):
                    response = page_store.response_from(request, entry, encoding)
                    response["X-Frame-Options"] = self.frame_options
                    # As LocaleMiddleware says it (the URL's language).
                    response.headers.setdefault("Content-Language", language)
                    return response
                request.page_lookup = (key, encoding, version, entry)
        return self.get_response(request)
