"""CSV and XLSX exports for staff, in both apps, written the same way.

Text that a spreadsheet program would run as a formula (`=HYPERLINK(…)`
typed into a public form: OWASP's "CSV injection") is recognised by one rule,
`starts_formula`. A CSV file can only say "this is text" with a leading
apostrophe (`spreadsheet_text`); an XLSX cell says it natively: typed as
text, with the quote prefix Excel itself sets when someone types '=…, so it
stays text even when edited, and the value is exactly what was typed.
Every text is cleaned first (forum.text: no control character, which
openpyxl refuses). CSV files start with a byte-order mark so that Excel
reads the Arabic as UTF-8; in XLSX the header is bold and frozen, and the
sheet reads right to left when exported from the Arabic admin.
"""

import re
import unicodedata
from io import BytesIO

from django.utils.functional import Promise
from django.utils.translation import get_language_bidi
from import_export.formats import base_formats

from .text import clean_text

# What makes a spreadsheet program read a cell as a formula: = + - @ (the
# last three for Lotus compatibility), and their full-width and small forms,
# which Excel takes for them when typed with an East Asian input method.
FORMULA_CHARACTERS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
# A cell starting with a tab or a line break is treated as one that starts a
# formula (OWASP): programs that trim it would see what follows.
LINE_STARTS = frozenset("\t\r\n")
# A signed number (a phone number such as +964 770 123 4567) cannot call
# anything: it stays readable, without an apostrophe.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 ]*")
# Characters Excel refuses in a sheet's name.
SHEET_TITLE_REFUSED = re.compile(r"[\[\]:*?/\\]")


def starts_formula(text):
    """Whether a spreadsheet program could read this text as a formula: a
    formula character first, or after spaces or invisible marks (a program
    that trims them, or a bidi mark pasted before "="), or a tab or line break
    first."""
    if not text or PLAIN_NUMBER.fullmatch(text):
        return False
    if text[0] in LINE_STARTS:
        return True
    for char in text:
        if not (char.isspace() or unicodedata.category(char) == "Cf"):
            return char in FORMULA_CHARACTERS
    return False


def cell_value(value):
    """Text cleaned, None made empty; numbers and dates stay as they are."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    return clean_text(value)


def spreadsheet_text(value):
    """A CSV cell: cleaned, with an apostrophe before what would be a formula."""
    value = cell_value(value)
    if isinstance(value, str) and starts_formula(value):
        return "'" + value
    return value


class SpreadsheetCSV(base_formats.CSV):
    """UTF-8 with a byte-order mark, every cell made safe."""

    def export_data(self, dataset, **kwargs):
        rows = [[spreadsheet_text(value) for value in row] for row in dataset]
        safe = dataset.__class__(*rows, headers=dataset.headers)
        return "\ufeff" + super().export_data(safe, **kwargs)


class SpreadsheetXLSX(base_formats.XLSX):
    """Every text cell written as text (never as a formula)."""

    sheet_title = ""

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        if self.sheet_title:
            sheet.title = SHEET_TITLE_REFUSED.sub("-", str(self.sheet_title))[:31]
        sheet.sheet_view.rightToLeft = get_language_bidi()
        for row_number, row in enumerate([dataset.headers or [], *dataset], start=1):
            for column, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=row_number, column=column)
                cell.value = value = cell_value(value)
                if isinstance(value, str):
                    # openpyxl would make "=…" a formula: this cell is text.
                    cell.data_type = "s"
                    if starts_formula(value):
                        cell.quotePrefix = True
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        stream = BytesIO()
        book.save(stream)
        return stream.getvalue()
