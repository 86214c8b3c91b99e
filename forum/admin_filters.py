"""List filters shared by the apps' admins."""

import datetime as dt

from django.contrib import admin
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import Season


class SeasonDayFilter(admin.SimpleListFilter):
    """Filter by one day of the current season. Subclasses set title and
    parameter_name and say what the day means in `filter_by_day`."""

    def lookups(self, request, model_admin):
        season = Season.objects.current()
        if season is None:
            return []
        return [(day.isoformat(), formats.date_format(day, "l j F")) for day in season.days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = dt.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        return self.filter_by_day(queryset, day)

    def filter_by_day(self, queryset, day):
        raise NotImplementedError


class SuspectedSpamFilter(admin.SimpleListFilter):
    """Proposals and sign-ups held as suspected spam (forum.antispam) stay out
    of the list, its counts and its exports until asked for."""

    title = _("suspected spam")
    parameter_name = "spam"

    def lookups(self, request, model_admin):
        return [("yes", _("Suspected spam")), ("all", _("All"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(suspected_spam=True)
        if self.value() == "all":
            return queryset
        return queryset.filter(suspected_spam=False)

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Not suspected"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }
