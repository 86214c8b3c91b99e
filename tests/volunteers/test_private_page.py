"""The volunteer's private page: status and team, changes, withdrawal, deletion."""

import datetime as dt

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.utils import timezone

from forum.models import OutgoingEmail
from tests.factories import TeamFactory, VolunteerFactory
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def url(volunteer, lang="ar", action=""):
    return f"/{lang}/volunteer/me/{volunteer.private_token}/{action}"


def update_data(**changes):
    data = {
        "phone": "0771 234 5678",
        "availability": ["2026-11-25.morning", "2026-11-26.afternoon"],
        "wish_1": "",
        "wish_2": "",
        "wish_3": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("lang", "heading", "status"),
    [("ar", "صفحتك التطوعية", "قيد المراجعة"), ("en", "Your volunteer page", "Applied")],
)
def test_private_page_shows_status_and_wishes_in_the_page_language(
    client, teams, lang, heading, status
):
    volunteer = VolunteerFactory(season=teams["media"].season, wishes=[teams["media"]])
    response = client.get(url(volunteer, lang))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in page
    assert status in page
    assert ("الإعلام" if lang == "ar" else "Media") in page
    assert volunteer.full_name in page
    # A key, not a page for search engines or shared caches.
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_an_unknown_or_erased_token_is_not_found(client, teams):
    assert client.get("/en/volunteer/me/not-a-real-token/").status_code == 404


def test_the_team_contact_shows_only_to_assigned_volunteers(client, teams):
    team = teams["media"]
    team.contact_name = "Hussein Ali"
    team.contact_phone = "+9647709876543"
    team.briefing_en = "Meet at the Academy gate on 21 November at 10:00."
    team.save()
    applied = VolunteerFactory(season=team.season, wishes=[team])
    assigned = VolunteerFactory(season=team.season, status="assigned", team=team)

    applied_page = client.get(url(applied, "en")).content.decode()
    assert "Hussein Ali" not in applied_page and "+9647709876543" not in applied_page

    assigned_page = client.get(url(assigned, "en")).content.decode()
    assert "Your team: Media" in assigned_page
    assert "Hussein Ali" in assigned_page
    assert 'href="tel:+9647709876543"' in assigned_page
    assert "Meet at the Academy gate on 21 November at 10:00." in assigned_page
    # The public list of teams never shows it.
    assert "Hussein Ali" not in client.get("/en/volunteer/teams/").content.decode()


def test_a_volunteer_changes_availability_wishes_and_phone(client, teams):
    volunteer = VolunteerFactory(season=teams["media"].season, wishes=[teams["media"]])
    response = client.post(
        url(volunteer, "en"), update_data(wish_1=teams["logistics"].pk, wish_2=teams["media"].pk)
    )
    assert response.status_code == 302
    assert response["Location"] == url(volunteer, "en")
    volunteer.refresh_from_db()
    assert volunteer.phone == "+9647712345678"
    assert volunteer.availability == ["2026-11-25.morning", "2026-11-26.afternoon"]
    assert volunteer.ranked_wishes() == [teams["logistics"], teams["media"]]
    page = client.get(response["Location"]).content.decode()
    assert "Your changes are saved." in page


def test_the_grid_shows_what_the_volunteer_ticked_before(client, teams):
    volunteer = VolunteerFactory(season=teams["media"].season, availability=["2026-11-22.evening"])
    page = client.get(url(volunteer, "en")).content.decode()
    assert (
        'value="2026-11-22.evening" class="form-check-input" id="id_availability_2" checked' in page
    )
    assert page.count(" checked") == 1


def test_a_change_with_no_availability_keeps_everything_and_says_why(client, teams):
    volunteer = VolunteerFactory(season=teams["media"].season)
    response = client.post(url(volunteer, "en"), update_data(availability=[]))
    assert response.status_code == 200
    assert "Tick at least one morning" in response.content.decode()
    assert 'value="0771 234 5678"' in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.phone == "+9647701234567"


def test_an_assigned_volunteer_changes_days_but_not_wishes(client, teams):
    team = teams["media"]
    volunteer = VolunteerFactory(season=team.season, status="assigned", team=team, wishes=[team])
    page = client.get(url(volunteer, "en")).content.decode()
    assert 'name="wish_1"' not in page
    client.post(url(volunteer, "en"), update_data(wish_1=teams["logistics"].pk))
    volunteer.refresh_from_db()
    assert volunteer.availability == ["2026-11-25.morning", "2026-11-26.afternoon"]
    assert volunteer.ranked_wishes() == [team]


def test_withdrawing_frees_the_place_and_tells_the_coordinators(client, teams):
    team = teams["media"]
    volunteer = VolunteerFactory(season=team.season, status="assigned", team=team)
    response = client.post(url(volunteer, "en", "withdraw/"))
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.team) == (Volunteer.Status.WITHDRAWN, None)
    notice = OutgoingEmail.objects.get(to=["volunteers@iraqsocialforum.org"])
    assert str(team.name_ar) in notice.subject
    assert volunteer.full_name not in notice.body
    page = client.get(response["Location"]).content.decode()
    assert "You have withdrawn" in page
    assert 'name="phone"' not in page  # nothing left to change


