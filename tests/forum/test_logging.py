"""Log lines: no email address or phone number, whatever its form; no control
character as it is; and ids, UUIDs and timestamps left as they are."""

import datetime as dt
import io
import logging
import sys
import unicodedata
import uuid

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from forum.logging import RedactPersonalData, redact

# Control and format characters (ANSI escapes, a right-to-left override),
# line separators, lone surrogates: never written to a log as they are.
UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
CONTROL = st.characters(categories=["Cc"])
QUOTED_TEXT = st.text(st.characters(exclude_characters='"\\', exclude_categories=["Cs"]))
DOMAIN = st.sampled_from(["example.org", "mail.example.iq", "xn--mgbh0fb.example", "[10.0.0.7]"])


@st.composite
def quoted_addresses_with_controls(draw):
    """'"e07\\x01\\x0b"@example.org' and its kind."""
    before = draw(QUOTED_TEXT.filter(lambda text: len(text) < 50))
    control = draw(st.text(CONTROL, min_size=1, max_size=4))
    after = draw(QUOTED_TEXT.filter(lambda text: len(text) < 50))
    return f'"{before}{control}{after}"@{draw(DOMAIN)}'


def written(message, *args, exc_info=None):
    """What the console handler of settings.LOGGING writes for one record."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPersonalData())
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"]))
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, message, args, exc_info
    )
    handler.handle(record)
    return stream.getvalue()


def unsafe(text, allowed=""):
    return [c for c in text if c not in allowed and unicodedata.category(c) in UNSAFE_CATEGORIES]


@given(address=quoted_addresses_with_controls())
def test_an_address_with_a_quoted_local_part_is_redacted_whole(address):
    assert redact(f"Sent to {address}, twice.") == "Sent to [email], twice."


@given(address=st.emails())
def test_every_address_is_redacted_whole(address):
    assert redact(f"Could not send to {address} (550)") == "Could not send to [email] (550)"


@given(address=quoted_addresses_with_controls())
def test_a_log_line_with_such_an_address_shows_neither_it_nor_its_controls(address):
    line = written("Email to %s refused", address)
    assert line.endswith(" ERROR django.request Email to [email] refused\n")
    assert unsafe(line, allowed="\n") == []


@given(name=st.text(st.characters(exclude_categories=["Cs"]), max_size=40), escape=CONTROL)
def test_names_with_control_characters_and_ansi_escapes_are_escaped(name, escape):
    typed = f"{name}\x1b[31m{escape}\u202e\r\n2026-12-01 04:00:00,000 CRITICAL forged"
    line = written("Volunteer %s not saved", typed)
    # One line, nothing that recolours a terminal or reorders what is read.
    assert line.count("\n") == 1 and line.endswith("\n")
    assert unsafe(line[:-1], allowed="\t") == []
    assert "\\x1b[31m" in line and "\\u202e" in line and "\\x0d\\x0a" in line


def test_a_traceback_keeps_its_lines_and_loses_its_controls():
    try:
        raise ValueError("bad name 'Zainab\x1b[2J' <zainab@example.org>")
    except ValueError:
        text = written("Internal Server Error: %s", "/ar/volunteer/", exc_info=sys.exc_info())
    assert "Traceback (most recent call last):\n" in text
    assert "ValueError: bad name 'Zainab\\x1b[2J' <[email]>" in text
    assert "\x1b" not in text and "zainab@" not in text


@given(
    value=st.one_of(
        st.uuids().map(str),
        st.uuids().map(lambda u: u.hex),
        st.uuids().map(lambda u: u.urn),
        st.binary(min_size=16, max_size=32).map(bytes.hex),
    )
)
def test_uuids_and_hex_ids_pass_through_unchanged(value):
    message = f"Task {value} failed; retrying task={value}"
    assert redact(message) == message
    assert f"Task {value} failed" in written(message)


@given(
    moment=st.datetimes(
        min_value=dt.datetime(1970, 1, 2),
        max_value=dt.datetime(2200, 1, 1),
        timezones=st.none() | st.timezones(),
    )
)
def test_timestamps_pass_through_unchanged(moment):
    for text in [
        moment.isoformat(),
        moment.isoformat(" "),
        moment.strftime("%Y-%m-%d %H:%M:%S,000"),
        str(moment.timestamp()),
    ]:
        message = f"Queued at {text} for {uuid.UUID(int=7)}"
        assert redact(message) == message


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ('To "e07\x01\x0b"@example.org', "To [email]"),
        ("To o'brien+isf@example.org", "To [email]"),
        ("Phones ٠٧٧٠١٢٣٤٥٦٧ and 0770-123-4567.", "Phones [phone] and [phone]."),
        ("Task 00000000-0000-4000-8000-000000000000", "Task 00000000-0000-4000-8000-000000000000"),
        ("2026-12-01 03:55:11,666 took 0.12345678 s", "2026-12-01 03:55:11,666 took 0.12345678 s"),
    ],
)
def test_examples(message, expected):
    assert redact(message) == expected
