"""Every admin page needs a second factor: setting up an authenticator app at
the first login, typing its codes after, recovery codes, and the limits on
wrong codes. (Passkeys: tests/browser/test_staff_second_factor.py.)"""

import base64
import datetime as dt
import re
import time
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from staff.models import RecoveryCode, RecoveryCodeDevice
from tests.factories import ProgrammeModeratorFactory, log_in_verified
from tests.second_factor import add_authenticator, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "moderator-password-123"


def log_in_with_password(client, username, password=PASSWORD):
    """The first step, through the admin's login form (django-axes watches it)."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        follow=True,
    )


def setup_key(response):
    """The key the setup page shows, as a person would type it into an app."""
    shown = re.search(r'<code dir="ltr" lang="en">([A-Z2-7 ]+)</code>', response.content.decode())[
        1
    ]

    b32 = shown.replace(" ", "")
    return base64.b32decode(b32 + "=" * (-len(b32) % 8)).hex()


@pytest.fixture
def moderator():
    return ProgrammeModeratorFactory(username="layla")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_first_login_sets_up_an_app_then_shows_recovery_codes_once(moderator, language):
    client = Client()
    client.post(f"/{language}/admin/login/", {"username": "layla", "password": PASSWORD})
    response = client.get(f"/{language}/admin/activities/activity/", follow=True)
    setup_path = reverse("staff:setup")
    assert response.redirect_chain[-1][0].startswith(setup_path.replace("/ar/", f"/{language}/"))
    page = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert 'src="data:image/svg+xml' in page  # the QR code

    key = setup_key(response)
    wrong = f"{(int(totp_code(key)) + 1) % 1_000_000:06d}"
    refused = client.post(response.redirect_chain[-1][0], {"code": wrong})
    assert refused.status_code == 200
    assert "aria-invalid" in refused.content.decode()
    assert not moderator.totpdevice_set.exists()

    done = client.post(response.redirect_chain[-1][0], {"code": totp_code(key)}, follow=True)
    codes = re.findall(r"<li><code>([a-z2-9-]{19})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert moderator.totpdevice_set.get().confirmed
    # Only the hashes are stored.
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(stored) == 10 and not stored & set(codes)
    # Shown once: the page now only counts them.
    again = client.get(reverse("staff:recovery_codes")).content.decode()
    assert not any(code in again for code in codes)
    # And the admin opens, where the moderator was going.
    assert client.get(f"/{language}/admin/activities/activity/").status_code == 200


def test_a_staff_member_with_an_app_types_its_code_at_each_login(moderator):
    key = add_authenticator(moderator)
    client = Client()
    response = log_in_with_password(client, "layla")
    assert response.redirect_chain[-1][0].startswith(reverse("staff:verify"))
    assert client.get(reverse("admin:index")).status_code == 302
    response = client.post(response.redirect_chain[-1][0], {"code": totp_code(key)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_old_or_reused_code_does_not_open_the_admin(moderator):
    key = add_authenticator(moderator)
    first = Client()
    log_in_with_password(first, "layla")
    code = totp_code(key)
    first.post(reverse("staff:verify"), {"code": code})
    assert first.get(reverse("admin:index")).status_code == 200
    # The same code a second time (someone who saw it typed): refused.
    second = Client()
    log_in_with_password(second, "layla")
    second.post(reverse("staff:verify"), {"code": code})
    assert second.get(reverse("admin:index")).status_code == 302
    # A code of ten minutes ago: refused.
    third = Client()
    log_in_with_password(third, "layla")
    third.post(reverse("staff:verify"), {"code": totp_code(key, at=time.time() - 600)})
    assert third.get(reverse("admin:index")).status_code == 302


def test_wrong_codes_pause_the_checking_even_of_a_right_code(moderator):
    key = add_authenticator(moderator)
    client = Client()
    log_in_with_password(client, "layla")
    right = totp_code(key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(3):
        client.post(reverse("staff:verify"), {"code": wrong})
    response = client.post(reverse("staff:verify"), {"code": right})
    assert response.status_code == 429
    assert "aria-invalid" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    # Once the pause (2^(n-1) seconds after n wrong codes) is over, it is checked again.
    device = moderator.totpdevice_set.get()
    device.throttling_failure_timestamp -= dt.timedelta(minutes=1)
    device.save()
    client.post(reverse("staff:verify"), {"code": right})
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_recovery_code_opens_the_admin_once(moderator):
    add_authenticator(moderator)
    codes = RecoveryCodeDevice.replace_for(moderator)
    client = Client()
    log_in_with_password(client, "layla")
    client.post(reverse("staff:verify"), {"code": codes[0].upper()})
    assert client.get(reverse("admin:index")).status_code == 200
    assert RecoveryCode.objects.count() == 9

    again = Client()
    log_in_with_password(again, "layla")
    response = again.post(reverse("staff:verify"), {"code": codes[0]})
    assert "aria-invalid" in response.content.decode()
    assert again.get(reverse("admin:index")).status_code == 302


def test_the_password_step_still_locks_out_after_five_wrong_passwords(moderator, settings):
    settings.AXES_ENABLED = True
    client = Client()
    for _ in range(5):
        log_in_with_password(client, "layla", "wrong-password")
    response = log_in_with_password(client, "layla")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_createsuperuser_still_makes_the_first_account_who_sets_up_at_first_login():
    call_command(
        "createsuperuser",
        "--noinput",
        "--username=first",
        "--email=first@example.org",
        stdout=mock.MagicMock(),
    )
    user = User.objects.get(username="first")
    user.set_password("first-password-123")
    user.save()
    client = Client()
    response = log_in_with_password(client, "first", "first-password-123")
    assert response.redirect_chain[-1][0].startswith(reverse("staff:setup"))


def test_the_verified_helper_opens_the_admin_and_a_plain_login_does_not(moderator):
    plain = Client()
    plain.force_login(moderator)
    assert plain.get(reverse("admin:index")).status_code == 302
    verified = Client()
    log_in_verified(verified, moderator)
    assert verified.get(reverse("admin:index")).status_code == 200


def test_the_second_factor_pages_are_for_logged_in_staff_only(moderator):
    anonymous = Client()
    for name in ["staff:setup", "staff:verify", "staff:recovery_codes"]:
        response = anonymous.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_a_passkey_is_added_without_the_second_factor_only_by_whom_has_none(moderator):
    begin = reverse("otp_webauthn:credential-registration-begin")
    client = Client()
    log_in_with_password(client, "layla")
    # Recovery codes left after a superuser removed a lost app do not count.
    RecoveryCodeDevice.replace_for(moderator)
    options = client.post(begin, content_type="application/json")
    assert options.status_code == 200
    assert options.json()["rp"]["id"] == "testserver"
    # Someone who has the password of an account with an app cannot add their own passkey.
    add_authenticator(moderator)
    assert client.post(begin, content_type="application/json").status_code == 403
    assert Client().post(begin, content_type="application/json").status_code == 403
