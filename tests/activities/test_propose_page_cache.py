"""The empty proposal form is kept rendered (forum/form_pages.py): each
visitor still gets a CSRF token and a submission key of their own, posting
it works, and a change to the season's masarat shows at once."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from activities.models import Activity
from tests.activities.proposal_helpers import proposal_data, season_ahead
from tests.factories import MasarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def season(db):
    return season_ahead()


@pytest.fixture
def masarat(season):
    return [MasarFactory(season=season, name_ar="البيئة والمياه", name_en="Environment and water")]


def kept_pages():
    return [key for key in cache._cache if "form-page:propose:" in key]


def hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def test_each_visitor_gets_a_fresh_token_and_key(season, masarat):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get("/ar/propose/").content.decode()
    assert kept_pages()
    page_two = second.get("/ar/propose/").content.decode()
    assert "csrftoken" in second.cookies
    assert hidden(page_one, "csrfmiddlewaretoken") != hidden(page_two, "csrfmiddlewaretoken")
    assert hidden(page_one, "submission_key") != hidden(page_two, "submission_key")
    # Apart from those two values, the second visitor's page is the kept one.
    strip = re.compile(r'(name="(?:csrfmiddlewaretoken|submission_key)" value=")[^"]+"')
    assert strip.sub(r"\1", page_one) == strip.sub(r"\1", page_two)
    assert "\x00" not in page_two


def test_the_kept_page_can_be_posted(season, masarat):
    Client().get("/ar/propose/")  # the page is kept
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/ar/propose/").content.decode()
    data = proposal_data(season, masarat)
    data["csrfmiddlewaretoken"] = hidden(page, "csrfmiddlewaretoken")
    data["submission_key"] = hidden(page, "submission_key")
    response = visitor.post("/ar/propose/", data)
    assert response.status_code == 302
    assert str(Activity.objects.get().submission_key) == data["submission_key"]


def test_a_form_with_errors_renders_normally(client, season, masarat):
    client.get("/ar/propose/")
    data = proposal_data(season, masarat, email="not an address")
    response = client.post("/ar/propose/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page and "not an address" in page
    assert "no-store" in response["Cache-Control"]


def test_a_change_to_the_masarat_shows_at_once(client, season, masarat):
    assert "Environment and water" in client.get("/en/propose/").content.decode()
    masarat[0].name_en = "Water and the environment"
    masarat[0].save()
    MasarFactory(season=season, name_en="Heritage")
    page = client.get("/en/propose/").content.decode()
    assert "Water and the environment" in page and "Heritage" in page


def test_each_language_has_its_own_page(client, season, masarat):
    assert "البيئة والمياه" in client.get("/ar/propose/").content.decode()
    english = client.get("/en/propose/").content.decode()
    assert "Environment and water" in english and 'lang="en"' in english
