from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from . import admin_i18n
from .forms import CleanTextModelForm
from .models import Season, Space, Venue

admin_i18n.install()


@admin.register(Season)
class SeasonAdmin(TabbedTranslationAdmin):
    form = CleanTextModelForm
    list_display = ["name", "number", "start_date", "end_date", "is_current"]
    list_filter = ["is_current"]
    fieldsets = [
        (None, {"fields": ["number", "name", "slogan", "intro", "is_current"]}),
        (_("Dates"), {"fields": ["start_date", "end_date", "time_zone"]}),
        (_("Call for activities"), {"fields": ["proposals_open", "proposals_close"]}),
        (_("Volunteer sign-up"), {"fields": ["volunteers_open", "volunteers_close"]}),
    ]


class SpaceInline(TranslationTabularInline):
    model = Space
    form = CleanTextModelForm
    extra = 0
    fields = ["name", "kind", "capacity", "order"]


@admin.register(Venue)
class VenueAdmin(TabbedTranslationAdmin):
    form = CleanTextModelForm
    list_display = ["name", "season", "address", "order"]
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
