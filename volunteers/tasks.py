"""What the volunteer forms leave to the task queue (django-tasks; with the
database queue, `manage.py db_worker` runs them): writing the emails.

The request only saves the sign-up and queues one of these, whether the
address is new or known, so its time does not tell who volunteers. Their
arguments are ids, never personal data: the queue's
table keeps them after the task has run.
"""

from django.db import transaction
from django_tasks import task


@task()
def welcome_volunteer(volunteer_id):
    """The new volunteer's email with their private link, and the coordinators' notice."""
    from . import services  # services queues these tasks

    with transaction.atomic():
        volunteer = (
            services.Volunteer.objects.active()
            .not_spam()
            .select_related("season")
            .filter(pk=volunteer_id)
            .first()
        )
        if volunteer is not None:
            services.send_welcome(volunteer=volunteer)


@task()
def email_private_link(volunteer_id):
    """The private link again, to the volunteer's own address, at most once in
    ten minutes; nothing when no volunteer was found (`volunteer_id` None)."""
    from . import services

    volunteer = services.Volunteer.objects.filter(pk=volunteer_id).first() if volunteer_id else None
    if volunteer is not None and not volunteer.suspected_spam:
        services.send_private_link(volunteer=volunteer)
