from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from activities.sitemaps import (
    ActivitySitemap,
    MasarSitemap,
    ProgrammePagesSitemap,
    SeasonProgrammeSitemap,
)
from outcomes.sitemaps import InitiativeSitemap, SeasonOutcomesSitemap
from staff.urls import passkey_patterns
from volunteers.sitemaps import VolunteerPagesSitemap

from . import views
from .sitemaps import SeasonNumbersSitemap, SeasonSitemap, StaticPagesSitemap

admin.site.site_header = _("Iraqi Social Forum — administration")
admin.site.site_title = _("ISF administration")
admin.site.index_title = _("Seasons, programme and volunteers")

handler400 = "forum.views.bad_request"
handler500 = "forum.views.server_error"

sitemaps = {
    "pages": StaticPagesSitemap,
    "seasons": SeasonSitemap,
    "season-numbers": SeasonNumbersSitemap,
    "programme": SeasonProgrammeSitemap,
    "my-programme": ProgrammePagesSitemap,
    "masarat": MasarSitemap,
    "activities": ActivitySitemap,
    "volunteers": VolunteerPagesSitemap,
    "outcomes": SeasonOutcomesSitemap,
    "initiatives": InitiativeSitemap,
}

forum_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("about/", views.AboutView.as_view(), name="about"),
        path("seasons/", views.SeasonListView.as_view(), name="seasons"),
        path("seasons/<int:number>/", views.SeasonDetailView.as_view(), name="season"),
        path(
            "seasons/<int:number>/numbers/",
            views.SeasonNumbersView.as_view(),
            name="season_numbers",
        ),
        path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    ],
    "forum",
)

# Outside the language prefix: machines, not people, ask for these.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", include(forum_patterns)),
    path("", include("activities.urls")),
    path("", include("outcomes.urls")),
    path("", include("volunteers.urls")),
    # The second step of a staff login (staff/): before the admin's catch-all.
    path(f"{settings.ADMIN_URL}second-factor/", include("staff.urls")),
    path(f"{settings.ADMIN_URL}second-factor/passkeys/", include(passkey_patterns)),
    path(settings.ADMIN_URL, admin.site.urls),
)
