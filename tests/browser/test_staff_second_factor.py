"""A staff member's first login in a real browser: the password, then a
passkey made by Chromium's virtual authenticator (the DevTools WebAuthn
domain), the recovery codes, and at the next login the passkey again; the
authenticator app's setup page, in both languages, with no CSP violation,
no console error and no axe violation."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.checks import axe_violations, english_left_on_arabic_page, watch_page
from tests.factories import ProgrammeModeratorFactory
from tests.second_factor import totp_code

pytestmark = pytest.mark.browser

PASSWORD = "moderator-password-123"


def virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def log_in_with_password(page, base_url, language):
    page.goto(f"{base_url}/{language}/admin/")
    page.locator("#id_username").fill("layla")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_first_login_adds_a_passkey_and_the_next_login_uses_it(
    page, live_server, transactional_db, language
):
    moderator = ProgrammeModeratorFactory(username="layla")
    problems = watch_page(page)
    virtual_authenticator(page)

    log_in_with_password(page, live_server.url, language)
    expect(page).to_have_url(re.compile(rf"/{language}/admin/second-factor/\?next="))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert axe_violations(page) == []
    if language == "ar":
        assert english_left_on_arabic_page(page) == []
    assert problems() == []

    page.locator("[data-passkey=register] button").click()
    expect(page).to_have_url(re.compile(rf"/{language}/admin/second-factor/recovery-codes/"))
    assert page.locator(".staff-codes li").count() == 10
    assert axe_violations(page) == []
    assert moderator.webauthncredential_set.filter(confirmed=True).count() == 1
    page.locator("a.button.default").click()
    expect(page).to_have_url(re.compile(rf"/{language}/admin/$"))
    expect(page.locator("#site-name")).to_be_visible()

    # The next login: the password, then the same passkey.
    page.locator("#logout-form button").click()
    log_in_with_password(page, live_server.url, language)
    expect(page).to_have_url(re.compile(rf"/{language}/admin/second-factor/verify/"))
    assert axe_violations(page) == []
    page.locator("[data-passkey=verify] button").click()
    expect(page).to_have_url(re.compile(rf"/{language}/admin/$"))
    assert problems() == []


def test_the_authenticator_app_setup_in_the_browser(page, live_server, transactional_db):
    moderator = ProgrammeModeratorFactory(username="layla")
    problems = watch_page(page)
    log_in_with_password(page, live_server.url, "ar")
    shown = page.locator("code[dir=ltr]").inner_text().replace(" ", "")
    import base64

    key = base64.b32decode(shown + "=" * (-len(shown) % 8)).hex()
    page.locator("#id_code").fill("000000" if totp_code(key) != "000000" else "111111")
    page.locator("#app-heading ~ form button[type=submit]").click()
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    page.locator("#id_code").fill(totp_code(key))
    page.locator("#app-heading ~ form button[type=submit]").click()
    expect(page.locator(".staff-codes li")).to_have_count(10)
    assert moderator.totpdevice_set.get().confirmed
    assert problems() == []
