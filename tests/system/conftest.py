import uuid

import pytest
from django.db import connection

from tests.system.proxy import CuttableProxy
from tests.system.servers import AppServer, collect_static, database_url, server_env


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture
def server_env_for(transactional_db, static_root):
    """Builds the environment of an app server on the test database."""
    cache_url = f"redis://127.0.0.1:6379/5?prefix=isf-{uuid.uuid4().hex[:8]}"

    def make(**extra):
        env = server_env(
            database=database_url(connection.settings_dict),
            cache_url=cache_url,
            static_root=static_root,
            **extra,
        )
        if not (static_root / "staticfiles.json").exists():
            collect_static(static_root, env)
        return env

    return make


@pytest.fixture
def app_server(server_env_for):
    server = AppServer(server_env_for())
    yield server
    server.stop()


@pytest.fixture
def two_app_servers(server_env_for):
    """Two gunicorn instances sharing PostgreSQL and Redis, as behind a load balancer."""
    env = server_env_for()
    first, second = AppServer(env), AppServer(env)
    yield first, second
    first.stop()
    second.stop()


@pytest.fixture
def database_proxy():
    """PostgreSQL behind a TCP proxy that the test can cut and restore."""
    settings = connection.settings_dict
    proxy = CuttableProxy(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    yield proxy
    proxy.close()
