import io
import os

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.factories import MasarFactory, SeasonFactory


@pytest.fixture(autouse=True)
def _arabic_by_default(settings):
    """Each test starts as a visitor with no language chosen: Arabic."""
    settings.LANGUAGE_CODE = "ar"
    with translation.override("ar"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """A rolled-back test sends no signal that would make cached pages stale:
    each test starts with an empty cache (and rate-limit counters)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's superuser client, past the second factor too."""
    from django.test import Client

    from tests.factories import log_in_verified

    client = Client()
    log_in_verified(client, admin_user)
    return client


@pytest.fixture
def season(db):
    return SeasonFactory()


@pytest.fixture
def masar(season):
    return MasarFactory(season=season)


@pytest.fixture
def seeded(db):
    """The real 5th season as seed_season loads it."""
    call_command("seed_season", stdout=io.StringIO())


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: nothing may pass by not running."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; failing the run.", red=True)
        session.exitstatus = 1
