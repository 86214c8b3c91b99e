"""/robots.txt and /favicon.ico: asked for by crawlers and browsers on their
own, answered rather than left to a 404 (a console error on every page)."""

import re
from xml.etree import ElementTree

import pytest

from tests.factories import ActivityFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def disallowed(client):
    text = client.get("/robots.txt").content.decode()
    return re.findall(r"^Disallow: (\S+)$", text, re.MULTILINE)


def is_disallowed(path, rules):
    return any(path.startswith(rule) for rule in rules)


def test_robots_txt_is_plain_text_for_every_robot_and_names_the_sitemap(client, season):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("User-agent: *\n")
    # An absolute address, as robots.txt asks.
    assert re.search(r"^Sitemap: https?://[^/\s]+/sitemap\.xml$", text, re.MULTILINE)
    assert "max-age=86400" in response["Cache-Control"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_robots_keep_out_of_every_private_link_and_the_pages_naming_typed_data(
    client, season, lang
):
    rules = disallowed(client)
    proposal = ActivityFactory(season=season)
    volunteer = VolunteerFactory(season=season)
    private = [
        f"/{lang}/propose/status/{proposal.private_token}/",
        f"/{lang}/propose/status/{proposal.private_token}/edit/",
        f"/{lang}/propose/thanks/{proposal.private_token}/",
        f"/{lang}/volunteer/me/{volunteer.private_token}/",
        f"/{lang}/volunteer/me/{volunteer.private_token}/delete/",
        f"/{lang}/volunteer/thanks/",
        f"/{lang}/admin/",
        f"/{lang}/admin/login/",
    ]
    for path in private:
        assert is_disallowed(path, rules), path
    # The rules name folders, never one person's link.
    assert not any(proposal.private_token in rule for rule in rules)
    assert not any(volunteer.private_token in rule for rule in rules)


def test_robots_may_crawl_every_page_of_the_sitemap(client, seeded):
    rules = disallowed(client)
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    paths = [re.sub(r"^https?://[^/]+", "", location) for location in locations]
    assert len(paths) >= 10
    assert [path for path in paths if is_disallowed(path, rules)] == []


def test_a_moved_admin_is_not_named_in_robots_txt(client, season, settings):
    settings.ADMIN_URL = "staff-desk/"
    text = client.get("/robots.txt").content.decode()
    assert "staff-desk" not in text
    assert "/admin/" not in text


def test_favicon_ico_leads_to_the_icon_among_the_static_files(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    body = b"".join(icon.streaming_content) if icon.streaming else icon.content
    # An ICO holding 16, 32 and 48 pixel images.
    assert body[:4] == b"\x00\x00\x01\x00"
    assert int.from_bytes(body[4:6], "little") == 3


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_page_names_its_icon(client, seeded, lang):
    page = client.get(f"/{lang}/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico">' in page
