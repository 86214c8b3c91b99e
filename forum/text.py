"""Text that people type, made safe to store and to export.

Word and some phone keyboards put control characters into what they paste:
U+000B (Word's line break inside a paragraph), U+000C (a page break), CR
from Windows line ends, sometimes NUL or C1 controls. Django's CharField
keeps them, and they break the formats the programme is exported to: XML 1.0
forbids them outright, RFC 5545 (iCalendar) forbids them in TEXT values, and
openpyxl refuses them in an XLSX cell.

`clean_text` is the one place that decides what such text becomes. It runs
where text enters (`forum.forms.CleanTextMixin`, on every form) and again in
every export, for text that reached the database some other way (older
rows, the shell, an import).
"""

import re

from django.utils.translation import get_language

from forum.i18n import other_languages

# Line breaks of other systems become "\n": CRLF and lone CR (Windows, old
# Macs), VT and FF (Word's line and page breaks), NEL, and the Unicode line
# and paragraph separators (which Python's splitlines() and some calendar
# readers would treat as the end of a line).
LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Every other C0 and C1 control except tab and newline, DEL, the two
# noncharacters XML 1.0 forbids (U+FFFE, U+FFFF), and U+FEFF: a byte-order
# mark pasted from a file, never meant as text (readers such as icalendar
# drop it from the start of a value).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
# A lone surrogate cannot be encoded as UTF-8 (nor stored): it becomes the
# replacement character, as a decoder would have made it.
SURROGATES = re.compile("[\ud800-\udfff]")
NEEDS_CLEANING = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)


def clean_text(value):
    """Text with line breaks made "\\n" and control characters removed; tab,
    newline and every printable character (bidi marks included) are kept.
    Anything that is not a str (None, a number) is returned as it is."""
    if not isinstance(value, str) or not NEEDS_CLEANING.search(value):
        return value
    value = LINE_BREAKS.sub("\n", value)
    value = CONTROLS.sub("", value)
    return SURROGATES.sub("\ufffd", value)


def text_in_language(obj, field):
    """(text, language) of a translated field, cleaned: what the exports
    write. As `field_in_language`, the page's language first, else the other
    one's, judged on the cleaned text (a title of control characters only is
    no title)."""
    current = get_language()
    for code in [current, *other_languages(current)]:
        value = clean_text(getattr(obj, f"{field}_{code}", None))
        if value:
            return value, code
    return clean_text(getattr(obj, field, "") or ""), current
