"""Review by several people: reviewers score the proposals of their masarat,
never see those of an organization they declared a conflict with, nor the
others' scores before they have scored themselves, nor any contact data."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from activities.models import Activity
from reviews.conflicts import normalize_name
from reviews.models import DeclaredConflict, Review
from tests.factories import ActivityFactory, MasarFactory, ReviewerFactory, log_in_verified

from .helpers import post_review, proposal_url

pytestmark = pytest.mark.django_db

LIST = "/{language}/admin/reviews/proposaltoreview/"


def client_for(user):
    client = Client()
    log_in_verified(client, user)
    return client


@pytest.fixture
def water(season):
    return MasarFactory(season=season, name_en="Environment and water", name_ar="البيئة والمياه")


@pytest.fixture
def ten_proposals(season, water):
    proposals = [
        ActivityFactory(
            season=season,
            masarat=[water],
            organization_ar=f"منظمة رقم {n}",
            organization_en=f"Organization {n}",
        )
        for n in range(9)
    ]
    # The tenth: an organization one reviewer works with.
    proposals.append(
        ActivityFactory(
            season=season,
            masarat=[water],
            organization_ar="جمعية الأمل للمياه",
            organization_en="Al-Amal Water Society",
            contact_name="Secret Contactname",
            email="secret.organizer@example.org",
            phone="+9647809998877",
        )
    )
    return proposals


@pytest.fixture
def reviewers(water):
    return [ReviewerFactory(masarat=[water]) for _n in range(3)]


def listed(client, language="en", query=""):
    response = client.get(LIST.format(language=language) + query)
    assert response.status_code == 200
    return {a.pk for a in response.context["cl"].result_list}


def test_the_group_is_made_by_a_migration_with_exactly_its_permissions():
    group = Group.objects.get(name="Reviewers")
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert granted == {
        ("reviews", "view_proposaltoreview"),
        ("reviews", "change_proposaltoreview"),
        ("reviews", "view_review"),
        ("reviews", "add_review"),
        ("reviews", "change_review"),
        ("reviews", "view_declaredconflict"),
        ("reviews", "add_declaredconflict"),
        ("reviews", "change_declaredconflict"),
        ("reviews", "delete_declaredconflict"),
    }


def test_names_are_compared_folded():
    assert normalize_name("  جمعيّة الأَمل للمياه. ") == normalize_name("جمعيه الامل للمياة")
    assert normalize_name("Al-Amal  WATER Society") == "al amal water society"
    assert normalize_name("مستشفى") == normalize_name("مستشفي")


def test_three_reviewers_score_ten_proposals_one_hidden_by_a_declared_conflict(
    ten_proposals, reviewers
):
    first, second, third = reviewers
    # Declared with other letter forms, case and spacing than the proposal's.
    DeclaredConflict.objects.create(reviewer=third, organization="جمعيه الامل   للمياة")
    conflicted = ten_proposals[-1]
    all_ids = {a.pk for a in ten_proposals}

    for reviewer in reviewers:
        client = client_for(reviewer)
        visible = listed(client)
        expected = all_ids - {conflicted.pk} if reviewer == third else all_ids
        assert visible == expected
        for number, activity in enumerate(ten_proposals):
            if activity.pk not in visible:
                continue
            response = post_review(
                client,
                activity,
                relevance=5 if number < 5 else 2,
                quality=4,
                feasibility=3 + (reviewer == first),
                comment=f"Comment by {reviewer.username}",
            )
            assert response.status_code == 302, response.context and response.context.get("errors")
        # Every proposal shown is now scored by them.
        assert listed(client, query="?scored=no") == set()

    assert Review.objects.count() == 29
    assert Review.objects.filter(activity=conflicted).count() == 2
    assert not Review.objects.filter(activity=conflicted, reviewer=third).exists()
    review = Review.objects.get(activity=ten_proposals[0], reviewer=first)
    assert (review.relevance, review.quality, review.feasibility) == (5, 4, 4)


def test_a_proposal_of_a_declared_conflict_cannot_be_reached_by_its_address(
    ten_proposals, reviewers
):
    reviewer = reviewers[0]
    DeclaredConflict.objects.create(reviewer=reviewer, organization="al-amal water society")
    client = client_for(reviewer)
    conflicted = ten_proposals[-1]
    assert client.get(proposal_url(conflicted)).status_code == 404
    response = client.post(
        proposal_url(conflicted),
        {
            "reviews-TOTAL_FORMS": "1",
            "reviews-INITIAL_FORMS": "0",
            "reviews-0-relevance": "5",
            "reviews-0-quality": "5",
            "reviews-0-feasibility": "5",
        },
    )
    assert response.status_code == 404
    assert not Review.objects.exists()
    assert client.get(proposal_url(conflicted) + "../history/").status_code == 404


def test_a_reviewer_sees_only_the_proposals_of_their_masarat(season, reviewers, ten_proposals):
    other = ActivityFactory(season=season, masarat=[MasarFactory(season=season)])
    withdrawn = ActivityFactory(
        season=season, masarat=ten_proposals[0].masarat.all(), status=Activity.Status.WITHDRAWN
    )
    client = client_for(reviewers[0])
    assert other.pk not in listed(client)
    assert withdrawn.pk not in listed(client)
    assert client.get(proposal_url(other)).status_code == 404
    # Not a moderator: the moderation list is not theirs.
    assert client.get("/en/admin/activities/activity/").status_code == 403


def test_others_scores_are_hidden_until_the_reviewer_has_scored(ten_proposals, reviewers):
    first, second, _third = reviewers
    activity = ten_proposals[0]
    post_review(
        client_for(first), activity, relevance=1, quality=2, feasibility=3, comment="Too vague."
    )
    client = client_for(second)
    before = client.get(proposal_url(activity)).content.decode()
    assert "Too vague." not in before
    assert first.username not in before
    assert "The other reviewers" not in before

    post_review(client, activity, relevance=4, quality=4, feasibility=4, comment="Solid.")
    after = client.get(proposal_url(activity)).content.decode()
    assert "Too vague." in after
    assert first.username in after
    assert "Solid." in after  # their own, in its box


def test_a_reviewer_changes_their_own_review_and_no_one_elses(ten_proposals, reviewers):
    first, second, _third = reviewers
    activity = ten_proposals[1]
    post_review(client_for(first), activity, relevance=1, quality=1, feasibility=1)
    client = client_for(second)
    post_review(client, activity, relevance=2, quality=2, feasibility=2)
    post_review(client, activity, relevance=5, quality=5, feasibility=5, comment="Better now.")
    scores = dict(
        Review.objects.filter(activity=activity).values_list("reviewer__username", "relevance")
    )
    assert scores == {first.username: 1, second.username: 5}


def test_a_score_outside_one_to_five_is_refused(ten_proposals, reviewers):
    response = post_review(
        client_for(reviewers[0]), ten_proposals[0], relevance=6, quality=0, feasibility=3
    )
    assert response.status_code == 200
    assert not Review.objects.exists()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_reviewers_pages_in_both_languages_show_no_contact_data(
    ten_proposals, reviewers, language
):
    client = client_for(reviewers[0])
    activity = ten_proposals[-1]
    pages = [
        client.get(LIST.format(language=language)),
        client.get(proposal_url(activity, language)),
        client.get(f"/{language}/admin/reviews/declaredconflict/"),
        client.get(f"/{language}/admin/reviews/declaredconflict/add/"),
        client.get(f"/{language}/admin/"),
    ]
    assert [page.status_code for page in pages] == [200] * 5
    for page in pages:
        text = page.content.decode()
        assert f'lang="{language}"' in text
        for secret in ["Secret Contactname", "secret.organizer@example.org", "9998877"]:
            assert secret not in text
    proposal = pages[1].content.decode()
    assert "جمعية الأمل للمياه" in proposal and "Al-Amal Water Society" in proposal
    words = {
        "ar": ["الملاءمة للمسار", "مراجعتك"],
        "en": ["Relevance to the path (masar)", "Your review"],
    }[language]
    for word in words:
        assert word in proposal


def test_a_reviewer_declares_a_conflict_and_sees_only_their_own(reviewers, ten_proposals):
    first, second, _third = reviewers
    DeclaredConflict.objects.create(reviewer=second, organization="Another Society")
    client = client_for(first)
    response = client.post(
        "/en/admin/reviews/declaredconflict/add/", {"organization": "Al-Amal Water Society"}
    )
    assert response.status_code == 302
    conflict = DeclaredConflict.objects.get(reviewer=first)
    assert conflict.normalized == "al amal water society"
    page = client.get("/en/admin/reviews/declaredconflict/").content.decode()
    assert "Al-Amal Water Society" in page and "Another Society" not in page
    assert ten_proposals[-1].pk not in listed(client)


def test_the_reviewers_list_costs_the_same_queries_with_many_proposals(
    season, water, reviewers, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reviewer = reviewers[0]
    DeclaredConflict.objects.create(reviewer=reviewer, organization="Some Society")
    client = client_for(reviewer)

    def add(count):
        for _n in range(count):
            ActivityFactory(season=season, masarat=[water])

    add(2)
    url = LIST.format(language="en")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(30)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 32


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_moderator_assigns_a_reviewer_to_masarat(season, water, language):
    from reviews.models import Reviewer
    from tests.factories import ProgrammeModeratorFactory

    reviewer = ReviewerFactory()
    women = MasarFactory(season=season)
    client = client_for(ProgrammeModeratorFactory())
    url = f"/{language}/admin/reviews/reviewer/{reviewer.reviewer.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert {"ar": "المسارات", "en": "Paths (masarat)"}[language] in page.content.decode()
    response = client.post(url, {"user": reviewer.pk, "masarat": [water.pk, women.pk]})
    assert response.status_code == 302
    assert set(Reviewer.objects.get(user=reviewer).masarat.all()) == {water, women}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_reviewer_of_no_masar_yet_is_told_why_the_list_is_empty(ten_proposals, language):
    client = client_for(ReviewerFactory())
    response = client.get(LIST.format(language=language))
    assert list(response.context["cl"].result_list) == []
    expected = {"ar": "لا تراجع أي مسار بعد", "en": "You review no path (masar) yet"}[language]
    assert expected in response.content.decode()


def test_scores_given_before_a_conflict_was_declared_no_longer_count(ten_proposals, reviewers):
    reviewer = reviewers[0]
    conflicted, other = ten_proposals[-1], ten_proposals[0]
    client = client_for(reviewer)
    post_review(client, conflicted, relevance=5, quality=5, feasibility=5)
    post_review(client, other, relevance=3, quality=3, feasibility=3)
    response = client.post(
        "/en/admin/reviews/declaredconflict/add/",
        {"organization": "جمعية الامل للمياه"},
        follow=True,
    )
    assert "Your review of 1 proposal of this organization was withdrawn." in (
        response.content.decode()
    )
    assert list(Review.objects.values_list("activity", flat=True)) == [other.pk]
