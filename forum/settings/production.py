"""The forum's servers, behind a TLS-terminating proxy.

Refuses to start with the development secret key, without SITE_URL, or with
DEBUG on.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY, SECRET_KEY
from .env import env_bool, env_int, env_str

if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (50+ characters) in production."
    )
# No default here: links in emails would point to a laptop's address.
if not env_str("SITE_URL").strip():
    raise ImproperlyConfigured(
        "Set SITE_URL to the site's public address (https://forum.example.org) in production."
    )

DEBUG = False

# The proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# (/healthz is answered before this redirect: forum.middleware.HealthCheckMiddleware.)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
