from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes and initiatives")

    def ready(self):
        # Published outcomes show on cached pages (the activity's, the season's).
        from .signals import connect_signals

        connect_signals()
