"""The mail worker (manage.py mail_worker) with PostgreSQL cut behind a proxy
and a real SMTP server: it rides out the outage, and an email whose delivery
the outage interrupted goes out once, not twice."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from forum.mail import INTERRUPTED_AFTER, queue_email, release_interrupted
from forum.models import OutgoingEmail
from tests.system.servers import ROOT, database_url, free_port

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Inbox:
    """An SMTP server's handler: what it accepted, and what to do on a message."""

    def __init__(self):
        self.subjects = []
        self.on_message = None

    async def handle_DATA(self, server, session, envelope):
        subject = next(
            line.split(":", 1)[1].strip()
            for line in envelope.content.decode().splitlines()
            if line.startswith("Subject:")
        )
        self.subjects.append(subject)
        if self.on_message:
            self.on_message(subject)
        return "250 OK"

    def count(self, subject):
        return self.subjects.count(subject)


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


class MailWorker:
    def __init__(self, env):
        self.log = open(f"/tmp/isf-mail-worker-{os.getpid()}.log", "a+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "mail_worker",
                "--interval",
                "0.3",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    @property
    def alive(self):
        return self.process.poll() is None

    def output(self):
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self, sig=signal.SIGTERM):
        if self.alive:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


@pytest.fixture
def worker_env(server_env_for, database_proxy, inbox):
    env = server_env_for(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(inbox.port),
        EMAIL_USE_TLS="false",
        EMAIL_TIMEOUT="5",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        LOG_LEVEL="INFO",
    )
    env["DATABASE_URL"] = database_url(connection.settings_dict, port=database_proxy.port)
    return env


@pytest.fixture
def worker(worker_env):
    started = MailWorker(worker_env)
    yield started
    started.stop()


def queue(subject):
    """An email queued as a form does: the row and its task, committed together."""
    with override_settings(TASKS=DATABASE_QUEUE), transaction.atomic():
        return queue_email(
            to=["organizer@example.org"],
            template="tests/emails/hello",
            context={"name": subject},
            language="en",
        )


def wait_for(condition, what, worker, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; worker log:\n{worker.output()}")


def status_of(email):
    email.refresh_from_db()
    return email.status


def test_the_mail_worker_rides_out_a_database_outage_and_sends_each_email_once(
    transactional_db, database_proxy, inbox, worker, settings
):
    first = queue("first")
    wait_for(lambda: status_of(first) == "sent", "the first email", worker)
    assert inbox.count("Iraqi Social Forum: first") == 1

    # PostgreSQL goes away while the worker waits for work, and an email is
    # queued meanwhile (by a web server that still reaches the database).
    database_proxy.cut()
    during = queue("during the outage")
    time.sleep(4)
    assert worker.alive, worker.output()
    assert status_of(during) == "pending"
    database_proxy.restore()
    wait_for(lambda: status_of(during) == "sent", "the email queued during the outage", worker)

    # The outage that doubled an email: the mail server accepts the message,
    # and the database is gone before "sent" is recorded.
    def cut_then_come_back(subject):
        if subject.endswith("cut mid-delivery"):
            inbox.on_message = None
            database_proxy.cut()
            threading.Timer(4, database_proxy.restore).start()

    inbox.on_message = cut_then_come_back
    cut = queue("cut mid-delivery")
    wait_for(lambda: status_of(cut) == "sent", "the interrupted delivery to be recorded", worker)
    assert worker.alive, worker.output()

    # After the recovery, nothing sends it again: not the worker's own
    # catching up, not the nightly sweep.
    after = queue("after")
    wait_for(lambda: status_of(after) == "sent", "an email after the recovery", worker)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", inbox.port
    call_command("send_queued_email", "--all", stdout=open(os.devnull, "w"))  # noqa: SIM115
    time.sleep(2)
    names = ["first", "during the outage", "cut mid-delivery", "after"]
    assert sorted(inbox.subjects) == sorted(f"Iraqi Social Forum: {name}" for name in names)
    assert "Database unavailable" in worker.output()


def test_an_email_whose_worker_died_mid_delivery_is_not_sent_twice(
    transactional_db, database_proxy, inbox, worker_env
):
    """The window that remains: the worker process itself dies after the mail
    server took the message, before "sent" was recorded. The next worker
    does not send it again; it is marked interrupted (at most once)."""
    worker = MailWorker(worker_env)
    try:
        inbox.on_message = lambda subject: worker.process.kill()
        doomed = queue("doomed")
        wait_for(lambda: not worker.alive, "the worker to die", worker)
        assert inbox.count("Iraqi Social Forum: doomed") == 1
        assert status_of(doomed) == "sending"
    finally:
        worker.stop()

    inbox.on_message = None
    second = MailWorker(worker_env)
    try:
        later = queue("later")
        wait_for(lambda: status_of(later) == "sent", "the next worker to send", second)
        assert status_of(doomed) == "sending"
        assert inbox.count("Iraqi Social Forum: doomed") == 1
    finally:
        second.stop()
    assert release_interrupted(now=timezone.now() + INTERRUPTED_AFTER + INTERRUPTED_AFTER) == 1
    assert status_of(doomed) == "interrupted"
    assert OutgoingEmail.objects.filter(status="pending").count() == 0
