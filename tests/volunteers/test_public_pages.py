"""The public pages: the teams and places left, and "email me my link"."""

import re

import pytest

from forum.models import OutgoingEmail
from tests.factories import TeamFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "heading", "left", "full"),
    [
        ("ar", "فرق المتطوعين", "بقي مكان واحد من 2", "مكتمل حالياً"),
        ("en", "Volunteer teams", "1 place left of 2", "Full for now"),
    ],
)
def test_teams_page_shows_places_left_and_full_teams_without_names(
    client, season, lang, heading, left, full
):
    half = TeamFactory(season=season, capacity=2, name_en="Media", name_ar="الإعلام")
    complete = TeamFactory(season=season, capacity=1, name_en="First aid", name_ar="الإسعافات")
    TeamFactory(season=season, is_open=False, name_en="Hidden team", name_ar="فريق مخفي")
    VolunteerFactory(season=season, status="assigned", team=half, full_name="Amal Saleh")
    VolunteerFactory(season=season, status="assigned", team=complete, full_name="Basim Ali")
    page = client.get(f"/{lang}/volunteer/teams/").content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert left in page and full in page
    assert "Hidden team" not in page and "فريق مخفي" not in page
    # Nothing personal, ever.
    assert "Amal Saleh" not in page and "Basim Ali" not in page
    assert "example.org" not in page and "+964" not in page


def test_teams_page_takes_the_same_queries_for_few_and_many_teams(
    client, season, django_assert_max_num_queries
):
    for _ in range(2):
        TeamFactory(season=season)
    with django_assert_max_num_queries(10) as few:
        client.get("/en/volunteer/teams/")
    for _ in range(20):
        team = TeamFactory(season=season, required_skills=["first_aid"])
        VolunteerFactory(season=season, status="assigned", team=team)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/volunteer/teams/")


@pytest.mark.parametrize("signed_up", [True, False])
def test_email_me_my_link_answers_the_same_whether_or_not_the_address_signed_up(
    client, season, signed_up
):
    if signed_up:
        volunteer = VolunteerFactory(season=season, email="amal@example.org", language="en")
    response = client.post("/en/volunteer/link/", {"email": "Amal@Example.org"}, follow=True)
    page = response.content.decode()
    assert "If this address signed up to volunteer this season" in page
    emails = OutgoingEmail.objects.all()
    if signed_up:
        (email,) = emails
        assert email.to == ["amal@example.org"]
        assert volunteer.private_token in email.body
    else:
        assert not emails.exists()


def test_email_me_my_link_is_rate_limited_and_throttled(client, season):
    VolunteerFactory(season=season, email="amal@example.org")
    for _ in range(5):
        client.post("/en/volunteer/link/", {"email": "amal@example.org"})
    assert OutgoingEmail.objects.count() == 1  # once in ten minutes, however often asked
    response = client.post("/en/volunteer/link/", {"email": "amal@example.org"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "We received many requests from your connection in a short time." in page
    assert re.search(r"Please ask again in \d+ minutes?\.", page)
    assert 'value="amal@example.org"' in page
    # Someone else on the same connection still gets an answer.
    other = client.post("/en/volunteer/link/", {"email": "huda@example.org"})
    assert other.status_code == 302


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_public_volunteer_pages_are_in_the_sitemap(client, season, lang):
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ("volunteer/", "volunteer/teams/", "volunteer/link/"):
        assert f"https://isf.test/{lang}/{path}</loc>" in sitemap
    assert "/volunteer/me/" not in sitemap
