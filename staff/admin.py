"""Superusers' view of staff security: the log of personal-data access
(read-only) and the second factors of each account (remove one to let a
staff member who lost a phone set up again; never shown: their secrets)."""

from django.contrib import admin
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
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


class RecordsFilter(admin.SimpleListFilter):
    """By the kind of records, named as the admin names them ("volunteers",
    not "volunteers.volunteer")."""

    title = _("records of")
    parameter_name = "model"

    def lookups(self, request, model_admin):
        labels = model_admin.get_queryset(request).values_list("model", flat=True).distinct()
        entries = [PersonalDataAccess(model=label) for label in labels.order_by("model")]
        return [(entry.model, entry.records_name()) for entry in entries]

    def queryset(self, request, queryset):
        return queryset.filter(model=self.value()) if self.value() else queryset


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["at", "username", "action", "records", "record_count", "page"]
    list_filter = ["action", RecordsFilter, ("user", admin.RelatedOnlyFieldListFilter), "at"]
    date_hierarchy = "at"
    search_fields = ["username"]
    fields = ["at", "user", "username", "action", "records", "object_ids", "page"]
    readonly_fields = fields
    actions = None

    @admin.display(description=_("records of"), ordering="model")
    def records(self, entry):
        return entry.records_name()

    @admin.display(description=_("number of records"))
    def record_count(self, entry):
        return len(entry.object_ids)

    @admin.display(description=_("page"), ordering="path")
    def page(self, entry):
        # An address: left to right inside Arabic, and not words to translate.
        return format_html('<bdi dir="ltr" translate="no">{}</bdi>', entry.path)

    def has_delete_permission(self, request, obj=None):
        return False  # erase_personal_data deletes old entries, nobody else


for model in (TOTPDevice, WebAuthnCredential, WebAuthnAttestation):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(TOTPDevice, WebAuthnCredential)
class SecondFactorDeviceAdmin(SuperusersOnly, admin.ModelAdmin):
    """A staff member's authenticator apps and passkeys: no secret shown; a
    superuser removes a lost one.

    Every field is read-only and shown through a callable: django-otp labels
    and explains its fields in English only ("Last used at", "Is this device
    ready for use?"), and relabelling its model fields would be a migration
    of a package's app."""

    list_display = ["owner", "device_name", "ready", "created", "last_used"]
    fields = list_display
    readonly_fields = fields

    @admin.display(description=_("staff member"), ordering="user__username")
    def owner(self, device):
        return device.user.get_username()

    @admin.display(description=_("name"), ordering="name")
    def device_name(self, device):
        if isinstance(device, TOTPDevice):
            # Named "authenticator" by staff.second_factor, whatever the app.
            return capfirst(TOTPDevice._meta.verbose_name)
        return device.name

    @admin.display(description=_("ready for use"), boolean=True, ordering="confirmed")
    def ready(self, device):
        return device.confirmed

    @admin.display(description=_("added"), ordering="created_at")
    def created(self, device):
        return self.moment(device.created_at)

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, device):
        return self.moment(device.last_used_at)

    def moment(self, value):
        # A read-only callable's value is shown as str(): dates as the
        # admin's lists write them, and the admin's dash for none.
        if value is None:
            return self.get_empty_value_display()
        return formats.localize(timezone.template_localtime(value))

    # "Change" only lets Django send a superuser back to the list after
    # removing one.
    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
