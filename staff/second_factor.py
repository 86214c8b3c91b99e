"""A staff member's second factors: an authenticator app (TOTP), passkeys
(WebAuthn) and recovery codes, all django-otp devices."""

import base64
import binascii

import segno
from django.conf import settings
from django.http.request import split_domain_port
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_otp_webauthn import helpers as webauthn_helpers
from django_otp_webauthn.models import WebAuthnCredential

from .models import RecoveryCodeDevice

SESSION_KEY = "staff_totp_setup_key"
NEW_CODES_KEY = "staff_new_recovery_codes"


def has_second_factor(user):
    """An app or a passkey (recovery codes alone are a way back in, not a factor)."""
    return any(
        not isinstance(device, RecoveryCodeDevice)
        for device in devices_for_user(user, confirmed=True)
    )


def has_passkey(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def pending_totp_key(request):
    """The secret of the authenticator app being set up: kept in the session
    until a first right code, so a half-done setup leaves no device behind."""
    if SESSION_KEY not in request.session:
        request.session[SESSION_KEY] = random_hex(20)
    return request.session[SESSION_KEY]


def readable_key(hex_key):
    """The secret as an app asks to have it typed: base32, in groups of four."""
    b32 = base64.b32encode(binascii.unhexlify(hex_key)).decode().rstrip("=")
    return " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))


def totp_qr_code(user, hex_key):
    """A data: URI of the QR code an authenticator app scans (the CSP allows data: images)."""
    device = TOTPDevice(user=user, key=hex_key, name="authenticator")
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def confirm_totp(request, token):
    """Makes the app a device of the user if token is its current code."""
    hex_key = request.session.get(SESSION_KEY)
    if not hex_key:
        return None
    totp = TOTP(binascii.unhexlify(hex_key), step=30, digits=6)
    try:
        matched = totp.verify(int(token), tolerance=1)
    except (TypeError, ValueError):
        matched = False
    if not matched:
        return None
    device = TOTPDevice.objects.create(
        user=request.user,
        key=hex_key,
        name="authenticator",
        confirmed=True,
        last_t=totp.t(),
        tolerance=1,
    )
    del request.session[SESSION_KEY]
    otp_login(request, device)
    return device


def typed_code_devices(user):
    """The devices a typed code may match: the app, then the recovery codes."""
    return [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *RecoveryCodeDevice.objects.filter(user=user, confirmed=True),
    ]


def verify_typed_code(request, token):
    """The device token opened (and the session marked verified), or None; and
    whether wrong codes have paused the checking (django-otp's throttling:
    after n wrong codes, none is checked for 2^(n-1) seconds)."""
    token = "".join(str(token).split())
    throttled = False
    for device in typed_code_devices(request.user):
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(token):
            otp_login(request, device)
            return device, False
    return None, throttled


def issue_recovery_codes(request):
    """New recovery codes, kept in the session just long enough to be shown once."""
    codes = RecoveryCodeDevice.replace_for(request.user)
    request.session[NEW_CODES_KEY] = codes
    return codes


def rp_id(request):
    """The WebAuthn relying party: the site's host name (ALLOWED_HOSTS checked it)."""
    domain, _port = split_domain_port(request.get_host())
    return domain


class WebAuthnHelper(webauthn_helpers.WebAuthnHelper):
    """Passkeys belong to the address the site is served at (a host that
    ALLOWED_HOSTS accepted: a laptop's localhost:8000, a test server's port)
    and to those OTP_WEBAUTHN_ALLOWED_ORIGINS names."""

    def get_allowed_origins(self):
        own = self.request.build_absolute_uri("/").rstrip("/")
        return [*settings.OTP_WEBAUTHN_ALLOWED_ORIGINS, own]
