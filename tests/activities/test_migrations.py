"""Data migrations of the activities app, run on rows as older code left them."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from activities.models import Activity
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

FILL = importlib.import_module("activities.migrations.0006_fill_activity_search_text")


def historical_apps(app_label, name):
    """The models as they stood when the migration `name` ran."""
    loader = MigrationLoader(connection)
    return loader.project_state((app_label, name)).apps


def test_a_proposal_saved_before_search_text_existed_is_found_after_the_migration():
    older = ActivityFactory(title_ar="ورشة أساسيات المُواطَنة", organization_en="Tigris Youth Team")
    untouched = ActivityFactory(title_ar="ندوة عن المياه")
    # As 0003 left every row made before it: the column added, empty.
    Activity.objects.filter(pk=older.pk).update(search_text="")
    assert list(Activity.objects.search("المواطنه")) == []

    FILL.fill_search_text(historical_apps("activities", "0006_fill_activity_search_text"), None)

    assert list(Activity.objects.search("اساسيات المواطنه")) == [older]
    assert list(Activity.objects.search("tigris youth")) == [older]
    assert list(Activity.objects.search("المياه")) == [untouched]
    # The same text save() makes: an edit later changes nothing.
    filled = Activity.objects.get(pk=older.pk).search_text
    older.refresh_from_db()
    older.save()
    assert Activity.objects.get(pk=older.pk).search_text == filled
