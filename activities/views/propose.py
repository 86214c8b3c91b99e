from django.views.generic import TemplateView

from forum.views import CurrentSeasonMixin


class ProposeView(CurrentSeasonMixin, TemplateView):
    """Placeholder until the proposals issue builds the form."""

    template_name = "activities/propose_placeholder.html"
