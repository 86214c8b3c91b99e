from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from forum.views import CurrentSeasonMixin

from ..models import Masar


class MasarDetailView(CurrentSeasonMixin, DetailView):
    template_name = "activities/masar_detail.html"
    context_object_name = "masar"

    def get_object(self, queryset=None):
        return get_object_or_404(Masar, season=self.get_season(), slug=self.kwargs["slug"])
