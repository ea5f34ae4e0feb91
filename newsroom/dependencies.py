"""Dependency tags: what every cached thing shows, and dropping exactly that when it changes.

A cached thing (a page, an Also Read list, the navigation) records the tags
of what it shows while it is computed: ``depends_on("article-12",
"list-all")``. Each tag has a token in the shared cache; the cached thing
is stored with the tokens its tags had, and is fresh while they are
unchanged. A write calls ``invalidate(tags)``: once its transaction commits,
each tag gets a new token (so everything that showed it is stale on every
process at once) and ``tags_dropped`` tells the CDN purgers.

Race-free across processes. A render reads data that may be about to
change. So every invalidation first renews one marker, ``CHANGES_KEY``; a
render notes the marker before it reads anything and compares it after it
has read its tags' tokens. If the marker moved, some write committed during
the render, and the result is not stored (it is still served: it was right
when it was read). Tokens are random, never reused, so a token that is lost
(evicted, cache emptied) can only make something stale, never fresh.

Apps name their objects' tags (``register_tag``), so services such as the
FAQ know the tag of an object without knowing its app.

Scheduled content changes pages without any write. ``content_due`` is sent,
by one process, on the first request after the earliest scheduled time the
apps reported; the apps' receivers invalidate what came public and return
their next scheduled time.
"""

import logging
import threading
import time
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from . import replicas

log = logging.getLogger(__name__)

TOKEN_PREFIX = "dep:"
# Outside the tokens' namespace, so no tag can collide with them.
CHANGES_KEY = "dep-changes"
SCHEDULE_KEY = "dep-schedule"
SCHEDULE_LOCK = "dep-schedule-lock"
# Every cached thing shows this tag: dropping it drops everything (after a
# deploy that changes templates, or a bulk import that bypassed the models).
EVERYTHING = "site"
# Every sitemap shows this tag: a change to anything a sitemap lists drops it.
SITEMAPS = "sitemaps"
# Without a record of the last schedule check (an emptied cache), look back this far.
CATCH_UP = timedelta(days=1)

# Sent after commit with the dropped ``tags``, for the CDN purgers.
tags_dropped = Signal()
# Sent with ``since`` and ``until`` when a scheduled time has come: receivers
# invalidate what became public in (since, until] and return the next time
# anything of theirs will become public (or None). ``lost`` is true when the
# record of the last check was gone (an emptied cache) and ``since`` is a guess.
content_due = Signal()

_collected = ContextVar("newsroom_dependency_tags", default=None)
_remembered = ContextVar("newsroom_request_values", default=None)
# True while scheduled content is made public in some reader's request: nobody waits on that
# drop, and other processes see it within NEWSROOM_LOCAL_RECHECK_MS.
_catching_up = ContextVar("newsroom_catching_up", default=False)
_tag_makers = {}


def enabled():
    """False when caching is switched off (benchmarks of the uncached path)."""
    return not isinstance(caches["default"], DummyCache)


# Declaring tags --------------------------------------------------------------


def register_tag(model, make_tag):
    """Declare the tag of ``model``'s objects: ``make_tag(pk) -> str``."""
    _tag_makers[model] = make_tag


def tag_for(model, pk):
    """The tag of ``model``'s object ``pk``, for models whose app declared one (else None)."""
    make_tag = _tag_makers.get(model._meta.concrete_model)
    return make_tag(pk) if make_tag else None


def tag_of(obj):
    return tag_for(type(obj), obj.pk)


class Recorded:
    """What one computation showed: its tags, and when it stops being right by itself (or None)."""

    def __init__(self):
        self.tags = set()
        self.expires = None

    def add(self, other):
        self.tags |= other.tags
        if other.expires is not None:
            self.expires_at(other.expires)

    def expires_at(self, when):
        self.expires = when if self.expires is None else min(self.expires, when)


def depends_on(*tags):
    """Record that what is being computed shows ``tags``."""
    recorded = _collected.get()
    if recorded is not None:
        recorded.tags.update(tag for tag in tags if tag)


