"""The programme's filters: a GET form, so every view of the programme is a
URL that can be shared, bookmarked and used without JavaScript.

A plain Form rather than a ModelForm: it filters, it saves nothing.
"""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from forum.forms import CleanTextMixin
from forum.templatetags.forum_tags import field_in_language

from .models import Activity

ALL_DAYS = "all"


def _name(obj, field="name"):
    return field_in_language(obj, field)[0]


class ProgrammeFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )
    day = forms.ChoiceField(label=_("Day"), required=False)
    masar = forms.ChoiceField(label=_("Path (masar)"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, season, masarat, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self.season = season
        self.days = season.days
        self.fields["day"].choices = [
            (ALL_DAYS, _("All days")),
            *[(day.isoformat(), formats.date_format(day, "l j F")) for day in self.days],
        ]
        self.fields["masar"].choices = [
            ("", _("All paths")),
            *[(masar.slug, _name(masar)) for masar in masarat],
        ]
        places = [("", _("All places"))]
        for venue in venues:
            venue_name = _name(venue)
            options = [(f"venue-{venue.pk}", _("All of %(venue)s") % {"venue": venue_name})]
            options += [(f"space-{space.pk}", _name(space)) for space in venue.spaces.all()]
            places.append((venue_name, options))
        self.fields["place"].choices = places
        self.fields["format"].choices = [("", _("All formats")), *Activity.Format.choices]
        self.fields["language"].choices = [("", _("Any language")), *Activity.Language.choices]
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs.setdefault("class", css)

    def clean_day(self):
        value = self.cleaned_data["day"]
        if value in ("", ALL_DAYS):
            return value
        return next(day for day in self.days if day.isoformat() == value)

    def selected(self):
        """The valid filters only: a bad value in a shared link is ignored,
        not an error page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}

    @staticmethod
    def apply(queryset, selected):
        """The published activities that match the filters (the day apart)."""
        if selected.get("masar"):
            queryset = queryset.filter(masarat__slug=selected["masar"])
        place = selected.get("place", "")
        if place.startswith("venue-"):
            queryset = queryset.filter(space__venue_id=int(place.removeprefix("venue-")))
        elif place.startswith("space-"):
            queryset = queryset.filter(space_id=int(place.removeprefix("space-")))
        if selected.get("format"):
            queryset = queryset.filter(format=selected["format"])
        if selected.get("language"):
            queryset = queryset.in_language(selected["language"])
        if selected.get("q"):
            queryset = queryset.search(selected["q"])
        return queryset
