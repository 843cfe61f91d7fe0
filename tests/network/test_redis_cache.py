"""The shared cache on Redis keeps one client per connection pool, shared by the threads of a worker, and answers
each of them with its own values."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from network.redis_cache import RedisCache
from tests.conftest import PLATFORM_CACHES

KEYS = [f"key-{n}" for n in range(200)]


@pytest.fixture
def shared(redis_url):
    backend = RedisCache(redis_url, {"KEY_PREFIX": "test-redis-cache"})
    yield backend
    backend.delete_many(KEYS)


def test_the_platform_keeps_its_cache_with_it(redis_url):
    assert PLATFORM_CACHES["default"]["BACKEND"] == "network.redis_cache.RedisCache"


def test_it_makes_one_client_per_pool_and_keeps_it(shared):
    made = []
    make = shared._cache._client

    def counted(**kwargs):
        made.append(kwargs)
        return make(**kwargs)

    shared._cache._client = counted
    shared.set("key-0", "a")
    for _ in range(20):
        assert shared.get("key-0") == "a"
        assert shared.get_many(["key-0", "key-1"]) == {"key-0": "a"}
        assert shared.add("key-0", "b") is False
    assert len(made) == 1


def test_threads_sharing_the_client_each_get_their_own_values(shared):
    def round_trip(n: int) -> tuple[int, object]:
        shared.set(KEYS[n], {"n": n}, 60)
        return n, shared.get(KEYS[n])

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(round_trip, range(len(KEYS))))
    assert answers == [(n, {"n": n}) for n in range(len(KEYS))]
    assert len(shared._cache._clients) == 1
