"""The admin's own words, right in Arabic where Django's generic ones cannot be.

- "Delete selected %(verbose_name_plural)s": one Arabic sentence cannot fit
  every name (a human plural takes the accusative and a plural adjective:
  «احذف المتطوعين المحدَّدين», not «احذف المتطوعون المحدّدة»), so the
  models whose plural needs it get a whole sentence of their own.
- A yes/no icon's text: Django writes alt="True"/"False" in English on every
  page; here it is the page's "Yes"/"No".
(Phone numbers and addresses read left to right in static/css/admin.css.)
"""

from django.contrib import admin
from django.contrib.admin import actions as django_actions
from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop

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


def install():
    admin.site.add_action(delete_selected, "delete_selected")
    # Read by the changelist and by display_for_field/display_for_value
    # (django.contrib.admin.utils imports it at call time).
    admin_list._boolean_icon = boolean_icon
