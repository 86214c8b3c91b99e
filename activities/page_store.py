"""How cached pages and exports are kept in the shared cache: compressed once,
read in one round trip, renewed by one worker at a time.

A page is kept three times under its key (activities.cache.page_key): plain,
gzip and Brotli, each a self-contained entry

    (programme version, vary value, ETag, headers, body)

so a hit fetches exactly the bytes it sends, in the encoding the client
accepts, with one get_many of [version token, entry]: no compression per
request, no unpickling of encodings nobody asked for.

Stale-while-revalidate: an edit replaces the programme version, so every
entry becomes stale at once. The entries stay where they are until a worker
renders the new page; the first request for a stale page takes a short lock
in the shared cache (add(), so one app server wins) and renders, the others
are served the stale page meanwhile. Once the new page is stored, the next
lookup finds it: a stale page is never served after the new one exists.
"""

import contextlib
import gzip
import hashlib

import brotli
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

# Accept-Encoding values we answer, best first; "" is the plain body.
ENCODINGS = ("br", "gzip", "")
# How long one worker may hold the right to render a page before another
# may try (a worker killed while rendering must not leave it stale for long).
LOCK_SECONDS = 10
# Brotli's best quality costs tens of milliseconds per 100 KB, once per
# version; above this size (the big exports) a faster quality, still smaller
# than gzip.
BROTLI_BEST_UP_TO = 128 * 1024
VARY = "Accept-Encoding, Cookie"


def _cache():
    return caches["default"]


def accepted_encoding(request):
    """The best encoding of ours the client accepts ("" for none)."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header:
        return ""
    accepted = set()
    for part in header.lower().split(","):
        name, _sep, params = part.partition(";")
        params = params.replace(" ", "")
        if params.startswith("q=") and params[2:].strip("0.") == "":
            continue  # q=0: refused
        accepted.add(name.strip())
    for encoding in ENCODINGS[:-1]:
        if encoding in accepted:
            return encoding
    return ""


def entry_key(key, encoding):
    return f"{key}:{encoding or 'plain'}"


def make_etag(key, version, vary_value):
    """Weak: the same page is sent in three encodings."""
    extra = hashlib.sha256(vary_value.encode()).hexdigest()[:6] if vary_value else ""
    return f'W/"{key.rsplit(":", 1)[-1][:16]}-{version[:8]}{extra}"'


def compressed(content):
    """{encoding: body} for every encoding we send."""
    quality = 11 if len(content) <= BROTLI_BEST_UP_TO else 6
    return {
        "": content,
        "gzip": gzip.compress(content, 9, mtime=0),
        "br": brotli.compress(content, quality=quality),
    }


def entries(version, vary_value, etag, headers, content):
    """What store() keeps: one entry per encoding."""
    return {
        encoding: (version, vary_value, etag, headers, body)
        for encoding, body in compressed(content).items()
    }


def is_fresh(entry, version, vary_value):
    return entry is not None and entry[0] == version and entry[1] == vary_value


def lock(key, version, vary_value):
    """The right to render this page for this version; False if another
    worker has it (or the cache cannot tell: then serve what there is)."""
    try:
        return bool(_cache().add(f"{key}:lock:{version}:{vary_value}", 1, LOCK_SECONDS))
    except Exception:  # a cache that fails: render, as without a cache
        return True


def unlock(key, version, vary_value):
    with contextlib.suppress(Exception):  # the lock expires by itself
        _cache().delete(f"{key}:lock:{version}:{vary_value}")


def count_render(key, version, vary_value=""):
    """For bench/ only (settings.PAGE_CACHE_COUNT_RENDERS): how many renders
    each page had per programme version (and minute, for the home page),
    counted in the shared cache."""
    if not getattr(settings, "PAGE_CACHE_COUNT_RENDERS", False):
        return
    name = f"programme:renders:{key}:{version}{vary_value}"
    try:
        cache = _cache()
        cache.add(name, 0, 3600)
        cache.incr(name)
    except Exception:  # noqa: S110 - a count for a benchmark, nothing more
        pass


def response_from(request, entry, encoding):
    """The response for a stored entry: a 304 if the browser has it."""
    _version, _vary, etag, headers, body = entry
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["Vary"] = VARY
        return not_modified
    response = HttpResponse(body)
    for name, value in headers:
        response[name] = value
    if encoding:
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))
    response["Vary"] = VARY
    response["ETag"] = etag
    # Browsers keep the page but ask again each time; the ETag makes the
    # answer a 304 when nothing changed.
    response["Cache-Control"] = "no-cache"
    return response
