"""One season after another: preparing the next season and making a season
the current one. The admin's actions and the management commands
(`start_next_season`, `set_current_season`) call these, so both do the same.
"""

import datetime as dt

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Season, Space, Venue

ARABIC_ORDINALS = {
    1: "الأول",
    2: "الثاني",
    3: "الثالث",
    4: "الرابع",
    5: "الخامس",
    6: "السادس",
    7: "السابع",
    8: "الثامن",
    9: "التاسع",
    10: "العاشر",
    11: "الحادي عشر",
    12: "الثاني عشر",
    13: "الثالث عشر",
    14: "الرابع عشر",
    15: "الخامس عشر",
    16: "السادس عشر",
    17: "السابع عشر",
    18: "الثامن عشر",
    19: "التاسع عشر",
    20: "العشرون",
}

# Content, not interface: a draft's slogan in both languages until staff write one.
DRAFT_SLOGAN = {"ar": "يُعلن الشعار لاحقاً", "en": "Slogan to be announced"}


class SeasonActionRefused(Exception):
    """What staff asked would break a rule; the message says which, in their language."""


def season_names(number):
    """{"ar": "الموسم السادس", "en": "6th season"}, as the seed names the 5th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    arabic = ARABIC_ORDINALS.get(number)
    return {
        "ar": f"الموسم {arabic}" if arabic else f"الموسم {number}",
        "en": f"{number}{suffix} season",
    }


def a_year_later(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def a_year_later_moment(moment, zone):
    """The same local time on the same date a year later, in the season's zone."""
    if moment is None:
        return None
    local = moment.astimezone(zone)
    day = a_year_later(local.date())
    return dt.datetime.combine(day, local.time(), zone)


def _log(season, *, by, flag, message):
    if by is None:
        return
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[season],
        action_flag=flag,
        change_message=message,
        single_object=True,
    )


def copy_season_structure(source, target):
    """Copy what usually carries over from one season to another: venues and
    their spaces, masarat (names, descriptions, colours, order) and volunteer
    teams (capacity, required skills, description; not their contact person
    or briefing, which are the new season's)."""
    from activities.models import Masar
    from volunteers.models import Team

    translated = ("name_ar", "name_en")
    for venue in source.venues.prefetch_related("spaces"):
        copy = Venue.objects.create(
            season=target,
            map_url=venue.map_url,
            order=venue.order,
            opens_at=venue.opens_at,
            closes_at=venue.closes_at,
            **{f: getattr(venue, f) for f in (*translated, "address_ar", "address_en")},
        )
        Space.objects.bulk_create(
            Space(
                venue=copy,
                capacity=space.capacity,
                kind=space.kind,
                order=space.order,
                **{f: getattr(space, f) for f in translated},
            )
            for space in venue.spaces.all()
        )
    Masar.objects.bulk_create(
        Masar(
            season=target,
            slug=masar.slug,
            colour=masar.colour,
            order=masar.order,
            **{f: getattr(masar, f) for f in (*translated, "description_ar", "description_en")},
        )
        for masar in Masar.objects.filter(season=source)
    )
    Team.objects.bulk_create(
        Team(
            season=target,
            slug=team.slug,
            capacity=team.capacity,
            order=team.order,
            is_open=team.is_open,
            required_skills=list(team.required_skills),
            **{f: getattr(team, f) for f in (*translated, "description_ar", "description_en")},
        )
        for team in Team.objects.filter(season=source)
    )


def prepare_next_season(season, *, by=None):
    """Make season N+1 from season N: not current and not published, its dates
    and windows a year later (a draft for staff to edit), with the venues,
    masarat and teams copied. Returns the new season."""
    number = season.number + 1
    with transaction.atomic():
        # Locked so that two clicks at once make one season, not an error page.
        Season.objects.select_for_update().filter(pk=season.pk).first()
        if Season.objects.filter(number=number).exists():
            raise SeasonActionRefused(
                _("Season %(number)s exists already: edit it instead.") % {"number": number}
            )
        zone = season.zone
        names = season_names(number)
        draft = Season.objects.create(
            number=number,
            name_ar=names["ar"],
            name_en=names["en"],
            slogan_ar=DRAFT_SLOGAN["ar"],
            slogan_en=DRAFT_SLOGAN["en"],
            intro_ar=season.intro_ar,
            intro_en=season.intro_en,
            start_date=a_year_later(season.start_date),
            end_date=a_year_later(season.end_date),
            time_zone=season.time_zone,
            proposals_open=a_year_later_moment(season.proposals_open, zone),
            proposals_close=a_year_later_moment(season.proposals_close, zone),
            volunteers_open=a_year_later_moment(season.volunteers_open, zone),
            volunteers_close=a_year_later_moment(season.volunteers_close, zone),
            is_current=False,
            is_public=False,
        )
        copy_season_structure(season, draft)
        _log(
            draft,
            by=by,
            flag=ADDITION,
            message=_("Prepared from season %(number)s.") % {"number": season.number},
        )
    return draft


def check_can_be_current(season):
    """The messages that keep a season from becoming current (empty if none):
    its own data must hold (season.clean and the constraints)."""
    try:
        season.full_clean(exclude=["is_current", "is_public"], validate_unique=False)
    except ValidationError as error:
        return [message for messages in error.message_dict.values() for message in messages]
    return []


def make_current_season(season, *, by=None):
    """Make this season the current one (and so published): the home page,
    the short addresses of the programme and the forms move to it. Every
    other season keeps its pages at /seasons/<number>/."""
    with transaction.atomic():
        season = Season.objects.select_for_update().get(pk=season.pk)
        problems = check_can_be_current(season)
        if problems:
            raise SeasonActionRefused(" ".join(str(problem) for problem in problems))
        if season.is_current:
            return season
        previous = list(Season.objects.select_for_update().filter(is_current=True))
        for other in previous:
            # save(), not update(): the signal makes the programme's cache stale.
            other.is_current = False
            other.save(update_fields=["is_current"])
        season.is_current = True
        season.is_public = True
        season.save(update_fields=["is_current", "is_public"])
        _log(season, by=by, flag=CHANGE, message=_("Made the current season."))
        for other in previous:
            _log(
                other,
                by=by,
                flag=CHANGE,
                message=_("No longer the current season (season %(number)s is).")
                % {"number": season.number},
            )
    return season
