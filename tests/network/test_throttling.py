"""The API's rate limits: counted atomically, one counter per caller and window, over a sliding window."""

import threading

import pytest
from django.core.cache import cache
from django.db import connections
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from network.throttling import UserThrottle, seconds_until_allowed, sliding_count

pytestmark = pytest.mark.django_db

DURATION = 60


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute"})


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    # The start of a window, so that a test knows how far into it each request falls.
    clock = Clock(1_800_000_000.0 - 1_800_000_000.0 % DURATION)
    monkeypatch.setattr(UserThrottle, "timer", clock)
    return clock


def signed_in(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_caller_over_the_limit_is_refused_and_told_when_to_come_back(participant, three_a_minute, clock):
    api = signed_in(participant)
    assert [api.get("/api/v1/me/").status_code for _ in range(3)] == [200, 200, 200]
    clock.now += 15
    response = api.get("/api/v1/me/")
    assert response.status_code == 429
    # This window is full: 45 s to the next one's start, then a third of it, until its share of the three is two
    # (3 * (1 - t / 60) + 1 <= 3 at t = 20).
    assert response["Retry-After"] == str(45 + 20)
    assert "Request was throttled" in response.json()["detail"]


def test_one_callers_requests_do_not_count_against_another(participant, outsider, three_a_minute, clock):
    first = signed_in(participant)
    for _ in range(3):
        first.get("/api/v1/me/")
    assert first.get("/api/v1/me/").status_code == 429
    assert signed_in(outsider).get("/api/v1/me/").status_code == 200


def test_the_window_slides(participant, three_a_minute, clock):
    api = signed_in(participant)
    for _ in range(3):
        assert api.get("/api/v1/me/").status_code == 200
    # A third into the next window, two thirds of the last one's three still count: one more request fits.
    clock.now += DURATION + DURATION / 3
    assert api.get("/api/v1/me/").status_code == 200
    assert api.get("/api/v1/me/").status_code == 429
    # Two windows on, the three are forgotten.
    clock.now += DURATION
    assert [api.get("/api/v1/me/").status_code for _ in range(3)][:2] == [200, 200]


def test_refused_requests_do_not_count(participant, three_a_minute, clock):
    api = signed_in(participant)
    for _ in range(3):
        api.get("/api/v1/me/")
    for _ in range(20):
        assert api.get("/api/v1/me/").status_code == 429
    window = int(clock.now // DURATION)
    assert cache.get(f"throttle_user_{participant.pk}:{window}") == 3


def test_what_is_kept_is_one_number_per_window_however_many_requests(participant, clock, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "1000/minute"})
    api = signed_in(participant)
    for _ in range(50):
        assert api.get("/api/v1/me/").status_code == 200
    window = int(clock.now // DURATION)
    assert cache.get(f"throttle_user_{participant.pk}:{window}") == 50
    assert cache.get(f"throttle_user_{participant.pk}") is None  # DRF's list of times


@pytest.mark.django_db(transaction=True)
def test_callers_at_once_are_counted_exactly(participant, monkeypatch):
    """Twenty requests at the same moment against a limit of ten: exactly ten pass, whichever worker counts them."""
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "10/minute"})
    start = threading.Barrier(20)
    codes = []

    def ask():
        try:
            api = signed_in(participant)
            start.wait()
            codes.append(api.get("/api/v1/me/").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200] * 10 + [429] * 10


def test_without_redis_the_cache_keeps_the_counters(participant, three_a_minute, clock, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    api = signed_in(participant)
    assert [api.get("/api/v1/me/").status_code for _ in range(4)] == [200, 200, 200, 429]
    clock.now += 2 * DURATION
    assert api.get("/api/v1/me/").status_code == 200


@pytest.mark.parametrize(
    ("previous", "current", "elapsed", "expected"),
    [
        (0, 0, 10, 0.0),  # nothing counted: at once
        (3, 1, 0, 40.0),  # 3 * (1 - t / 60) + 2 <= 3 at t = 40
        (3, 1, 50, 0.0),  # already slid out far enough
        (0, 3, 15, 45 + 20),  # this window is full: into the next one
        (9, 3, 30, 30 + 20),
    ],
)
def test_the_wait_is_when_one_more_request_fits(previous, current, elapsed, expected):
    wait = seconds_until_allowed(previous, current, elapsed, DURATION, 3)
    assert wait == pytest.approx(expected)
    if wait:
        later = elapsed + wait
        counted = (
            sliding_count(previous, current, later, DURATION)
            if later < DURATION
            else sliding_count(current, 0, later - DURATION, DURATION)
        )
        assert counted + 1 == pytest.approx(3)
