"""What a database that is down or unreachable raises, in one place: the
503 page (forum.views.server_error) and the mail worker (forum.mail,
manage.py mail_worker) both wait for it to come back."""

from django.db import InterfaceError, OperationalError

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
