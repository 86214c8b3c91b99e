"""The programme's filters: a GET form, so every view of the programme is a
URL that can be shared, bookmarked and used without JavaScript.

A plain Form rather than a ModelForm: it filters, it saves nothing.
PROGRAMME_QUERY tells the page cache which parameters the programme reads
and which values it would use, so equivalent URLs share one cached page.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.choices import flatten_choices
from django.utils.translation import gettext_lazy as _

from forum.forms import CleanTextMixin
from forum.templatetags.forum_tags import field_in_language
from forum.widgets import FastSelect

from .cache import PageQuery, peek
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
    day = forms.ChoiceField(widget=FastSelect, label=_("Day"), required=False)
    masar = forms.ChoiceField(widget=FastSelect, label=_("Path (masar)"), required=False)
    place = forms.ChoiceField(widget=FastSelect, label=_("Place"), required=False)
    format = forms.ChoiceField(widget=FastSelect, label=_("Format"), required=False)
    language = forms.ChoiceField(widget=FastSelect, label=_("Language"), required=False)

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

    def accepted_values(self):
        """What each choice filter accepts: {name: {value, …}} (clean_filters)."""
        return {
            name: frozenset(value for value, _label in flatten_choices(field.choices) if value)
            for name, field in self.fields.items()
            if isinstance(field, forms.ChoiceField)
        }

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


# The cache value (activities.cache.cached) holding what the choice filters
# of the current season accept, written by the programme view when it renders.
FILTER_VALUES = "programme-filter-values"


def clean_filters(pairs):
    """The filters of a programme URL as the form would use them: a choice
    that is not one of the season's, a search the form would refuse, are left
    out (the page ignores them). None when the season's choices are not in
    the cache yet: the page is then rendered as asked, which puts them there.
    """
    fields = ProgrammeFilterForm.base_fields
    choices = [name for name, _value in pairs if isinstance(fields[name], forms.ChoiceField)]
    allowed = peek(FILTER_VALUES) if choices else {}
    if allowed is None:
        return None
    kept = []
    for name, value in pairs:
        if name in choices:
            if value in allowed.get(name, ()):
                kept.append((name, value))
            continue
        try:
            value = fields[name].clean(value)
        except ValidationError:
            continue
        if value:
            kept.append((name, value))
    return kept


PROGRAMME_QUERY = PageQuery(*ProgrammeFilterForm.base_fields, clean=clean_filters)
