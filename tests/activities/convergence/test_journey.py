"""Convergence, the whole journey, in both languages: two organizations
propose close workshops through the form, one invites the other to merge,
the other accepts (contacts emailed to both only then), a moderator merges
them; and a sequence scheduled back to back."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import escape

from activities.convergence import services
from activities.convergence.models import Convergence
from activities.models import Activity
from forum.models import OutgoingEmail
from tests.activities.proposal_helpers import proposal_data, season_ahead
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    ProgrammeModeratorFactory,
    ScheduledActivityFactory,
    SpaceFactory,
    log_in_verified,
)

from .texts import (
    WOMEN_BASRA_AR,
    WOMEN_BASRA_AR_OTHER_WORDS,
    WOMEN_BASRA_EN,
    WOMEN_BASRA_EN_OTHER_WORDS,
)

pytestmark = pytest.mark.django_db

TEXTS = {
    "ar": (WOMEN_BASRA_AR, WOMEN_BASRA_AR_OTHER_WORDS),
    "en": (WOMEN_BASRA_EN, WOMEN_BASRA_EN_OTHER_WORDS),
}
ORGANIZATIONS = {
    "ar": ("رابطة نساء البصرة", "منظمة شط العرب للتنمية"),
    "en": ("Basra Women's League", "Shatt al-Arab Development"),
}
CONVERGENCES = "/en/admin/activities/convergence/"


def propose(client, lang, season, masar, texts, organization, email, phone, **overrides):
    data = proposal_data(
        season,
        [masar],
        organization=organization,
        title=texts[f"title_{lang}"],
        summary=texts[f"summary_{lang}"],
        email=email,
        phone=phone,
        open_to_convergence="on",
        **overrides,
    )
    response = client.post(f"/{lang}/propose/", data)
    assert response.status_code == 302, response.context["form"].errors
    return Activity.objects.get(email=email)


def emails_to(address):
    return list(OutgoingEmail.objects.filter(to__icontains=address).order_by("pk"))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_two_organizations_propose_close_workshops_converge_and_a_moderator_merges_them(
    client, lang
):
    season = season_ahead()
    masar = MasarFactory(season=season, name_ar="حقوق المرأة", name_en="Women's rights")
    first_texts, second_texts = TEXTS[lang]
    first_org, second_org = ORGANIZATIONS[lang]
    league = propose(
        client, lang, season, masar, first_texts, first_org, "league@example.org", "07701112233"
    )
    shatt = propose(
        client, lang, season, masar, second_texts, second_org, "shatt@example.org", "07802223344"
    )
    # A close proposal whose organization did not agree to be put in touch.
    shy = ActivityFactory(season=season, masarat=[masar], open_to_convergence=False, **first_texts)
    assert league.open_to_convergence and league.contact_language == lang

    # The first organization sees the second on its private page: never its contacts.
    page = client.get(f"/{lang}/propose/status/{league.private_token}/").content.decode()
    masar_name = {"ar": "حقوق المرأة", "en": "Women&#x27;s rights"}[lang]
    assert escape(second_org) in page and shatt.reference in page and masar_name in page
    assert "shatt@example.org" not in page and "07802223344" not in page
    assert "+9647802223344" not in page
    assert shy.reference not in page

    # It invites the second to merge, with a message.
    invite_url = f"/{lang}/propose/status/{league.private_token}/converge/{shatt.pk}/"
    form = client.get(invite_url)
    assert form.status_code == 200
    assert (
        client.get(f"/{lang}/propose/status/{league.private_token}/converge/{shy.pk}/").status_code
        == 302
    )
    league_before = len(emails_to("league@example.org"))
    shatt_before = len(emails_to("shatt@example.org"))
    response = client.post(invite_url, {"kind": "merge", "message": "Shall we hold one workshop?"})
    assert response.status_code == 302
    convergence = Convergence.objects.get()
    assert (convergence.inviter, convergence.invited, convergence.kind) == (league, shatt, "merge")

    # The invited organization's email, in its language, without the inviter's contacts.
    [invitation] = emails_to("shatt@example.org")[shatt_before:]
    assert invitation.language == lang
    assert first_org in invitation.body and "Shall we hold one workshop?" in invitation.body
    assert shatt.private_token in invitation.body
    assert "league@example.org" not in invitation.body + invitation.html
    assert len(emails_to("league@example.org")) == league_before

    # It answers on its own private page.
    page = client.get(f"/{lang}/propose/status/{shatt.private_token}/").content.decode()
    assert escape(first_org) in page and "Shall we hold one workshop?" in page
    assert "league@example.org" not in page
    answer_url = f"/{lang}/propose/status/{shatt.private_token}/converge/answer/{convergence.pk}/"
    assert client.get(answer_url).status_code == 302
    client.post(answer_url, {"answer": "accept"})
    convergence.refresh_from_db()
    assert convergence.status == Convergence.Status.ACCEPTED

    # Only now are the contacts shared, to both, each in its language.
    [to_league] = emails_to("league@example.org")[league_before:]
    to_shatt = emails_to("shatt@example.org")[-1]
    assert to_league.language == to_shatt.language == lang
    assert "shatt@example.org" in to_league.body and "+9647802223344" in to_league.body
    assert "league@example.org" in to_shatt.body and "+9647701112233" in to_shatt.body

    # A moderator sees the agreed pair and merges them.
    log_in_verified(client, ProgrammeModeratorFactory())
    listing = client.get(CONVERGENCES + "?status=accepted")
    assert listing.status_code == 200
    assert league.reference in listing.content.decode()
    step = client.post(CONVERGENCES, {"action": "carry_out", "_selected_action": [convergence.pk]})
    assert step.status_code == 200 and "keep" in step.context["form"].fields
    client.post(
        CONVERGENCES,
        {
            "action": "carry_out",
            "_selected_action": [convergence.pk],
            "confirm": "1",
            "keep": league.pk,
        },
    )
    league.refresh_from_db()
    shatt.refresh_from_db()
    assert shatt.status == Activity.Status.MERGED and shatt.merged_into == league
    assert second_org in getattr(league, f"co_organizers_{lang}")
    assert Convergence.objects.get().status == Convergence.Status.DONE
    assert shatt.status_changes.last().to_status == Activity.Status.MERGED
    assert league.reference in shatt.status_changes.last().message
    assert shatt.reference in league.status_changes.last().message
    assert Activity.objects.count() == 3  # nothing deleted
    # Both organizers are told, each in its language, with its own private link.
    merged_for_league = emails_to("league@example.org")[-1]
    merged_for_shatt = emails_to("shatt@example.org")[-1]
    assert merged_for_league.language == merged_for_shatt.language == lang
    assert shatt.reference in merged_for_league.body and league.private_token in (
        merged_for_league.body
    )
    assert league.reference in merged_for_shatt.body and shatt.private_token in (
        merged_for_shatt.body
    )

    # Both organizers keep a private page showing the merged activity's status.
    client.logout()
    page = client.get(f"/{lang}/propose/status/{shatt.private_token}/").content.decode()
    assert league.reference in page and "merged-card" in page
    page = client.get(f"/{lang}/propose/status/{league.private_token}/").content.decode()
    assert escape(second_org) in page


def test_nothing_is_shared_or_sent_when_the_invited_organization_declines(client, masar):
    one = ActivityFactory(
        season=masar.season, masarat=[masar], open_to_convergence=True, **WOMEN_BASRA_EN
    )
    other = ActivityFactory(
        season=masar.season, masarat=[masar], open_to_convergence=True, **WOMEN_BASRA_EN_OTHER_WORDS
    )
    convergence = services.invite(one, other, kind="sequence", message="")
    services.answer(convergence, accept=False)
    [declined] = emails_to(one.email)
    assert other.email not in declined.body + declined.html
    assert declined.language == "en"
    with pytest.raises(services.NotAllowed):
        services.answer(convergence, accept=True)
    # Declined once: they may be invited again later, but not twice at once.
    again = services.invite(other, one, kind="merge")
    with pytest.raises(services.NotAllowed):
        services.invite(one, other, kind="merge")
    assert again.status == Convergence.Status.INVITED


def test_an_organization_that_did_not_agree_is_never_shown_nor_invited(masar):
    one = ActivityFactory(
        season=masar.season, masarat=[masar], open_to_convergence=True, **WOMEN_BASRA_AR
    )
    other = ActivityFactory(season=masar.season, masarat=[masar], **WOMEN_BASRA_AR_OTHER_WORDS)
    assert services.partners_for(one) == []
    with pytest.raises(services.NotAllowed):
        services.invite(one, other, kind="merge")


def test_a_sequence_schedules_both_back_to_back_in_one_space_and_pages_link_each_other(
    client, admin_client, season, masar
):
    space = SpaceFactory(venue__season=season)
    one = ScheduledActivityFactory(
        season=season,
        masarat=[masar],
        open_to_convergence=True,
        space=None,
        starts_at=None,
        ends_at=None,
        duration=90,
        **WOMEN_BASRA_EN,
    )
    other = ScheduledActivityFactory(
        season=season,
        masarat=[masar],
        open_to_convergence=True,
        space=None,
        starts_at=None,
        ends_at=None,
        duration=120,
        **WOMEN_BASRA_EN_OTHER_WORDS,
    )
    convergence = services.invite(one, other, kind="sequence")
    services.answer(convergence, accept=True)
    response = admin_client.post(
        CONVERGENCES,
        {
            "action": "carry_out",
            "_selected_action": [convergence.pk],
            "confirm": "1",
            "first": one.pk,
            "space": space.pk,
            "starts_at": "2026-11-23T10:00",
        },
    )
    assert response.status_code == 302
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.space == other.space == space
    assert timezone.localtime(one.starts_at, timezone.get_fixed_timezone(180)).hour == 10
    assert one.ends_at - one.starts_at == dt.timedelta(minutes=90)
    assert other.starts_at == one.ends_at
    assert other.ends_at - other.starts_at == dt.timedelta(minutes=120)
    assert other.reference in one.status_changes.last().message
    for lang in ("ar", "en"):
        page = client.get(f"/{lang}/programme/{one.pk}/").content.decode()
        assert f"/{lang}/programme/{other.pk}/" in page
        page = client.get(f"/{lang}/programme/{other.pk}/").content.decode()
        assert f"/{lang}/programme/{one.pk}/" in page


def test_a_sequence_into_a_taken_slot_changes_nothing(admin_client, season, masar):
    space = SpaceFactory(venue__season=season)
    ScheduledActivityFactory(
        season=season,
        space=space,
        starts_at=timezone.make_aware(dt.datetime(2026, 11, 23, 11, 0)),
        ends_at=timezone.make_aware(dt.datetime(2026, 11, 23, 12, 0)),
    )
    one, other = (
        ActivityFactory(
            season=season,
            masarat=[masar],
            open_to_convergence=True,
            status=Activity.Status.ACCEPTED,
            **texts,
        )
        for texts in (WOMEN_BASRA_EN, WOMEN_BASRA_EN_OTHER_WORDS)
    )
    convergence = services.invite(one, other, kind="sequence")
    services.answer(convergence, accept=True)
    admin_client.post(
        CONVERGENCES,
        {
            "action": "carry_out",
            "_selected_action": [convergence.pk],
            "confirm": "1",
            "first": one.pk,
            "space": space.pk,
            "starts_at": "2026-11-23T10:00",
        },
    )
    one.refresh_from_db()
    other.refresh_from_db()
    assert not one.is_scheduled and not other.is_scheduled
    assert Convergence.objects.get().status == Convergence.Status.ACCEPTED


def test_moderators_see_similar_proposals_on_the_page_and_filter_the_list(client, masar):
    log_in_verified(client, ProgrammeModeratorFactory())
    one = ActivityFactory(season=masar.season, masarat=[masar], **WOMEN_BASRA_AR)
    other = ActivityFactory(season=masar.season, masarat=[masar], **WOMEN_BASRA_AR_OTHER_WORDS)
    alone = ActivityFactory(
        season=masar.season,
        masarat=[masar],
        title_ar="مهرجان الشعر الشعبي",
        summary_ar="أمسية شعرية.",
        title_en="",
        summary_en="",
    )
    page = client.get(f"/ar/admin/activities/activity/{one.pk}/change/").content.decode()
    assert f"/ar/admin/activities/activity/{other.pk}/change/" in page
    assert other.reference in page
    response = client.get("/en/admin/activities/activity/?similar=yes")
    listed = {a.pk for a in response.context["cl"].result_list}
    assert listed == {one.pk, other.pk}
    assert alone.pk not in listed
