"""When the database is down: a bilingual 503, /healthz says so, and the site
recovers by itself when the database returns."""

import socket
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_down():
    if connection.vendor == "sqlite":
        pytest.fail("These tests need PostgreSQL (DATABASE_URL)")
    saved = connection.settings_dict["PORT"], connection.settings_dict["HOST"]
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", closed_port()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"], connection.settings_dict["HOST"] = saved


@pytest.fixture
def visitor():
    # As a browser sees it: handler500 answers instead of the test raising.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", ["/ar/", "/en/about/", "/ar/masarat/heritage/"])
def test_pages_answer_a_bilingual_we_will_be_back_page_with_503(visitor, seeded, url):
    with database_down():
        response = visitor.get(url)
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "سنعود قريباً" in page
    assert "We'll be back soon" in page


def test_healthz_answers_503_while_the_database_is_down(visitor, seeded):
    with database_down():
        response = visitor.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_the_site_recovers_without_a_restart_when_the_database_returns(visitor, seeded):
    with database_down():
        assert visitor.get("/ar/").status_code == 503
    response = visitor.get("/ar/")
    assert response.status_code == 200
    assert "المواطنة" in response.content.decode()
    assert visitor.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_other_errors_still_get_the_500_page(visitor, seeded, monkeypatch):
    from forum import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.HomeView, "get_context_data", broken)
    response = visitor.get("/ar/")
    assert response.status_code == 500
    assert "حدث خطأ من جهتنا" in response.content.decode()
