"""Nothing shared is ever broken: every address in the sitemap, in both
languages, still shows the same activity, masar or season once another
season is made current."""

import datetime as dt
import re
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.urls import resolve
from django.utils import timezone, translation

from activities.models import Masar
from forum import services
from forum.models import Season, Space
from tests.factories import ScheduledActivityFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Pages about "the site now": they follow the current season by design.
FOLLOW_THE_CURRENT_SEASON = {
    "home",
    "about",
    "privacy",
    "seasons",
    "propose",
    "signup",
    "teams",
    "lost_link",
    "my_programme",
}


def sitemap_paths(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [
        loc.text.removeprefix(settings.SITE_URL)
        for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)
    ]


def url_name(path):
    with translation.override(path.split("/")[1]):
        return resolve(path).url_name


def fingerprint(html):
    """What a page is about: its heading, its canonical address, its
    breadcrumb, and the activities it lists."""

    def clean(fragment):
        return " ".join(re.sub(r"<[^>]+>", " ", fragment or "").split())

    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    breadcrumb = re.search(r'<ol class="breadcrumb[^"]*">(.*?)</ol>', html, re.S)
    return {
        "h1": clean(h1 and h1.group(1)),
        "canonical": canonical and canonical.group(1),
        "breadcrumb": clean(breadcrumb and breadcrumb.group(1)),
        "activities": sorted(re.findall(r'id="activity-(\d+)-title"', html)),
    }


def fetch(client, path):
    response = client.get(path)
    if response.status_code == 301:
        response = client.get(response["Location"])
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.fixture
def fifth_with_programme(seeded):
    season = Season.objects.get(number=5)
    spaces = list(Space.objects.filter(venue__season=season))
    masarat = list(Masar.objects.filter(season=season))
    for n in range(12):
        start = timezone.make_aware(dt.datetime.combine(season.days[n % 9], dt.time(10)))
        ScheduledActivityFactory(
            season=season,
            space=spaces[n % len(spaces)],
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=90),
            masarat=[masarat[n % 8]],
        )
    return season


def test_every_sitemap_address_keeps_its_content_when_the_next_season_is_current(
    client, fifth_with_programme
):
    fifth = fifth_with_programme
    sixth = services.prepare_next_season(fifth)
    paths = sitemap_paths(client)
    for lang in ["ar", "en"]:
        for path in [
            "seasons/5/",
            "seasons/5/programme/",
            "seasons/5/numbers/",
            "seasons/5/masarat/heritage/",
        ]:
            assert f"/{lang}/{path}" in paths
    assert not [path for path in paths if "/seasons/6/" in path]  # a draft is not public
    before = {path: fingerprint(fetch(client, path)) for path in paths}
    kept = [path for path in paths if url_name(path) not in FOLLOW_THE_CURRENT_SEASON]
    # The season's page, programme and numbers, its 8 masarat, its 12
    # activities; twice.
    assert len(kept) == 2 * (3 + 8 + 12)

    # The 6th season opens, with the same masar slugs and its own programme.
    sixth.slogan_en, sixth.slogan_ar = "Dignity", "الكرامة"
    sixth.save()
    hall = Space.objects.filter(venue__season=sixth).first()
    start = timezone.make_aware(dt.datetime.combine(sixth.days[0], dt.time(10)))
    newer = ScheduledActivityFactory(
        season=sixth,
        space=hall,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        masarat=[Masar.objects.get(season=sixth, slug="heritage")],
    )
    services.make_current_season(sixth)

    changed = []
    for path in paths:
        html = fetch(client, path)
        if path in kept and fingerprint(html) != before[path]:
            changed.append((path, before[path], fingerprint(html)))
    assert changed == []

    # Meanwhile the short addresses, the home page and the forms moved to the 6th.
    assert "Dignity" in fetch(client, "/en/")
    assert "Dignity" not in fetch(client, "/en/seasons/5/")
    heritage = fetch(client, "/en/masarat/heritage/")
    assert fingerprint(heritage)["activities"] == [str(newer.pk)]
    assert "/en/seasons/6/masarat/heritage/" in fingerprint(heritage)["canonical"]
    assert "6th season" in fetch(client, "/en/programme/")
    assert [path for path in sitemap_paths(client) if path.startswith("/ar/seasons/6/")]
