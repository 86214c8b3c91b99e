"""Every page in the sitemap (and every private page), in both languages:
language and direction, accessibility, CSP, console errors and valid HTML.

Being driven by the sitemap, this covers each public page added later with no
new test code; private pages register in tests/browser/private_pages.py.
"""

import re
from xml.etree import ElementTree

import pytest

from tests.browser.checks import (
    axe_violations,
    english_left_on_arabic_page,
    nu_html_errors,
    watch_page,
)
from tests.browser.private_pages import load_private_pages

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(page, live_server):
    response = page.request.get(f"{live_server.url}/sitemap.xml")
    assert response.status == 200
    root = ElementTree.fromstring(response.body())
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def all_urls(page, live_server):
    urls = sitemap_urls(page, live_server)
    for make_page in load_private_pages():
        path = make_page().lstrip("/")
        urls += [f"{live_server.url}/ar/{path}", f"{live_server.url}/en/{path}"]
    return urls


def test_every_page_in_both_languages_is_valid_html_with_no_accessibility_or_csp_violation(
    page, live_server, demo_site
):
    urls = all_urls(page, live_server)
    for lang in ["ar", "en"]:
        assert len([url for url in urls if f"/{lang}/" in url]) >= 10, urls
    problems = []
    served = {}  # url → the HTML as served, for the Nu HTML checker at the end
    browser_problems = watch_page(page)
    for url in urls:
        lang = "ar" if "/ar/" in url else "en"
        response = page.goto(url)
        page.wait_for_load_state("load")
        if response.status != 200:
            problems.append(f"{url}: status {response.status}")
            continue
        served[url] = response.text()
        html = page.locator("html")
        expected_dir = "rtl" if lang == "ar" else "ltr"
        if (html.get_attribute("lang"), html.get_attribute("dir")) != (lang, expected_dir):
            problems.append(
                f"{url}: lang/dir {html.get_attribute('lang')}/{html.get_attribute('dir')}"
            )
        if lang == "ar":
            problems += [
                f"{url}: English on Arabic page: {t!r}" for t in english_left_on_arabic_page(page)
            ]
        problems += [f"{url}: axe {v}" for v in axe_violations(page)]
        # No CSP violation, no script error, no missing asset.
        problems += [f"{url}: {p}" for p in browser_problems()]
    # Valid HTML: every page at once, in one run of the checker.
    problems += [f"HTML {error}" for error in nu_html_errors(served)]
    assert problems == [], "\n".join(problems)


def test_language_switcher_keeps_the_visitor_on_the_same_page(page, live_server, demo_site):
    page.goto(f"{live_server.url}/ar/programme/?masar=heritage")
    page.locator("a[hreflang=en][rel=alternate]").click()
    assert page.url == f"{live_server.url}/en/programme/?masar=heritage"
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.locator("a[hreflang=ar][rel=alternate]").click()
    assert page.url == f"{live_server.url}/ar/programme/?masar=heritage"
    assert page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize(("path", "slogan_text"), [("", "جرّب الموقع"), ("seasons/5/", "المواطنة")])
def test_arabic_home_on_a_phone_reads_right_to_left(
    page, live_server, demo_site, path, slogan_text
):
    # The demo season's home page, and the real 5th season's page.
    page.goto(f"{live_server.url}/ar/{path}")
    slogan = page.locator("h1.slogan")
    assert slogan.inner_text() == slogan_text
    # Right-to-left: the heading hugs the right edge of the screen.
    box = slogan.bounding_box()
    assert box["x"] + box["width"] > 390 - 40
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert re.match(r'^"?Noto Sans Arabic', font)


def test_english_home_on_a_desktop_reads_left_to_right(desktop_page, live_server, demo_site):
    desktop_page.goto(f"{live_server.url}/en/seasons/5/")
    slogan = desktop_page.locator("h1.slogan")
    assert slogan.inner_text() == "Citizenship"
    assert slogan.bounding_box()["x"] < 200
    cards = desktop_page.locator(".masar-card")
    assert cards.count() == 8
