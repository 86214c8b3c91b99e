"""The admin's own words, right in Arabic where Django's generic ones cannot be.

- "Delete selected %(verbose_name_plural)s": one Arabic sentence cannot fit
  every name (a human plural takes the accusative and a plural adjective:
  «احذف المتطوعين المحدَّدين», not «احذف المتطوعون المحدّدة»), so the
  models whose plural needs it get a whole sentence of their own.
- A yes/no icon's text: Django writes alt="True"/"False" in English on every
  page; here it is the page's "Yes"/"No".
- Permissions: Django stores their names in English when it migrates
  ("Can add volunteer"); the users' and groups' forms show them in the
  page's language instead.
(Phone numbers and addresses read left to right in static/css/admin.css.)
"""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin import actions as django_actions
from django.contrib.admin.templatetags import admin_list
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop

from forum import admin_password

# verbose_name_plural msgid → the whole action sentence's msgid.
DELETE_SELECTED_SENTENCES = {
    "volunteers": gettext_noop("Delete selected volunteers"),
    "users": gettext_noop("Delete selected users"),
}


class DeleteSelectedDescription:
    """Django formats an action's description with `description % names`
    (ModelAdmin.get_action_choices): answer with the model's own sentence."""

    def __mod__(self, names):
        plural = str(names["verbose_name_plural"])
        for plural_msgid, sentence in DELETE_SELECTED_SENTENCES.items():
            if plural in (plural_msgid, gettext(plural_msgid)):
                return gettext(sentence)
        return gettext("Delete selected %(verbose_name_plural)s") % names

    def __str__(self):
        return gettext("Delete selected %(verbose_name_plural)s")


@admin.action(permissions=["delete"], description=DeleteSelectedDescription())
def delete_selected(modeladmin, request, queryset):
    return django_actions.delete_selected(modeladmin, request, queryset)


def boolean_icon(value):
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    text = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


class HideLinkRowsOnDeleteMixin:
    """The delete confirmation without a line per many-to-many link.

    Deleting an activity also deletes its links to its masarat; Django lists
    each link as "Activity-masar relationship: Activity_masarat object (1)",
    English model names that say nothing to staff. The objects themselves are
    listed, and the links go with them."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [
            model._meta
            for model in apps.get_models(include_auto_created=True)
            if model._meta.auto_created
            and any(field.related_model is self.model for field in model._meta.fields)
        ]
        prefixes = tuple(f"{capfirst(link.verbose_name)}: " for link in links)
        plurals = {str(link.verbose_name_plural) for link in links}

        def without_links(items):
            kept = []
            for item in items:
                if isinstance(item, list):
                    if inner := without_links(item):
                        kept.append(inner)
                elif not (prefixes and str(item).startswith(prefixes)):
                    kept.append(item)
            return kept

        model_count = {name: n for name, n in model_count.items() if str(name) not in plurals}
        return without_links(to_delete), model_count, perms_needed, protected


PERMISSION_ACTIONS = {
    "add": gettext_noop("May add"),
    "change": gettext_noop("May change"),
    "delete": gettext_noop("May delete"),
    "view": gettext_noop("May view"),
}


class PermissionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, permission):
        action, _, model = permission.codename.partition("_")
        if model == permission.content_type.model and action in PERMISSION_ACTIONS:
            words = gettext(PERMISSION_ACTIONS[action])
        else:
            words = gettext(permission.name)
        return f"{permission.content_type} | {words}"


class TranslatedPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class GroupAdmin(HideLinkRowsOnDeleteMixin, TranslatedPermissionsMixin, auth_admin.GroupAdmin):
    pass


class UserAdmin(HideLinkRowsOnDeleteMixin, TranslatedPermissionsMixin, auth_admin.UserAdmin):
    form = admin_password.UserChangeForm
    change_password_form = admin_password.AdminPasswordChangeForm


def install():
    admin.site.add_action(delete_selected, "delete_selected")
    # Read by the changelist and by display_for_field/display_for_value
    # (django.contrib.admin.utils imports it at call time).
    admin_list._boolean_icon = boolean_icon
    for model, model_admin in [(Group, GroupAdmin), (User, UserAdmin)]:
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
