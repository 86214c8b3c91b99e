"""The mail worker: django-tasks' db_worker, made to ride out a database outage.

    manage.py mail_worker [--interval 2]

db_worker exits on the first database error it meets while PostgreSQL is
down (a restart, a failover, a network cut); systemd would start it again,
but a task it was running is then left "running" for ever and its email
waits for the nightly sweep. This worker catches the error instead, closes
its connections, waits (1, 2, 4, … 30 s) and goes on; when the database
answers again it first tidies up what the outage interrupted (its own task
rows still "running", emails due) and then takes tasks as before.

No email is sent twice meanwhile: each one is claimed before the mail server
is contacted and "sent" is recorded, waiting out the outage, as soon as the
server accepted it (forum.mail).
"""

import contextlib
import logging
import time

from django.db import connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from forum.db import DATABASE_DOWN_ERRORS
from forum.mail import send_due_emails

logger = logging.getLogger("forum.mail_worker")

FIRST_WAIT = 1.0
LONGEST_WAIT = 30.0


class DeliveryInterrupted(Exception):
    """Recorded on a task whose worker lost the database while running it."""


class OutageProofWorker(db_worker.Worker):
    def run(self):
        wait = FIRST_WAIT
        while self.running:
            try:
                self.catch_up()
                wait = FIRST_WAIT
                super().run()
                return  # --batch or --max-tasks: done
            except DATABASE_DOWN_ERRORS as error:
                logger.warning("Database unavailable (%s); trying again in %.0f s", error, wait)
                self.close_connections()
                time.sleep(wait)  # SIGTERM still stops the worker at once here
                wait = min(wait * 2, LONGEST_WAIT)

    def catch_up(self):
        """After a start or an outage: what was interrupted, then what is due."""
        interrupted = [
            result
            for result in DBTaskResult.objects.running().filter(backend_name=self.backend_name)
            if result.worker_ids and result.worker_ids[-1] == self.worker_id
        ]
        for result in interrupted:
            result.set_failed(
                DeliveryInterrupted("The database went away while this task ran; see the outbox.")
            )
        sent, failed = send_due_emails()
        if interrupted or sent or failed:
            logger.info(
                "Caught up: %s interrupted task(s); %s email(s) sent, %s not sent",
                len(interrupted),
                sent,
                failed,
            )

    @staticmethod
    def close_connections():
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DATABASE_DOWN_ERRORS):
                connection.close()


class Command(db_worker.Command):
    help = "Run the mail worker (db_worker that waits out a database outage)."

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        # db_worker's own options, without its autoreloader: a worker for
        # servers, where a reload could cut a delivery short.
        self.configure_logging(verbosity)
        worker = OutageProofWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker.run()
