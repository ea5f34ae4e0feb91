"""Django's database cache, writing with one statement and counting the table only now and then.

Django's own backend counts every row of the cache table before each write
(to know whether to cull) and writes with a SELECT, then an UPDATE or an
INSERT, in a transaction: five round trips, and a count that grows with the
cache, for every page stored and every tag dropped. Here a write is one
upsert, and every ``CULL_EVERY``-th write of a process looks at the table's
size and culls as Django does (expired entries first, then a share of the
rest).
"""

import base64
import itertools
import pickle
from contextlib import nullcontext
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now as tz_now

CULL_EVERY = 100


class DatabaseCache(DjangoDatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._writes = itertools.count(1)

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        if mode == "touch":
            return super()._base_set(mode, key, value, timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        name = connection.ops.quote_name
        table, cache_key, stored, expires = map(name, (self._table, "cache_key", "value", "expires"))
        now = tz_now().replace(microsecond=0)
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        sql = (
            f"INSERT INTO {table} ({cache_key}, {stored}, {expires}) VALUES (%s, %s, %s) "
            f"ON CONFLICT ({cache_key}) DO UPDATE "
            f"SET {stored} = EXCLUDED.{stored}, {expires} = EXCLUDED.{expires}"
        )
        params = [key, encoded, connection.ops.adapt_datetimefield_value(self._expiry(timeout))]
        if mode == "add":  # only over an entry that has expired
            sql += f" WHERE {table}.{expires} < %s"
            params.append(connection.ops.adapt_datetimefield_value(now))
        try:
            # Inside someone's transaction, a savepoint keeps a failed write from spoiling it.
            savepoint = transaction.atomic(using=db) if connection.in_atomic_block else nullcontext()
            with savepoint, connection.cursor() as cursor:
                cursor.execute(sql, params)
                written = cursor.rowcount > 0
                if next(self._writes) % CULL_EVERY == 0:
                    cursor.execute(f"SELECT COUNT(*) FROM {table}")
                    count = cursor.fetchone()[0]
                    if count > self._max_entries:
                        self._cull(db, cursor, now, count)
        except DatabaseError:
            return False  # as Django's: a write that fails is a cache miss later, nothing more
        return written

    def _expiry(self, timeout):
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            return datetime.max.replace(microsecond=0)
        return datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None).replace(microsecond=0)
