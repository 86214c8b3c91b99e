import io

import pytest
from django.core.management import call_command
from django.utils import translation

from activities.models import Activity, Masar
from forum.models import Season, Space
from volunteers.models import Team

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_season", stdout=io.StringIO())


def test_seed_season_loads_the_fifth_season_with_its_eight_masarat():
    seed()
    season = Season.objects.current()
    assert season.number == 5
    assert (season.slogan_ar, season.slogan_en) == ("المواطنة", "Citizenship")
    assert (season.start_date.day, season.end_date.day) == (22, 30)
    masarat = Masar.objects.filter(season=season)
    assert masarat.count() == 8
    assert masarat.first().name_ar.startswith("الحقوق المدنية والسياسية")
    assert masarat.first().name_en.startswith("Civil and political rights")
    assert set(season.venues.values_list("name_en", flat=True)) == {
        "Baghdad Academy of Human Sciences",
        "Abu Nuwas Gardens",
    }
    assert Space.objects.filter(venue__season=season, kind="outdoor").exists()
    first_aid = Team.objects.get(season=season, slug="first-aid")
    assert first_aid.required_skills == ["first_aid"]


def test_seed_season_twice_changes_nothing():
    seed()
    counts = (Masar.objects.count(), Space.objects.count(), Team.objects.count())
    seed()
    assert (Masar.objects.count(), Space.objects.count(), Team.objects.count()) == counts
    assert Season.objects.count() == 1


def test_load_demo_makes_a_bilingual_scheduled_programme_without_double_booking():
    seed()
    call_command("load_demo", activities=40, stdout=io.StringIO())
    published = Activity.objects.published()
    assert Activity.objects.count() == 40
    assert published.count() > 20
    assert published.exclude(title_ar="").exclude(title_en="").exists()
    slots = list(published.values_list("space_id", "starts_at"))
    assert len(slots) == len(set(slots))
    for activity in published:
        assert activity.masarat.exists()


def test_load_demo_replaces_its_earlier_demo_programme():
    seed()
    call_command("load_demo", activities=10, stdout=io.StringIO())
    call_command("load_demo", activities=15, stdout=io.StringIO())
    assert Activity.objects.count() == 15


def test_load_demo_opens_the_forms_so_the_site_can_be_tried():
    seed()
    call_command("load_demo", activities=0, stdout=io.StringIO())
    season = Season.objects.current()
    assert season.proposals_are_open()
    assert season.volunteering_is_open()


def test_masar_names_show_in_each_language():
    seed()
    masar = Masar.objects.get(slug="environment-water")
    with translation.override("en"):
        assert masar.name == "Environment and water"
    with translation.override("ar"):
        assert masar.name == "البيئة والمياه"


def test_seed_season_again_keeps_what_staff_edited_unless_reset():
    seed()
    Masar.objects.filter(slug="heritage").update(name_en="Living heritage")
    seed()
    assert Masar.objects.get(slug="heritage").name_en == "Living heritage"
    call_command("seed_season", "--reset", stdout=io.StringIO())
    assert Masar.objects.get(slug="heritage").name_en == "Heritage and preservation"
