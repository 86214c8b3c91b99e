import io
import re

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from tests.factories import MasarFactory

pytestmark = pytest.mark.django_db


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("ar-IQ,ar;q=0.9", "/ar/"), ("", "/ar/"), ("fr", "/ar/")],
)
def test_root_redirects_by_the_browsers_language_and_arabic_when_unknown(
    client, season, accept_language, expected
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_arabic_home_page_is_right_to_left_with_the_slogan(client, seeded):
    response = client.get("/ar/")
    page = response.content.decode()
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    assert "المواطنة" in page
    assert "bootstrap.rtl.min.css" in page
    assert "اقترح نشاطاً" in page
    assert "البيئة والمياه" in page


def test_english_home_page_is_left_to_right_with_the_slogan(client, seeded):
    response = client.get("/en/")
    page = response.content.decode()
    assert html_tag(response) == '<html lang="en" dir="ltr">'
    assert "Citizenship" in page
    assert "bootstrap.min.css" in page and "bootstrap.rtl.min.css" not in page
    assert "Propose an activity" in page
    assert "Environment and water" in page


def test_language_switcher_keeps_the_page_and_its_query_string(client, seeded):
    page = client.get("/ar/programme/?day=2026-11-23&masar=heritage").content.decode()
    assert 'href="/en/programme/?day=2026-11-23&amp;masar=heritage" hreflang="en"' in page
    page = client.get("/en/programme/mine/?ids=1,2").content.decode()
    assert 'href="/ar/programme/mine/?ids=1,2" hreflang="ar"' in page
    page = client.get("/en/about/").content.decode()
    assert 'href="/ar/about/" hreflang="ar"' in page


def test_every_page_names_both_languages_and_x_default(client, seeded):
    page = client.get("/en/about/").content.decode()
    assert '<link rel="alternate" hreflang="ar" href="https://isf.test/ar/about/">' in page
    assert '<link rel="alternate" hreflang="en" href="https://isf.test/en/about/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="https://isf.test/about/">' in page


@pytest.mark.parametrize(
    ("url", "expected"),
    [("/ar/about/", "مستقل"), ("/en/about/", "independent")],
)
def test_about_page_states_the_forums_principles(client, seeded, url, expected):
    page = client.get(url).content.decode()
    assert expected in page
    assert "البيئة والمياه" in page or "Environment and water" in page


@pytest.mark.parametrize(
    ("lang", "name"), [("ar", "البيئة والمياه"), ("en", "Environment and water")]
)
def test_masar_page_shows_its_name_in_the_page_language(client, seeded, lang, name):
    response = client.get(f"/{lang}/masarat/environment-water/")
    assert response.status_code == 200
    assert f'<h1 class="h2">{name}</h1>' in response.content.decode()


def test_masar_without_english_name_shows_arabic_marked_as_arabic(client, season):
    MasarFactory(season=season, slug="only-ar", name_ar="مسار عربي", name_en="")
    page = client.get("/en/masarat/only-ar/").content.decode()
    assert '<span lang="ar" dir="rtl">مسار عربي</span>' in page
    assert "Available in Arabic only" in page


def test_unknown_masar_is_a_bilingual_404(client, seeded):
    response = client.get("/ar/masarat/no-such-path/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in page
    assert "Page not found" in page


def test_server_error_page_speaks_both_languages():
    page = render_to_string("500.html")
    assert "حدث خطأ من جهتنا" in page
    assert "Something went wrong on our side" in page


def test_healthz_answers_json_without_a_language_prefix(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_sitemap_lists_every_page_in_both_languages(client, seeded):
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in [
        "/ar/",
        "/en/",
        "/ar/about/",
        "/en/about/",
        "/ar/seasons/",
        "/en/seasons/5/",
        "/ar/seasons/5/masarat/heritage/",
    ]:
        assert f"<loc>https://isf.test{path}</loc>" in sitemap
    assert 'hreflang="x-default"' in sitemap


def test_home_page_without_a_season_is_a_404_not_a_crash(client, db):
    assert client.get("/ar/").status_code == 404


def test_static_assets_come_from_the_site_itself(client, seeded):
    page = client.get("/ar/").content.decode()
    external = re.findall(r'(?:href|src)="(https?://[^"]+\.(?:css|js|woff2?))"', page)
    assert external == []


def test_arabic_dates_use_the_iraqi_month_names(client, seeded):
    page = client.get("/ar/").content.decode()
    assert "22 تشرين الثاني" in page
    assert "نوفمبر" not in page
    assert "22 November" in client.get("/en/").content.decode()


@pytest.mark.parametrize("url", ["/ar/propose/", "/en/volunteer/"])
def test_required_field_asterisks_are_hidden_from_screen_readers(client, seeded, url):
    # A screen reader says "required" (the inputs' attribute), not "star".
    call_command("load_demo", activities=0, stdout=io.StringIO())  # opens the forms
    page = client.get(url).content.decode()
    assert '<span class="asteriskField" aria-hidden="true">*</span>' in page
    assert '<span class="asteriskField">*</span>' not in page
