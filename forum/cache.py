"""A Redis cache that fails open.

When Redis is down the site must keep serving, only slower: reads miss,
writes are dropped, and after a failure Redis is left alone for a few seconds
(per process) so that each request does not wait out a connection timeout.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0


class FailOpenRedisCache(RedisCache):
    _down_until = 0.0

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
