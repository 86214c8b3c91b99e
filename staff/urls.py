from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp_webauthn import views as webauthn

from . import views
from .second_factor import has_second_factor

app_name = "staff"


class EnrolledMeansAppOrPasskey:
    """A passkey may be added without first verifying only by whom has no app
    and no passkey yet; recovery codes left from a reset factor do not count."""

    def user_is_mfa_enrolled(self, user):
        return has_second_factor(user)


class BeginRegistration(EnrolledMeansAppOrPasskey, webauthn.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(EnrolledMeansAppOrPasskey, webauthn.CompleteCredentialRegistrationView):
    pass


def passkey_endpoint(view_class):
    """django-otp-webauthn's JSON endpoints: POST only, never stored by a cache."""
    return never_cache(require_POST(view_class.as_view()))


# Only the four endpoints static/staff/passkey.js calls (not the package's
# script catalog: that script translates its messages itself).
passkey_patterns = (
    [
        path(
            "registration/begin/",
            passkey_endpoint(BeginRegistration),
            name="credential-registration-begin",
        ),
        path(
            "registration/complete/",
            passkey_endpoint(CompleteRegistration),
            name="credential-registration-complete",
        ),
        path(
            "authentication/begin/",
            passkey_endpoint(webauthn.BeginCredentialAuthenticationView),
            name="credential-authentication-begin",
        ),
        path(
            "authentication/complete/",
            passkey_endpoint(webauthn.CompleteCredentialAuthenticationView),
            name="credential-authentication-complete",
        ),
    ],
    "otp_webauthn",
)

urlpatterns = [
    path("", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
