"""Organizers come back: from the private page of a past season's proposal,
a new proposal for the current season, pre-filled; and the form offers only
days of the season still ahead."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from activities.models import Activity
from tests.activities.proposal_helpers import arabic_day_label, proposal_data, season_ahead
from tests.factories import ActivityFactory, MasarFactory, SeasonFactory

pytestmark = pytest.mark.django_db


def past_season():
    return SeasonFactory(
        number=4,
        name_en="4th season",
        start_date=dt.date(2025, 11, 20),
        end_date=dt.date(2025, 11, 27),
        is_current=False,
        proposals_open=None,
        proposals_close=None,
        volunteers_open=None,
        volunteers_close=None,
    )


@pytest.fixture
def seasons():
    fourth = past_season()
    fifth = season_ahead(name_en="5th season", name_ar="الموسم الخامس")
    old_water = MasarFactory(season=fourth, slug="water", name_en="Water then")
    new_water = MasarFactory(season=fifth, slug="water", name_en="Water", name_ar="المياه")
    MasarFactory(season=fifth, slug="women", name_en="Women")
    old = ActivityFactory(
        season=fourth,
        status=Activity.Status.ACCEPTED,
        title_ar="ورشة المياه",
        title_en="",
        summary_ar="ملخص قديم.",
        description_ar="وصف قديم.",
        organization_ar="جمعية الأمل",
        organization_en="Al-Amal Association",
        organization_type=Activity.OrganizationType.TRADE_UNION,
        governorate="basra",
        contact_name="زينب علي",
        email="zainab@example.org",
        phone="+9647701234567",
        website="https://amal.example.org",
        submitted_language="ar",
        format=Activity.Format.SEMINAR,
        languages=["ar", "ku"],
        expected_participants=60,
        masarat=[old_water],
    )
    return {"fourth": fourth, "fifth": fifth, "old": old, "new_water": new_water}


def value_of(html, name):
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', html
    )
    return found and found.group(1)


def test_the_private_page_of_a_past_proposal_offers_to_propose_for_the_current_season(
    client, seasons
):
    old = seasons["old"]
    html = client.get(f"/en/propose/status/{old.private_token}/").content.decode()
    assert "Propose an activity for the 5th season" in html
    assert f'href="/en/propose/status/{old.private_token}/again/"' in html
    # Their own text is in Arabic: that form is the Arabic one.
    assert f'href="/ar/propose/status/{old.private_token}/again/?text=1"' in html
    arabic = client.get(f"/ar/propose/status/{old.private_token}/").content.decode()
    assert "اقترح نشاطاً في الموسم الخامس" in arabic


def test_a_proposal_of_the_current_season_is_not_offered_again(client, seasons):
    current = ActivityFactory(season=seasons["fifth"])
    html = client.get(f"/en/propose/status/{current.private_token}/").content.decode()
    assert "/again/" not in html


def test_before_the_call_opens_the_private_page_says_when(client, seasons):
    fifth = seasons["fifth"]
    fifth.proposals_open = timezone.now() + dt.timedelta(days=3)
    fifth.save()
    html = client.get(f"/en/propose/status/{seasons['old'].private_token}/").content.decode()
    assert "The call for activities opens on" in html
    assert "/again/" not in html


def test_the_new_form_has_their_organization_and_contact_but_not_their_text(client, seasons):
    old = seasons["old"]
    html = client.get(f"/en/propose/status/{old.private_token}/again/").content.decode()
    assert value_of(html, "organization") == "Al-Amal Association"
    assert value_of(html, "contact_name") == "زينب علي"
    assert value_of(html, "email") == "zainab@example.org"
    assert value_of(html, "website") == "https://amal.example.org"
    assert re.search(r'value="trade_union"[^>]*checked', html)
    assert '<option value="basra" selected>' in html
    assert "ورشة المياه" not in html


def test_with_their_text_the_form_has_the_activity_too(client, seasons):
    old, new_water = seasons["old"], seasons["new_water"]
    response = client.get(f"/ar/propose/status/{old.private_token}/again/?text=1")
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert value_of(html, "title") == "ورشة المياه"
    assert value_of(html, "organization") == "جمعية الأمل"
    assert "وصف قديم." in html
    # The masar of the same slug in the current season is ticked.
    assert re.search(rf'value="{new_water.pk}"[^>]*checked', html)


def test_sending_it_makes_a_new_proposal_and_leaves_the_old_one_alone(client, seasons):
    old, fifth, new_water = seasons["old"], seasons["fifth"], seasons["new_water"]
    before = Activity.objects.get(pk=old.pk)
    data = proposal_data(fifth, [new_water], title="ورشة المياه، الجزء الثاني")
    response = client.post(f"/ar/propose/status/{old.private_token}/again/?text=1", data)
    new = Activity.objects.get(season=fifth)
    assert response["Location"] == f"/ar/propose/thanks/{new.private_token}/"
    assert new.reference == "ISF5-0001" and new.pk != old.pk
    assert new.private_token != old.private_token
    assert new.title_ar == "ورشة المياه، الجزء الثاني"
    after = Activity.objects.get(pk=old.pk)
    assert (after.title_ar, after.status, after.updated_at) == (
        before.title_ar,
        before.status,
        before.updated_at,
    )


def test_an_unknown_token_proposes_nothing(client, seasons):
    assert client.get("/en/propose/status/nope/again/").status_code == 404


def test_the_form_offers_only_the_days_still_ahead(client, db):
    today = timezone.localdate()
    SeasonFactory(start_date=today - dt.timedelta(days=2), end_date=today + dt.timedelta(days=3))
    MasarFactory()
    html = client.get("/ar/propose/").content.decode()
    offered = re.findall(r'name="preferred_days" value="([\d-]+)"', html)
    assert offered == [(today + dt.timedelta(days=n)).isoformat() for n in range(4)]
    assert arabic_day_label(today) in html
    assert arabic_day_label(today - dt.timedelta(days=1)) not in html


def test_an_edit_keeps_a_preferred_day_that_has_passed(client, db):
    today = timezone.localdate()
    season = SeasonFactory(
        start_date=today - dt.timedelta(days=2), end_date=today + dt.timedelta(days=3)
    )
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    activity = ActivityFactory(season=season, preferred_days=[yesterday])
    html = client.get(f"/en/propose/status/{activity.private_token}/edit/").content.decode()
    assert re.search(rf'name="preferred_days" value="{yesterday}"[^>]*checked', html)
    assert (today - dt.timedelta(days=2)).isoformat() not in re.findall(
        r'name="preferred_days" value="([\d-]+)"', html
    )
