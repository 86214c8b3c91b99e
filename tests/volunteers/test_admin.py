"""The coordinators' admin: who sees it, the list, actions, suggestions,
rosters and exports."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.urls import reverse

from forum.models import OutgoingEmail
from tests.factories import (
    ProgrammeModeratorFactory,
    SeasonFactory,
    TeamFactory,
    VolunteerCoordinatorFactory,
    VolunteerFactory,
    log_in_verified,
)
from volunteers.admin import SUGGESTION_SALT
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

CHANGELIST = "/ar/admin/volunteers/volunteer/"


@pytest.fixture
def coordinator(client):
    user = VolunteerCoordinatorFactory()
    log_in_verified(client, user)
    return user


def action(client, name, volunteers, lang="ar", **extra):
    return client.post(
        f"/{lang}/admin/volunteers/volunteer/",
        {"action": name, "_selected_action": [v.pk for v in volunteers], **extra},
    )


def assign(client, volunteers, team, lang="en"):
    return action(client, "assign_to_team", volunteers, lang=lang, apply="1", team=team.pk)


# Who sees what ------------------------------------------------------------------


def test_volunteer_coordinators_hold_exactly_the_volunteers_and_teams_permissions():
    group = Group.objects.get(name="Volunteer coordinators")
    expected = {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("volunteer", "team", "teamwish")
    }
    assert set(group.permissions.values_list("codename", flat=True)) == expected
    assert set(group.permissions.values_list("content_type__app_label", flat=True)) == {
        "volunteers"
    }


def test_no_other_group_can_see_volunteers():
    holders = Group.objects.filter(
        permissions__content_type__app_label="volunteers",
        permissions__content_type__model="volunteer",
    ).distinct()
    assert [group.name for group in holders] == ["Volunteer coordinators"]


def test_a_programme_moderator_cannot_see_volunteers(client, season):
    VolunteerFactory(season=season, full_name="Hidden Person")
    log_in_verified(client, ProgrammeModeratorFactory())
    assert client.get(CHANGELIST).status_code == 403
    assert client.get("/ar/admin/volunteers/team/").status_code == 403
    index = client.get("/en/admin/").content.decode()
    assert "/admin/volunteers/" not in index
    assert "Hidden Person" not in index


def test_a_coordinator_sees_volunteers_but_not_the_programme(client, coordinator, season):
    VolunteerFactory(season=season, full_name="Visible Person")
    assert "Visible Person" in client.get(CHANGELIST).content.decode()
    assert client.get("/ar/admin/activities/activity/").status_code == 403


# The list -------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "column"), [("ar", "الرغبات"), ("en", "wishes")])
def test_the_list_shows_wishes_days_languages_and_skills(client, coordinator, teams, lang, column):
    VolunteerFactory(
        season=teams["media"].season,
        full_name="Amal Saleh",
        wishes=[teams["media"], teams["logistics"]],
        skills=["first_aid"],
        languages=["arabic", "kurdish"],
        availability=["2026-11-22.morning", "2026-11-24.evening"],
    )
    page = client.get(f"/{lang}/admin/volunteers/volunteer/").content.decode()
    assert column in page
    assert "Amal Saleh" in page
    if lang == "en":
        assert "1.&nbsp;Media" in page and "2.&nbsp;Logistics" in page
        assert "First aid" in page and "Arabic, Kurdish" in page
        assert '<span dir="ltr">22 24</span>' in page


def test_days_show_as_ranges():
    from volunteers.admin import day_ranges

    days = [dt.date(2026, 11, d) for d in (22, 23, 24, 26, 28, 29)]
    assert day_ranges(days) == "22–24 26 28–29"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("day=2026-11-24", ["Amal"]),
        ("skill=first_aid", ["Amal"]),
        ("language=kurdish", ["Basim"]),
        ("age_group__exact=16-17", ["Basim"]),
        ("governorate__exact=erbil", ["Basim"]),
        ("q=0770+123+4567", ["Amal"]),
        ("q=٠٧٧٠١٢٣٤٥٦٧", ["Amal"]),
        ("q=basim@", ["Basim"]),
    ],
)
def test_filters_and_search_find_the_right_volunteers(client, coordinator, teams, query, expected):
    season = teams["media"].season
    VolunteerFactory(
        season=season,
        full_name="Amal",
        skills=["first_aid"],
        availability=["2026-11-24.evening"],
        phone="+9647701234567",
    )
    VolunteerFactory(
        season=season,
        full_name="Basim",
        email="basim@example.org",
        languages=["arabic", "kurdish"],
        age_group="16-17",
        guardian_consent=True,
        governorate="erbil",
        phone="+9647509876543",
    )
    response = client.get(f"/en/admin/volunteers/volunteer/?{query}")
    names = [str(v) for v in response.context["cl"].result_list]
    assert names == expected


def test_the_list_takes_a_fixed_number_of_queries(
    client, coordinator, teams, django_assert_max_num_queries
):
    season = teams["media"].season
    for _ in range(3):
        VolunteerFactory(season=season, wishes=[teams["media"], teams["logistics"]])
    with django_assert_max_num_queries(20) as few:
        client.get(CHANGELIST)
    for _ in range(30):
        VolunteerFactory(season=season, wishes=[teams["media"], teams["logistics"]])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(CHANGELIST)


def test_volunteers_whose_data_was_deleted_are_out_of_the_way(client, coordinator, season):
    VolunteerFactory(season=season, full_name="Present")
    VolunteerFactory(season=season, full_name="", email="", phone="", erased_at="2026-11-01T00:00Z")
    default = [str(v) for v in client.get(CHANGELIST).context["cl"].result_list]
    assert default == ["Present"]
    deleted = client.get(CHANGELIST + "?data=deleted").context["cl"].result_list
    assert len(deleted) == 1 and deleted[0].is_erased


# Actions ----------------------------------------------------------------------------


def test_confirm_and_decline_change_status_of_the_selected(client, coordinator, season):
    first, second, third = VolunteerFactory.create_batch(3, season=season)
    action(client, "confirm", [first, second])
    action(client, "decline", [third])
    statuses = dict(Volunteer.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "confirmed", third.pk: "declined"}


def test_the_assign_page_lists_the_volunteers_and_the_teams_with_their_fill(
    client, coordinator, teams
):
    volunteers = VolunteerFactory.create_batch(2, season=teams["media"].season)
    page = action(client, "assign_to_team", volunteers, lang="en").content.decode()
    assert "Choose the team for these 2 volunteers" in page
    assert "Media — 0 of 10 places taken" in page
    for volunteer in volunteers:
        assert f'name="_selected_action" value="{volunteer.pk}"' in page


def test_assigning_puts_volunteers_in_the_team_and_emails_each_in_their_language(
    client, coordinator, teams
):
    team = teams["media"]
    team.contact_name = "Hussein Ali"
    team.contact_phone = "+9647709876543"
    team.briefing_ar = "نلتقي عند بوابة الأكاديمية."
    team.briefing_en = "Meet at the Academy gate."
    team.save()
    arabic = VolunteerFactory(season=team.season, status="confirmed", language="ar")
    english = VolunteerFactory(season=team.season, status="confirmed", language="en")
    response = assign(client, [arabic, english], team)
    assert response.status_code == 302
    assert set(team.assigned()) == {arabic, english}

    to_arabic = OutgoingEmail.objects.get(to=[arabic.email])
    assert "الإعلام" in to_arabic.subject
    assert "نلتقي عند بوابة الأكاديمية." in to_arabic.body
    assert "Hussein Ali" in to_arabic.body and "+9647709876543" in to_arabic.body
    assert f"/ar/volunteer/me/{arabic.private_token}/" in to_arabic.body
    to_english = OutgoingEmail.objects.get(to=[english.email])
    assert to_english.subject == "Your volunteer team: Media"
    assert "Meet at the Academy gate." in to_english.body
    assert "Hussein Ali" in to_english.html


def test_an_over_capacity_assignment_is_refused_with_a_clear_message(client, coordinator, season):
    team = TeamFactory(season=season, capacity=3, name_en="First aid")
    VolunteerFactory(season=season, status="assigned", team=team)
    chosen = VolunteerFactory.create_batch(3, season=season, status="confirmed")
    response = assign(client, chosen, team)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Volunteers chosen: 3. Free places in First aid: 2 of 3. Nobody was assigned" in page
    assert team.assigned().count() == 1
    assert OutgoingEmail.objects.count() == 0
    # Two of them fit.
    assert assign(client, chosen[:2], team).status_code == 302
    assert team.assigned().count() == 3


def test_an_assignment_needing_a_skill_is_refused_for_those_without_it(client, coordinator, teams):
    team = teams["interpretation"]
    skilled = VolunteerFactory(season=team.season, skills=["interpretation"], full_name="Dalia")
    unskilled = VolunteerFactory(season=team.season, skills=["first_aid"], full_name="Hadi")
    page = assign(client, [skilled, unskilled], team).content.decode()
    assert "These volunteers have none of them: Hadi." in page
    assert team.assigned().count() == 0
    assign(client, [skilled], team)
    assert list(team.assigned()) == [skilled]


def test_withdrawn_and_declined_volunteers_cannot_be_assigned(client, coordinator, teams):
    withdrawn = VolunteerFactory(season=teams["media"].season, status="withdrawn")
    page = assign(client, [withdrawn], teams["media"]).content.decode()
    assert "cannot be placed in a team" in page
    assert teams["media"].assigned().count() == 0


def test_removing_from_a_team_frees_the_place_and_tells_the_volunteer(client, coordinator, teams):
    volunteer = VolunteerFactory(
        season=teams["media"].season, status="assigned", team=teams["media"]
    )
    action(client, "remove_from_team", [volunteer], lang="en")
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.team) == ("confirmed", None)
    assert "الإعلام" in OutgoingEmail.objects.get(to=[volunteer.email]).body


def test_staff_can_email_the_private_link_again_to_the_volunteer(client, coordinator, season):
    volunteer = VolunteerFactory(season=season)
    action(client, "send_link", [volunteer])
    email = OutgoingEmail.objects.get(to=[volunteer.email])
    assert volunteer.private_token in email.body


def test_status_and_team_change_only_through_the_actions(client, coordinator, teams):
    volunteer = VolunteerFactory(season=teams["media"].season)
    page = client.get(f"/en/admin/volunteers/volunteer/{volunteer.pk}/change/").content.decode()
    assert 'name="status"' not in page and 'name="team"' not in page
    assert 'name="full_name"' in page


# Suggested assignments --------------------------------------------------------------


@pytest.fixture
def twenty_confirmed(teams):
    season = teams["media"].season
    teams["media"].capacity = 5
    teams["media"].save()
    volunteers = []
    for index in range(20):
        wishes = [teams["media"], teams["logistics"]] if index % 2 else [teams["logistics"]]
        volunteers.append(
            VolunteerFactory(
                season=season,
                status="confirmed",
                wishes=wishes,
                gender="female" if index % 3 else "male",
            )
        )
    return volunteers


def test_the_suggestion_page_shows_wishes_met_and_each_teams_fill(
    client, coordinator, teams, twenty_confirmed
):
    response = client.get("/en/admin/volunteers/volunteer/suggest/")
    # Logistics has 10 places and Media 5: 15 placed, all on their first wish.
    assert response.context["counts"] == {
        "first": 15,
        "second": 0,
        "third": 0,
        "other": 0,
        "unplaced": 5,
    }
    page = response.content.decode()
    assert re.search(
        r"<td>20</td>\s*<td>15</td>\s*<td>0</td>\s*<td>0</td>\s*<td>0</td>\s*<td>5</td>", page
    )
    assert "Apply: assign 15 volunteers and email them" in page
    outlooks = {o.team.slug: o for o in response.context["suggestion"].teams}
    assert (outlooks["media"].total, outlooks["logistics"].total) == (5, 10)
    assert sum(outlooks["media"].gender.values()) == 5
    assert outlooks["media"].days[0][1] == 5  # all five can come on the 22nd
    assert Volunteer.objects.filter(status="assigned").count() == 0  # nothing saved yet


def test_applying_the_suggestion_assigns_and_emails_everyone_in_it(
    client, coordinator, teams, twenty_confirmed
):
    plan = client.get("/en/admin/volunteers/volunteer/suggest/").context["plan"]
    response = client.post("/en/admin/volunteers/volunteer/suggest/", {"plan": plan, "apply": "1"})
    assert response.status_code == 302
    assert teams["media"].assigned().count() == 5
    assert teams["logistics"].assigned().count() == 10
    assert OutgoingEmail.objects.filter(subject__startswith="فريقك التطوعي").count() == 15


def test_a_stale_suggestion_is_refused_and_a_fresh_one_shown(
    client, coordinator, teams, twenty_confirmed
):
    plan = client.get("/en/admin/volunteers/volunteer/suggest/").context["plan"]
    # Meanwhile a coordinator fills Media by hand.
    others = VolunteerFactory.create_batch(5, season=teams["media"].season, status="confirmed")
    assign(client, others, teams["media"])
    response = client.post(
        "/en/admin/volunteers/volunteer/suggest/", {"plan": plan, "apply": "1"}, follow=True
    )
    assert "changed since this suggestion was made" in response.content.decode()
    assert teams["media"].assigned().count() == 5
    assert teams["logistics"].assigned().count() == 0


def test_a_tampered_suggestion_is_refused(client, coordinator, teams, twenty_confirmed):
    forged = signing.dumps([[twenty_confirmed[0].pk, teams["media"].pk]], salt="other")
    response = client.post(
        "/en/admin/volunteers/volunteer/suggest/", {"plan": forged, "apply": "1"}
    )
    assert "could not be read" in response.content.decode()
    assert Volunteer.objects.filter(status="assigned").count() == 0
    valid = signing.dumps([[twenty_confirmed[0].pk, 10**6]], salt=SUGGESTION_SALT)
    client.post("/en/admin/volunteers/volunteer/suggest/", {"plan": valid, "apply": "1"})
    assert Volunteer.objects.filter(status="assigned").count() == 0


def test_a_programme_moderator_cannot_open_the_suggestion_page(client, season):
    log_in_verified(client, ProgrammeModeratorFactory())
    assert client.get("/en/admin/volunteers/volunteer/suggest/").status_code == 403


# Teams, rosters and exports -----------------------------------------------------------


def test_the_team_list_shows_how_full_each_team_is(client, coordinator, season):
    team = TeamFactory(season=season, capacity=2, name_en="First aid")
    VolunteerFactory.create_batch(2, season=season, status="assigned", team=team)
    page = client.get("/en/admin/volunteers/team/").content.decode()
    assert "<strong>2 of 2 · full</strong>" in page


@pytest.fixture
def roster_team(season):
    team = TeamFactory(
        season=season, name_ar="الإسعافات الأولية", name_en="First aid", slug="first-aid"
    )
    VolunteerFactory(
        season=season,
        status="assigned",
        team=team,
        full_name="زينب الجبوري",
        phone="+9647701234567",
        availability=["2026-11-22.morning", "2026-11-22.afternoon", "2026-11-22.evening"],
    )
    VolunteerFactory(
        season=season,
        status="assigned",
        team=team,
        full_name="=HYPERLINK(1)",
        availability=["2026-11-23.evening"],
    )
    VolunteerFactory(season=season, full_name="Not in the team")
    return team


def test_the_roster_lists_names_phones_and_days_for_printing(client, coordinator, roster_team):
    page = client.get(
        reverse("admin:volunteers_team_roster", args=[roster_team.pk])
    ).content.decode()
    assert "زينب الجبوري" in page and '<span dir="ltr">+964 770 123 4567</span>' in page
    assert "Not in the team" not in page
    assert "volunteers/admin.css" in page  # its print styles hide the admin around it
    # A column per day; morning, afternoon and evening as ص ظ م, with a legend.
    assert '<td class="day">ص ظ م</td>' in page
    assert "<strong>ص</strong> = صباحاً" in page


def test_the_roster_downloads_as_csv_with_arabic_intact(client, coordinator, roster_team):
    response = client.get(
        reverse("admin:volunteers_team_roster", args=[roster_team.pk]) + "?format=csv"
    )
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read it as UTF-8
    text = content.decode("utf-8-sig")
    assert "زينب الجبوري" in text
    assert "+964 770 123 4567" in text
    assert "'=HYPERLINK(1)" in text  # never run as a formula
    assert 'filename="roster-first-aid.csv"' in response["Content-Disposition"]


def test_the_roster_downloads_as_xlsx_with_arabic_intact(client, coordinator, roster_team):
    response = client.get(
        reverse("admin:volunteers_team_roster", args=[roster_team.pk]) + "?format=xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("فريق", "الاسم الكامل", "الهاتف", "البريد الإلكتروني", "الأيام المتاحة")
    assert ("الإسعافات الأولية", "زينب الجبوري") in [row[:2] for row in rows]


def test_rosters_of_several_teams_export_from_the_team_list(client, coordinator, roster_team):
    response = client.post(
        "/ar/admin/volunteers/team/",
        {"action": "export_rosters_xlsx", "_selected_action": [roster_team.pk]},
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3


@pytest.mark.parametrize(("file_format", "index"), [("csv", "0"), ("xlsx", "1")])
def test_the_volunteer_list_exports_to_csv_and_xlsx_with_arabic_intact(
    client, coordinator, roster_team, file_format, index
):
    response = client.post(
        "/ar/admin/volunteers/volunteer/export/", {"format": index, "resource": "0"}
    )
    assert response.status_code == 200
    if file_format == "csv":
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = response.content.decode("utf-8-sig").splitlines()
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [",".join(str(c or "") for c in row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0].startswith("الاسم الكامل,البريد الإلكتروني,الهاتف,المحافظة")
    assert any("زينب الجبوري" in row and "بغداد" in row for row in rows)
    assert len(rows) == 4


@pytest.mark.parametrize(("file_format", "index"), [("csv", "0"), ("xlsx", "1")])
def test_control_characters_stored_in_a_volunteer_do_not_break_the_exports(
    client, coordinator, roster_team, file_format, index
):
    # Saved without a form (an older row, the shell): Word's line break and
    # other controls, which openpyxl refuses in a cell.
    roster_team.name_ar = "الإسعافات\x0bالأولية"
    roster_team.save()
    Volunteer.objects.filter(full_name="زينب الجبوري").update(full_name="زينب\x07 الجبوري\x1b")
    response = client.post(
        "/ar/admin/volunteers/volunteer/export/", {"format": index, "resource": "0"}
    )
    assert response.status_code == 200
    roster = client.get(
        reverse("admin:volunteers_team_roster", args=[roster_team.pk]) + f"?format={file_format}"
    )
    for content in (response.content, roster.content):
        if file_format == "csv":
            text = content.decode("utf-8-sig")
            assert "\x07" not in text and "\x1b" not in text and "\x0b" not in text
            assert "زينب الجبوري" in text
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
            assert "زينب الجبوري" in cells
            assert "الإسعافات\nالأولية" in cells


def test_a_programme_moderator_cannot_open_a_roster(client, roster_team):
    log_in_verified(client, ProgrammeModeratorFactory())
    url = reverse("admin:volunteers_team_roster", args=[roster_team.pk])
    assert client.get(url).status_code == 403


def test_assigning_volunteers_of_two_seasons_at_once_is_refused(client, coordinator, teams):
    old = VolunteerFactory(season=SeasonFactory(number=4, is_current=False))
    new = VolunteerFactory(season=teams["media"].season)
    response = action(client, "assign_to_team", [old, new], lang="en")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Choose volunteers of one season at a time." in page
