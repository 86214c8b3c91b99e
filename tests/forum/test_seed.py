import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from activities.models import Activity, Masar
from forum import seed_data
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


@pytest.mark.parametrize("number", [5, 99])
def test_load_demo_makes_a_bilingual_scheduled_programme_without_double_booking(number):
    seed()
    call_command("load_demo", activities=40, stdout=io.StringIO())
    season = Season.objects.get(number=number)
    published = Activity.objects.published().filter(season=season)
    assert Activity.objects.filter(season=season).count() == 40
    assert published.count() > 20
    assert published.exclude(title_ar="").exclude(title_en="").exists()
    slots = list(published.values_list("space_id", "starts_at"))
    assert len(slots) == len(set(slots))
    for activity in published:
        assert activity.masarat.exists()
        assert activity.space.venue.season == season
        assert season.start_date <= timezone.localdate(activity.starts_at) <= season.end_date


def test_load_demo_replaces_its_earlier_demo_programme():
    seed()
    call_command("load_demo", activities=10, stdout=io.StringIO())
    call_command("load_demo", activities=15, stdout=io.StringIO())
    assert Activity.objects.filter(season__number=5).count() == 15
    assert Activity.objects.filter(season__number=99).count() == 15
    assert Season.objects.count() == 2


def test_load_demo_opens_the_forms_so_the_site_can_be_tried():
    seed()
    call_command("load_demo", activities=0, stdout=io.StringIO())
    season = Season.objects.current()
    assert season.proposals_are_open()
    assert season.volunteering_is_open()
    assert season.days_ahead() == season.days
    assert Masar.objects.filter(season=season).count() == 8
    assert (
        Team.objects.filter(season=season).count() == Team.objects.filter(season__number=5).count()
    )


def test_the_demo_season_is_clearly_fictional_and_obeys_the_seasons_rules():
    seed()
    call_command("load_demo", activities=5, stdout=io.StringIO())
    demo, real = Season.objects.current(), Season.objects.get(number=5)
    assert demo.number == 99
    assert "fictional" in demo.name_en and "خيالي" in demo.name_ar
    assert "made up" in demo.intro_en
    for season in (demo, real):
        season.full_clean()
        assert season.is_public
    # The real 5th season is a past season of the demo, not changed by it.
    assert (real.start_date, real.end_date) == (
        seed_data.SEASON["start_date"],
        seed_data.SEASON["end_date"],
    )
    assert real.proposals_close == seed_data.SEASON["proposals_close"]


def test_the_demo_does_not_take_the_site_back_from_a_later_real_season():
    from forum.services import make_current_season, prepare_next_season

    seed()
    call_command("load_demo", activities=0, stdout=io.StringIO())
    sixth = prepare_next_season(Season.objects.get(number=5))
    make_current_season(sixth)
    call_command("seed_season", stdout=io.StringIO())
    call_command("load_demo", activities=0, stdout=io.StringIO())
    assert Season.objects.current() == sixth


def test_demo_volunteers_of_a_past_season_can_be_invited_back():
    seed()
    call_command("load_demo", activities=0, stdout=io.StringIO())
    call_command("load_demo_volunteers", volunteers=10, stdout=io.StringIO())
    call_command("load_demo_volunteers", season=5, volunteers=10, stdout=io.StringIO())
    from volunteers.invitations import invitable
    from volunteers.models import Volunteer

    past = Volunteer.objects.filter(season__number=5)
    assert past.count() == 10
    assert invitable(past, Season.objects.current())


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
