"""A season's volunteers counted, for its page "in numbers"
(forum/season_figures.py): who counts, and the counts kept for good.

Counted: the volunteers the coordinators confirmed or placed in a team, none
held as spam, none erased. The erasure after a season
(`services.erase_volunteers_of_ended_seasons`) blanks gender, clears teams
and marks everyone withdrawn; so it first keeps the season's counts in a
`SeasonVolunteerCounts` row, and from then on the page shows those.
"""

from collections import Counter

from django.db.models import Count

from .models import Gender, SeasonVolunteerCounts, Volunteer

COUNTED_STATUSES = (Volunteer.Status.CONFIRMED, Volunteer.Status.ASSIGNED)


def counted_volunteers(season):
    return Volunteer.objects.filter(
        season=season,
        status__in=COUNTED_STATUSES,
        suspected_spam=False,
        erased_at__isnull=True,
    )


def count_volunteers(season):
    """{"teams": {team id: n}, "age_groups": {value: n}, "genders": {value: n}},
    from the rows as they are now, in two queries."""
    teams = (
        counted_volunteers(season)
        .filter(status=Volunteer.Status.ASSIGNED)
        .values("team")
        .annotate(counted=Count("pk"))
    )
    ages, genders = Counter(), Counter()
    for group in (
        counted_volunteers(season).values("age_group", "gender").annotate(counted=Count("pk"))
    ):
        ages[group["age_group"]] += group["counted"]
        # Not given (an older sign-up): counted with those who preferred not to say.
        genders[group["gender"] or Gender.UNSTATED] += group["counted"]
    return {
        "teams": {str(row["team"]): row["counted"] for row in teams},
        "age_groups": dict(ages),
        "genders": dict(genders),
    }


def volunteer_counts(season):
    """The counts kept before the season's erasure, else counted now."""
    kept = SeasonVolunteerCounts.objects.filter(season=season).first()
    if kept is not None:
        return {"teams": kept.teams, "age_groups": kept.age_groups, "genders": kept.genders}
    return count_volunteers(season)


def keep_volunteer_counts(season):
    """Keep the season's counts as they are now (once: a later call keeps
    the first counts, made before anyone was erased)."""
    counts = count_volunteers(season)
    SeasonVolunteerCounts.objects.get_or_create(season=season, defaults=counts)


def seasons_with_volunteers(volunteers):
    """The seasons of these volunteers (a queryset)."""
    from forum.models import Season

    return Season.objects.filter(pk__in=volunteers.values("season")).order_by()
