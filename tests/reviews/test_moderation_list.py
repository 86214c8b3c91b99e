"""The moderation list with the reviews: number of reviews and mean score of
each proposal, sortable and filterable, in one query; and the reviews on a
proposal's page for moderators."""

import pytest
from django.test import Client

from tests.factories import (
    ActivityFactory,
    MasarFactory,
    ProgrammeModeratorFactory,
    ReviewerFactory,
    ReviewFactory,
    log_in_verified,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/{language}/admin/activities/activity/"


@pytest.fixture
def moderator_client():
    client = Client()
    log_in_verified(client, ProgrammeModeratorFactory())
    return client


@pytest.fixture
def scored(season):
    """Three proposals: two reviews averaging 4.5, one review of 2, none."""
    masar = MasarFactory(season=season)
    reviewers = [ReviewerFactory(masarat=[masar]) for _n in range(2)]
    best = ActivityFactory(season=season, masarat=[masar], title_en="Best")
    weak = ActivityFactory(season=season, masarat=[masar], title_en="Weak")
    unread = ActivityFactory(season=season, masarat=[masar], title_en="Unread")
    ReviewFactory(activity=best, reviewer=reviewers[0], relevance=5, quality=5, feasibility=5)
    ReviewFactory(
        activity=best, reviewer=reviewers[1], relevance=4, quality=4, feasibility=4, comment="Good"
    )
    ReviewFactory(activity=weak, reviewer=reviewers[0], relevance=2, quality=2, feasibility=2)
    return {"best": best, "weak": weak, "unread": unread, "reviewers": reviewers}


def titles(response):
    assert response.status_code == 200
    return [a.title_en for a in response.context["cl"].result_list]


def column(response, name):
    cl = response.context["cl"]
    return cl.list_display.index(name)


def test_the_list_shows_the_number_of_reviews_and_the_mean(moderator_client, scored):
    response = moderator_client.get(CHANGELIST.format(language="en"))
    rows = {a.title_en: (a.review_count, a.review_mean) for a in response.context["cl"].result_list}
    assert rows == {"Best": (2, 4.5), "Weak": (1, 2.0), "Unread": (0, None)}
    page = response.content.decode()
    assert "4.5" in page


def test_the_list_sorts_by_mean_score_best_first_unreviewed_last(moderator_client, scored):
    first = moderator_client.get(CHANGELIST.format(language="en"))
    index = column(first, "review_mean_display")
    descending = moderator_client.get(CHANGELIST.format(language="en") + f"?o=-{index}")
    assert titles(descending) == ["Best", "Weak", "Unread"]
    ascending = moderator_client.get(CHANGELIST.format(language="en") + f"?o={index}")
    assert titles(ascending) == ["Unread", "Weak", "Best"]
    count_index = column(first, "review_count_display")
    by_count = moderator_client.get(CHANGELIST.format(language="en") + f"?o=-{count_index}")
    assert titles(by_count) == ["Best", "Weak", "Unread"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("reviews=fewer_than_2", {"Weak", "Unread"}),
        ("reviews=none", {"Unread"}),
        ("reviews=2_or_more", {"Best"}),
        ("mean=4", {"Best"}),
        ("mean=3", {"Best"}),
        ("mean=below_3", {"Weak"}),
        ("reviews=fewer_than_2&mean=below_3", {"Weak"}),
    ],
)
def test_the_list_filters_by_reviews_and_mean(moderator_client, scored, query, expected):
    response = moderator_client.get(CHANGELIST.format(language="en") + "?" + query)
    assert set(titles(response)) == expected


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_filters_and_columns_in_both_languages(moderator_client, scored, language):
    page = moderator_client.get(CHANGELIST.format(language=language)).content.decode()
    words = {
        "ar": ["أقل من مراجعتين", "المتوسط ≥ 4", "متوسط الدرجات"],
        "en": ["Fewer than 2 reviews", "Mean ≥ 4", "Mean score"],
    }[language]
    for word in words:
        assert word in page


def test_the_list_costs_the_same_queries_with_many_reviewed_proposals(
    moderator_client, season, django_assert_num_queries
):
    masar = MasarFactory(season=season)
    reviewers = [ReviewerFactory(masarat=[masar]) for _n in range(3)]

    def add(count):
        for _n in range(count):
            activity = ActivityFactory(season=season, masarat=[masar])
            for reviewer in reviewers:
                ReviewFactory(activity=activity, reviewer=reviewer)

    add(2)
    url = CHANGELIST.format(language="en")
    moderator_client.get(url)  # warm: sessions, content types
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        moderator_client.get(url)
    add(30)
    with django_assert_num_queries(len(few)):
        response = moderator_client.get(url)
    assert len(response.context["cl"].result_list) == 32


def test_a_moderator_reads_every_review_on_the_proposals_page(moderator_client, scored):
    best = scored["best"]
    page = moderator_client.get(f"/en/admin/activities/activity/{best.pk}/change/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Good" in text
    for reviewer in scored["reviewers"]:
        assert reviewer.username in text
