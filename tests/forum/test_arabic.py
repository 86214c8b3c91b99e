import pytest

from forum.arabic import normalize_for_search


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("احمد", "أحمد"),
        ("اسلام", "إسلام"),
        ("امنه", "آمنة"),
        ("المواطنه", "المُواطَنةُ"),
        ("مستشفي", "مستشفى"),
        ("العربيه", "العـــربيــة"),
        ("CITIZENSHIP", "Citizenship"),
        ("2026", "٢٠٢٦"),
    ],
)
def test_words_match_whatever_hamza_taa_marbuta_alef_maqsura_diacritics_or_tatweel(typed, stored):
    assert normalize_for_search(typed) == normalize_for_search(stored)


def test_spaces_are_collapsed():
    assert normalize_for_search("  حقوق   المرأة \n") == "حقوق المراه"
