import pytest

from activities.models import Activity
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_search_finds_an_arabic_title_typed_without_hamza_or_taa_marbuta():
    wanted = ActivityFactory(title_ar="ورشة أساسيات المواطنة")
    ActivityFactory(title_ar="ندوة عن المياه")
    assert list(Activity.objects.search("اساسيات المواطنه")) == [wanted]


def test_search_covers_the_english_text_and_the_organization():
    wanted = ActivityFactory(organization_en="Tigris Youth Team")
    ActivityFactory()
    assert list(Activity.objects.search("tigris youth")) == [wanted]


def test_search_text_follows_an_edit():
    activity = ActivityFactory(title_en="Old title")
    activity.title_en = "Water justice"
    activity.save()
    assert list(Activity.objects.search("justice")) == [activity]
