"""The public programme's queries, shared by its pages, its exports and the
home page's "now and next".

Every list fetches its activities with their space and venue (one join) and
their masarat (one more query), so a page costs the same number of queries
with 3 activities or 3,000 (tests/activities/test_queries.py).
"""

import datetime as dt
import itertools

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .cache import cached
from .cards import attach_cards
from .models import Activity, Masar


def published_activities():
    """Published activities of every season, ready to show."""
    return (
        Activity.objects.published()
        .select_related("season", "space__venue")
        .prefetch_related(Prefetch("masarat", queryset=Masar.objects.order_by("order", "id")))
        .order_by("starts_at", "space__venue__order", "space__order", "pk")
    )


def programme_of(season):
    """The season's published activities, ready to show."""
    return published_activities().filter(season=season)


def default_day(season, today=None):
    """Today during the season, else its first day."""
    today = today or timezone.localdate()
    return today if season.start_date <= today <= season.end_date else season.start_date


def by_day(activities):
    """[(date, [activities…]), …] in time order."""
    return [
        (day, list(group))
        for day, group in itertools.groupby(
            activities, key=lambda activity: timezone.localdate(activity.starts_at)
        )
    ]


def now_and_next(season, now=None):
    """During the season: what is on now, and what starts next today
    ({"now": [...], "next": [...], "next_starts_at": …}); None outside it."""
    now = now or timezone.now()
    if not season.is_running(now):
        return None
    today = timezone.localdate(now)
    later_today = list(
        programme_of(season).filter(
            ends_at__gt=now,
            starts_at__lt=timezone.make_aware(
                dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0))
            ),
        )
    )
    on_now = [activity for activity in later_today if activity.starts_at <= now]
    upcoming = [activity for activity in later_today if activity.starts_at > now]
    next_start = upcoming[0].starts_at if upcoming else None
    return {
        "now": on_now,
        "next": [activity for activity in upcoming if activity.starts_at == next_start],
        "next_starts_at": next_start,
    }


def now_and_next_html(season, now=None):
    """The home page's "now and next" section in the active language, or ""
    outside the season. Kept in the cache for the minute (and the programme
    version): the home page neither queries nor renders it most of the time.
    """
    now = now or timezone.now()
    if not season.is_running(now):
        return ""

    def compute():
        found = now_and_next(season, now)
        if found:
            attach_cards([*found["now"], *found["next"]])
        context = {"now_and_next": found}
        return render_to_string("activities/includes/now_and_next.html", context)

    minute = timezone.localtime(now).strftime("%Y-%m-%dT%H:%M")
    key = f"now-and-next:{season.pk}:{get_language()}:{minute}"
    # Our own template's output, rendered with autoescaping.
    return mark_safe(cached(key, compute, timeout=120))  # noqa: S308