def expires_at(when):
    """Record that what is being computed changes by itself at ``when`` (a list that ages)."""
    recorded = _collected.get()
    if recorded is not None:
        recorded.expires_at(when)


@contextmanager
def collecting():
    """Collect what the block records; it counts for any enclosing block too."""
    outer = _collected.get()
    recorded = Recorded()
    recorded.tags.add(EVERYTHING)
    reset = _collected.set(recorded)
    try:
        yield recorded
    finally:
        _collected.reset(reset)
        if outer is not None:
            outer.add(recorded)


# Tokens ----------------------------------------------------------------------


def changes_marker(found=None):
    """The current change marker; ``found`` is a ``get_many`` result that may hold it already."""
    marker = (found or {}).get(CHANGES_KEY) or cache.get(CHANGES_KEY)
    if marker is None:
        cache.add(CHANGES_KEY, uuid.uuid4().hex, None)
        marker = cache.get(CHANGES_KEY)
    return marker


def tokens_if_unchanged(tags, marker):
    """The tokens of ``tags`` now, or None when a write committed since ``marker`` was read."""
    keys = {TOKEN_PREFIX + tag: tag for tag in tags}
    # One round trip for the tokens and the marker. An invalidation renews the marker
    # before the tokens, so tokens read with the old marker are the old ones, or newer.
    found = cache.get_many([*keys, CHANGES_KEY])
    if found.pop(CHANGES_KEY, None) != marker:
        return None
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, uuid.uuid4().hex, None)
    if missing:
        found.update(cache.get_many(missing))
        # Read after the new tokens: an invalidation may have come between.
        if cache.get(CHANGES_KEY) != marker:
            return None
    if len(found) != len(keys):
        return None
    return {keys[key]: token for key, token in found.items()}


def fresh(entry):
    """``entry`` (a stored dict with "tokens" and "expires") if it is still right, else None."""
    if entry is None or _expired(entry):
        return None
    current = cache.get_many(token_keys(entry["tokens"]))
    return entry if unchanged(entry["tokens"], current) else None


def _expired(entry):
    return entry["expires"] is not None and entry["expires"] <= timezone.now()


def store(key, fields, recorded, marker, timeout):
    """Store ``fields`` under ``key`` with the tokens of what was ``recorded``, if still right.

    Nothing is stored when a write committed since ``marker`` was read, or when
    what was recorded expires before it could be used.
    """
    tokens = tokens_if_unchanged(recorded.tags, marker)
    if recorded.expires is not None:
        timeout = min(timeout, int((recorded.expires - timezone.now()).total_seconds()))
    if tokens is not None and timeout > 0:
        entry = {**fields, "tokens": tokens, "expires": recorded.expires}
        cache.set(key, entry, timeout)
        local_copies.put(key, entry, timeout)


def cached(key, compute, timeout):
    """``compute()``, cached under ``key`` for every process while what it showed is unchanged.

    What ``compute`` records counts for the caller too, whether it ran or came
    from the cache. Without the shared cache, it is computed each time.
    """
    if not enabled():
        return compute()
    memo = _remembered.get()
    if memo is not None and key in memo:
        return _recorded_value(memo[key])
    value = _cached(key, compute, timeout)
    if memo is not None:
        memo[key] = value
    return value["value"]


@contextmanager
def remembering():
    """Within the block (one reader's request), ``cached`` answers each key once and reuses it."""
    reset = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(reset)


def _cached(key, compute, timeout):
    """``cached``'s work: a stored entry, or ``{"value", "tokens", "expires"}`` just computed."""
    try:
        confirmed = local_copy(key)
        if confirmed is not None:
            _recorded_value(confirmed[0])
            return confirmed[0]
        found = cache.get_many([key, CHANGES_KEY, SCHEDULE_KEY])
        if due(found.get(SCHEDULE_KEY)):
            catch_up()
            found = {}
        stored = fresh(found.get(key))
        if stored is not None:
            local_copies.put(key, stored, timeout)
            _recorded_value(stored)
            return stored
        marker = changes_marker(found)
    except Exception:
        log.warning("Shared cache unavailable; %s computed without it", key, exc_info=True)
        marker = None
    with collecting() as recorded:
        value = compute()
    if marker is not None:
        quietly(store, key, {"value": value}, recorded, marker, timeout)
    return {"value": value, "tokens": dict.fromkeys(recorded.tags), "expires": recorded.expires}


