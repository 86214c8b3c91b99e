"""Caching the public programme: pages and exports from the shared cache,
invalidated at once by any change to what they show.

How it works: every cached value is stored with the *programme version* it
was made for, a random token kept in the cache itself, so every app server
reads the same one; one round trip (get_many) fetches both the token and the
entry, and an entry of another version counts as missing. Saving or deleting
a published activity (or one that was published), a masar, a space, a venue
or a season, and changing a published activity's masarat, replaces the token (signals, connected in
ActivitiesConfig.ready), so every entry is stale at once. Nothing lives in
one process's memory, so this stays correct with several app servers sharing
Redis; in development the backend is locmem, and there is only one process.

The token is replaced twice: at once (so the saving process and tests see
the change) and again when the transaction commits (another server may
have read the old rows and cached them under the new token in between).

Changes that send no signal (QuerySet.update(), raw SQL) must call
bump_programme_version() themselves; entries also expire after
PROGRAMME_CACHE_TIMEOUT as a safety net.

The cache is an optimisation, never a dependency: any error from the
backend is logged and the value is computed as if nothing were cached.

What may fill it: one entry per page as the site writes it (PageQuery: the
query parameters the page reads, valid values only, in one order; a visitor
adding `?utm=…` makes no new entry and no new render), and per address a
bounded number of renders caused by a visitor's own choices (RENDER_LIMIT).
Redis itself has a memory ceiling and evicts least recently used keys
(docs/deploy.md).
"""

import functools
import hashlib
import logging
import uuid
from urllib.parse import urlencode

from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language

from . import page_store

logger = logging.getLogger(__name__)

VERSION_KEY = "programme:version"
# An hour: long enough that the forum week's traffic is served from the
# cache, short enough that a change made without signals (a bulk update)
# shows within the hour even if nobody bumps the version.
PROGRAMME_CACHE_TIMEOUT = 60 * 60
# Response headers kept with a cached page (the rest come from middleware).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
MISSING = object()


def _cache():
    return caches["default"]


def _safely(operation, fallback, *args):
    """A cache call that never raises: the site serves on without a cache."""
    try:
        return getattr(_cache(), operation)(*args)
    except Exception:  # any backend's connection or protocol error
        logger.warning("Programme cache unavailable (%s)", operation, exc_info=True)
        return fallback


def programme_version():
    """The current version token, made if missing; None if the cache fails."""
    return _lookup(None)[0]


def _lookup(key):
    """(version, the value stored under key for that version, or MISSING),
    in one round trip to the cache: each entry is stored with the version it
    was made for, and an entry of an older version counts as missing.

    The version is None when the cache fails: then nothing is cached.
    """
    keys = [VERSION_KEY, key] if key else [VERSION_KEY]
    found = _safely("get_many", None, keys)
    if found is None:
        return None, MISSING
    version = found.get(VERSION_KEY)
    if version is None:
        # add, not set: app servers starting together agree on one token.
        _safely("add", False, VERSION_KEY, uuid.uuid4().hex, None)
        return _safely("get", None, VERSION_KEY), MISSING
    entry = found.get(key) if key else None
    if entry is not None and entry[0] == version:
        return version, entry[1]
    return version, MISSING


def _store(key, version, value, timeout=PROGRAMME_CACHE_TIMEOUT):
    if version is not None:
        _safely("set", None, key, (version, value), timeout)


def bump_programme_version():
    """Make every cached page and export of the programme stale."""
    _safely("set", None, VERSION_KEY, uuid.uuid4().hex, None)


def cached(name, compute, *, timeout=PROGRAMME_CACHE_TIMEOUT):
    """compute(), kept in the cache under `name` for this programme version."""
    key = f"programme:value:{name}"
    version, value = _lookup(key)
    if value is MISSING:
        value = compute()
        _store(key, version, value, timeout)
    return value


def peek(name):
    """The value cached() keeps under `name` for this programme version, or
    None: never computed here."""
    _version, value = _lookup(f"programme:value:{name}")
    return None if value is MISSING else value


def _has_private_state(request):
    """A visitor with a session (staff) or pending messages sees a page of their own."""
    from django.conf import settings

    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies


class PageQuery:
    """The query parameters a cached page reads; every other one is ignored.

    A page is kept once per *canonical* query: only these names, in this
    order, the last value of each (as a form reads it), empty ones left out,
    and, when `clean` is given, only valid values: clean(pairs) returns the
    pairs the page would use, or None when it cannot tell before the page is
    rendered (its choices are not in the cache yet: the page is then rendered
    as asked, and kept only if that was canonical). So `?utm_source=…`, a
    reordered or repeated parameter, or a value the page would ignore anyway
    makes no new entry and no new render.
    """

    def __init__(self, *names, clean=None):
        self.names = names
        self.clean = clean

    def read(self, query):
        """(name, value) pairs as asked: the known names only, nothing checked."""
        pairs = []
        for name in self.names:
            value = query.get(name)
            if value:
                pairs.append((name, value))
        return tuple(pairs)

    def canonical(self, pairs):
        if not (self.clean and pairs):
            return pairs
        cleaned = self.clean(pairs)
        return None if cleaned is None else tuple(cleaned)


