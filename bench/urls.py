"""Production's URLs, plus /<lang>/bench/trivial/: the floor the pages are
measured against. Under the language prefix, so LocaleMiddleware and all the
other middleware do the same work as for a real page; no template, no query."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from forum.urls import handler500  # noqa: F401
from forum.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("bench/trivial/", trivial, name="bench_trivial")),
]