def cached_many(keys, compute, timeout):
    """{key: value} for each of ``keys``, cached like ``cached`` but read and stored together.

    ``compute(missing)`` is called once with the keys not cached (or stale) and
    returns {key: thunk}; each thunk makes its key's value, and what it records
    is that value's dependencies (and the caller's). A key ``compute`` leaves
    out is left out of the answer. Two round trips to the shared cache when
    everything is there: the entries, then their tags' tokens.
    """
    if not keys:
        return {}  # nothing to ask the shared cache for
    if not enabled():
        return {key: make() for key, make in compute(list(keys)).items()}
    found, marker = {}, None
    try:
        values = get_many([*keys, CHANGES_KEY, SCHEDULE_KEY])
        if due(values.get(SCHEDULE_KEY)):
            catch_up()
            values = {}
        entries = {key: values[key] for key in keys if key in values and not _expired(values[key])}
        current = get_many({TOKEN_PREFIX + tag for entry in entries.values() for tag in entry["tokens"]})
        found = {key: entry for key, entry in entries.items() if unchanged(entry["tokens"], current)}
        marker = changes_marker(values)
    except Exception:
        log.warning("Shared cache unavailable; %d entries computed without it", len(keys), exc_info=True)
    answer = {key: _recorded_value(entry) for key, entry in found.items()}
    missing = [key for key in keys if key not in found]
    made = {}
    for key, make in (compute(missing) if missing else {}).items():
        with collecting() as recorded:
            answer[key] = make()
        made[key] = ({"value": answer[key]}, recorded)
    if marker is not None and made:
        quietly(store_many, made, marker, timeout)
    return {key: answer[key] for key in keys if key in answer}


def store_many(made, marker, timeout):
    """``store`` for many keys at once: {key: (fields, recorded)}, one round trip to read the tokens."""
    tags = set().union(*(recorded.tags for _, recorded in made.values()))
    tokens = tokens_if_unchanged(tags, marker)
    if tokens is None:
        return
    # An entry that expires (a live story's card) is kept as long, and read as stale once it has.
    entries = {
        key: {**fields, "tokens": {tag: tokens[tag] for tag in recorded.tags}, "expires": recorded.expires}
        for key, (fields, recorded) in made.items()
    }
    cache.set_many(entries, timeout)


def _recorded_value(stored):
    depends_on(*stored["tokens"])
    if stored["expires"] is not None:
        expires_at(stored["expires"])
    return stored["value"]


# Per-process copies ------------------------------------------------------------


class _Copy:
    __slots__ = ("checked_at", "entry", "schedule", "size", "until")

    def __init__(self, entry, size, until):
        self.entry, self.size, self.until = entry, size, until
        self.checked_at = self.schedule = None  # not confirmed yet


class LocalCopies:
    """Entries this process last read from or stored in the shared cache, kept here too, up to a size.

    A copy is used only while the shared cache has confirmed its tokens within
    the last ``NEWSROOM_LOCAL_RECHECK_MS`` (see ``local_copy``), and every save
    that drops tags waits that long before it answers, so no read that starts
    after a save has returned is served a copy older than the save. The least
    recently used copies leave first; so do copies older than the shared
    entry's own lifetime.
    """

    def __init__(self):
        self._copies = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def limit():
        return settings.NEWSROOM_LOCAL_COPIES_BYTES

    def get(self, key):
        with self._lock:
            found = self._copies.get(key)
            if found is None:
                return None
            if found.until <= time.monotonic():
                self._remove(key)
                return None
            self._copies.move_to_end(key)
            return found

    def put(self, key, entry, timeout):
        size = len(entry.get("content", b"")) + 2048  # a page's bytes; anything else, a guess
        limit = self.limit()
        if (timeout is not None and timeout <= 0) or size > limit // 8:
            return
        until = time.monotonic() + (timeout if timeout is not None else 24 * 60 * 60)
        with self._lock:
            self._remove(key)
            self._copies[key] = _Copy(entry, size, until)
            self._bytes += size
            while self._bytes > limit and self._copies:
                _, dropped = self._copies.popitem(last=False)
                self._bytes -= dropped.size

    def discard(self, key):
        with self._lock:
            self._remove(key)

    def clear(self):
        with self._lock:
            self._copies.clear()
            self._bytes = 0

    def _remove(self, key):
        found = self._copies.pop(key, None)
        if found is not None:
            self._bytes -= found.size