NO_QUERY = PageQuery()

# What one visitor (one address, see forum.antispam.client_address) may make
# the server render that the cache cannot answer because of what they chose:
# pages with a search or filters, or any page asked for with a session cookie
# (which skips the cache). Beyond this, a 429 for the rest of the minute. Pages
# without a query do not count: there are only so many of them (one render
# per page, language and programme version), and after an admin edit many
# visitors behind one carrier-grade NAT address may be the first to ask.
RENDER_LIMIT = (60, 60)  # renders, seconds


def this_minute():
    """For cached_page(vary=…): a page that changes by the minute."""
    return timezone.localtime().strftime("%H:%M")


# vary functions by name: the early hit (activities.page_hits) reads the name
# in the entry and calls the same function.
VARIES = {"": lambda: "", "this_minute": this_minute}


def page_key(path, pairs, language=None):
    """What a public programme page depends on: its path, its canonical query
    (PageQuery), the language, for the default day today's date. Not the
    host or scheme: absolute links in pages are on SITE_URL (forum.links),
    whatever the request's Host header said. What the page adds (vary, e.g.
    the minute) is kept in the entry, not the key: the entry of the minute
    before is the stale page served while one worker renders this minute's."""
    return key_of(path, urlencode(pairs), language or get_language() or "")


def key_of(path, query_string, language):
    """page_key() of a query string as the site writes it (urlencode)."""
    parts = "|".join([path, query_string, language, timezone.localdate().isoformat()])
    digest = hashlib.sha256(parts.encode()).hexdigest()[:32]
    return f"programme:page:{digest}"


def lookup_page(key, encoding):
    """(version, the entry kept under key in that encoding, of whatever
    version, or None) in one round trip; version None if the cache fails."""
    name = page_store.entry_key(key, encoding)
    found = _safely("get_many", None, [VERSION_KEY, name])
    if found is None:
        return None, None
    version = found.get(VERSION_KEY)
    if version is None:
        _safely("add", False, VERSION_KEY, uuid.uuid4().hex, None)
        return _safely("get", None, VERSION_KEY), None
    return version, found.get(name)


