"""Faults of the whole platform, measured: processes and servers the test starts itself, on loopback.

- PostgreSQL (a server of the test's own, never the machine's) restarted in the middle of a write-heavy load on
  gunicorn: the platform answers again within 5 seconds of the database being back, and every write acknowledged
  to a client is still there.
- One minute at 4 x workers concurrent clients over the main pages: no 5xx, no refused connection.
- Two gunicorn servers and two Celery workers on one PostgreSQL and one Redis: a session started on one server is
  valid on the other, and a burst of notifications reaches the mail server exactly once each.

Run them alone with `-m faults`; each prints its figures (the README quotes them).
"""

import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from urllib.parse import urlencode

import psycopg
import pytest

from network.notifications.audiences import followers
from network.notifications.models import Delivery, Follow
from network.notifications.services import notify
from tests.factories import PASSWORD, UserFactory
from tests.notifications.mail_server import free_port, mail_sink
from tests.processes import (
    ROOT,
    EmbeddedPostgres,
    Gunicorn,
    RedisServer,
    broker,
    database_url,
    http_get,
    http_request,
    platform_environment,
    running_worker,
    serving,
    wait_for,
)

pytestmark = [pytest.mark.faults]

WORKERS = 2
CLIENTS = 4 * WORKERS
CSRF = "f" * 32  # a CSRF secret the client picks: sent as the cookie and as the header, as a browser's script would
MEMBER_EMAIL = "writer@example.org"
# The main pages, as a visitor and as a signed-in member sees them.
PAGES = [
    ("/", False),
    ("/accounts/login/", False),
    ("/practices/", False),
    ("/practices/?q=police", False),
    ("/cities/", False),
    ("/api/v1/practices/", False),
    ("/api/v1/cities/", False),
    ("/healthz", False),
    ("/notifications/", True),
    ("/notifications/bell/", True),
    ("/practices/suggestions/", True),
]


def _log_in(base: str, email: str) -> str:
    """Sign in through the sign-in form; the session cookie the server set."""
    status, headers = http_request(
        "POST",
        base + "/accounts/login/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
        },
        body=urlencode({"login": email, "password": PASSWORD}).encode(),
    )
    assert status == 302, (status, headers)
    cookies = [cookie.split(";", 1)[0] for cookie in headers["set-cookie"] if cookie.startswith("sessionid=")]
    assert cookies, headers
    return cookies[0]


def _signed_in(session: str) -> dict:
    return {"Cookie": f"{session}; csrftoken={CSRF}", "X-CSRFToken": CSRF}


class OwnPlatform:
    """PostgreSQL and Redis of the module's own, the test database copied into that PostgreSQL, gunicorn on it."""

    def __init__(self, folder):
        self.folder = folder
        self.postgres = self.redis = self.web = None

    def start(self) -> None:
        self.postgres = EmbeddedPostgres()
        self.redis = RedisServer(self.folder)
        self.redis.start()
        self.database_url = self.postgres.copy_database(database_url(), "platform")
        port = free_port()
        env = platform_environment(
            database_url=self.database_url,
            redis_url=self.redis.url,
            port=port,
            DB_CONN_MAX_AGE="60",
            API_THROTTLE_ANON="1000000/minute",
            API_THROTTLE_USER="1000000/minute",
        )
        # A member to write as, made by the platform's own code in a process of its own.
        script = (
            "from allauth.account.models import EmailAddress; from network.accounts.models import User; "
            f"u = User.objects.create_user(email={MEMBER_EMAIL!r}, handle='writer', password={PASSWORD!r}); "
            "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)"
        )
        subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, timeout=120)
        self.web = Gunicorn(env, port=port, workers=WORKERS, log=self.folder / "gunicorn.log")
        self.web.start()
        self.session = _log_in(self.web.base, MEMBER_EMAIL)

    def stop(self) -> None:
        for part in (self.web, self.redis, self.postgres):
            if part is not None:
                part.stop()


@pytest.fixture(scope="module")
def _platforms(tmp_path_factory):
    started: dict[str, OwnPlatform] = {}
    yield started
    for platform in started.values():
        platform.stop()


@pytest.fixture
def own_platform(_platforms, tmp_path_factory, transactional_db):
    """Started by the first test of the module that needs it (the test database is known by then), kept for the
    next ones, stopped after the last."""
    if "platform" not in _platforms:
        _platforms["platform"] = OwnPlatform(tmp_path_factory.mktemp("platform"))
        _platforms["platform"].start()
    return _platforms["platform"]


