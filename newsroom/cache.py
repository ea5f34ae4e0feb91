"""Whole-page caching for anonymous readers, and the headers a CDN keys and purges by.

An anonymous GET or HEAD of a public page is answered from the shared cache
while every dependency tag the page recorded when it was rendered keeps its
token (``newsroom.dependencies``): an edit re-renders exactly the pages that
show what changed, on every process at once.

One key per page: the site's own origin (``SITE_URL``), the path, ``?page=N``
when present, and whether the response is gzipped (decided as
``GZipMiddleware`` decides). Tracking parameters (``utm_*``, ``fbclid``,
``gclid``...) are left out, since no page depends on them; any other query
string is answered without the cache. Only 200 responses that set no cookie
and are not ``private``/``no-store`` (previews) are stored, so a flood of
made-up URLs stores nothing and cannot push real pages out.

When a page is stale or missing, one process renders it (a short lock in the
cache) while concurrent requests for it wait for that render, up to
``NEWSROOM_RENDER_WAIT_SECONDS``, then render it themselves: no stampede, and
nothing stale is served.

Responses carry ``X-Cache`` (HIT or MISS), the page's tags as
``Surrogate-Key`` (space-separated: Fastly, Varnish xkey) and ``Cache-Tag``
(comma-separated: Cloudflare), and separate lifetimes for browsers
(``max-age``) and shared caches (``s-maxage``, ``Surrogate-Control``), the
latter never past the next scheduled publication. ``ConditionalGetMiddleware``
(outside this one) answers ``If-None-Match``/``If-Modified-Since`` with 304.
"""

import hashlib
import logging
import re
import time
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from . import dependencies, site
from .security import STAFF_PREFIXES

log = logging.getLogger(__name__)

# Parameters that campaigns and social networks add to links; no page reads them.
TRACKING_PARAMETER = re.compile(
    r"^(utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|"
    r"mc_cid|mc_eid|_ga|_gl|li_fat_id|s_cid|ref_src)$",
    re.IGNORECASE,
)
LOCK_PREFIX = "page-render:"
WAIT_STEP = 0.02


def _is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def key_query(request):
    """The part of the query string that names the page: "", "page=N", or None (not cacheable)."""
    kept = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not TRACKING_PARAMETER.match(name)
    ]
    if not kept:
        return ""
    if len(kept) == 1 and kept[0][0] == "page" and site.PAGE_NUMBER.fullmatch(kept[0][1]):
        return f"page={int(kept[0][1])}"
    return None


def page_key(request, query):
    gzip = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    origin = urlsplit(settings.SITE_URL).netloc
    name = f"{origin}{request.path}?{query}|gzip={gzip}"
    return f"page:{hashlib.sha256(name.encode()).hexdigest()}"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and _is_anonymous(request)
        and not request.path.startswith(STAFF_PREFIXES)
    )


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _shared_headers(response, tags, schedule, expires):
    """Lifetimes for browsers and shared caches, and the tags a CDN purges by."""
    shared = dependencies.shared_max_age(schedule, settings.NEWSROOM_CDN_MAX_AGE)
    if expires is not None:
        shared = max(0, min(shared, int((expires - timezone.now()).total_seconds())))
    browser = min(settings.NEWSROOM_BROWSER_MAX_AGE, shared)
    del response["Cache-Control"]
    patch_cache_control(
        response,
        public=True,
        max_age=browser,
        s_maxage=shared,
        stale_while_revalidate=settings.NEWSROOM_STALE_WHILE_REVALIDATE,
    )
    response["Surrogate-Control"] = f"max-age={shared}"
    if tags:
        response["Surrogate-Key"] = " ".join(sorted(tags))
        response["Cache-Tag"] = ",".join(sorted(tags))


def _from_entry(entry, schedule):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    _shared_headers(response, entry["tokens"], schedule, entry["expires"])
    response["X-Cache"] = "HIT"
    return response


class _Lookup:
    """What the cache said about one page: a fresh entry, or how to render it."""

    entry = None
    schedule = None
    marker = None
    lock = None
    bypass = False


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self._uncached(request)
        # A reader's request writes nothing: each shared value it reads is read once.
        with dependencies.remembering():
            return self._answer(request)

    def _uncached(self, request):
        response = self.get_response(request)
        if not _is_anonymous(request) and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _answer(self, request):
        """A reader's GET or HEAD: from the cache when its address and the settings allow."""
        query = key_query(request)
        if query is None or not dependencies.enabled():
            return self._uncached(request)
        key = page_key(request, query)
        try:
            found = self._lookup(key)
        except Exception:
            # The shared cache is away: readers still get pages, rendered each time.
            log.warning("Shared cache unavailable; %s rendered without it", request.path, exc_info=True)
            return self.get_response(request)
        if found.entry is not None:
            return _from_entry(found.entry, found.schedule)
        if found.bypass:
            return self.get_response(request)
        try:
            with dependencies.collecting() as recorded:
                response = self.get_response(request)
            if _cacheable_response(response):
                response["Last-Modified"] = http_date()
                # As ConditionalGetMiddleware would on every hit; stored, it is hashed once.
                set_response_etag(response)
                # Stored before the lock goes, so whoever waited finds it.
                fields = {
                    "status": response.status_code,
                    "content": response.content,
                    "headers": list(response.items()),
                }
                timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
                dependencies.quietly(dependencies.store, key, fields, recorded, found.marker, timeout)
                _shared_headers(response, recorded.tags, found.schedule, recorded.expires)
                response["X-Cache"] = "MISS"
        finally:
            if found.lock:
                dependencies.quietly(cache.delete, found.lock)
        return response

    def _lookup(self, key):
        found = _Lookup()
        confirmed = dependencies.local_copy(key)
        if confirmed is not None:
            found.entry, found.schedule = confirmed
            return found
        values = cache.get_many([key, dependencies.CHANGES_KEY, dependencies.SCHEDULE_KEY])
        found.schedule = values.get(dependencies.SCHEDULE_KEY)
        if dependencies.due(found.schedule):
            found.schedule = dependencies.catch_up()
            if found.schedule is None:
                # Another process is making scheduled stories public: answer fresh, store nothing.
                found.bypass = True
                return found
            values.pop(dependencies.CHANGES_KEY, None)
            values.pop(key, None)
        found.entry = dependencies.fresh(values.get(key))
        if found.entry is not None:
            dependencies.local_copies.put(key, found.entry, settings.NEWSROOM_PAGE_CACHE_SECONDS)
            return found
        lock = LOCK_PREFIX + key
        if cache.add(lock, 1, settings.NEWSROOM_RENDER_WAIT_SECONDS):
            found.lock = lock
        else:
            found.entry = self._wait_for(key, lock)
            if found.entry is not None:
                return found
        found.marker = dependencies.changes_marker(values)
        return found

    def _wait_for(self, key, lock):
        """The entry another process is rendering, once stored; None if it stored none in time."""
        deadline = time.monotonic() + settings.NEWSROOM_RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP)
            values = cache.get_many([key, lock])
            entry = dependencies.fresh(values.get(key))
            if entry is not None or lock not in values:
                return entry
        return None
