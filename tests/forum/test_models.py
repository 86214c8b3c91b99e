import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from forum.models import Season
from tests.factories import SeasonFactory

pytestmark = pytest.mark.django_db


def test_current_season_is_the_one_marked_current():
    SeasonFactory(number=4, is_current=False)
    fifth = SeasonFactory(number=5, is_current=True)
    assert Season.objects.current() == fifth


def test_current_season_is_none_before_any_is_entered():
    assert Season.objects.current() is None


def test_only_one_season_can_be_current():
    SeasonFactory(number=4, is_current=True)
    with pytest.raises(IntegrityError):
        SeasonFactory(number=5, is_current=True)


def test_season_days_run_from_first_to_last_day():
    season = SeasonFactory()
    assert season.days[0] == dt.date(2026, 11, 22)
    assert season.days[-1] == dt.date(2026, 11, 30)
    assert len(season.days) == 9


def test_proposal_window_is_open_only_between_its_dates():
    now = timezone.now()
    season = SeasonFactory(
        proposals_open=now - dt.timedelta(days=1), proposals_close=now + dt.timedelta(days=1)
    )
    assert season.proposals_are_open(now)
    assert not season.proposals_are_open(now + dt.timedelta(days=2))
    assert not season.proposals_are_open(now - dt.timedelta(days=2))


def test_a_window_without_an_opening_date_is_closed():
    season = SeasonFactory(volunteers_open=None, volunteers_close=None)
    assert not season.volunteering_is_open()


def test_season_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        SeasonFactory(start_date=dt.date(2026, 11, 30), end_date=dt.date(2026, 11, 22))