class Load:
    """`clients` threads sending requests one after the other until stopped; every answer is kept with its times."""

    def __init__(self, request, clients: int):
        self.request = request
        self.answers: list[tuple[float, float, int, str]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(clients)]

    def _run(self, client: int) -> None:
        number = 0
        while not self.stopping.is_set():
            number += 1
            started = time.monotonic()
            status, label = self.request(client, number)
            with self.lock:
                self.answers.append((started, time.monotonic(), status, label))

    def __enter__(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def count(self, status: int) -> int:
        with self.lock:
            return sum(1 for answer in self.answers if answer[2] == status)


def test_the_platform_answers_within_5_s_of_postgres_coming_back_and_keeps_every_acknowledged_write(own_platform):
    base, headers = own_platform.web.base, _signed_in(own_platform.session)
    headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}

    def write(client: int, number: int) -> tuple[int, str]:
        title = f"Suggestion {client}-{number}"
        body = urlencode({"title": title, "summary": "A practice worth reading about."}).encode()
        status, answer = http_request("POST", base + "/practices/suggest/", headers=headers, body=body)
        acknowledged = status == 302 and answer.get("location", "").endswith("/practices/suggestions/")
        return (302 if acknowledged else status), title

    with Load(write, CLIENTS) as load:
        wait_for(lambda: load.count(302) >= 50, timeout=60, message="50 writes acknowledged before the restart")
        down = time.monotonic()
        own_platform.postgres.restart(mode="immediate")
        back = time.monotonic()
        wait_for(
            lambda: any(start >= back and status == 302 for start, _, status, _ in list(load.answers)),
            timeout=30,
            message="a write acknowledged after the database came back",
        )
        time.sleep(2)  # a little more load once it is back
    answers = load.answers
    recovered = min(end for start, end, status, _ in answers if start >= back and status == 302) - back
    health = http_get(base + "/healthz")[0]
    acknowledged = {title for _, _, status, title in answers if status == 302}
    failed = Counter(status for start, _, status, _ in answers if status != 302)
    with psycopg.connect(own_platform.database_url) as database:
        stored = {title for (title,) in database.execute("SELECT title FROM practices_suggestion")}
    print(
        f"\nrestart: {len(answers)} writes by {CLIENTS} clients, {len(acknowledged)} acknowledged; the database was "
        f"down {back - down:.2f} s; answers other than an acknowledgement: {dict(failed)}; the first write "
        f"acknowledged {recovered:.2f} s after it was back"
    )
    assert recovered <= 5.0
    # While it was down, a write was refused as "try again" (503 with Retry-After), never as a server error.
    assert not failed.get(500), dict(failed)
    assert health == 200
    assert acknowledged <= stored, f"lost: {sorted(acknowledged - stored)[:10]}"


def test_a_minute_at_four_times_the_workers_over_the_main_pages_has_no_5xx(own_platform):
    base, member = own_platform.web.base, _signed_in(own_platform.session)

    def read(client: int, number: int) -> tuple[int, str]:
        path, signed_in = PAGES[(client + number) % len(PAGES)]
        return http_get(base + path, member if signed_in else None)[0], path

    duration = 60
    with Load(read, CLIENTS) as load:
        time.sleep(duration)  # the length of the measurement, not a wait for something to happen
    statuses = Counter(status for _, _, status, _ in load.answers)
    latencies = sorted(end - start for start, end, _, _ in load.answers)
    by_page = {path: Counter() for path, _ in PAGES}
    for _, _, status, path in load.answers:
        by_page[path][status] += 1
    p95 = latencies[int(len(latencies) * 0.95)] * 1000
    print(
        f"\nminute: {len(latencies)} requests by {CLIENTS} clients to {WORKERS} gunicorn workers in {duration} s "
        f"({len(latencies) / duration:.0f} req/s), median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {p95:.0f} ms; statuses {dict(statuses)}"
    )
    assert not [status for status in statuses if status >= 500 or status == 0], by_page
    assert all(sum(counts.values()) > 0 for counts in by_page.values())
    assert set(statuses) <= {200}, by_page


@pytest.mark.django_db(transaction=True)
def test_two_servers_and_two_workers_share_sessions_and_deliver_a_burst_once(own_redis, tmp_path):
    member = UserFactory(email="member@example.org", handle="member_one")
    followed = UserFactory(email="followed@example.org", handle="followed_one")
    people = [UserFactory(email=f"reader{n}@example.org", handle=f"reader_{n}") for n in range(60)]
    fans = [UserFactory(email=f"fan{n}@example.org", handle=f"fan_{n}") for n in range(240)]
    Follow.objects.bulk_create(
        [Follow(user=fan, target_type="accounts.user", target_id=str(followed.pk)) for fan in fans]
    )
    ports = free_port(), free_port()
    environments = [
        platform_environment(database_url=database_url(), redis_url=own_redis.url, port=port) for port in ports
    ]
    with (
        mail_sink() as (sink, email_url),
        serving(environments[0], port=ports[0], workers=1, log=tmp_path / "a.log") as one,
        serving(environments[1], port=ports[1], workers=1, log=tmp_path / "b.log") as other,
        running_worker(broker_url=own_redis.url, email_url=email_url, log=tmp_path / "worker1.log"),
        running_worker(broker_url=own_redis.url, email_url=email_url, log=tmp_path / "worker2.log"),
        broker(own_redis.url),
    ):
        session = _log_in(one.base, member.email)
        for server in (one, other):
            assert http_get(server.base + "/notifications/", _signed_in(session))[0] == 200, server.base
            assert http_get(server.base + "/notifications/")[0] == 302, "not signed in without the session"
        # The burst: one notification to an audience of 240 followers, and 60 people named one by one.
        started = time.monotonic()
        role = {"role": "city_representative", "change": "granted"}
        notify(kind="accounts.role_changed", audience=followers(followed), target=followed, data=role)
        for person in people:
            notify(kind="accounts.role_changed", recipients=[person], target=followed, data=role)
        wait_for(lambda: sink.count() >= 300, timeout=180, message="300 emails received")
        elapsed = time.monotonic() - started
    expected = sorted([person.email for person in people] + [fan.email for fan in fans])
    assert sorted(sink.recipients()) == expected, "every email arrives, exactly once"
    ids = [message_from_bytes(content)["Message-ID"] for _, content in sink.messages]
    assert len(set(ids)) == 300
    assert Delivery.objects.filter(status="sent").count() == 300
    print(f"\nburst: 300 emails through 2 workers in {elapsed:.1f} s, each received once")
