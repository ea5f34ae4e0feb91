"""What load balancers ask: is this process alive (``/healthz``), and can it serve (``/readyz``).

Answered first, before host checks and the HTTPS redirect (a balancer probes
by address, over plain HTTP), never cached, and without details: a reader
who finds these learns "ok" or "not ready", nothing about the parts behind.
Why a process is not ready goes to the log.
"""

import logging
import os
import uuid
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from . import replicas

log = logging.getLogger(__name__)

ALIVE, READY = "/healthz", "/readyz"
PROBE_KEY = "readyz-probe"


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def shared_cache():
    token = uuid.uuid4().hex
    cache.set(PROBE_KEY, token, 30)
    return cache.get(PROBE_KEY) == token


def storage():
    """The pictures' storage answers: its bucket, or its root on a disk (or where an upload makes it)."""
    ready = getattr(default_storage, "ready", None)
    if ready is not None:  # a bucket (newsroom.object_storage)
        return ready()
    if default_storage.exists(""):
        return True
    location = getattr(default_storage, "location", None)
    if not location:
        return False
    parent = Path(location)
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent.is_dir() and os.access(parent, os.W_OK | os.X_OK)


CHECKS = {"database": database, "cache": shared_cache, "storage": storage}


def unready_parts():
    """The names of the parts that do not answer, each check run once."""
    failed = []
    for name, check in CHECKS.items():
        try:
            if check():
                continue
            log.error("Not ready: the %s did not answer as expected", name)
        except Exception:
            log.exception("Not ready: the %s is unreachable", name)
        failed.append(name)
    return failed


def answer(text, status=200):
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


class HealthMiddleware:
    """First in the chain: ``/healthz`` and ``/readyz`` for GET and HEAD, before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in (ALIVE, READY):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = answer("Only GET and HEAD.\n", status=405)
            response["Allow"] = "GET, HEAD"
            return response
        if request.path == ALIVE:
            return answer("ok\n")
        if unready_parts():
            return answer("not ready\n", status=503)
        # A replica that is away or too far behind is logged and left for the primary, which
        # serves its readers: this process stays ready (a lagging replica must not empty the pool).
        replicas.look_at_all()
        return answer("ready\n")
