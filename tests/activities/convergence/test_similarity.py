"""Similar proposals (activities/convergence/similarity.py) on PostgreSQL:
pairs that must and must not match."""

import pytest

from activities.convergence.similarity import ids_with_similar, similar_to
from activities.models import Activity
from tests.factories import ActivityFactory, MasarFactory, SeasonFactory

from .texts import (
    FOOTBALL_AR,
    FOOTBALL_EN,
    WATER_AR,
    WATER_EN,
    WOMEN_BASRA_AR,
    WOMEN_BASRA_AR_OTHER_WORDS,
    WOMEN_BASRA_EN,
    WOMEN_BASRA_EN_OTHER_WORDS,
)

pytestmark = pytest.mark.django_db


def proposal(texts, masarat, **fields):
    return ActivityFactory(season=masarat[0].season, masarat=masarat, **{**texts, **fields})


@pytest.mark.parametrize(
    "first, second",
    [
        (WOMEN_BASRA_AR, WOMEN_BASRA_AR_OTHER_WORDS),
        (WOMEN_BASRA_EN, WOMEN_BASRA_EN_OTHER_WORDS),
    ],
    ids=["arabic", "english"],
)
def test_two_workshops_on_womens_economic_empowerment_in_basra_worded_differently_match(
    masar, first, second
):
    one, other = proposal(first, [masar]), proposal(second, [masar])
    assert similar_to(one) == [other]
    assert similar_to(other) == [one]
    assert 0 < similar_to(one)[0].similarity <= 1


@pytest.mark.parametrize(
    "first, second",
    [(FOOTBALL_AR, WATER_AR), (FOOTBALL_EN, WATER_EN), (FOOTBALL_AR, WOMEN_BASRA_AR)],
    ids=["football-water-ar", "football-water-en", "football-women-ar"],
)
def test_proposals_on_other_questions_in_the_same_masar_do_not_match(masar, first, second):
    one, other = proposal(first, [masar]), proposal(second, [masar])
    assert similar_to(one) == []
    assert similar_to(other) == []


def test_an_arabic_proposal_matches_an_english_one_once_the_moderators_translated_it(masar):
    arabic = proposal(WOMEN_BASRA_AR, [masar])
    english = proposal(WOMEN_BASRA_EN_OTHER_WORDS, [masar])
    assert similar_to(arabic) == []
    arabic.title_en = WOMEN_BASRA_EN["title_en"]
    arabic.summary_en = WOMEN_BASRA_EN["summary_en"]
    arabic.save()
    assert similar_to(arabic) == [english]


def test_arabic_is_folded_before_comparing_diacritics_hamza_taa_marbuta_tatweel(masar):
    plain = proposal(WOMEN_BASRA_AR, [masar])
    written = proposal(
        {
            **WOMEN_BASRA_AR,
            # Diacritics, a tatweel, alef with hamza, taa marbuta written as haa.
            "title_ar": "وَرشـــة عَمَل حول التَّمكين الإقتصادي للمرأه في البصره",
        },
        [masar],
    )
    assert written.similarity_text == plain.similarity_text
    assert similar_to(plain) == [written]


def test_only_proposals_sharing_a_masar_and_of_the_same_season_are_similar(season, masar):
    other_masar = MasarFactory(season=season)
    one = proposal(WOMEN_BASRA_AR, [masar])
    proposal(WOMEN_BASRA_AR_OTHER_WORDS, [other_masar])
    next_season = SeasonFactory(number=6, is_current=False)
    proposal(WOMEN_BASRA_AR_OTHER_WORDS, [MasarFactory(season=next_season)])
    assert similar_to(one) == []
    both = proposal(WOMEN_BASRA_AR_OTHER_WORDS, [other_masar, masar])
    assert similar_to(one) == [both]


def test_withdrawn_declined_merged_and_spam_proposals_are_left_out(masar):
    one = proposal(WOMEN_BASRA_AR, [masar])
    for fields in [
        {"status": Activity.Status.WITHDRAWN},
        {"status": Activity.Status.DECLINED},
        {"status": Activity.Status.MERGED},
        {"suspected_spam": True},
    ]:
        proposal(WOMEN_BASRA_AR_OTHER_WORDS, [masar], **fields)
    assert similar_to(one) == []


def test_the_threshold_and_the_number_shown_are_settings(settings, masar):
    one = proposal(WOMEN_BASRA_AR, [masar])
    for _n in range(3):
        proposal(WOMEN_BASRA_AR_OTHER_WORDS, [masar])
    settings.SIMILAR_PROPOSALS_LIMIT = 2
    assert len(similar_to(one)) == 2
    settings.SIMILAR_PROPOSALS_THRESHOLD = 0.9
    assert similar_to(one) == []


def test_the_proposals_that_have_similar_ones_found_together(masar):
    women = proposal(WOMEN_BASRA_EN, [masar])
    women_too = proposal(WOMEN_BASRA_EN_OTHER_WORDS, [masar])
    proposal(FOOTBALL_EN, [masar])
    proposal(WATER_EN, [masar])
    assert ids_with_similar(Activity.objects.all()) == {women.pk, women_too.pk}
