"""Delivery through a real Celery worker and real Redis, and what happens when either fails.

The worker runs as a separate process against the test database, so these tests commit for real
(`transactional_db`). Mail goes to a local SMTP server run by the test. The fault tests start a Redis server of
their own on another loopback port, so that they can stop and restart it without touching the machine's.
"""

import email.policy
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote

import kombu.pools
import pytest
import redis
from django.db import connection

from network.celery import app as celery_app
from network.notifications import services
from network.notifications.audiences import followers
from network.notifications.models import Delivery, Event, Follow, Notification
from network.notifications.services import notify
from tests.conftest import require_service
from tests.notifications.mail_server import MailSink, free_port, mail_sink

# The worker knows only the platform's own kinds.
ROLE = "accounts.role_changed"
GRANTED = {"role": "city_representative", "change": "granted"}

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def wait_for(condition, *, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"Timed out after {timeout} s: {message}")


class RedisServer:
    """A Redis server of the test's own, which it may stop and start again on the same port."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.tmp_path = tmp_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp_path),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        wait_for(lambda: _pings(client), timeout=10, message="the test's Redis did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def _pings(client) -> bool:
    try:
        return client.ping()
    except redis.RedisError:
        return False


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        require_service("redis-server is not installed: the fault tests start their own Redis")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = quote(db["HOST"] or "127.0.0.1", safe="")  # a socket folder (the embedded server) is percent-encoded
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery worker` in its own process group, on the test database, the given broker and mail server."""

    def __init__(self, *, broker_url: str, email_url: str, log: Path):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker_url,
            "EMAIL_URL": email_url,
            "NOTIFICATIONS_REQUEUE_AFTER": "0",
        }
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        offset = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "network",
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel",
                    "INFO",
                    "--hostname",
                    f"test-{os.getpid()}-{time.monotonic_ns()}@%h",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(
            lambda: b" ready." in self.log.read_bytes()[offset:] or self.process.poll() is not None,
            timeout=60,
            message="the worker did not start",
        )
        assert self.process.poll() is None, self.log.read_text()

    def kill(self) -> None:
        """SIGKILL, to the worker and its pool process alike: nothing gets to clean up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        # Shown only when the test fails.
        print(self.log.read_text(errors="replace")[-20000:])
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextmanager
def broker(url: str):
    """Hand tasks to the broker at `url` (and to workers) instead of running them in this process."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager

    def forget_connections() -> None:
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        kombu.pools.reset()

    forget_connections()
    conf.broker_url, conf.task_always_eager = url, False
    try:
        yield
    finally:
        forget_connections()
        conf.broker_url, conf.task_always_eager = saved


@pytest.fixture
def worker_log(tmp_path):
    return tmp_path / "worker.log"


@contextmanager
def running_worker(**options):
    worker = Worker(**options)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


def all_sent(count: int):
    return lambda: Delivery.objects.filter(status=Delivery.Status.SENT).count() == count


def assert_each_once(sink: MailSink, addresses: list[str]) -> None:
    received = sink.recipients()
    assert sorted(received) == sorted(addresses), "every email arrives, and exactly once"


def test_a_real_worker_delivers_in_app_and_email_end_to_end(
    redis_url, participant, outsider, make_followers, worker_log
):
    follower_ids = make_followers(outsider, 20)
    with (
        mail_sink() as (sink, email_url),
        broker(redis_url),
        running_worker(broker_url=redis_url, email_url=email_url, log=worker_log),
    ):
        notify(kind=ROLE, recipients=[participant], target=outsider, data=GRANTED)
        notify(kind=ROLE, audience=followers(outsider), target=outsider, data=GRANTED)
        wait_for(all_sent(21), timeout=60, message="21 emails sent")
        wait_for(lambda: sink.count() == 21, timeout=10, message="21 emails received")
    assert_each_once(sink, [participant.email, *_emails(follower_ids)])
    assert Notification.objects.count() == 21
    first = message_from_bytes(
        next(content for to, content in sink.messages if to == [participant.email]), policy=email.policy.default
    )
    assert first["Subject"].strip() == "[Cities for Just Policing] You were given the role: City representative."
    assert first["Message-ID"].endswith("@testserver>")


def _emails(user_ids: list[int]) -> list[str]:
    from network.accounts.models import User

    return list(User.objects.filter(pk__in=user_ids).values_list("email", flat=True))


def test_actions_while_redis_is_down_are_delivered_exactly_once_after_it_returns(
    own_redis, participant, make_followers, worker_log, settings, caplog
):
    settings.NOTIFICATIONS_REQUEUE_AFTER = 0
    follower_ids = make_followers(participant, 30)
    named = make_followers(participant, 2, prefix="named")
    Follow.objects.filter(user_id__in=named).delete()
    with (
        mail_sink() as (sink, email_url),
        broker(own_redis.url),
        running_worker(broker_url=own_redis.url, email_url=email_url, log=worker_log),
    ):
        own_redis.stop()
        for _ in range(3):
            notify(kind=ROLE, recipients=named, target=participant, data=GRANTED)
        notify(kind=ROLE, audience=followers(participant), target=participant, data=GRANTED)
        assert "The broker is unreachable" in caplog.text
        assert Delivery.objects.count() == 6 and not Delivery.objects.filter(status="sent").exists()
        assert Event.objects.filter(fanout_done_at__isnull=True).count() == 1
        time.sleep(1)
        assert sink.count() == 0

        own_redis.start()
        # The periodic sweep, as beat would run it once a minute.
        wait_for(lambda: _sweep_hands_over(), timeout=30, message="the sweep reached the broker")
        wait_for(all_sent(36), timeout=90, message="36 emails sent")
        # Later sweeps find nothing left to send.
        services.outbox_sweep()
        time.sleep(1)
    assert_each_once(sink, _emails(named) * 3 + _emails(follower_ids))
    assert Notification.objects.count() == 36


def _sweep_hands_over() -> bool:
    from network.notifications import tasks

    try:
        tasks.sweep_outbox.apply_async(retry=False)
    except Exception:
        return False
    return True


def test_a_worker_killed_mid_batch_leaves_every_email_sent_exactly_once_after_restart(
    own_redis, participant, make_followers, worker_log, settings
):
    settings.NOTIFICATIONS_REQUEUE_AFTER = 0
    recipient_ids = make_followers(participant, 300, prefix="reader")
    with mail_sink(delay=0.01) as (sink, email_url), broker(own_redis.url):
        options = {"broker_url": own_redis.url, "email_url": email_url, "log": worker_log}
        worker = Worker(**options)
        worker.start()
        try:
            notify(kind=ROLE, recipients=recipient_ids, target=participant, data=GRANTED)
            wait_for(lambda: sink.count() >= 40, timeout=60, message="the first batch under way")
            worker.kill()
        finally:
            worker.stop()
        time.sleep(0.5)  # a message whose last line left before the kill is still being taken in
        received_at_kill = sink.count()
        assert 40 <= received_at_kill < 300, "the worker died mid-way"
        assert Delivery.objects.filter(status="pending").count() == 300 - received_at_kill

        with running_worker(**options):
            services.outbox_sweep()
            wait_for(all_sent(300), timeout=120, message="300 emails sent")
            time.sleep(1)
    assert_each_once(sink, _emails(recipient_ids))