local_copies = LocalCopies()


def recheck_seconds():
    return settings.NEWSROOM_LOCAL_RECHECK_MS / 1000


def local_copy(key):
    """This process's copy of ``key`` and the schedule state, if confirmed recently enough; else None.

    A copy confirmed less than ``NEWSROOM_LOCAL_RECHECK_MS`` ago is used as it
    is; an older one costs one round trip (its tags' tokens and the schedule).
    A scheduled time that has come, a dropped tag or a passed expiry sends the
    caller to the shared cache's own path.
    """
    found = local_copies.get(key)
    if found is None:
        return None
    entry, started = found.entry, time.monotonic()
    if _expired(entry):
        local_copies.discard(key)
        return None
    recent = found.checked_at is not None and started - found.checked_at < recheck_seconds()
    if recent and not due(found.schedule):
        return entry, found.schedule
    values = cache.get_many([SCHEDULE_KEY, *token_keys(entry["tokens"])])
    schedule = values.get(SCHEDULE_KEY)
    if due(schedule):
        return None
    if not unchanged(entry["tokens"], values):
        local_copies.discard(key)
        return None
    # Counted from before the round trip: a drop that landed during it is seen within the window.
    found.checked_at, found.schedule = started, schedule
    return entry, schedule


def get_many(keys, chunk=500):
    """``cache.get_many`` in chunks: a popular tag's stories outnumber what one SQL statement may bind."""
    keys, found = list(keys), {}
    for start in range(0, len(keys), chunk):
        found.update(cache.get_many(keys[start : start + chunk]))
    return found


def in_use(tagged):
    """Of ``tagged`` ({tag: value}), the entries whose tag something cached has depended on."""
    found = get_many(TOKEN_PREFIX + tag for tag in tagged)
    return {tag: value for tag, value in tagged.items() if TOKEN_PREFIX + tag in found}


def quietly(action, *args):
    """Run a cache write that may fail without harm (the value is only a shortcut); log if it does."""
    try:
        action(*args)
    except Exception:
        log.warning(
            "Shared cache unavailable; %s skipped", getattr(action, "__name__", action), exc_info=True
        )


def token_keys(tokens):
    return [TOKEN_PREFIX + tag for tag in tokens]


def unchanged(tokens, found):
    """True when every tag in ``tokens`` still has its token in ``found`` (a ``get_many`` result)."""
    return all(found.get(TOKEN_PREFIX + tag) == token for tag, token in tokens.items())


# Invalidating ----------------------------------------------------------------


_pending = threading.local()


def invalidate(tags, cdn=True):
    """Drop everything that shows any of ``tags`` once the current transaction commits.

    Before the writer's request returns, every process's cache and the CDN no
    longer serve it: a takedown is never served stale. ``cdn=False``: the
    app's cache only (the CDN learns by its TTL, see ``shared_max_age``).

    The tags of one transaction go out together: the first callback to run
    at commit takes every tag collected so far (a rolled-back write's tags
    may ride along with the next commit: a harmless extra drop).
    """
    tags = {tag for tag in tags if tag}
    if not tags:
        return
    if not hasattr(_pending, "tags"):
        _pending.tags, _pending.cdn_tags = set(), set()
    _pending.tags |= tags
    if cdn:
        _pending.cdn_tags |= tags
    transaction.on_commit(_flush)


def _flush():
    tags, cdn_tags = _pending.tags, _pending.cdn_tags
    if not tags:
        return
    _pending.tags, _pending.cdn_tags = set(), set()
    drop(tags, cdn_tags)


