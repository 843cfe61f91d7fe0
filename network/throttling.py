"""The API's rate limits, counted in the shared cache at a constant cost whatever the rate.

DRF's own throttles keep the time of every request of the last window in one list, read whole from the cache and
written back whole on each request: the cost grows with the rate allowed (at 600 a minute, a list of up to 600
times), and two workers answering the same caller at once each write back their own list, so one request is
forgotten. Here each caller has one counter per window, incremented atomically in Redis; the limit is checked
against a sliding window, the previous window's count weighted by how much of it still lies within the last
`duration` seconds. Without Redis the cache's own `add` and `incr` keep the counters (one machine, one process
that matters)."""

import math

from django.core.cache import cache
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def _count(key: str, previous_key: str, timeout: int) -> tuple[int, int]:
    """This window's count after adding one, and the previous window's count."""
    client = getattr(cache, "_cache", None)
    if hasattr(client, "get_client"):
        key, previous_key = cache.make_and_validate_key(key), cache.make_and_validate_key(previous_key)
        pipeline = client.get_client(key, write=True).pipeline(transaction=False)
        pipeline.incr(key)
        pipeline.expire(key, timeout)
        pipeline.get(previous_key)
        current, _expiry, previous = pipeline.execute()
        return int(current), int(previous or 0)
    cache.add(key, 0, timeout)
    return cache.incr(key), cache.get(previous_key) or 0


def _uncount(key: str) -> None:
    """A refused request does not count against the caller: their limit frees up as the window slides."""
    client = getattr(cache, "_cache", None)
    if hasattr(client, "get_client"):
        key = cache.make_and_validate_key(key)
        client.get_client(key, write=True).decr(key)
    else:
        cache.decr(key)


def sliding_count(previous: int, current: int, elapsed: float, duration: int) -> float:
    """Requests in the last `duration` seconds, taking the previous window's as spread evenly over it."""
    return previous * (1 - elapsed / duration) + current


def seconds_until_allowed(previous: int, current: int, elapsed: float, duration: int, limit: int) -> float:
    """How long until one more request would be allowed, with `current` requests counted in this window so far."""
    if current + 1 <= limit:
        # Within this window, once enough of the previous one has slid out.
        return max(0.0, duration * (1 - (limit - current - 1) / previous) - elapsed) if previous else 0.0
    # In the next window, once enough of this one has slid out.
    return duration - elapsed + duration * (1 - (limit - 1) / current)


class CountingThrottle:
    """`allow_request` and `wait` for DRF's rate throttles: their rates, scopes and cache keys, counted as above."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = math.floor(now / self.duration)
        current_key = f"{self.key}:{window}"
        current, previous = _count(current_key, f"{self.key}:{window - 1}", 2 * self.duration)
        elapsed = now - window * self.duration
        if sliding_count(previous, current, elapsed, self.duration) <= self.num_requests:
            return True
        _uncount(current_key)
        self._wait = seconds_until_allowed(previous, current - 1, elapsed, self.duration, self.num_requests)
        return False

    def wait(self):
        # Whole seconds, rounded up (a Retry-After header has no fractions), past the float's last digits.
        return math.ceil(round(self._wait, 6))


class AnonThrottle(CountingThrottle, AnonRateThrottle):
    """Callers with no account, by address: DRF's `anon` rate."""


class UserThrottle(CountingThrottle, UserRateThrottle):
    """Signed-in callers by account, the others by address: DRF's `user` rate."""
