"""What a staff member's authenticator app does, computed here independently
of django-otp (RFC 6238: HMAC-SHA1 of the 30-second step, six digits)."""

import binascii
import hashlib
import hmac
import struct
import time


def totp_code(hex_key, at=None, step=30, digits=6):
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(binascii.unhexlify(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def add_authenticator(user):
    """Gives user an authenticator app (a confirmed TOTP device); returns its key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True).key


def log_in_to_admin(page, base_url, username, password, *, language="en"):
    """A staff member's two-step login in the browser: the password, then the
    app's current code (the account has an app: add_authenticator)."""
    from django.contrib.auth.models import User

    key = User.objects.get(username=username).totpdevice_set.get().key
    page.goto(f"{base_url}/{language}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
    page.locator("#id_code").fill(totp_code(key))
    page.locator("#code-heading ~ form button[type=submit]").click()
