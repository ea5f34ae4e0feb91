"""Most read: reads counted without cookies or addresses, bots left out, added up per process.

A story's page sends one small beacon when it is read (``static/js/read.js``):
the count never rides on the cached page, so it is right behind the page cache
and a CDN. The beacon is answered at once (204, no cookie, nothing about the
reader kept); each process adds reads up in memory and writes them, per story
and hour, in one statement at most every ``NEWSROOM_READS_FLUSH_SECONDS`` (and
when it exits), so a busy story costs no database write per view. The list is
the stories read most over the last ``NEWSROOM_MOST_READ_HOURS``, renewed every
``NEWSROOM_MOST_READ_SECONDS``.
"""

import atexit
import contextlib
import re
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from newsroom.dependencies import cached, expires_at

from .models import Article, ReadCount

# Crawlers, link previews and scripts that announce themselves.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|mediapartners|lighthouse|"
    r"python-requests|python-urllib|curl|wget|httpclient|okhttp|go-http",
    re.IGNORECASE,
)
MOST_KEYS = 10_000  # distinct (story, hour) pairs a process holds before it writes them

_pending = Counter()
_lock = threading.Lock()
_last_write = [time.monotonic()]


def is_bot(user_agent):
    return not user_agent or bool(BOTS.search(user_agent))


def count(article_id, user_agent):
    """Note one read of ``article_id``; False (and nothing noted) for a bot."""
    if is_bot(user_agent):
        return False
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    with _lock:
        _pending[(article_id, hour)] += 1
        due = (
            len(_pending) >= MOST_KEYS
            or time.monotonic() - _last_write[0] >= settings.NEWSROOM_READS_FLUSH_SECONDS
        )
    if due:
        write_pending()
    return True


def write_pending():
    """Add this process's reads to the database, in one statement; reads of unknown stories are dropped."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_write[0] = time.monotonic()
    if not batch:
        return
    known = set(Article.objects.filter(pk__in={pk for pk, _ in batch}).values_list("pk", flat=True))
    rows = [(pk, hour, reads) for (pk, hour), reads in batch.items() if pk in known]
    if not rows:
        return
    table = ReadCount._meta.db_table
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} (article_id, hour, reads) VALUES {values} "
        f"ON CONFLICT (article_id, hour) DO UPDATE SET reads = {table}.reads + excluded.reads"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def _write_on_exit():
    # A process on its way out: its last few reads are not worth a traceback.
    with contextlib.suppress(Exception):
        write_pending()


atexit.register(_write_on_exit)


def _ranked():
    now = timezone.now()
    # The list, and every page showing it, is renewed this often.
    expires_at(now + timedelta(seconds=settings.NEWSROOM_MOST_READ_SECONDS))
    since = now - timedelta(hours=settings.NEWSROOM_MOST_READ_HOURS)
    ranked = (
        ReadCount.objects.filter(hour__gte=since, article__in=Article.objects.published())
        .values("article")
        .annotate(total=Sum("reads"))
        .order_by("-total", "-article")[: settings.NEWSROOM_MOST_READ_COUNT]
    )
    return [row["article"] for row in ranked]


def most_read():
    """The ids of the most read public stories, most read first (``articles.cards`` shows them)."""
    return cached("most-read", _ranked, settings.NEWSROOM_MOST_READ_SECONDS)
