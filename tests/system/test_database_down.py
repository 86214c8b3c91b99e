"""The database goes down under a running gunicorn, then comes back."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.system.servers import AppServer, database_url, fetch


@pytest.fixture
def server_behind_proxy(server_env_for, database_proxy):
    env = server_env_for()
    env["DATABASE_URL"] = database_url(connection.settings_dict, port=database_proxy.port)
    # Persistent connections with health checks, as in production.
    env["DB_CONN_MAX_AGE"] = "60"
    server = AppServer(env)
    yield server
    server.stop()


def test_visitors_get_503_while_the_database_is_down_and_the_site_recovers_by_itself(
    transactional_db, database_proxy, server_behind_proxy
):
    call_command("seed_season", stdout=io.StringIO())
    url = server_behind_proxy.url
    assert fetch(f"{url}/ar/").status == 200
    programme = fetch(f"{url}/ar/programme/")  # now in the shared cache
    assert programme.status == 200

    database_proxy.cut()
    # Pages that need the database (a form; a page not cached yet).
    for path in ["/ar/propose/", "/en/about/"]:
        response = fetch(url + path)
        assert response.status == 503
        assert "سنعود قريباً" in response.text
        assert "We'll be back soon" in response.text
    # What the shared cache holds is still served, without the database.
    still = fetch(f"{url}/ar/programme/")
    assert (still.status, still.body) == (200, programme.body)
    health = fetch(f"{url}/healthz", https=False)
    assert (health.status, health.text) == (503, '{"status": "error", "database": "unavailable"}')

    database_proxy.restore()
    # Each worker finds its broken connection on its next request and opens a new one.
    for _ in range(4):
        response = fetch(f"{url}/ar/propose/")
        assert response.status == 200
        assert "المنتدى الاجتماعي العراقي" in response.text
    assert "المواطنة" in fetch(f"{url}/ar/").text
    assert fetch(f"{url}/healthz", https=False).status == 200
