"""The empty sign-up form is kept rendered (forum/form_pages.py): a fresh
CSRF token and submission key per visitor, posting works, and a change to
the teams shows at once."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import TeamFactory
from tests.volunteers.data import signup_data
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def kept_pages():
    return [key for key in cache._cache if "form-page:volunteer:" in key]


def hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def test_each_visitor_gets_a_fresh_token_and_key(teams):
    page_one = Client().get("/ar/volunteer/").content.decode()
    assert kept_pages()
    second = Client()
    page_two = second.get("/ar/volunteer/").content.decode()
    assert "csrftoken" in second.cookies
    assert hidden(page_one, "csrfmiddlewaretoken") != hidden(page_two, "csrfmiddlewaretoken")
    assert hidden(page_one, "submission_key") != hidden(page_two, "submission_key")
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page_two)
    assert len(set(tokens)) == 1 and "\x00" not in page_two


def test_the_kept_page_can_be_posted(teams):
    Client().get("/ar/volunteer/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/ar/volunteer/").content.decode()
    data = signup_data(teams)
    data["csrfmiddlewaretoken"] = hidden(page, "csrfmiddlewaretoken")
    data["submission_key"] = hidden(page, "submission_key")
    response = visitor.post("/ar/volunteer/", data)
    assert response.status_code == 302
    assert str(Volunteer.objects.get().submission_key) == data["submission_key"]


def test_a_change_to_the_teams_shows_at_once(client, teams, season):
    logistics = f'<option value="{teams["logistics"].pk}"'
    assert logistics in client.get("/en/volunteer/").content.decode()
    TeamFactory(season=season, slug="kitchen", name_en="Kitchen", name_ar="المطبخ")
    teams["logistics"].is_open = False
    teams["logistics"].save()
    page = client.get("/en/volunteer/").content.decode()
    assert "Kitchen" in page and logistics not in page


def test_a_form_with_errors_renders_normally(client, teams):
    client.get("/ar/volunteer/")
    response = client.post("/ar/volunteer/", signup_data(teams, email="nope"))
    assert response.status_code == 200
    assert "nope" in response.content.decode()
