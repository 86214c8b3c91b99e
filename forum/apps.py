from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig
from django_otp_webauthn.apps import OtpWebauthnConfig
from django_tasks_db.apps import TasksAppConfig


class ForumConfig(AppConfig):
    name = "forum"
    # This module holds other apps' configs too: this one is the forum's.
    default = True
    verbose_name = _("Forum and seasons")


# Two packages name their apps in English only, and the admin's sidebar shows
# every app on every page: the same apps under names in the page's language.


class LoginAttemptsConfig(AxesAppConfig):
    default = False
    verbose_name = _("Login attempts")


class TaskQueueConfig(TasksAppConfig):
    default = False
    verbose_name = _("Background tasks")


# The second factor's two packages: their apps and models are named in
# English only ("Otp_Totp", "TOTP device" is not even marked for translation).


def authenticator_app_str(device):
    return gettext("authenticator app (%(user)s)") % {"user": device.user.get_username()}


class AuthenticatorAppsConfig(TOTPAppConfig):
    default = False
    verbose_name = _("Authenticator apps")

    def ready(self):
        super().ready()
        device = self.get_model("TOTPDevice")._meta
        device.verbose_name = _("authenticator app")
        device.verbose_name_plural = _("authenticator apps")
        # Its name is a fixed "authenticator" (staff.second_factor), so its
        # str() — the admin's titles, history and delete pages — says what
        # it is in the page's language instead (not a field: no migration).
        self.get_model("TOTPDevice").__str__ = authenticator_app_str


class PasskeysConfig(OtpWebauthnConfig):
    default = False
    verbose_name = _("Passkeys")

    def ready(self):
        super().ready()
        credential = self.get_model("WebAuthnCredential")._meta
        credential.verbose_name = _("passkey")
        credential.verbose_name_plural = _("passkeys")
        # Not in the admin's lists, but named in the groups' permissions.
        attestation = self.get_model("WebAuthnAttestation")._meta
        attestation.verbose_name = _("passkey attestation")
        attestation.verbose_name_plural = _("passkey attestations")
        handle = self.get_model("WebAuthnUserHandle")._meta
        handle.verbose_name = _("passkey user handle")
        handle.verbose_name_plural = _("passkey user handles")
