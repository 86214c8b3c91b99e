"""Production settings, admin login limits, and logs without personal data."""

import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from forum.logging import RedactPersonalData, redact

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # As on a server: without the test run's own switches (the browser tests
    # set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly warns about).
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "forum.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_passes_check_deploy_without_a_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="forum.example.org",
        SITE_URL="https://forum.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("key", ["", "dev-only-insecure-key-change-me", "short"])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = run_manage(
        "check",
        SECRET_KEY=key,
        ALLOWED_HOSTS="forum.example.org",
        SITE_URL="https://forum.example.org",
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY to a long random value" in result.stderr


@pytest.mark.parametrize("site_url", ["", "   "])
def test_production_refuses_to_start_without_the_site_url(site_url):
    """Links in emails would otherwise point to a development address."""
    result = run_manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="forum.example.org",
        SITE_URL=site_url,
    )
    assert result.returncode != 0
    assert "Set SITE_URL to the site's public address" in result.stderr


def test_production_refuses_a_site_url_with_a_path():
    result = run_manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="forum.example.org",
        SITE_URL="https://forum.example.org/isf/",
    )
    assert result.returncode != 0
    assert "SITE_URL must be the site's address" in result.stderr


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_admin_login_locks_a_username_and_address_after_five_wrong_passwords(client):
    User.objects.create_superuser("moderator", "m@example.org", "a-long-correct-password")
    login_url = "/en/admin/login/"
    for _attempt in range(5):
        response = client.post(login_url, {"username": "moderator", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(
        login_url, {"username": "moderator", "password": "a-long-correct-password"}
    )
    assert response.status_code == 429
    # Another address is not locked out by this one.
    response = client.post(
        login_url,
        {"username": "moderator", "password": "a-long-correct-password"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302


@pytest.fixture
def admin_moved(settings):
    import importlib

    from django.urls import clear_url_caches

    import forum.urls

    settings.ADMIN_URL = "staff-desk/"
    importlib.reload(forum.urls)
    clear_url_caches()
    yield
    settings.ADMIN_URL = "admin/"
    importlib.reload(forum.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_admin_path_is_configurable(client, admin_moved):
    response = client.get("/en/staff-desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/staff-desk/login/")
    assert client.get("/en/admin/").status_code == 404


def test_weak_staff_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["password123", "12345678901234", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Sent to zainab.ali@example.org", "Sent to [email]"),
        ("Phone +964 770 123 4567 invalid", "Phone [phone] invalid"),
        ("Phone ٠٧٧٠١٢٣٤٥٦٧ invalid", "Phone [phone] invalid"),
        ("Activity ISF5-0042 accepted", "Activity ISF5-0042 accepted"),
    ],
)
def test_logs_never_contain_emails_or_phone_numbers(message, expected):
    assert redact(message) == expected


def test_the_redacting_filter_covers_arguments_too():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "to %s", ("a@b.org",), None)
    RedactPersonalData().filter(record)
    assert record.getMessage() == "to [email]"


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "expected"), [("ar", "إشعار الخصوصية"), ("en", "Privacy notice")])
def test_privacy_notice_exists_in_both_languages_and_is_linked_from_every_page(
    client, seeded, lang, expected
):
    page = client.get(f"/{lang}/privacy/").content.decode()
    assert f"<h1>{expected}</h1>" in page
    assert f'href="/{lang}/privacy/"' in client.get(f"/{lang}/").content.decode()
