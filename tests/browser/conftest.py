"""The browser layer: Playwright driving Debian's Chromium against a live server.

No browser is downloaded: Chromium comes from Debian (`apt-get install
chromium`). A missing Chromium fails these tests; it never skips them.
"""

import io
import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls that
# set up data for a page are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(live_server, settings):
    """Absolute links (emails, hreflang, the sitemap) lead to the server the
    browser talks to, as SITE_URL does in production."""
    settings.SITE_URL = live_server.url


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("Chromium is missing: apt-get install chromium fonts-noto-core")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="ar-IQ")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db):
    """The seeded season and a small demo programme, as the README's run command loads."""
    call_command("seed_season", stdout=io.StringIO())
    call_command("load_demo", activities=12, stdout=io.StringIO())
