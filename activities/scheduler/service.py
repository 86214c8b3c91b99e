"""Placing an accepted activity in a space at a time, and what to say first.

`check_placement` lists what refuses a placement (errors: a clash in the
space, outside the season, not accepted) and what is allowed but worth a
look (warnings: a space too small, a day or time of day the organizer did
not prefer, the same organization elsewhere at once, outside the venue's
opening hours). The day page, the JSON check of the drag-and-drop path and
the confirmation page of the plain form all read it; `place_activity` saves
through `activities.services.schedule_activity`, which checks again, lets
PostgreSQL's exclusion constraint have the last word and tells the organizer
of a published activity where and when it now takes place.
"""

import dataclasses
import datetime as dt

from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from forum.arabic import normalize_for_search
from forum.models import Space
from forum.templatetags.forum_tags import field_in_language

from .. import services
from ..models import Activity

STEP = dt.timedelta(minutes=15)

# The hours of the day each preferred time of day means, in the season's zone.
TIMES_OF_DAY = {
    Activity.TimeOfDay.MORNING: (dt.time(0, 0), dt.time(12, 0)),
    Activity.TimeOfDay.AFTERNOON: (dt.time(12, 0), dt.time(17, 0)),
    Activity.TimeOfDay.EVENING: (dt.time(17, 0), dt.time(23, 59, 59)),
}


@dataclasses.dataclass(frozen=True)
class Finding:
    """One thing to tell staff about a placement."""

    kind: str  # overlap, season, status, capacity, day, time_of_day, organization, hours
    message: str


@dataclasses.dataclass
class Check:
    errors: list
    warnings: list

    @property
    def allowed(self):
        return not self.errors

    def as_json(self):
        return {
            "allowed": self.allowed,
            "errors": [dataclasses.asdict(f) for f in self.errors],
            "warnings": [dataclasses.asdict(f) for f in self.warnings],
        }


def ends_at_for(activity, starts_at):
    return starts_at + dt.timedelta(minutes=activity.duration)


def organization_names(activity):
    """The organization's names in both languages, folded for comparison."""
    return {
        name
        for name in (
            normalize_for_search(getattr(activity, f"organization_{code}", "") or "").strip()
            for code in ("ar", "en")
        )
        if name
    }


