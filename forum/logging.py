"""Keep personal data out of the logs."""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, maybe with +, spaces or dashes: phone-like, in either
# Western or Arabic-Indic digits.
PHONE = re.compile(r"\+?[0-9٠-٩۰-۹](?:[\s-]?[0-9٠-٩۰-۹]){6,}")


def redact(text):
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class RedactPersonalData(logging.Filter):
    """Replaces email addresses and phone numbers in a record's message (after
    formatting its arguments, so nothing slips through an argument)."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
