"""List filters shared by the apps' admins."""

import datetime as dt

from django.contrib import admin
from django.utils import formats

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
