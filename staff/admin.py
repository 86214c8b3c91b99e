"""Superusers' view of staff security: the log of personal-data access
(read-only) and the second factors of each account (remove one to let a
staff member who lost a phone set up again; never shown: their secrets)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential

from .models import PersonalDataAccess


class SuperusersOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["at", "username", "action", "model", "record_count", "path"]
    list_filter = ["action", "model", ("user", admin.RelatedOnlyFieldListFilter), "at"]
    date_hierarchy = "at"
    search_fields = ["username"]
    fields = ["at", "user", "username", "action", "model", "object_ids", "path"]
    readonly_fields = fields
    actions = None

    @admin.display(description=_("number of records"))
    def record_count(self, entry):
        return len(entry.object_ids)

    def has_delete_permission(self, request, obj=None):
        return False  # erase_personal_data deletes old entries, nobody else


for model in (TOTPDevice, WebAuthnCredential, WebAuthnAttestation):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(TOTPDevice, WebAuthnCredential)
class SecondFactorDeviceAdmin(SuperusersOnly, admin.ModelAdmin):
    """A staff member's authenticator apps and passkeys: no secret shown; a
    superuser removes a lost one."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    # Every field is read-only; "change" only lets Django send a superuser
    # back to the list after removing one.
    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
