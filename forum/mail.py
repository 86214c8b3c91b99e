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
import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from .db import DATABASE_DOWN_ERRORS
from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
# 1, 2, 4, … minutes, at most an hour between tries: about half a day in all.
MAX_BACKOFF = dt.timedelta(hours=1)
# How long a sender keeps trying to record the outcome of a delivery while
# the database is down, and after how long an email still "sending" is taken
# for interrupted (longer than that and any SMTP exchange, EMAIL_TIMEOUT).
RECORD_PATIENCE = dt.timedelta(minutes=15)
INTERRUPTED_AFTER = dt.timedelta(minutes=30)


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


def claim(email_id, now=None):
    """Take a pending email for sending, or None if it is not pending (sent,
    being sent by another worker, given up). One UPDATE in its own
    transaction: the claim is committed before the mail server is contacted,
    so no database transaction stays open across SMTP, and two senders never
    send one email."""
    now = now or timezone.now()
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING).update(
        status=OutgoingEmail.Status.SENDING, sending_since=now, attempts=F("attempts") + 1
    )
    return OutgoingEmail.objects.get(pk=email_id) if claimed else None


def send_claimed(email):
    """Deliver a claimed email now and record the outcome; True when it went out.

    Once the mail server has accepted the message, "sent" is recorded before
    anything else, and if the database is down at that moment the record is
    retried until it is back (RECORD_PATIENCE): the email is never sent again.
    """
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.to,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    try:
        message.send()
    except Exception as error:
        email.last_error = f"{type(error).__name__}: {error}"[:255]
        backoff = min(dt.timedelta(minutes=2 ** (email.attempts - 1)), MAX_BACKOFF)
        email.next_attempt_at = timezone.now() + backoff
        email.status = (
            OutgoingEmail.Status.FAILED
            if email.attempts >= MAX_ATTEMPTS
            else OutgoingEmail.Status.PENDING
        )
        _record(email, last_error=email.last_error, next_attempt_at=email.next_attempt_at)
        # Addresses stay out of the logs: the id is enough to find the row.
        logger.warning("Email %s not sent (attempt %s): %s", email.pk, email.attempts, error)
        return False
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    _record(email, sent_at=email.sent_at, last_error="")
    return True


def _record(email, **fields):
    """Write the outcome of a delivery, waiting out a database outage."""
    fields["status"] = email.status
    update = OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmail.Status.SENDING)
    patience = time.monotonic() + RECORD_PATIENCE.total_seconds()
    delay = 1.0
    while True:
        try:
            update.update(**fields)
            return
        except DATABASE_DOWN_ERRORS as error:
            if connection.in_atomic_block or time.monotonic() + delay > patience:
                # Left "sending": release_interrupted() will never send it again.
                raise
            logger.warning(
                "Email %s: database unavailable while recording %s (%s); retrying in %.0f s",
                email.pk,
                email.status,
                error,
                delay,
            )
            connection.close()
            time.sleep(delay)
            delay = min(delay * 2, 30.0)


def send_one(email_id):
    """Claim and send one email; True if sent, False if not (now), None if
    it was not pending."""
    email = claim(email_id)
    return None if email is None else send_claimed(email)


@task()
def deliver_email(email_id):
    email = claim(email_id)
    if email is None:
        return
    if not send_claimed(email) and email.status == OutgoingEmail.Status.PENDING:
        _enqueue(email.pk, run_after=email.next_attempt_at)


def release_interrupted(now=None):
    """Emails left "sending" for longer than any delivery takes: the sender
    stopped (killed, or the machine went down) between claiming them and
    recording the outcome, so nobody knows whether the mail server got them.
    They are marked interrupted and never sent again: at most once. Returns
    how many."""
    now = now or timezone.now()
    released = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, sending_since__lt=now - INTERRUPTED_AFTER
    ).update(
        status=OutgoingEmail.Status.INTERRUPTED,
        last_error="Interrupted while being sent: it may have gone out, so it is not sent again.",
    )
    if released:
        logger.warning("%s email(s) interrupted while being sent; not sent again", released)
    return released


def send_due_emails(now=None):
    """Send every pending email whose time has come; returns (sent, failed)."""
    now = now or timezone.now()
    release_interrupted()
    sent = failed = 0
    due = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    for email_id in list(due):
        outcome = send_one(email_id)
        if outcome:
            sent += 1
        elif outcome is False:
            failed += 1
    return sent, failed