def same_organization_elsewhere(activity, *, starts_at, ends_at):
    """Published activities of the same organization (by its name in either
    language) that overlap this time, in any space."""
    names = organization_names(activity)
    if not names:
        return []
    overlapping = (
        Activity.objects.published()
        .filter(season=activity.season, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(pk=activity.pk)
        .select_related("season", "space__venue")
    )
    return [other for other in overlapping if organization_names(other) & names]


def outside_opening_hours(space, *, starts_at, ends_at, season):
    venue = space.venue
    start, end = services.local(starts_at, season), services.local(ends_at, season)
    opens = dt.datetime.combine(start.date(), venue.opens_at, start.tzinfo)
    closes = dt.datetime.combine(start.date(), venue.closes_at, start.tzinfo)
    return start < opens or end > closes


def check_placement(activity, *, space, starts_at):
    """What refuses, and what is worth a look in, `activity` in `space` from
    `starts_at` for its duration."""
    ends_at = ends_at_for(activity, starts_at)
    season = activity.season
    language = translation.get_language()
    errors = []
    for field, messages in services.slot_errors(
        activity, space=space, starts_at=starts_at, ends_at=ends_at
    ).items():
        kind = {"space": "overlap", "starts_at": "season", "ends_at": "season"}[field]
        if activity.status != Activity.Status.ACCEPTED:
            kind = "status"
        elif field == "space" and space.venue.season_id != season.pk:
            kind = "season"
        errors += [Finding(kind, str(message)) for message in messages]
    if errors:
        return Check(errors, [])

    warnings = []
    if space.capacity and activity.expected_participants > space.capacity:
        warnings.append(
            Finding(
                "capacity",
                _("%(space)s holds %(capacity)s people; the organizer expects %(expected)s.")
                % {
                    "space": space_name(space),
                    "capacity": space.capacity,
                    "expected": activity.expected_participants,
                },
            )
        )
    day = services.local(starts_at, season).date()
    if activity.preferred_days and day.isoformat() not in activity.preferred_days:
        warnings.append(
            Finding(
                "day",
                _("%(day)s is not one of the days the organizer preferred: %(days)s.")
                % {
                    "day": formats.date_format(day, "l j F"),
                    "days": _(", ").join(services.preferred_days_display(activity, language)),
                },
            )
        )
    hours = TIMES_OF_DAY.get(activity.preferred_time)
    start_time = services.local(starts_at, season).time()
    if hours and not hours[0] <= start_time < hours[1]:
        warnings.append(
            Finding(
                "time_of_day",
                _("The organizer preferred another time of day: %(time)s.")
                % {"time": activity.get_preferred_time_display()},
            )
        )
    for other in same_organization_elsewhere(activity, starts_at=starts_at, ends_at=ends_at):
        warnings.append(
            Finding(
                "organization",
                _(
                    "%(organization)s is also in %(space)s at that time with %(reference)s "
                    "“%(title)s” (%(slot)s)."
                )
                % {
                    "organization": services.text_for(activity, "organization", language),
                    "space": space_name(other.space),
                    "reference": other.reference,
                    "title": services.text_for(other, "title", language),
                    "slot": services.describe_slot(other),
                },
            )
        )
    if outside_opening_hours(space, starts_at=starts_at, ends_at=ends_at, season=season):
        venue = space.venue
        warnings.append(
            Finding(
                "hours",
                _("%(venue)s is open from %(opens)s to %(closes)s; this slot is %(slot)s.")
                % {
                    "venue": text_of(venue, "name"),
                    "opens": formats.time_format(venue.opens_at, "H:i"),
                    "closes": formats.time_format(venue.closes_at, "H:i"),
                    "slot": "{}–{}".format(
                        formats.time_format(services.local(starts_at, season), "H:i"),
                        formats.time_format(services.local(ends_at, season), "H:i"),
                    ),
                },
            )
        )
    return Check(errors, warnings)


def text_of(obj, field):
    """A translated field in the page's language, else the other one's."""
    return field_in_language(obj, field)[0]


def space_name(space):
    return f"{text_of(space, 'name')} — {text_of(space.venue, 'name')}"


# ---------------------------------------------------------------------------
# Saving, and undoing


def placement_of(activity):
    """What the undo needs to put an activity back: JSON-safe."""

    def utc(moment):
        # In UTC: the same moment compares equal however it was made.
        return moment.astimezone(dt.UTC).isoformat() if moment else None

    return {
        "space": activity.space_id,
        "starts_at": utc(activity.starts_at),
        "ends_at": utc(activity.ends_at),
    }


class Refused(Exception):
    """The placement was not saved; the message says why, in the page's language."""


@transaction.atomic
def place_activity(activity, *, space, starts_at):
    """Give `activity` the slot from `starts_at` for its duration, through the
    same service as the activity's change page; returns (activity, previous
    placement) or raises Refused."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    previous = placement_of(activity)
    check = check_placement(activity, space=space, starts_at=starts_at)
    if not check.allowed:
        raise Refused(" ".join(f.message for f in check.errors))
    try:
        activity = services.schedule_activity(
            activity, space=space, starts_at=starts_at, ends_at=ends_at_for(activity, starts_at)
        )
    except services.SlotTaken as error:
        # The database's exclusion constraint: someone was quicker.
        raise Refused(
            _(
                "Not saved: another accepted activity took this space at this time a "
                "moment ago. Choose another slot."
            )
        ) from error
    except ValueError as error:
        raise Refused(str(error)) from error
    return activity, previous


@transaction.atomic
def undo_placement(activity, *, previous, expected):
    """Put `activity` back where it was (`previous`, from placement_of), if
    it is still where the move left it (`expected`); raises Refused."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if placement_of(activity) != expected:
        raise Refused(_("This activity was changed since; nothing was undone."))
    if previous["space"] is None:
        activity.space = activity.starts_at = activity.ends_at = None
        activity.save(update_fields=["space", "starts_at", "ends_at", "updated_at"])
        return activity
    try:
        return services.schedule_activity(
            activity,
            space=Space.objects.select_related("venue").get(pk=previous["space"]),
            starts_at=dt.datetime.fromisoformat(previous["starts_at"]),
            ends_at=dt.datetime.fromisoformat(previous["ends_at"]),
        )
    except Space.DoesNotExist as error:
        raise Refused(_("The space it was in no longer exists; nothing was undone.")) from error
    except services.SlotTaken as error:
        raise Refused(_("Its former slot is taken now; nothing was undone.")) from error
    except ValueError as error:
        raise Refused(str(error)) from error
