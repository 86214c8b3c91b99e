"""Response headers and CSP of the production settings, from a real server."""

import io
import re

import pytest
from django.core.management import call_command

from tests.system.servers import fetch


@pytest.fixture
def site(transactional_db):
    call_command("seed_season", stdout=io.StringIO())
    call_command("load_demo", activities=10, stdout=io.StringIO())


@pytest.mark.parametrize("path", ["/ar/", "/en/about/", "/ar/propose/", "/en/volunteer/"])
def test_every_page_carries_the_security_headers(site, app_server, path):
    response = fetch(app_server.url + path)
    assert response.status == 200
    assert response.header("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("Referrer-Policy") == "same-origin"
    assert response.header("Cross-Origin-Opener-Policy") == "same-origin"
    assert response.header("X-Frame-Options") == "DENY"
    policy = response.header("Permissions-Policy")
    assert "camera=(self)" in policy and "geolocation=()" in policy
    assert "microphone=()" in policy and "payment=()" in policy


def test_a_page_naming_what_the_visitor_typed_is_never_stored(site, app_server):
    response = fetch(app_server.url + "/en/volunteer/thanks/")
    assert response.status == 200
    cache_control = {part.strip() for part in response.header("Cache-Control").split(",")}
    assert {"no-store", "private"} <= cache_control


def test_the_content_security_policy_allows_only_the_site_itself(site, app_server):
    csp = fetch(app_server.url + "/ar/").header("Content-Security-Policy")
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http" not in csp  # no third-party origin


def test_plain_http_is_sent_to_https_but_the_health_check_is_not(site, app_server):
    response = fetch(app_server.url + "/ar/", https=False)
    assert response.status == 301
    assert response.header("Location").startswith("https://")
    assert fetch(app_server.url + "/healthz", https=False).status == 200


def test_cookies_are_https_only(site, app_server):
    response = fetch(app_server.url + "/en/admin/login/")
    cookies = response.cookies()
    assert cookies, "the login page sets a CSRF cookie"
    for cookie in cookies:
        assert "Secure" in cookie
        assert "SameSite=Lax" in cookie


def test_static_files_are_served_compressed_with_hashed_names_and_cached_a_year(site, app_server):
    page = fetch(app_server.url + "/ar/").text
    hashed = r"/static/vendor/bootstrap/css/bootstrap\.rtl\.min\.[0-9a-f]{12}\.css"
    css = re.search(f'href="({hashed})"', page)
    assert css, "hashed Bootstrap RTL stylesheet"
    response = fetch(app_server.url + css.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert "max-age=31536000" in response.header("Cache-Control")


def test_favicon_ico_leads_to_the_hashed_icon_cached_a_year(site, app_server):
    response = fetch(app_server.url + "/favicon.ico")
    assert response.status == 302
    location = response.header("Location")
    assert re.fullmatch(r"/static/favicon\.[0-9a-f]{12}\.ico", location), location
    icon = fetch(app_server.url + location)
    assert icon.status == 200
    assert "max-age=31536000" in icon.header("Cache-Control")
