from django.views.generic import TemplateView

from forum.views import CurrentSeasonMixin


class SignupView(CurrentSeasonMixin, TemplateView):
    """Placeholder until the volunteers issue builds the form."""

    template_name = "volunteers/signup_placeholder.html"
