"""Whole-page caching for anonymous readers, and the HTTP caching headers.

An anonymous GET for a public page is answered from Django's cache when the
same page was rendered under the current content version
(``articles.freshness``). Any edit starts a new version and a scheduled
story's time renews it, so a cached page never outlives its data.

Never cached: requests that carry a session cookie (signed-in staff), other
methods than GET, query strings other than ``?page=N`` (arbitrary parameters
must not fill the cache), and responses that are not 200, set a cookie, or
say ``private``/``no-store`` (previews do).

Anonymous pages tell browsers and CDNs to keep them briefly and revalidate
in the background; ``ConditionalGetMiddleware`` (outside this one) answers
``If-None-Match``/``If-Modified-Since`` with 304.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from articles import freshness

from .security import STAFF_PREFIXES

CACHEABLE_QUERY = re.compile(r"^(page=\d{1,6})?$")


def _is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _cacheable_request(request):
    return (
        request.method == "GET"
        and _is_anonymous(request)
        and CACHEABLE_QUERY.match(request.META.get("QUERY_STRING", ""))
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


def _key(request):
    gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    url = f"{request.get_host()}{request.get_full_path()}|{gzip}"
    return f"page:{hashlib.sha256(url.encode()).hexdigest()}"


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if not _is_anonymous(request) and not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        # One cache round trip: the content version and the page together. A page
        # stored under an older version is stale and is rendered again.
        key = _key(request)
        found = cache.get_many([freshness.STATE_KEY, key])
        version = freshness.state(found.get(freshness.STATE_KEY))
        stored = found.get(key)
        if stored is not None and stored[0] == version["token"]:
            _, status, content, headers = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response

        response = self.get_response(request)
        if _cacheable_response(response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.NEWSROOM_BROWSER_MAX_AGE,
                stale_while_revalidate=settings.NEWSROOM_STALE_WHILE_REVALIDATE,
            )
            response["Last-Modified"] = http_date(version["checked_at"].timestamp())
            cache.set(
                key,
                (version["token"], response.status_code, response.content, list(response.items())),
                settings.NEWSROOM_PAGE_CACHE_SECONDS,
            )
        return response
