"""The shared cache on Redis: Django's own backend, with one Redis client per connection pool instead of one per
call.

Django's client builds a new `redis.Redis` for every cache call, and each one fills a dictionary of some two hundred
response callbacks: on a visitor's page served from the cache that was about half of the CPU the request cost. A
`redis.Redis` is safe to share between threads (each command takes a connection from the pool and gives it back),
so one per pool is kept for the life of the process."""

import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _OneClientPerPool(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._making_pool = threading.Lock()

    def _get_connection_pool(self, write):
        # Django makes a server's pool on first use without a lock: two threads of a worker starting at once would
        # each make one, and each its client, and the worker would keep two sets of connections.
        index = self._get_connection_pool_index(write)
        pool = self._pools.get(index)
        if pool is None:
            with self._making_pool:
                pool = super()._get_connection_pool(write)
        return pool

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            # Two threads may both make one here; either serves, and the second simply replaces the first.
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneClientPerPool
