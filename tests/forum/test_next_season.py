"""Staff open the next season: prepare it from the last one, check it, make
it current; the same from the admin and from manage.py."""

import datetime as dt
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from activities.cache import programme_version
from activities.models import Masar
from forum import services
from forum.models import Season, Space
from volunteers.models import Team

pytestmark = pytest.mark.django_db


def baghdad(year, month, day, hour=0):
    return dt.datetime(year, month, day, hour, tzinfo=dt.timezone(dt.timedelta(hours=3)))


@pytest.fixture
def fifth(seeded):
    season = Season.objects.get(number=5)
    team = Team.objects.get(season=season, slug="first-aid")
    team.contact_name = "Ali Hassan"
    team.contact_phone = "+9647701111111"
    team.contact_email = "ali@example.org"
    team.briefing_en = "Meet at the gate at 8."
    team.save()
    return season


def test_the_next_season_copies_what_carries_over_as_a_hidden_draft(fifth, admin_user):
    sixth = services.prepare_next_season(fifth, by=admin_user)
    assert (sixth.number, sixth.name_ar, sixth.name_en) == (6, "الموسم السادس", "6th season")
    assert not sixth.is_current and not sixth.is_public
    assert (sixth.start_date, sixth.end_date) == (dt.date(2027, 11, 22), dt.date(2027, 11, 30))
    # The same Baghdad time, a year later.
    assert sixth.proposals_open == baghdad(2027, 9, 1, 9)
    assert sixth.volunteers_close == baghdad(2027, 11, 19)
    sixth.full_clean()
    assert sixth.slogan_en == "Slogan to be announced"
    assert sixth.intro_en == fifth.intro_en
    assert list(Masar.objects.filter(season=sixth).values_list("slug", "colour", "order")) == list(
        Masar.objects.filter(season=fifth).values_list("slug", "colour", "order")
    )
    assert Masar.objects.get(season=sixth, slug="heritage").name_ar == "التراث والحفاظ عليه"
    assert (
        Space.objects.filter(venue__season=sixth).count()
        == Space.objects.filter(venue__season=fifth).count()
    )
    assert sixth.venues.get(order=1).spaces.get(name_en="Main Hall").capacity == 300
    team = Team.objects.get(season=sixth, slug="first-aid")
    assert team.required_skills == ["first_aid"]
    assert team.description_ar
    assert (team.contact_name, team.contact_phone, team.contact_email) == ("", "", "")
    assert not team.briefing_en
    assert not sixth.activities.exists() and not sixth.volunteers.exists()
    assert LogEntry.objects.get(object_id=str(sixth.pk)).get_change_message() == (
        "حُضِّر انطلاقاً من الموسم 5."
    )
    # The 5th is untouched.
    fifth.refresh_from_db()
    assert fifth.is_current and Masar.objects.filter(season=fifth).count() == 8


def test_a_season_is_prepared_once(fifth):
    services.prepare_next_season(fifth)
    with pytest.raises(services.SeasonActionRefused, match="6"):
        services.prepare_next_season(fifth)
    assert Season.objects.filter(number=6).count() == 1


def test_the_29th_of_february_moves_to_the_28th():
    assert services.a_year_later(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_making_a_season_current_moves_the_site_and_the_cache(fifth, admin_user):
    sixth = services.prepare_next_season(fifth)
    before = programme_version()
    services.make_current_season(sixth, by=admin_user)
    assert Season.objects.current() == sixth
    sixth.refresh_from_db()
    fifth.refresh_from_db()
    assert sixth.is_public and fifth.is_public and not fifth.is_current
    assert programme_version() != before
    assert LogEntry.objects.filter(object_id=str(fifth.pk)).exists()


def test_a_season_whose_windows_cannot_work_is_not_made_current(fifth):
    sixth = services.prepare_next_season(fifth)
    Season.objects.filter(pk=sixth.pk).update(proposals_close=baghdad(2027, 12, 5))
    with pytest.raises(services.SeasonActionRefused, match="يجب أن تُغلق الدعوة"):
        services.make_current_season(sixth)
    assert Season.objects.current() == fifth


def test_one_current_season_stays_a_database_rule(fifth):
    sixth = services.prepare_next_season(fifth)
    with pytest.raises(IntegrityError), transaction.atomic():
        Season.objects.filter(pk=sixth.pk).update(is_current=True, is_public=True)


def test_an_unpublished_season_cannot_be_current(fifth):
    with pytest.raises(IntegrityError), transaction.atomic():
        Season.objects.filter(pk=fifth.pk).update(is_public=False)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"proposals_close": baghdad(2026, 12, 2)},
            "proposals_close",
            "The call for activities must close by the season's last day (30 November 2026).",
        ),
        (
            {"volunteers_close": baghdad(2026, 12, 1, 0) + dt.timedelta(minutes=1)},
            "volunteers_close",
            "Volunteer sign-up must close by the season's last day (30 November 2026).",
        ),
        (
            {"proposals_open": baghdad(2026, 11, 11), "proposals_close": baghdad(2026, 11, 10)},
            "__all__",
            "The call for activities must open before it closes.",
        ),
        (
            {"volunteers_open": baghdad(2026, 11, 20), "volunteers_close": baghdad(2026, 11, 1)},
            "__all__",
            "Volunteer sign-up must open before it closes.",
        ),
        (
            {"end_date": dt.date(2026, 11, 21)},
            "__all__",
            "The last day cannot be before the first day.",
        ),
    ],
)
def test_season_data_that_cannot_work_is_refused_with_a_clear_message(
    fifth, changes, field, message, settings
):
    from django.utils import translation

    for name, value in changes.items():
        setattr(fifth, name, value)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        fifth.full_clean()
    assert message in error.value.message_dict[field]


