"""A Redis cache that fails open.

When Redis is down the site must keep serving, only slower: reads miss,
writes are dropped, and after a failure Redis is left alone for a few seconds
(per process) so that each request does not wait out a connection timeout.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis.Redis for every call (about 0.3 ms of
    setting up its table of reply callbacks: more than the round trip to a
    cached page). One per connection pool, made once, does the same work:
    redis.Redis is thread-safe and takes a connection from the pool per
    command. (gunicorn forks its workers before they load the app; redis-py
    also checks the process id before using a pooled connection.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailOpenRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _available(self):
        return time.monotonic() >= self._down_until

    def _failed(self, operation, error):
        if self._available():
            logger.warning("Cache unavailable (%s): %s", operation, error)
        self._down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def _try(self, operation, fallback, *args, **kwargs):
        if not self._available():
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except Exception as error:  # redis.ConnectionError, TimeoutError, …
            self._failed(operation, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._try("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._try("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._try("has_key", False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._try("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._try("delete_many", None, keys, version=version)

    def clear(self):
        return self._try("clear", False)

    def incr(self, key, delta=1, version=None):
        # No sensible fallback for a counter: callers (the rate limit) decide.
        if not self._available():
            raise ConnectionError("cache unavailable")
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except Exception as error:
            self._failed("incr", error)
            raise ConnectionError("cache unavailable") from error
