"""The plain form of the scheduler: an activity, a space and a start time
from lists, for the keyboard, a screen reader and a phone. The drag-and-drop
path fills the same form."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.forms import CleanTextMixin
from forum.models import Space

from ..models import Activity


class PlacementForm(CleanTextMixin, forms.Form):
    activity = forms.ModelChoiceField(queryset=Activity.objects.none(), label=_("Activity"))
    space = forms.ModelChoiceField(queryset=Space.objects.none(), label=_("Space"))
    start = forms.ChoiceField(label=_("Start time"))

    def __init__(self, *args, season, day, times, **kwargs):
        super().__init__(*args, **kwargs)
        self.season, self.day = season, day
        activities = (
            Activity.objects.filter(season=season, status=Activity.Status.ACCEPTED)
            .select_related("season", "space__venue")
            .order_by("number")
        )
        self.fields["activity"].queryset = activities
        self.fields["activity"].choices = activity_choices(activities)
        self.fields["space"].queryset = Space.objects.filter(venue__season=season).select_related(
            "venue"
        )
        self.fields["space"].label_from_instance = space_label
        self.fields["start"].choices = [("", "---------")] + [
            (moment.strftime("%H:%M"), moment.strftime("%H:%M")) for moment in times
        ]

    def clean(self):
        data = super().clean()
        start = data.get("start")
        if start:
            hour, minute = (int(part) for part in start.split(":"))
            data["starts_at"] = dt.datetime.combine(
                self.day, dt.time(hour, minute), self.season.zone
            )
        return data


def space_label(space):
    from .service import space_name

    return space_name(space)


def activity_choices(activities):
    """Two groups: the accepted activities still to place, and those placed."""
    from django.utils.translation import get_language

    from .. import services

    language = get_language()
    waiting, placed = [], []
    for activity in activities:
        label = f"{activity.reference} — {services.text_for(activity, 'title', language)}"
        (placed if activity.is_scheduled else waiting).append((activity.pk, label))
    return [
        ("", "---------"),
        (_("Not scheduled yet"), waiting),
        (_("Scheduled (to move)"), placed),
    ]
