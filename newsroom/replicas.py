"""Readers' pages read from PostgreSQL replicas; writes, staff and whoever just wrote use the primary.

``DATABASE_REPLICA_URLS`` adds replicas (``replica1``, ``replica2``, ... in
``DATABASES``). Then, for each request:

- a reader's GET or HEAD (no session cookie, not under the admin) reads from
  one replica, chosen at its first query; everything else reads from the
  primary, as do management commands and background work;
- every write goes to the primary, and once a request has written, its later
  reads do too;
- a request that wrote (a POST, PUT, PATCH or DELETE that saved something:
  not a reader's read count, which is kept in memory) sends back a cookie that
  keeps the same browser on the primary for ``NEWSROOM_REPLICA_PIN_SECONDS``,
  so nobody misses their own change.

A replica is behind the primary by a little. A page rendered from a replica
that had not yet replayed an edit would be stored in the shared cache and
served stale until the next edit. So every drop of cached pages
(``newsroom.dependencies.drop``, after the edit's commit) first raises a fence
in Redis, the primary's WAL insert position at that moment; a request uses a replica
only if the replica has replayed up to the fence and lags by at most
``NEWSROOM_REPLICA_MAX_LAG_SECONDS``. Otherwise it reads from the primary. A
replica that does not answer is left alone for ``DOWN_SECONDS``. The fence is
why replicas need ``REDIS_URL``: raising it is an atomic maximum in Redis.
"""

import contextvars
import logging
import random
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from .security import STAFF_PREFIXES

log = logging.getLogger(__name__)

PIN_COOKIE = "newsroom_primary"
FENCE_KEY = "replica-fence"
DOWN_SECONDS = 10
SAFE_METHODS = ("GET", "HEAD")

# The replica's replayed WAL position (bytes), and how far behind it is in seconds:
# none when it has replayed everything it received, else the age of its last replayed commit.
POSITION_AND_LAG = """
SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn,
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END
"""
RAISE_FENCE = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
"""

_down_until = {}  # alias -> time.monotonic() before which this process leaves it alone


class Request:
    """Where a request reads from (for a reader: a replica, chosen at its first query), and if it wrote."""

    __slots__ = ("alias", "wrote")

    def __init__(self, reader):
        self.alias, self.wrote = (None if reader else DEFAULT_DB_ALIAS), False


_request = contextvars.ContextVar("newsroom_replica_request", default=None)


def replicas():
    return settings.DATABASE_REPLICAS


def _redis():
    return cache._cache.get_client(write=True)


def fence():
    """The primary's WAL position when pages were last dropped (0 before any)."""
    value = _redis().get(cache.make_and_validate_key(FENCE_KEY))
    return int(value) if value else 0


def raise_fence():
    """Move the fence up to the primary's WAL position now (after the commit of what changed)."""
    if not replicas():
        return
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        # Where WAL is inserted, not where it is written: with synchronous_commit off a commit
        # returns before its record is written, and a fence short of it would let a replica
        # without the change render pages that are then cached.
        cursor.execute("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")
        (position,) = cursor.fetchone()
    _redis().eval(RAISE_FENCE, 1, cache.make_and_validate_key(FENCE_KEY), int(position))


def state(alias):
    """(replayed WAL position, lag in seconds) of replica ``alias``; raises DatabaseError if it is away."""
    with connections[alias].cursor() as cursor:
        cursor.execute(POSITION_AND_LAG)
        position, lag = cursor.fetchone()
    return int(position or 0), float(lag)


def usable(alias, needed):
    """True when ``alias`` answers, has replayed up to ``needed`` and is not too far behind."""
    if _down_until.get(alias, 0) > time.monotonic():
        return False
    try:
        position, lag = state(alias)
    except DatabaseError as error:
        log.warning("Replica %s does not answer (%s); reading from the primary", alias, error)
        _down_until[alias] = time.monotonic() + DOWN_SECONDS
        connections[alias].close()
        return False
    if lag > settings.NEWSROOM_REPLICA_MAX_LAG_SECONDS:
        log.warning("Replica %s is %.1f s behind; reading from the primary", alias, lag)
        return False
    return position >= needed


def look_at_all():
    """Each replica's state, for the readiness probe: one that is away or behind is logged and left."""
    return {alias: usable(alias, 0) for alias in replicas()}


def choose():
    """A replica that has every change pages were dropped for, else the primary."""
    try:
        needed = fence()
    except Exception:  # the cache is away: nothing says how far a replica must be
        log.warning("No fence in the cache; reading from the primary", exc_info=True)
        return DEFAULT_DB_ALIAS
    candidates = list(replicas())
    random.shuffle(candidates)
    return next((alias for alias in candidates if usable(alias, needed)), DEFAULT_DB_ALIAS)


def reading_from():
    """The alias this request reads from now."""
    request = _request.get()
    if request is None or request.wrote:
        return DEFAULT_DB_ALIAS
    if request.alias is None:
        request.alias = choose()
    return request.alias


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label == "django_cache":  # the database cache, if ever: always the primary
            return DEFAULT_DB_ALIAS
        return reading_from()

    def db_for_write(self, model, **hints):
        request = _request.get()
        if request is not None:
            request.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints):
        return True  # the replicas hold the primary's rows

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaMiddleware:
    """Sends readers' requests to a replica and pins who wrote to the primary; unused without replicas."""

    def __init__(self, get_response):
        if not replicas():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        reader = (
            request.method in SAFE_METHODS
            and not request.path.startswith(STAFF_PREFIXES)
            and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            and not request.COOKIES.get(PIN_COOKIE)
        )
        state = Request(reader)
        token = _request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote and request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.NEWSROOM_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
