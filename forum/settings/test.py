"""pytest-django's settings: PostgreSQL, as in production and CI."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/isf")

from .base import *  # noqa: E402, F403

SECRET_KEY = "test-only-key"  # noqa: S105
# Not the test client's host (testserver): every test that sees a link then
# shows it comes from SITE_URL, not from the request.
SITE_URL = "https://isf.test"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests see what was queued and sent right away; the database queue has its
# own tests with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Hashed names need collectstatic; tests use the plain storage.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the app and project folders, no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Login lockouts are tested on their own (tests/forum/test_security.py);
# elsewhere tests log in with force_login or Client.login.
AXES_ENABLED = False