def test_a_withdrawn_volunteer_can_volunteer_again_while_sign_up_is_open(client, teams):
    volunteer = VolunteerFactory(season=teams["media"].season, status="withdrawn")
    assert "Volunteer again" in client.get(url(volunteer, "en")).content.decode()
    client.post(url(volunteer, "en", "rejoin/"))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.APPLIED


def test_nobody_rejoins_after_sign_up_closed(client, teams):
    season = teams["media"].season
    season.volunteers_close = timezone.now() - dt.timedelta(days=1)
    season.save()
    volunteer = VolunteerFactory(season=season, status="withdrawn")
    assert "Volunteer again" not in client.get(url(volunteer, "en")).content.decode()
    client.post(url(volunteer, "en", "rejoin/"))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.WITHDRAWN


@pytest.mark.parametrize(
    ("lang", "button"), [("ar", "احذف بياناتي الآن"), ("en", "Delete my data now")]
)
def test_the_delete_page_says_what_deleting_means(client, teams, lang, button):
    volunteer = VolunteerFactory(season=teams["media"].season)
    page = client.get(url(volunteer, lang, "delete/")).content.decode()
    assert button in page
    Volunteer.objects.get(pk=volunteer.pk)  # nothing happens on a GET


def test_deleting_erases_personal_data_at_once_and_keeps_anonymous_counts(client, teams):
    team = teams["media"]
    volunteer = VolunteerFactory(
        season=team.season,
        status="assigned",
        team=team,
        wishes=[team, teams["logistics"]],
        motivation="My story",
        skills=["first_aid"],
        governorate="najaf",
        age_group="25-34",
    )
    old_token = volunteer.private_token
    OutgoingEmail.objects.create(to=[volunteer.email], subject="Hello", body=f"link {old_token}")
    user = User.objects.create(username="coordinator", is_staff=True)
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[volunteer], action_flag=CHANGE, change_message="Assigned"
    )

    response = client.post(url(volunteer, "en", "delete/"))
    assert response["Location"] == "/en/volunteer/deleted/"
    assert "Your data is deleted" in client.get(response["Location"]).content.decode()

    volunteer.refresh_from_db()
    assert volunteer.is_erased
    assert (volunteer.full_name, volunteer.email, volunteer.phone) == ("", "", "")
    assert (volunteer.motivation, volunteer.skills, volunteer.availability) == ("", [], [])
    assert (volunteer.status, volunteer.team) == (Volunteer.Status.WITHDRAWN, None)
    # What remains counts, and names nobody.
    assert (volunteer.governorate, volunteer.age_group) == ("najaf", "25-34")
    assert volunteer.ranked_wishes() == [team, teams["logistics"]]
    assert Volunteer.objects.filter(season=team.season).count() == 1
    # The link is dead, and so are our copies of the emails and the name in the history.
    assert client.get(url(volunteer, "en")).status_code == 404
    assert client.get(f"/en/volunteer/me/{old_token}/").status_code == 404
    assert not OutgoingEmail.objects.filter(body__contains=old_token).exists()
    assert not LogEntry.objects.filter(object_repr__contains="زينب").exists()


def test_after_deleting_the_same_address_can_sign_up_again(client, teams):
    from tests.volunteers.data import signup_data

    volunteer = VolunteerFactory(season=teams["media"].season, email="zainab@example.org")
    client.post(url(volunteer, "en", "delete/"))
    client.post("/en/volunteer/", signup_data(teams))
    assert Volunteer.objects.active().get().email == "zainab@example.org"
    assert Volunteer.objects.count() == 2


def test_another_volunteers_token_gives_only_their_own_page(client, teams):
    mine = VolunteerFactory(season=teams["media"].season, full_name="Mine")
    theirs = VolunteerFactory(season=teams["media"].season, full_name="Theirs")
    page = client.get(url(mine, "en")).content.decode()
    assert "Mine" in page and "Theirs" not in page
    assert theirs.private_token not in page


def test_a_team_of_another_season_cannot_be_wished(client, teams):
    other = TeamFactory(season__number=4, season__is_current=False)
    volunteer = VolunteerFactory(season=teams["media"].season)
    response = client.post(url(volunteer, "en"), update_data(wish_1=other.pk))
    assert response.status_code == 200
    assert "wish_1" in response.context["form"].errors


def test_the_private_page_says_the_wish_rules_and_refuses_a_team_needing_another_skill(
    client, teams
):
    volunteer = VolunteerFactory(
        season=teams["media"].season, skills=["photography"], wishes=[teams["media"]]
    )
    page = client.get(url(volunteer, "en")).content.decode()
    assert "each team once" in page
    assert "yours are those you gave when you signed up" in page
    assert ">Interpretation (needs: Interpretation or translation)</option>" in page
    response = client.post(url(volunteer, "en"), update_data(wish_1=teams["interpretation"].pk))
    assert response.context["form"].errors["wish_1"] == [
        "This team needs one of these skills: Interpretation or translation, and none of "
        "them is among the skills you gave when you signed up. Choose another team."
    ]
    volunteer.refresh_from_db()
    assert volunteer.ranked_wishes() == [teams["media"]]
