"""Activity cards written in Python (activities/cards.py): the same markup
the template wrote, and kept in the cache per programme version."""

from pathlib import Path

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from activities.cache import bump_programme_version
from activities.cards import attach_cards, render_card
from activities.models import Activity
from activities.programme import programme_of
from tests.activities.programme_helpers import (
    at,
    fresh_cache,  # noqa: F401 - autouse fixture
    future_season,
    masarat_of,
    place,
    schedule,
)

pytestmark = pytest.mark.django_db

# The card's template as it was, kept to compare the Python card with it.
REFERENCE = Template((Path(__file__).parent / "reference" / "activity_card.html").read_text())


@pytest.fixture
def varied():
    """Cards of every kind: both languages, fallbacks either way, no
    organization, no masar, two masarat, text that needs escaping."""
    season = future_season()
    spaces = place(season)
    spaces[1].name_en = ""
    spaces[1].save()
    red, blue = masarat_of(season)
    blue.name_ar = ""
    blue.save()
    day = season.start_date
    made = [
        schedule(spaces[0], at(day, 9), masarat=[red, blue]),
        schedule(spaces[1], at(day, 9, 30), title_en="", format=Activity.Format.PANEL),
        schedule(spaces[0], at(day, 11), title_ar="", masarat=[blue]),
        schedule(
            spaces[1],
            at(day, 13),
            organization_ar="",
            organization_en="",
            title_en='<b>"Tom & Jerry\'s"</b>',
            masarat=[red],
        ),
        schedule(spaces[0], at(day, 15), organization_ar="", organization_en="Only English"),
    ]
    return season, made


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_python_card_is_the_templates_markup(varied, language):
    season, _made = varied
    with translation.override(language), timezone.override(season.time_zone):
        for activity in programme_of(season):
            expected = REFERENCE.render(Context({"activity": activity}))
            assert render_card(activity) == expected


def test_cards_are_kept_for_the_programme_version(varied):
    season, made = varied
    with translation.override("en"), timezone.override(season.time_zone):
        first = attach_cards(programme_of(season))
        again = attach_cards(programme_of(season))
        assert [a.card_html for a in first] == [a.card_html for a in again]
        # A cached card needs no rendering: its masarat are not even read.
        with CaptureQueriesContext(connection) as queries:
            attach_cards(list(Activity.objects.filter(pk__in=[a.pk for a in made])))
        assert len(queries) == 1  # the activities; no masarat, no space

        Activity.objects.filter(pk=made[0].pk).update(title_en="Renamed")
        bump_programme_version()
        cards = {a.pk: a.card_html for a in attach_cards(programme_of(season))}
        assert "Renamed" in cards[made[0].pk]


def test_cards_are_per_language(varied):
    season, made = varied
    with timezone.override(season.time_zone):
        with translation.override("en"):
            english = attach_cards(programme_of(season))[0].card_html
        with translation.override("ar"):
            arabic = attach_cards(programme_of(season))[0].card_html
    assert english != arabic
    assert "Add to my programme" in english


def test_programme_page_shows_the_cards(client, varied):
    season, made = varied
    html = client.get(f"/en/seasons/{season.number}/programme/?day=all").content.decode()
    for activity in made:
        assert f'id="activity-{activity.pk}-title"' in html