def _canonical_path(request):
    """The path as the site writes it: /en/programme/0042/ is /en/programme/42/."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name or not (match.args or match.kwargs):
        # Nothing in the path a visitor could write otherwise (and no reverse()
        # on the programme's busiest pages).
        return request.path
    try:
        return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return request.path


def _ask_for(request, pairs):
    """Make the request the canonical one before the view reads it, so the
    page kept for everyone (its language links, its filter form) shows no
    parameter another visitor happened to add."""
    query_string = urlencode(pairs)
    request.META["QUERY_STRING"] = query_string
    request.GET = QueryDict(query_string)


def _over_render_limit(request):
    from forum.antispam import RateLimit, rate_limit_refusal

    rule = RateLimit(*RENDER_LIMIT, per_email=False)
    return rate_limit_refusal(request, "page-renders", [rule]) is not None


def _too_many_renders(request):
    response = render(request, "too_many_pages.html", status=429)
    response["Retry-After"] = str(RENDER_LIMIT[1])
    return response


def _may_keep(request, response):
    """A page is kept for everyone only if it holds nothing of this visitor's:
    no cookie set, no CSRF token written into it, no session touched."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def cached_page(view=None, *, query=NO_QUERY, vary=None, timeout=PROGRAMME_CACHE_TIMEOUT):
    """Serve a public page or export from the shared cache, with an ETag.

        @method_decorator(cached_page, name="dispatch")                    # no query
        @method_decorator(cached_page(query=PROGRAMME_QUERY), name="dispatch")
        @method_decorator(cached_page(vary=this_minute, timeout=120), name="dispatch")

    The page must change only with the programme version (what the signals
    below watch: activities, masarat, seasons, venues, spaces), the language,
    the day and `vary()`, a function in VARIES that costs no query
    (this_minute: a page showing what is on now).

    For anonymous GET and HEAD requests only; a visitor whose browser already
    has the same version gets a 304 (a phone on a slow network downloads
    nothing). Only 200 responses are kept, one per canonical URL (PageQuery;
    a path written otherwise, /programme/042/, is redirected to its own),
    compressed once (activities.page_store). After a change, one worker
    renders the page while the others serve the stale one. Renders a visitor
    causes by their choices are bounded (RENDER_LIMIT). Most hits never get
    here: activities.page_hits answers them before the session, CSRF and
    auth middleware.
    """
    if view is None:
        return functools.partial(cached_page, query=query, vary=vary, timeout=timeout)
    vary_name = getattr(vary, "__name__", "") if vary else ""
    if VARIES.get(vary_name) is not (vary or VARIES[""]):
        raise ValueError(f"cached_page(vary=…) takes a function of VARIES, not {vary!r}")

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"}:
            return view(request, *args, **kwargs)
        path = _canonical_path(request)
        asked = query.read(request.GET)
        if path != request.path:
            return HttpResponsePermanentRedirect(path + (f"?{urlencode(asked)}" if asked else ""))
        if _has_private_state(request):
            if _over_render_limit(request):
                return _too_many_renders(request)
            return view(request, *args, **kwargs)
        vary_value = f"{vary_name}={vary()}" if vary else ""
        encoding = page_store.accepted_encoding(request)
        key = page_key(path, asked)
        early = getattr(request, "page_lookup", None)
        if early is not None and early[:2] == (key, encoding):
            version, entry = early[2:]  # looked up by page_hits already
        else:
            version, entry = lookup_page(key, encoding)
        pairs, unsure = asked, False
        if version is not None and not page_store.is_fresh(entry, version, vary_value):
            # Only canonical URLs are stored, so a hit above needs no check;
            # a miss may be a URL written otherwise, or one that needs a render.
            pairs = query.canonical(asked)
            if pairs is None:
                pairs, unsure = asked, True
            elif pairs != asked:
                key = page_key(path, pairs)
                version, entry = lookup_page(key, encoding)
        if version is None:
            # No cache: render as asked, as if it had never been there.
            return view(request, *args, **kwargs)
        if page_store.is_fresh(entry, version, vary_value):
            return page_store.response_from(request, entry, encoding)
        locked = page_store.lock(key, version, vary_value)
        if entry is not None and not locked:
            # Another worker renders the new page: this visitor gets the
            # previous one at once rather than waiting in line.
            return page_store.response_from(request, entry, encoding)
        try:
            if pairs and _over_render_limit(request):
                return _too_many_renders(request)
            _ask_for(request, pairs)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200 or response.streaming:
                if entry is not None:
                    # Gone (a withdrawn activity, a season no longer public):
                    # nobody may be served the stale page any more.
                    _safely(
                        "delete_many",
                        None,
                        [page_store.entry_key(key, name) for name in page_store.ENCODINGS],
                    )
                return response
            if unsure and query.canonical(asked) != asked:
                # Rendered as asked, not as the site writes it: not for others.
                return response
            if not _may_keep(request, response):
                return response
            headers = tuple(
                (name, response[name]) for name in KEPT_HEADERS if response.has_header(name)
            )
            etag = page_store.make_etag(key, version, vary_value)
            kept = page_store.entries(version, vary_value, etag, headers, response.content)
            _safely(
                "set_many",
                None,
                {page_store.entry_key(key, name): value for name, value in kept.items()},
                timeout,
            )
            page_store.count_render(key, version, vary_value)
            # The lock stays until it expires: a worker that read the stale
            # entry just before this store must not render the page again.
            locked = False
            fresh = page_store.response_from(request, kept[encoding], encoding)
            for name, value in response.items():
                if name not in fresh:
                    fresh[name] = value  # what the view added (e.g. preview headers)
            return fresh
        finally:
            if locked:  # nothing stored: the next request may try
                page_store.unlock(key, version, vary_value)

    wrapper.page_cache = True
    return wrapper


def _programme_changed(sender, **kwargs):
    bump_programme_version()
    transaction.on_commit(bump_programme_version)


def _is_published(activity):
    return activity.status == activity.Status.ACCEPTED and activity.is_scheduled


def _activity_saving(sender, instance, raw=False, **kwargs):
    # Whether the row was in the public programme before this save: a new
    # proposal, or an edit of one nobody sees yet, must not empty the cache
    # of every page (under load, proposals arrive several a second).
    instance._was_published = bool(
        instance.pk and not raw and sender.objects.published().filter(pk=instance.pk).exists()
    )


def _activity_changed(sender, instance, **kwargs):
    if getattr(instance, "_was_published", True) or _is_published(instance):
        _programme_changed(sender)


def _masarat_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and (
        not hasattr(instance, "status") or _is_published(instance)
    ):
        _programme_changed(sender)


def connect_signals():
    """Called from ActivitiesConfig.ready()."""
    from forum.models import Season, Space, Venue

    from .models import Activity, Masar

    pre_save.connect(_activity_saving, sender=Activity, dispatch_uid="programme-cache-pre")
    post_save.connect(_activity_changed, sender=Activity, dispatch_uid="programme-cache-save")
    post_delete.connect(_activity_changed, sender=Activity, dispatch_uid="programme-cache-delete")
    for model in (Masar, Season, Venue, Space):
        uid = f"programme-cache-{model._meta.label_lower}"
        post_save.connect(_programme_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_programme_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _masarat_changed, sender=Activity.masarat.through, dispatch_uid="programme-cache-masarat"
    )
