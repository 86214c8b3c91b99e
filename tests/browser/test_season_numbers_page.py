"""A season in numbers in a real browser, at phone width, in each language:
the bars grow from the right on Arabic pages (from the left in English), the
page fits the phone, and axe finds nothing. (The sitemap walk visits the page
too, with the demo's data; here the demo volunteers are added.)"""

import io

import pytest
from django.core.management import call_command

from tests.browser.checks import (
    axe_violations,
    english_left_on_arabic_page,
    nu_html_errors,
    watch_page,
)
from tests.browser.conftest import PHONE


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_numbers_page_on_a_phone(browser, live_server, demo_site, lang):
    call_command("load_demo_volunteers", season=5, volunteers=40, stdout=io.StringIO())
    context = browser.new_context(viewport=PHONE, locale="ar-IQ" if lang == "ar" else "en-GB")
    page = context.new_page()
    problems = watch_page(page)
    page.goto(f"{live_server.url}/{lang}/seasons/5/")
    with page.expect_navigation() as navigation:
        page.locator("a.season-numbers-link").click()
    assert page.url == f"{live_server.url}/{lang}/seasons/5/numbers/"
    served = navigation.value.text()
    chart = page.locator("#figure-masarat svg.bar-chart")
    svg_box = chart.bounding_box()
    bars = chart.locator("rect.bar")
    assert bars.count() == 8
    labels = chart.locator("text.bar-label")
    for index in range(bars.count()):
        box = bars.nth(index).bounding_box()
        if lang == "ar":
            # From the chart's right edge, the label on the right too.
            assert box["x"] + box["width"] == pytest.approx(svg_box["x"] + svg_box["width"], abs=1)
            label = labels.nth(index).bounding_box()
            assert label["x"] + label["width"] == pytest.approx(
                svg_box["x"] + svg_box["width"], abs=2
            )
        else:
            assert box["x"] == pytest.approx(svg_box["x"], abs=1)
    # Readable on the phone: the chart is drawn at about its own size.
    assert svg_box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("#figure-genders table tbody tr").count() == 3
    found = axe_violations(page) + problems()
    if lang == "ar":
        found += english_left_on_arabic_page(page)
    # Valid HTML, the SVG's attributes included.
    found += nu_html_errors({page.url: served})
    assert found == []
    context.close()