def _raise_replica_fence():
    try:
        replicas.raise_fence()
    except Exception:  # the primary or Redis is away: readers then read from the primary anyway
        log.warning("Could not raise the replicas' fence", exc_info=True)


def drop(tags, cdn_tags=None):
    """Give ``tags`` new tokens now (after commit), then tell the purgers of ``cdn_tags`` (default: all).

    Then wait until every process has re-checked any copy it holds (``local_copy``): once
    this returns, no process serves what the tags showed before. With read replicas, the
    fence goes up first, so no page is rendered again from a replica without the change.
    """
    _raise_replica_fence()
    if renew(tags):
        if not _catching_up.get():
            time.sleep(recheck_seconds())
    else:
        _keep_for_later(tags)
    cdn_tags = tags if cdn_tags is None else cdn_tags
    if cdn_tags:
        tags_dropped.send(sender=None, tags=sorted(cdn_tags))


def renew(tags, pauses=(0, 0.1, 0.5)):
    """New tokens for ``tags`` (and a new change marker); False if the shared cache stayed away."""
    for pause in pauses:
        time.sleep(pause)
        try:
            cache.set(CHANGES_KEY, uuid.uuid4().hex, None)
            cache.set_many({TOKEN_PREFIX + tag: uuid.uuid4().hex for tag in tags}, None)
            return True
        except Exception:
            log.warning("Shared cache unavailable while dropping %d tags", len(tags), exc_info=True)
    return False


def _keep_for_later(tags):
    # A cache that comes back with its old pages must not serve them: manage.py
    # purge_cdn drops these tags again, with the CDN purges that failed.
    from .models import PendingPurge

    log.error("Could not drop %d dependency tags; kept for manage.py purge_cdn", len(tags))
    try:
        PendingPurge.objects.create(purger="cache", tags=sorted(tags), last_error="shared cache unavailable")
    except Exception:
        log.critical("Could not keep the dropped tags either: %s", " ".join(sorted(tags)), exc_info=True)


# Scheduled content -------------------------------------------------------------


def due(state, now=None):
    """True when ``state`` (the value of ``SCHEDULE_KEY``, or None) says a scheduled time has come."""
    now = now or timezone.now()
    return state is None or (state["next"] is not None and state["next"] <= now)


def catch_up(wait=False):
    """Send ``content_due`` for what came public since the last check and store the next time.

    Returns the new state, or None when another process holds the lock (and
    ``wait`` is false): the caller must then not serve cached pages.
    """
    deadline = time.monotonic() + (5 if wait else 0)
    while not cache.add(SCHEDULE_LOCK, 1, 30):
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.02)
    try:
        now = timezone.now()
        previous = cache.get(SCHEDULE_KEY)
        since = previous["checked"] if previous else now - CATCH_UP
        reset = _catching_up.set(True)
        try:
            answers = content_due.send(sender=None, since=since, until=now, lost=previous is None)
        finally:
            _catching_up.reset(reset)
        upcoming = [when for _, when in answers if when is not None]
        state = {"checked": now, "next": min(upcoming, default=None)}
        cache.set(SCHEDULE_KEY, state, None)
        return state
    finally:
        cache.delete(SCHEDULE_LOCK)


def schedule_changed():
    """A scheduled time was set, moved or dropped: recompute the next one, after commit."""
    transaction.on_commit(_recheck_schedule)


def _recheck_schedule():
    try:
        if catch_up(wait=True) is None:
            quietly(cache.delete, SCHEDULE_KEY)  # the next request recomputes it
    except Exception:
        # The next request finds no fresh schedule and checks again.
        log.exception("Could not update the publication schedule in the shared cache")
        quietly(cache.delete, SCHEDULE_KEY)


def shared_max_age(state, default, now=None):
    """Seconds a CDN may keep a page: ``default``, but never past the next scheduled time."""
    if state and state["next"] is not None:
        remaining = int((state["next"] - (now or timezone.now())).total_seconds())
        return max(0, min(default, remaining))
    return default
