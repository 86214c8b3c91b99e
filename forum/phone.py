"""Phone numbers as Iraqis type them, stored in E.164."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Arabic-Indic (٠١٢…) and Eastern Arabic-Indic (۰۱۲…, used in Kurdish and Persian).
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def normalize_phone(text, region="IQ"):
    """'٠٧٧٠ ١٢٣ ٤٥٦٧', '0770-123-4567', '+964 770 123 4567' → '+9647701234567'."""
    cleaned = (text or "").translate(DIGITS).strip()
    # A leading 00 is the international prefix, as + is.
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("Enter a phone number, e.g. 0770 123 4567 or +964 770 123 4567."),
            code="invalid_phone",
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number is not valid. Check the digits, e.g. 0770 123 4567."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class PhoneInput(forms.TextInput):
    # The type is the widget's own: set among the attributes it would be
    # written twice (type="text" … type="tel"), which is invalid HTML.
    input_type = "tel"


class PhoneField(forms.CharField):
    """A form field that accepts a phone number as typed and cleans it to E.164."""

    widget = PhoneInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "help_text", _("An Iraqi number as you type it, or an international one with +.")
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        return normalize_phone(value) if value else value
