"""The durable outbox: rendered in the recipient's language, committed with
the submission, retried while the mail server is down."""

import datetime as dt
import email
import email.policy
import io
import socket
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from forum.mail import INTERRUPTED_AFTER, claim, queue_email, release_interrupted, send_due_emails
from forum.models import OutgoingEmail

pytestmark = pytest.mark.django_db(transaction=True)


def queue(language="ar", name="<b>Zainab</b>"):
    with transaction.atomic():
        return queue_email(
            to=["organizer@example.org"],
            template="tests/emails/hello",
            context={"name": name},
            language=language,
        )


def test_email_is_sent_in_the_recipients_language_with_text_and_html():
    queue("ar")
    queue("en")
    arabic, english = mail.outbox
    assert arabic.subject == "المنتدى الاجتماعي العراقي: <b>Zainab</b>"
    assert arabic.body.startswith("<b>Zainab</b>\n")
    assert english.subject == "Iraqi Social Forum: <b>Zainab</b>"
    html, mimetype = arabic.alternatives[0]
    assert mimetype == "text/html"
    assert 'dir="rtl"' in html
    # What a visitor typed is escaped in the HTML part.
    assert "&lt;b&gt;Zainab&lt;/b&gt;" in html
    assert OutgoingEmail.objects.filter(status="sent").count() == 2


def test_nothing_is_sent_when_the_submission_is_rolled_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to=["a@example.org"], template="tests/emails/hello", context={}, language="en")
        raise RuntimeError("the form failed after all")
    assert mail.outbox == []
    assert OutgoingEmail.objects.count() == 0


def test_a_mail_server_that_is_down_loses_nothing_and_the_email_goes_out_later(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 2
    queued = queue("en")
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.PENDING
    assert queued.attempts == 1
    assert "ConnectionRefused" in queued.last_error
    assert queued.next_attempt_at > timezone.now()

    # The server comes back; the retry sends it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_emails(now=timezone.now() + dt.timedelta(minutes=5)) == (1, 0)
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.SENT
    assert [m.subject for m in mail.outbox] == ["Iraqi Social Forum: <b>Zainab</b>"]


def test_send_queued_email_command_flushes_the_queue(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_TIMEOUT = 2
    queue("ar")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_queued_email", "--all", stdout=out)
    assert out.getvalue().strip() == "1 sent, 0 not sent"
    assert len(mail.outbox) == 1


def test_email_is_delivered_through_a_real_smtp_server(settings):
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        queue("ar", name="زينب")
    finally:
        controller.stop()
    assert len(received) == 1
    assert received[0].rcpt_tos == ["organizer@example.org"]
    message = email.message_from_bytes(received[0].content, policy=email.policy.default)
    # (the folded, encoded header decodes with a leading space)
    assert message["Subject"].strip() == "المنتدى الاجتماعي العراقي: زينب"
    assert message.get_body(("plain",)).get_content().startswith("زينب")
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def unsent(language="en"):
    """An email in the outbox that no one has tried to send yet."""
    return OutgoingEmail.objects.create(
        to=["organizer@example.org"], subject="Hello", body="Hello", language=language
    )


def test_an_email_being_sent_by_another_worker_is_not_sent_again():
    being_sent = unsent()
    assert claim(being_sent.pk) is not None
    assert claim(being_sent.pk) is None  # a second sender gets nothing
    assert send_due_emails(now=timezone.now() + dt.timedelta(days=1)) == (0, 0)
    assert mail.outbox == []
    being_sent.refresh_from_db()
    assert (being_sent.status, being_sent.attempts) == (OutgoingEmail.Status.SENDING, 1)


def test_an_email_whose_sender_died_while_sending_is_marked_interrupted_never_resent():
    stuck = unsent()
    claim(stuck.pk, now=timezone.now() - INTERRUPTED_AFTER - dt.timedelta(minutes=1))
    recent = unsent()
    claim(recent.pk)
    assert release_interrupted() == 1
    assert send_due_emails(now=timezone.now() + dt.timedelta(days=1)) == (0, 0)
    assert mail.outbox == []
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.status == OutgoingEmail.Status.INTERRUPTED
    assert "may have gone out" in stuck.last_error
    assert recent.status == OutgoingEmail.Status.SENDING


def test_sent_is_recorded_once_the_database_is_back_and_the_email_goes_out_once(settings):
    """The database fails just after the mail server accepted the message:
    the sender waits for it, records "sent", and nothing sends it again."""
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    update = QuerySet.update
    failures = []

    def database_blinks(queryset, **fields):
        if fields.get("status") == OutgoingEmail.Status.SENT and len(failures) < 2:
            failures.append(fields)
            raise OperationalError("server closed the connection unexpectedly")
        return update(queryset, **fields)

    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        with (
            mock.patch.object(QuerySet, "update", database_blinks),
            mock.patch("forum.mail.time.sleep") as waited,
        ):
            queued = queue("en")
        assert send_due_emails(now=timezone.now() + dt.timedelta(days=1)) == (0, 0)
    finally:
        controller.stop()
    assert len(failures) == 2
    assert [call.args[0] for call in waited.call_args_list] == [1.0, 2.0]
    assert len(received) == 1
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (OutgoingEmail.Status.SENT, 1)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
