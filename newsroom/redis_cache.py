"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's own client builds a new ``redis.Redis`` for every cache operation,
and each copies the library's table of response callbacks: about a tenth of
a millisecond of Python per call, which is most of what a cached page costs.
The client holds no state of its own beyond the pool (itself safe across
threads and forks), so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
