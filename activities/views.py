from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from forum.views import CurrentSeasonMixin

from .models import Masar


class MasarDetailView(CurrentSeasonMixin, DetailView):
    template_name = "activities/masar_detail.html"
    context_object_name = "masar"

    def get_object(self, queryset=None):
        return get_object_or_404(Masar, season=self.get_season(), slug=self.kwargs["slug"])


class ProposeView(CurrentSeasonMixin, TemplateView):
    """Placeholder until the proposals issue builds the form."""

    template_name = "activities/propose_placeholder.html"
