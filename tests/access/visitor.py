"""One role's browser in the admin, and what it reads in a response."""

import io
import re
from urllib.parse import urlsplit

import openpyxl
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from tests.factories import log_in_verified

from .table import NOT_VERIFIED, PERSONAL_DATA


def rows_written():
    """Rows inserted, updated or deleted so far in this transaction (sessions aside)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables WHERE relname <> 'django_session'"
        )
        return cursor.fetchone()[0]


def readable_text(response):
    """What a person would read in the response: the page, the CSV, or every
    cell of the XLSX."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in response.get("Content-Type", ""):
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        book.close()
        return "\n".join(cells)
    return body.decode("utf-8", errors="replace")


SPACING = re.compile(r"[\s\u00a0\u200e\u200f\u2066-\u2069]")


def personal_data_in(text):
    """The kinds of personal data whose values appear in text, however spaced
    (+964 780 111 2233 is +9647801112233)."""
    squeezed = SPACING.sub("", text)
    return {
        kind
        for kind, values in PERSONAL_DATA.items()
        if any(SPACING.sub("", value) in squeezed for value in values)
    }


REFUSED, DONE = "refused", "done"


class Visitor:
    """One role's browser: a client that enforces CSRF, logged in as the role."""

    def __init__(self, role, user):
        self.role = role
        self.user = user
        self.client = Client(enforce_csrf_checks=True)
        self.root = reverse("admin:index")
        self.login_path = reverse("admin:login")
        # Where a staff member without the second factor is sent instead.
        self.second_factor_paths = {reverse("staff:setup"), reverse("staff:verify")}
        self.log_in()

    def log_in(self):
        if self.user is not None and self.role in NOT_VERIFIED:
            self.client.force_login(self.user)  # the password step only
        elif self.user is not None:
            log_in_verified(self.client, self.user)
        # A token from a page, as a browser would have it: the login form for
        # visitors, the logout button of the index for staff, the second
        # factor's page for staff who have not passed it.
        page = self.client.get(self.login_path if self.user is None else self.root, follow=True)
        self.token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
        )[1]

    def request(self, method, path, data=None):
        """The response and whether it wrote any row; nothing it wrote stays."""
        self.client.cookies.pop("messages", None)
        with transaction.atomic():
            before = rows_written()
            if method == "GET":
                response = self.client.get(path)
            else:
                response = self.client.post(path, {"csrfmiddlewaretoken": self.token, **data})
            wrote = rows_written() != before
            text = readable_text(response)
            transaction.set_rollback(True)
        if self.user is not None and "_auth_user_id" not in self.client.session:
            self.log_in()  # it logged out
        return response, wrote, text

    def outcome(self, response):
        assert response.status_code < 500 and response.status_code not in {400, 401}, (
            f"{response.status_code} for {response.request['PATH_INFO']}"
        )
        if response.status_code in {403, 404, 405}:
            return REFUSED
        # The admin also refuses by sending people to the login form, or home.
        if response.status_code in {301, 302} and urlsplit(response["Location"]).path in {
            self.login_path,
            self.root,
            *self.second_factor_paths,
        }:
            return REFUSED
        return DONE
