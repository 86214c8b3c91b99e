"""Small readers for settings that come from the environment.

Kept apart from base.py so the parsing rules (what counts as true, how a
cache URL maps to Django's CACHES) are tested and documented in one place.
"""

import os
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in TRUE_VALUES


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def cache_from_url(url):
    """Map CACHE_URL to a Django CACHES entry.

    locmem:// (one process), dummy:// (no cache), redis://host:port/db
    (shared by every app server; Django's own RedisCache).
    """
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "isf",
        }
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if parts.scheme in {"redis", "rediss"}:
        location = url.split("?", 1)[0]
        return {
            "BACKEND": "forum.cache.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": options.get("prefix", "isf"),
            # Short timeouts: a stalled Redis must slow a page a little,
            # never hang it (see forum.cache for the fail-open wrapper).
            "OPTIONS": {
                "socket_connect_timeout": float(options.get("connect_timeout", 0.5)),
                "socket_timeout": float(options.get("timeout", 0.5)),
            },
        }
    raise ValueError(f"Unsupported CACHE_URL scheme: {parts.scheme!r}")


def site_url(value):
    """SITE_URL as the site uses it: scheme and host (and port), no path and
    no trailing slash, so `site_url + "/ar/"` is a link."""
    value = value.strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path:
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's address, such as https://forum.example.org "
            f"(a scheme and a host, no path); got {value!r}."
        )
    if parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(f"SITE_URL must not carry a query or a user: {value!r}.")
    return value
