"""Staff accounts: one-time recovery codes (a django-otp device) and the log of
who saw, exported or changed organizers' and volunteers' contact data."""

import hashlib
import secrets

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

RECOVERY_CODES = 10
# 16 characters of a 31-letter alphabet (no look-alikes: i, l, o, 0, 1): 79
# bits, so a plain SHA-256 is enough; nobody can try 2^79 codes against a
# stolen table.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 16


def digest(code):
    """The stored form of a code: dashes, spaces and case do not count."""
    cleaned = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(cleaned.encode()).hexdigest()


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A staff member's recovery codes: each one lets them in once, when the
    authenticator app or passkey is lost. Only their SHA-256 is stored."""

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    @classmethod
    def replace_for(cls, user):
        """New codes for user (the old ones stop working); returns them, to show once."""
        codes = [new_code() for _ in range(RECOVERY_CODES)]
        with transaction.atomic():
            cls.objects.filter(user=user).delete()
            device = cls.objects.create(user=user, name=str(_("recovery codes")), confirmed=True)
            RecoveryCode.objects.bulk_create(
                RecoveryCode(device=device, digest=digest(code)) for code in codes
            )
        return codes

    def get_throttle_factor(self):
        return getattr(settings, "OTP_RECOVERY_THROTTLE_FACTOR", 1)

    def verify_token(self, token):
        verify_allowed, _ = self.verify_is_allowed()
        if not verify_allowed:
            return False
        # Deleting the matching row is the "used once": two requests racing
        # with the same code cannot both delete it.
        used, _ = self.codes.filter(digest=digest(str(token))).delete()
        if used:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False

    def remaining(self):
        return self.codes.count()


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self):
        return self.digest[:8]


class PersonalDataAccess(models.Model):
    """One look at, export or change of organizers' or volunteers' contact data
    in the admin. Kept PRIVACY_ERASE_AFTER_DAYS (erase_personal_data)."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        CHANGE = "change", _("changed")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Kept when the account is deleted: the log still says who it was.
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    model = models.CharField(_("records of"), max_length=100)
    object_ids = models.JSONField(_("records"), default=list)
    path = models.CharField(_("page"), max_length=500)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at"]

    def __str__(self):
        # In the page's language: "المتطوعون: اطّلع مشرف، 22 تشرين الثاني 2026، 16:03".
        return _("%(records)s: %(user)s %(action)s, %(at)s") % {
            "user": self.username,
            "action": self.get_action_display(),
            "records": self.records_name(),
            "at": date_format(localtime(self.at), "DATETIME_FORMAT"),
        }

    def records_name(self):
        """The records' kind as the admin names it ("volunteers"), not its
        label ("volunteers.volunteer"), which stays for a model since gone."""
        try:
            model = apps.get_model(self.model)
        except (LookupError, ValueError):
            return self.model
        return str(model._meta.verbose_name_plural)
