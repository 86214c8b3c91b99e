"""Email addresses as visitors type them: the email field of every public form."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator


def has_control_character(text):
    return any(unicodedata.category(char) == "Cc" for char in text)


class EmailAddressValidator(EmailValidator):
    """Django's check, and no control character anywhere.

    The standard lets a quoted local part hold control characters
    ('"e07\\x01\\x0b"@example.org') and Django accepts them. Nobody's mailbox is
    called that, and such an address breaks the To: header of our emails
    and the lines of our logs: it gets the usual "Enter a valid email
    address."
    """

    def __call__(self, value):
        if isinstance(value, str) and has_control_character(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        super().__call__(value)


validate_email_address = EmailAddressValidator()


class EmailAddressField(forms.EmailField):
    """The email field of every public form (ModelForms: Meta.field_classes)."""

    default_validators = [validate_email_address]
