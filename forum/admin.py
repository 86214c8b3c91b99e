from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from . import admin_i18n, services
from .forms import CleanTextModelForm
from .models import Season, Space, Venue

admin_i18n.install()


def moment_text(moment, season):
    local = moment.astimezone(season.zone)
    return formats.date_format(local, "j F Y, H:i")


def window_text(opens, closes, season, now=None):
    """What a proposal or volunteer window will be, in words, for staff."""
    now = now or timezone.now()
    if opens is None:
        return _("closed: no opening date is set")
    values = {"opens": moment_text(opens, season), "closes": ""}
    if closes is not None:
        values["closes"] = moment_text(closes, season)
    if closes is not None and now >= closes:
        return _("closed since %(closes)s") % values
    if now < opens:
        if closes is None:
            return _("opens on %(opens)s") % values
        return _("opens on %(opens)s and closes on %(closes)s") % values
    if closes is None:
        return _("open now, with no closing date")
    return _("open now, until %(closes)s") % values


@admin.register(Season)
class SeasonAdmin(TabbedTranslationAdmin):
    form = CleanTextModelForm
    change_form_template = "admin/forum/season/change_form.html"
    list_display = [
        "name",
        "number",
        "start_date",
        "end_date",
        "is_current",
        "is_public",
        "pages_link",
    ]
    list_filter = ["is_current", "is_public"]
    # Becoming current changes what the whole site shows: only through the
    # action, whose confirmation page says what will change.
    readonly_fields = ["is_current"]
    fieldsets = [
        (None, {"fields": ["number", "name", "slogan", "intro", "is_current", "is_public"]}),
        (gettext_lazy("Dates"), {"fields": ["start_date", "end_date", "time_zone"]}),
        (gettext_lazy("Call for activities"), {"fields": ["proposals_open", "proposals_close"]}),
        (gettext_lazy("Volunteer sign-up"), {"fields": ["volunteers_open", "volunteers_close"]}),
    ]
    actions = ["prepare_next_season_action", "make_current_action"]

    @admin.action(description=gettext_lazy("Prepare the next season"), permissions=["add"])
    def prepare_next_season_action(self, request, queryset):
        return self.one_season_redirect(request, queryset, "prepare_next")

    @admin.action(description=gettext_lazy("Make this the current season"), permissions=["change"])
    def make_current_action(self, request, queryset):
        return self.one_season_redirect(request, queryset, "make_current")

    def one_season_redirect(self, request, queryset, view):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one season."), messages.WARNING)
            return None
        return HttpResponseRedirect(self.season_url(view, queryset.get()))

    def season_url(self, view, season):
        return reverse(f"admin:forum_season_{view}", args=[season.pk])

    def get_urls(self):
        return [
            path(
                "<path:object_id>/prepare-next/",
                self.admin_site.admin_view(self.prepare_next_view),
                name="forum_season_prepare_next",
            ),
            path(
                "<path:object_id>/make-current/",
                self.admin_site.admin_view(self.make_current_view),
                name="forum_season_make_current",
            ),
            *super().get_urls(),
        ]

    def season_or_404(self, request, object_id):
        season = self.get_object(request, unquote(object_id))
        if season is None:
            raise Http404
        return season

    def confirmation(self, request, season, template, **context):
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            f"admin/forum/season/{template}.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "season": season,
                "change_url": reverse("admin:forum_season_change", args=[season.pk]),
                **context,
            },
        )

    def prepare_next_view(self, request, object_id):
        season = self.season_or_404(request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        number = season.number + 1
        existing = Season.objects.filter(number=number).first()
        if request.method == "POST" and existing is None:
            try:
                draft = services.prepare_next_season(season, by=request.user)
            except services.SeasonActionRefused as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _(
                        "Season %(number)s is prepared, not published: edit its dates, slogan, "
                        "venues, masarat and teams, preview its pages, then make it the "
                        "current season."
                    )
                    % {"number": draft.number},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:forum_season_change", args=[draft.pk]))
            existing = Season.objects.filter(number=number).first()
        return self.confirmation(
            request,
            season,
            "prepare_next",
            title=_("Prepare season %(number)s") % {"number": number},
            number=number,
            existing=existing,
            existing_url=existing and reverse("admin:forum_season_change", args=[existing.pk]),
            counts={
                "venues": season.venues.count(),
                "spaces": Space.objects.filter(venue__season=season).count(),
                "masarat": season.masarat.count(),
                "teams": season.teams.count(),
            },
            start_date=services.a_year_later(season.start_date),
            end_date=services.a_year_later(season.end_date),
        )

    def make_current_view(self, request, object_id):
        season = self.season_or_404(request, object_id)
        if not self.has_change_permission(request, season):
            raise PermissionDenied
        problems = services.check_can_be_current(season)
        if request.method == "POST" and not problems and not season.is_current:
            try:
                services.make_current_season(season, by=request.user)
            except services.SeasonActionRefused as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _(
                        "%(name)s is now the current season: the home page, the programme "
                        "and the forms show it."
                    )
                    % {"name": season},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:forum_season_changelist"))
        current = Season.objects.current()
        return self.confirmation(
            request,
            season,
            "make_current",
            title=_("Make %(name)s the current season") % {"name": season},
            current=current,
            problems=problems,
            proposals=window_text(season.proposals_open, season.proposals_close, season),
            volunteers=window_text(season.volunteers_open, season.volunteers_close, season),
            current_url=current and current.get_absolute_url(),
            season_url=season.get_absolute_url(),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            season = self.get_object(request, unquote(object_id))
            if season is not None:
                extra_context["season_links"] = self.season_links(request, season)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def season_links(self, request, season):
        links = []
        if request.user.has_perm("activities.change_activity"):
            links.append(
                {
                    "label": _("Schedule its activities"),
                    "url": reverse("admin:activities_activity_scheduler") + f"?season={season.pk}",
                }
            )
        if self.has_add_permission(request):
            links.append(
                {
                    "label": _("Prepare the next season"),
                    "url": self.season_url("prepare_next", season),
                }
            )
        if not season.is_current and self.has_change_permission(request, season):
            links.append(
                {
                    "label": _("Make this the current season"),
                    "url": self.season_url("make_current", season),
                }
            )
        return links

    @admin.display(description=gettext_lazy("Pages"))
    def pages_link(self, season):
        label = _("Its pages") if season.is_public else _("Preview its pages")
        return format_html('<a href="{}">{}</a>', season.get_absolute_url(), label)


class SpaceInline(TranslationTabularInline):
    model = Space
    form = CleanTextModelForm
    extra = 0
    fields = ["name", "kind", "capacity", "order"]


@admin.register(Venue)
class VenueAdmin(TabbedTranslationAdmin):
    form = CleanTextModelForm
    list_display = ["name", "season", "address", "opens_at", "closes_at", "order"]
    list_filter = ["season"]
    inlines = [SpaceInline]


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginAttemptAdmin(AccessAttemptAdmin):
    @admin.action(description=AccessAttemptAdmin.cleanup_expired_attempts.short_description)
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes measures "expired" from the time of the login attempt in
        # progress, which only its login signal sets: without it the action
        # fails. Here the reference is now.
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)
