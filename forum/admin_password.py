"""The users' password forms of the admin, in valid HTML and in the page's
language: two mistakes of Django 5.2's own forms (django/contrib/auth/forms.py).

- The change form's read-only password summary is a <div> that the field, as
  disabled, gives a `disabled` attribute, which a <div> may not carry.
- The password page's warning ("If disabled, the current password ... will
  be lost") is a <ul> that Django's template puts inside a <p> (invalid), and
  the help text before it is translated once, when Django is imported, into
  whichever language is active then, while the warning is never translated.
"""

from django.contrib.auth import forms as auth_forms
from django.utils.html import format_html
from django.utils.translation import gettext

from forum.forms import CleanTextMixin


class PasswordSummaryWidget(auth_forms.ReadOnlyPasswordHashWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("disabled", None)
        # The hash's algorithm, iterations, salt and digest are data, not words.
        for entry in context.get("summary", []):
            if entry.get("value"):
                entry["value"] = format_html('<span translate="no">{}</span>', entry["value"])
        return context


class UserChangeForm(CleanTextMixin, auth_forms.UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password is not None:
            widget = PasswordSummaryWidget(attrs=password.widget.attrs)
            widget.is_required = password.widget.is_required
            password.widget = widget


class AdminPasswordChangeForm(CleanTextMixin, auth_forms.AdminPasswordChangeForm):
    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        field = self.fields.get("usable_password")
        if field is not None:
            # Phrasing content only (the template wraps it in a <p>); the
            # admin's CSS hides .messagelist while "Enabled" is chosen.
            field.help_text = format_html(
                '{} <strong id="id_unusable_warning" class="messagelist">{}</strong>',
                auth_forms.SetUnusablePasswordMixin.usable_password_help_text,
                gettext("If disabled, the current password for this user will be lost."),
            )
