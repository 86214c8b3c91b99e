import pytest
from django.core.cache import cache

from tests.factories import TeamFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits live in the cache; each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def teams(season):
    """Three open teams: media, logistics, and interpretation (needs the skill)."""
    return {
        "media": TeamFactory(season=season, slug="media", name_en="Media", name_ar="الإعلام"),
        "logistics": TeamFactory(
            season=season, slug="logistics", name_en="Logistics", name_ar="اللوجستيات"
        ),
        "interpretation": TeamFactory(
            season=season,
            slug="interpretation",
            name_en="Interpretation",
            name_ar="الترجمة الفورية",
            required_skills=["interpretation"],
        ),
    }
