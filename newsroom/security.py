"""Security responses: the admin's Content-Security-Policy, and 503 when the database is down."""

import ipaddress
import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# CKEditor 5 writes <style> elements and shows pasted images as data:/blob:
# URLs; that is all the admin needs beyond the public policy.
ADMIN_POLICY = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}
STAFF_PREFIXES = ("/admin/", "/richtext/")


class AdminContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(STAFF_PREFIXES):
            response._csp_update = ADMIN_POLICY
        return response


def client_ip(request):
    """The reader's address: the one the nearest trusted proxy saw, else the connection's.

    Behind ``NEWSROOM_TRUSTED_PROXIES`` proxies, each appending to
    X-Forwarded-For, the client is that many entries from the end; anything
    before it is whatever the client chose to send. A value there that is not
    an IP address (the proxy was bypassed) counts as no header at all.
    """
    depth = settings.NEWSROOM_TRUSTED_PROXIES
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if depth and len(forwarded) >= depth and _is_address(forwarded[-depth]):
        return forwarded[-depth]
    return request.META.get("REMOTE_ADDR")


def _is_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def server_error(request):
    """The 500 handler; a lost database connection is a 503, with a hint to retry.

    It runs while the exception is being handled, wherever it was raised
    (view or middleware), so the exception is at hand.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(settings.NEWSROOM_RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(render_to_string("500.html"))
