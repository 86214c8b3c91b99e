"""The shared cache: Redis in production, and a site that keeps serving when
Redis is down."""

import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from forum.settings.env import cache_from_url


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
        ("redis://127.0.0.1:6379/2", "forum.cache.FailOpenRedisCache"),
    ],
)
def test_cache_url_picks_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_unknown_cache_url_is_refused():
    with pytest.raises(ValueError, match="memcached"):
        cache_from_url("memcached://127.0.0.1")


def test_redis_cache_stores_and_reads_values_across_connections():
    config = cache_from_url("redis://127.0.0.1:6379/3?prefix=isf-test")
    with override_settings(CACHES={"default": config, "other": config}):
        caches["default"].set("greeting", "مرحبا", 30)
        assert caches["other"].get("greeting") == "مرحبا"
        caches["default"].delete("greeting")


def test_a_redis_that_is_down_makes_reads_miss_and_writes_vanish_without_errors():
    config = cache_from_url(f"redis://127.0.0.1:{closed_port()}/0")
    with override_settings(CACHES={"default": config}):
        cache = caches["default"]
        assert cache.get("anything", "fallback") == "fallback"
        cache.set("key", "value", 30)
        assert cache.add("key", "value", 30) is False
        assert cache.get_many(["a", "b"]) == {}
        with pytest.raises(ConnectionError):
            cache.incr("counter")


@pytest.mark.django_db
def test_pages_and_forms_keep_working_when_the_cache_is_down(client, seeded):
    config = cache_from_url(f"redis://127.0.0.1:{closed_port()}/0")
    with override_settings(CACHES={"default": config}):
        response = client.get("/ar/")
        assert response.status_code == 200
        assert "المواطنة" in response.content.decode()
        assert client.get("/en/about/").status_code == 200
