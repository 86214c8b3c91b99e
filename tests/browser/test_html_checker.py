"""The Nu HTML checker the sitemap walk runs: it does find errors, and says
on which page."""

from tests.browser.checks import nu_html_errors

VALID = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fine</title></head>
<body><h1>Fine</h1><h2>Part</h2><h3>Detail</h3></body></html>
"""


def test_the_checker_names_each_invalid_page_and_passes_a_valid_one():
    invalid = VALID.replace("<h3>Detail</h3>", '<input type="text" name="phone" type="tel">')
    errors = nu_html_errors({"/en/fine/": VALID, "/en/broken/": invalid})
    assert errors == ["/en/broken/: line 3: Duplicate attribute “type”."]


def test_the_checker_finds_a_skipped_heading_level():
    skipped = VALID.replace("<h2>Part</h2>", "")
    (error,) = nu_html_errors({"/en/programme/": skipped})
    assert error.startswith("/en/programme/: line 3: The heading “h3”")
