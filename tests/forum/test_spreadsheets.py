"""One rule for both apps' spreadsheets: what a spreadsheet program could
run as a formula is written as text."""

import pytest

from forum.spreadsheets import spreadsheet_text


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil.example","x")',
        "+1+1",
        "-1+1",
        "@SUM(1)",
        "\uff1dHYPERLINK(1)",  # full-width =, as an East Asian keyboard types it
        "\uff0b1+1",  # full-width +
        "\uff0d1+1",  # full-width -
        "\uff20SUM(1)",  # full-width @
        "\ufe66SUM(1)",  # small =
        "\tplain after a tab",
        "\t=1",
        " =1",  # a program that trims spaces would see =1
        "\u200f=1",  # a right-to-left mark before =
        "\n=1",
    ],
)
def test_what_could_run_as_a_formula_gets_an_apostrophe(typed):
    assert spreadsheet_text(typed) == "'" + typed


def test_a_carriage_return_first_is_a_line_break_and_still_defused():
    assert spreadsheet_text("\r=1") == "'\n=1"


@pytest.mark.parametrize(
    "typed",
    [
        "+964 770 123 4567",  # a phone number stays readable
        "-5",
        "ورشة عن حق الوصول إلى المياه",
        "Water - for all",
        "a=b",
        "",
    ],
)
def test_ordinary_text_and_numbers_stay_as_they_are(typed):
    assert spreadsheet_text(typed) == typed


def test_control_characters_are_cleaned_and_numbers_stay_numbers():
    assert spreadsheet_text("Zainab\x07\x0bHasan") == "Zainab\nHasan"
    assert spreadsheet_text(40) == 40
    assert spreadsheet_text(None) == ""
