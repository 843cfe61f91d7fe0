"""Shared fixtures: a user for every role, the real cache and broker, and the rule that CI never skips."""

import os
import shutil
import time

import pytest
import redis
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.utils import translation

from network.accounts.models import User
from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import role_grant
from network.accounts.system import SYSTEM
from network.celery import app as celery_app
from tests.factories import PASSWORD, UserFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


def require_service(reason: str) -> None:
    """A test that needs a missing service skips on a developer's machine and fails on CI."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing service is a failure)")
    pytest.skip(reason)


# The cache as the platform configures it (Redis, or a Postgres table without it), before any test changes it.
PLATFORM_CACHES = settings.CACHES


@pytest.fixture(scope="session", autouse=True)
def _cache_in_memory_without_redis():
    """Without Redis the platform keeps its cache in a Postgres table and its sessions in their rows only; the tests
    keep the cache in memory instead, with the sessions read through it as with Redis, so that the queries a test
    counts are the pages' own whatever the machine has (with Redis they are anyway)."""
    if settings.REDIS_URL:
        yield
        return
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        SESSION_ENGINE="network.sessions",
    ):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Without Redis the cache lives in a Postgres table, which migrate does not create.
    # Made under the platform's own cache settings, whatever the tests use: processes the tests start (the
    # benchmark's servers and seeding, on copies of this database) keep their cache in it.
    with django_db_blocker.unblock(), override_settings(CACHES=PLATFORM_CACHES):
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _clean_state(request, settings, django_db_setup, django_db_blocker):
    # Rate-limit counters and throttles live in the cache: each test starts from zero.
    uses_database = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    with django_db_blocker.unblock():
        cache.clear()
        if not uses_database:
            # Without Redis the cache is a Postgres table: leave no connection open behind a test without the
            # database, or the test database cannot be dropped at the end.
            connections.close_all()
    celery_app.conf.task_always_eager = True
    # Visitors' pages are kept only in the tests about keeping them: elsewhere each request renders its page.
    if not request.node.get_closest_marker("page_cache"):
        settings.PAGE_CACHE_SECONDS = 0
    yield
    celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    # A request in French leaves French active in this thread: the next test starts in the default language.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def redis_url():
    url = settings.REDIS_URL
    if not url:
        require_service("REDIS_URL is not set")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        require_service(f"Redis at REDIS_URL is unreachable: {error}")
    return url


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def participant(db):
    return UserFactory(handle="river_watch", email="river@example.org")


@pytest.fixture
def outsider(db):
    return UserFactory(handle="someone_else", email="outsider@example.org")


def _with_role(handle: str, email: str, role: Role):
    user = UserFactory(handle=handle, email=email)
    # The object a test hands to services directly acts in person, as the operator at the console would; requests
    # made through the test client load their own user, which carries only what that session proved.
    return acting_at_the_console(role_grant(actor=SYSTEM, user=user, role=role, reason="test set-up"))


@pytest.fixture
def city_rep(db):
    return _with_role("glasgow_office", "rep@glasgow.example", Role.CITY_REPRESENTATIVE)


@pytest.fixture
def staff_member(db):
    return _with_role("secretariat", "staff@network.example", Role.STAFF)


@pytest.fixture
def reviewer(db):
    return _with_role("panel_expert", "reviewer@network.example", Role.REVIEWER)


@pytest.fixture
def superuser(db):
    user = acting_at_the_console(User.objects.create_superuser("root@network.example", PASSWORD, handle="operator"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def all_roles(participant, city_rep, staff_member, reviewer):
    return {"participant": participant, "city_rep": city_rep, "staff": staff_member, "reviewer": reviewer}


# The window whose code each secret last handed out: the server refuses a code used once already.
_LAST_WINDOW: dict[str, int] = {}


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now. The server accepts only the current 30-second window, so never
    hand out a code in the last seconds of its window: it could expire before the server checks it. Nor hand out
    the same code twice (a second sign-in within the same window): as a person would, wait for the next one."""
    remaining = 30 - time.time() % 30
    if remaining < 5 or _LAST_WINDOW.get(secret) == int(time.time()) // 30:
        time.sleep(remaining + 0.1)
    window = int(time.time()) // 30
    _LAST_WINDOW[secret] = window
    return format_hotp_value(hotp_value(secret, window))


@pytest.fixture
def enable_totp():
    def enable(user) -> str:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return secret

    return enable


@pytest.fixture
def reauthenticate(client):
    """Confirm the password again, as allauth asks before sensitive changes."""

    def confirm(*, client=client) -> None:
        response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        assert response.status_code == 302, response.content

    return confirm


@pytest.fixture
def login_with_second_factor(client, enable_totp):
    """Sign in through the real login form and the real TOTP step."""

    def login(user, *, client=client) -> None:
        secret = enable_totp(user)
        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302 and response.url.startswith("/accounts/2fa/authenticate"), response
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
        assert response.status_code == 302, response.content

    return login


@pytest.fixture
def pass_second_factor(client):
    """Record in the session that its person passed their second factor just now (as a passkey would, which a test
    client cannot present)."""
    from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY as METHODS_USER_KEY
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY as METHODS_KEY

    def confirm(user, *, client=client) -> None:
        session = client.session
        session[METHODS_KEY] = [
            *session.get(METHODS_KEY, []),
            {"method": "mfa", "at": time.time(), "type": "webauthn", "reauthenticated": True},
        ]
        session[METHODS_USER_KEY] = str(user.pk)
        session.save()

    return confirm


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of the test's own on a loopback port, which it may stop and start again."""
    from tests.processes import RedisServer

    if shutil.which("redis-server") is None:
        require_service("redis-server is not installed: the fault tests start their own Redis")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker_log(tmp_path):
    return tmp_path / "worker.log"


# One browser and one live server for every folder whose tests drive Chromium.
from tests.browser.support import browser, live_server, page  # noqa: E402, F401
