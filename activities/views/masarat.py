from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from forum.templatetags.forum_tags import field_in_language

from ..cache import cached_page
from ..cards import attach_cards
from ..models import Masar
from ..programme import by_day
from .programme import SeasonProgrammeMixin, calendar_response


class MasarMixin(SeasonProgrammeMixin):
    def get_masar(self):
        return get_object_or_404(Masar, season=self.season, slug=self.kwargs["slug"])

    def masar_programme(self, masar):
        return self.programme().filter(masarat=masar)


@method_decorator(cached_page, name="dispatch")
class MasarDetailView(MasarMixin, DetailView):
    """A masar and its activities, day by day."""

    template_name = "activities/masar_detail.html"
    context_object_name = "masar"

    def get_object(self, queryset=None):
        return self.get_masar()

    def get_context_data(self, **kwargs):
        activities = attach_cards(self.masar_programme(self.object))
        return super().get_context_data(
            season=self.season,
            canonical_url=self.permanent_url("activities:season_masar", slug=self.object.slug),
            activities=activities,
            groups=by_day(activities),
            **kwargs,
        )


@method_decorator(cached_page, name="dispatch")
class MasarCalendarView(MasarMixin, View):
    def get(self, request, slug, **kwargs):
        masar = self.get_masar()
        name = field_in_language(masar, "name")[0]
        return calendar_response(
            list(self.masar_programme(masar)),
            season=self.season,
            name=_("%(masar)s — Iraqi Social Forum") % {"masar": name},
            filename=f"isf{self.season.number}-{masar.slug}.ics",
        )