def test_a_window_closing_at_the_end_of_the_last_day_is_fine(fifth):
    fifth.volunteers_close = baghdad(2026, 12, 1, 0)
    fifth.full_clean()


# The admin ---------------------------------------------------------------------


def test_staff_prepare_the_next_season_from_the_admin(admin_client, fifth):
    url = f"/en/admin/forum/season/{fifth.pk}/prepare-next/"
    page = admin_client.get(url).content.decode()
    assert "Season 6 will be made from 5th season, as a draft" in page
    assert "8 paths (masarat) copied" in page
    assert "without their contact person" in page
    response = admin_client.post(url)
    sixth = Season.objects.get(number=6)
    assert response["Location"] == f"/en/admin/forum/season/{sixth.pk}/change/"
    assert not sixth.is_public
    # Once made, the page says so instead of making another.
    assert "Season 6 exists already." in admin_client.get(url).content.decode()
    admin_client.post(url)
    assert Season.objects.filter(number=6).count() == 1


def test_the_admin_action_leads_to_the_same_pages(admin_client, fifth):
    response = admin_client.post(
        "/en/admin/forum/season/",
        {"action": "prepare_next_season_action", "_selected_action": [fifth.pk]},
    )
    assert response["Location"] == f"/en/admin/forum/season/{fifth.pk}/prepare-next/"
    response = admin_client.post(
        "/en/admin/forum/season/",
        {"action": "make_current_action", "_selected_action": [fifth.pk]},
    )
    assert response["Location"] == f"/en/admin/forum/season/{fifth.pk}/make-current/"


def test_the_confirmation_says_what_will_change_before_making_a_season_current(admin_client, fifth):
    sixth = services.prepare_next_season(fifth)
    now = timezone.now()
    sixth.slogan_en = "Dignity"
    sixth.proposals_open = now - dt.timedelta(days=1)
    sixth.proposals_close = now + dt.timedelta(days=30)
    sixth.volunteers_open = now + dt.timedelta(days=10)
    sixth.volunteers_close = now + dt.timedelta(days=40)
    sixth.start_date = timezone.localdate() + dt.timedelta(days=60)
    sixth.end_date = sixth.start_date + dt.timedelta(days=8)
    sixth.save()
    url = f"/en/admin/forum/season/{sixth.pk}/make-current/"
    page = admin_client.get(url).content.decode()
    assert (
        "The home page, the programme, the paths' pages and the forms to propose an "
        "activity and to volunteer will show 6th season instead of 5th season."
    ) in page
    assert "Call for activities: open now, until" in page
    assert "Volunteer sign-up: opens on" in page
    assert 'href="/en/seasons/5/"' in page
    assert Season.objects.current() == fifth  # nothing changed by looking
    response = admin_client.post(url)
    assert response.status_code == 302
    assert Season.objects.current() == sixth
    assert "Dignity" in admin_client.get("/en/").content.decode()


