"""Email, done once for the whole site.

    queue_email(to=[address], template="activities/emails/received",
                context={...}, language="ar")

renders `<template>_subject.txt`, `<template>.txt` and `<template>.html` in the
recipient's language, stores an OutgoingEmail row (inside the caller's
transaction: the submission and its email commit together), and after the
commit hands delivery to the task queue. A failed delivery is retried with
backoff; nothing is lost while the mail server is down.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
# 1, 2, 4, … minutes, at most an hour between tries: about half a day in all.
MAX_BACKOFF = dt.timedelta(hours=1)


def render_plain(name, context):
    """A text template without HTML escaping: a plain-text email shows what
    was typed as it was typed (the HTML part is escaped as usual)."""
    return get_template(name).template.render(Context(context, autoescape=False))


def render_email(template, context, language):
    with translation.override(language):
        context = {**context, "LANGUAGE_CODE": language}
        subject = render_plain(f"{template}_subject.txt", context)
        body = render_plain(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), body, html


def queue_email(*, to, template, context, language):
    subject, body, html = render_email(template, context, language)
    email = OutgoingEmail.objects.create(
        to=list(to), subject=subject, body=body, html=html, language=language
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id, run_after=None):
    try:
        if run_after and default_task_backend.supports_defer:
            deliver_email.using(run_after=run_after).enqueue(email_id)
        elif run_after is None:
            deliver_email.enqueue(email_id)
    except Exception:
        # The row is safe; send_queued_email will pick it up.
        logger.exception("Could not enqueue email %s", email_id)


def send_one(email):
    """Try to deliver one email now; True when it went out."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.to,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    email.attempts += 1
    try:
        message.send()
    except Exception as error:
        email.last_error = f"{type(error).__name__}: {error}"[:255]
        backoff = min(dt.timedelta(minutes=2 ** (email.attempts - 1)), MAX_BACKOFF)
        email.next_attempt_at = timezone.now() + backoff
        if email.attempts >= MAX_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
        email.save(update_fields=["attempts", "last_error", "next_attempt_at", "status"])
        # Addresses stay out of the logs: the id is enough to find the row.
        logger.warning("Email %s not sent (attempt %s): %s", email.pk, email.attempts, error)
        return False
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return True


@task()
def deliver_email(email_id):
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return
        sent = send_one(email)
    if not sent and email.status == OutgoingEmail.Status.PENDING:
        _enqueue(email.pk, run_after=email.next_attempt_at)


def send_due_emails(now=None):
    """Send every pending email whose time has come; returns (sent, failed)."""
    now = now or timezone.now()
    sent = failed = 0
    due = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    for email_id in list(due):
        with transaction.atomic():
            email = (
                OutgoingEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
                .first()
            )
            if email is None:
                continue
            if send_one(email):
                sent += 1
            else:
                failed += 1
    return sent, failed
