"""Absolute links to the site, built in one place from settings.SITE_URL.

Never from the request: its Host header is whatever the client sent (within
ALLOWED_HOSTS, which may list several names, and with any port), and a link
in an email, a calendar UID or a page's metadata must not change with it.
Pages in the shared cache are also the same whichever host was asked.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """The public address of a path on this site: absolute_url("/ar/") ->
    "https://forum.example.org/ar/"."""
    if not path.startswith("/"):
        raise ValueError(f"A path on the site starts with '/': {path!r}")
    return settings.SITE_URL + path


def site_address():
    """SITE_URL in parts: .scheme, .netloc (host and port), .hostname."""
    return urlsplit(settings.SITE_URL)


def site_host():
    """The site's host name alone (no port), e.g. for calendar UIDs."""
    return site_address().hostname
