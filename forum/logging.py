"""Keep personal data out of the logs, and keep every log line one honest line."""

import logging
import re
import unicodedata

# An address: a dot-atom local part (o'brien+isf) or a quoted one, which may
# hold anything, control characters included ("e07\x01\x0b"), perhaps with
# its quotes escaped (in a repr or JSON). Bounded, so a line full of quotes
# costs no more than a pass over it.
EMAIL = re.compile(
    r"""(?:[\w!#$%&'*+/=?^`{|}~-][\w.!#$%&'*+/=?^`{|}~-]*|\\?"(?:[^"\\]|\\.){0,128}?\\?")"""
    r"@(?:[\w-]+(?:\.[\w-]+)+|\[[^\]\s]{1,64}\])",
    re.DOTALL,
)
# Seven or more digits, maybe with +, spaces or dashes: phone-like, in either
# Western or Arabic-Indic digits. Not a piece of a longer token (a UUID, a
# hex id, a reference) nor of a decimal fraction or a time.
DIGIT = "[0-9٠-٩۰-۹]"
NOT_BEFORE = r"(?<![A-Za-z_+\-\d])(?<!\d[.:,])"
NOT_AFTER = r"(?![A-Za-z_\-\d]|[.:,]\d)"
PHONE = re.compile(rf"{NOT_BEFORE}\+?{DIGIT}(?:[\s-]?{DIGIT}){{6,}}{NOT_AFTER}")
# What looks like a phone number to PHONE but is not one.
NOT_A_PHONE = re.compile(
    r"""
    \d{4}-\d{2}-\d{2}                   # a date (a timestamp's first part)
    | [0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}   # a UUID of digits only
    | \d{16,}                           # one run longer than any phone number
    """,
    re.VERBOSE,
)
# Characters a log line must not carry as they are: control characters
# (an ANSI escape recolours a terminal, a newline forges a line), format
# characters (a right-to-left override reorders what an engineer reads),
# line and paragraph separators, and lone surrogates (not writable as UTF-8).
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _phone(match):
    text = match.group()
    return text if NOT_A_PHONE.fullmatch(text) else "[phone]"


def redact(text):
    return PHONE.sub(_phone, EMAIL.sub("[email]", text))


def _escaped(char):
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape_controls(text, keep=""):
    """'a\\x1b[31mb' -> 'a\\\\x1b[31mb': unsafe characters written as escapes.
    `keep` names those left alone (the newlines of a traceback)."""
    if text.isprintable():  # the usual case, at C speed
        return text
    return "".join(
        _escaped(char)
        if char not in keep and unicodedata.category(char) in UNSAFE_CATEGORIES
        else char
        for char in text
    )


class RedactPersonalData(logging.Filter):
    """Replaces email addresses and phone numbers in a record's message (after
    formatting its arguments, so nothing slips through an argument), then
    escapes control characters: a name typed into a form reaches the log
    (in an error, a traceback) and must not colour, forge or reorder lines.
    A traceback keeps its newlines and tabs."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = escape_controls(redact(message), keep="\t")
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = escape_controls(redact(record.exc_text), keep="\n\t")
        if record.stack_info:
            record.stack_info = escape_controls(redact(record.stack_info), keep="\n\t")
        return True
