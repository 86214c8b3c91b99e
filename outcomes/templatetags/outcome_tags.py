from django import template
from django.db.models import Prefetch

from outcomes.models import InitiativeMember, Outcome
from outcomes.views import has_taken_place

register = template.Library()


@register.inclusion_tag("outcomes/includes/activity_outcome.html")
def activity_outcome(activity):
    """The published outcome of an activity, on its public page."""
    outcome = (
        Outcome.objects.published()
        .filter(activity=activity)
        .prefetch_related(
            "recommendations__masar",
            "initiatives",
            Prefetch(
                "initiatives__members",
                queryset=InitiativeMember.objects.filter(status=InitiativeMember.Status.APPROVED),
                to_attr="shown_members",
            ),
        )
        .first()
    )
    return {"outcome": outcome, "activity": activity}


@register.inclusion_tag("outcomes/includes/report_link.html")
def report_link(activity):
    """On the organizer's private page: the way to report outcomes, after the activity."""
    taken_place = activity.status == activity.Status.ACCEPTED and has_taken_place(activity)
    outcome = Outcome.objects.filter(activity=activity).first() if taken_place else None
    return {"activity": activity, "taken_place": taken_place, "outcome": outcome}
