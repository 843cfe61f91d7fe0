"""Sessions are read from Redis and kept in Postgres too: a signed-in page reads no session row, a lost cache signs
nobody out, signing out ends the session in both places, and a copy in Redis is trusted for minutes, not weeks."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from network import sessions
from tests.network.test_settings import _django

pytestmark = pytest.mark.django_db


def ttl(key: str) -> int:
    """Seconds Redis keeps the key for (the tests that ask need the `redis_url` fixture)."""
    full = cache.make_and_validate_key(key)
    return cache._cache.get_client(full).ttl(full)


PRINT_ENGINE = "from django.conf import settings; print(settings.SESSION_ENGINE)"


def test_with_redis_sessions_are_read_from_the_cache_and_without_it_from_postgres():
    assert _django(["shell", "-c", PRINT_ENGINE]).stdout.splitlines()[-1] == ("network.sessions")
    without = _django(["shell", "-c", PRINT_ENGINE], REDIS_URL=None, DEBUG="true", SECURE_SSL_REDIRECT="false")
    assert without.stdout.splitlines()[-1] == "django.contrib.sessions.backends.db", without.stderr


def test_a_signed_in_page_reads_no_session_row(client, participant, django_assert_num_queries):
    assert settings.SESSION_ENGINE == "network.sessions"
    client.force_login(participant)
    with django_assert_num_queries(2) as captured:  # the person and their unread count
        assert client.get("/notifications/bell/").status_code == 200
    assert not any("django_session" in query["sql"] for query in captured.captured_queries)


def test_a_lost_cache_signs_nobody_out(client, participant):
    client.force_login(participant)
    cache.clear()
    response = client.get("/accounts/profile/")
    assert response.status_code == 200
    assert participant.handle in response.text


def test_signing_out_ends_the_session_in_the_cache_and_in_postgres(client, participant):
    client.force_login(participant)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/accounts/profile/").status_code == 200
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=stolen).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_a_copy_in_the_cache_is_trusted_for_minutes_only(client, participant, redis_url):
    client.force_login(participant)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    copy = f"{sessions.SessionStore.cache_key_prefix}{key}"
    assert cache.get(copy) is not None
    assert 0 < ttl(copy) <= sessions.CACHE_SECONDS
    # The session itself lasts its full age: the cookie's and the row's.
    assert sessions.SessionStore(key).get_expiry_age() == settings.SESSION_COOKIE_AGE
    row = Session.objects.get(session_key=key)
    assert (row.expire_date - timezone.now()).total_seconds() > settings.SESSION_COOKIE_AGE - 60


def test_a_copy_left_behind_by_a_failed_sign_out_dies_with_its_row(client, participant, redis_url):
    """Redis out of reach when the person signed out: the row is gone, the copy stays, for CACHE_SECONDS at most."""
    client.force_login(participant)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    copy = f"{sessions.SessionStore.cache_key_prefix}{key}"
    Session.objects.filter(session_key=key).delete()
    assert ttl(copy) <= sessions.CACHE_SECONDS
    cache.delete(copy)  # the copy's time runs out
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_while_redis_is_out_of_reach_a_session_is_read_from_its_row(client, participant, settings):
    client.force_login(participant)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    assert sessions.SessionStore(key).load()["_auth_user_id"] == str(participant.pk)
    # And a new one can be made: whether its key is taken is asked of the rows.
    fresh = sessions.SessionStore()
    fresh["n"] = 1
    fresh.create()
    assert Session.objects.filter(session_key=fresh.session_key).exists()
