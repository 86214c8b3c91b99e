from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Programme and proposals")

    def ready(self):
        # Any change to the programme's rows makes its cached pages stale.
        from .cache import connect_signals

        connect_signals()
