from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class ForumConfig(AppConfig):
    name = "forum"
    # This module holds other apps' configs too: this one is the forum's.
    default = True
    verbose_name = _("Forum and seasons")


# Two packages name their apps in English only, and the admin's sidebar shows
# every app on every page: the same apps under names in the page's language.


class LoginAttemptsConfig(AxesAppConfig):
    default = False
    verbose_name = _("Login attempts")


class TaskQueueConfig(TasksAppConfig):
    default = False
    verbose_name = _("Background tasks")