def test_the_confirmation_lists_what_keeps_a_season_from_being_current(admin_client, fifth):
    sixth = services.prepare_next_season(fifth)
    Season.objects.filter(pk=sixth.pk).update(volunteers_close=baghdad(2027, 12, 24))
    url = f"/ar/admin/forum/season/{sixth.pk}/make-current/"
    page = admin_client.get(url).content.decode()
    assert "يجب أن يُغلق التسجيل للتطوع في موعد أقصاه اليوم الأخير من الموسم" in page
    admin_client.post(url)
    assert Season.objects.current() == fifth


def test_the_admin_form_refuses_a_window_after_the_last_day_in_the_admins_language(
    admin_client, fifth
):
    sixth = services.prepare_next_season(fifth)
    data = {
        "number": 6,
        "name_ar": sixth.name_ar,
        "name_en": sixth.name_en,
        "slogan_ar": "الكرامة",
        "slogan_en": "Dignity",
        "intro_ar": "",
        "intro_en": "",
        "is_public": "",
        "start_date": "2027-11-22",
        "end_date": "2027-11-30",
        "time_zone": "Asia/Baghdad",
        "proposals_open_0": "2027-09-01",
        "proposals_open_1": "09:00",
        "proposals_close_0": "2027-12-10",
        "proposals_close_1": "09:00",
        "volunteers_open_0": "",
        "volunteers_open_1": "",
        "volunteers_close_0": "",
        "volunteers_close_1": "",
    }
    response = admin_client.post(f"/ar/admin/forum/season/{sixth.pk}/change/", data)
    assert response.status_code == 200
    assert (
        "يجب أن تُغلق الدعوة لتقديم الأنشطة في موعد أقصاه اليوم الأخير من الموسم"
        in response.content.decode()
    )
    data["proposals_close_0"] = "2027-11-10"
    response = admin_client.post(f"/ar/admin/forum/season/{sixth.pk}/change/", data)
    assert response.status_code == 302
    sixth.refresh_from_db()
    assert sixth.slogan_ar == "الكرامة"
    data.update(start_date="2027-11-30", end_date="2027-11-22")
    page = admin_client.post(f"/en/admin/forum/season/{sixth.pk}/change/", data)
    assert "The last day cannot be before the first day." in page.content.decode()


def test_the_change_page_offers_the_next_steps(admin_client, fifth):
    page = admin_client.get(f"/en/admin/forum/season/{fifth.pk}/change/").content.decode()
    assert f'href="/en/admin/forum/season/{fifth.pk}/prepare-next/"' in page
    assert "make-current" not in page  # it is current already
    sixth = services.prepare_next_season(fifth)
    page = admin_client.get(f"/en/admin/forum/season/{sixth.pk}/change/").content.decode()
    assert f'href="/en/admin/forum/season/{sixth.pk}/make-current/"' in page
    assert "View on site" in page  # the preview of its pages


def test_the_current_season_cannot_be_unpublished_in_the_admin(admin_client, fifth):
    response = admin_client.get(f"/en/admin/forum/season/{fifth.pk}/change/")
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    for name in ["proposals_open", "proposals_close", "volunteers_open", "volunteers_close"]:
        moment = timezone.localtime(data.pop(name))
        data[f"{name}_0"], data[f"{name}_1"] = moment.date(), moment.strftime("%H:%M")
    data["is_public"] = ""
    response = admin_client.post(f"/en/admin/forum/season/{fifth.pk}/change/", data)
    assert "The current season is always published." in response.content.decode()
    fifth.refresh_from_db()
    assert fifth.is_public


def test_moderators_cannot_change_the_current_season(client, fifth):
    from tests.factories import ProgrammeModeratorFactory, log_in_verified

    log_in_verified(client, ProgrammeModeratorFactory())
    sixth = services.prepare_next_season(fifth)
    response = client.post(f"/en/admin/forum/season/{sixth.pk}/make-current/")
    assert response.status_code in {302, 403}
    assert Season.objects.current() == fifth


# manage.py -----------------------------------------------------------------------


def test_the_commands_do_what_the_admin_does(fifth):
    out = io.StringIO()
    call_command("start_next_season", "--from", "5", stdout=out)
    assert "Prepared 6th season (2027-11-22 to 2027-11-30), not public yet" in out.getvalue()
    with pytest.raises(CommandError, match="الموسم 6 موجود أصلاً"):
        call_command("start_next_season", "--from", "5", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no season 9"):
        call_command("set_current_season", "9", stdout=io.StringIO())
    call_command("set_current_season", "6", stdout=out)
    assert Season.objects.current().number == 6
    # Seeding the 5th again does not take the site back to it.
    call_command("seed_season", stdout=io.StringIO())
    assert Season.objects.current().number == 6
