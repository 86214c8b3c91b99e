"""Bad requests get a page in the visitor's language, never a server error."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_post_beyond_the_size_limit_gets_the_400_page_in_the_visitors_language(seeded):
    client = Client(raise_request_exception=False)
    response = client.post("/ar/admin/login/", {"username": "ش" * 300_000})
    assert response.status_code == 400
    assert "تعذّرت قراءة هذا الطلب" in response.content.decode()


def test_a_form_whose_security_token_expired_asks_to_send_it_again(seeded):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Please send the form again" in response.content.decode()
    response = client.post("/ar/admin/login/", {"username": "x", "password": "y"})
    assert "يرجى إرسال النموذج مرة أخرى" in response.content.decode()


def test_a_request_for_another_host_gets_the_400_page_not_a_server_error(seeded):
    client = Client(raise_request_exception=False, HTTP_HOST="evil.example.com")
    response = client.get("/ar/")
    assert response.status_code == 400
    assert "تعذّرت قراءة هذا الطلب" in response.content.decode()


def test_health_probes_by_address_need_no_known_host(seeded):
    client = Client(HTTP_HOST="10.0.0.7:8001")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
