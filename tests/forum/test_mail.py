"""The durable outbox: rendered in the recipient's language, committed with
the submission, retried while the mail server is down."""

import datetime as dt
import email
import email.policy
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from forum.mail import queue_email, send_due_emails
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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
