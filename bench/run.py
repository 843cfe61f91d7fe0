"""`make bench`: the platform's speed at scale, against the framework's own ceiling.

Seeds a separate benchmark database (`bench.seed`), serves it with gunicorn as in production (DEBUG off, 2 x cores
+ 1 workers, persistent database connections), drives each page with wrk on loopback at concurrency = workers and
at twice that, and in the same run and server measures a bare Django view with no middleware and no database (the
ceiling). Prints a table and writes bench/results.json. The targets are reported, never enforced.

    python -m bench.run [--preset small|full] [--duration SECONDS] [--output PATH]
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PYTHON = sys.executable

TARGETS = {
    "ratio_to_ceiling_min": 0.3,
    "p95_ms_at_workers_max": 100,
    "search_p95_ms_max": 50,
    "search_scaling_max": 2.0,
    "worker_rss_mb_max": 250,
}


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    # None: anonymous; "member": signed in as the member with the big inbox; "token": the member's API token.
    auth: str | None = None


# One line per page. Parts add theirs as they land.
PAGES = [
    Page("home", "/"),
    Page("sign-in page", "/accounts/login/"),
    Page("notifications (the member)", "/notifications/", "member"),
    Page("notification bell (member)", "/notifications/bell/", "member"),
    Page("API: notifications list", "/api/v1/notifications/", "token"),
    Page("API: my account", "/api/v1/me/", "token"),
]


def say(message: str) -> None:
    sys.stderr.write(f"bench: {message}\n")
    sys.stderr.flush()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_database_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def server_environment(database_url: str, port: int) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": env.get("SECRET_KEY") or "bench-only-secret-key-that-is-long-enough-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_URL": "locmem:",
            "DEFAULT_FROM_EMAIL": "bench@localhost",
            "DATABASE_URL": database_url,
            "DB_CONN_MAX_AGE": "600",
            # The benchmark measures pages, not the API's rate limits.
            "API_THROTTLE_ANON": "1000000/minute",
            "API_THROTTLE_USER": "1000000/minute",
            "LOG_LEVEL": "WARNING",
        }
    )
    if env.get("REDIS_URL"):
        parts = urlsplit(env["REDIS_URL"])
        env["REDIS_URL"] = urlunsplit(parts._replace(path="/14"))  # never the database make run or the tests use
    return env


def worker_pids(master: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                children.append(int(entry.name))
    return children


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wrk(url: str, *, connections: int, duration: int, headers: list[str]) -> dict:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s"]
    command += ["-s", str(BENCH_DIR / "report.lua")]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    seconds = result["duration_us"] / 1e6
    errors = sum(result[key] for key in ["connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"])
    return {
        "rps": result["requests"] / seconds if seconds else 0.0,
        "p50_ms": result["p50_us"] / 1000,
        "p95_ms": result["p95_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "requests": result["requests"],
        "errors": errors,
    }


def prepare(preset: str) -> dict:
    """Seed, then everything measured in-process: the member's credentials, queries per page, the fan-out."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import seed
    from network.accounts.models import User
    from network.accounts.services import api_token_rotate

    seeded = seed.seed(seed.Sizes(**seed.PRESETS[preset]))
    member = User.objects.get(handle=seed.MEMBER_HANDLE)
    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    _token, key = api_token_rotate(actor=member)
    from django.conf import settings

    headers = {
        None: [],
        "member": [f"Cookie: {settings.SESSION_COOKIE_NAME}={session.session_key}"],
        "token": [f"Authorization: Token {key}"],
    }
    clients = {None: Client(), "member": Client(), "token": Client(HTTP_AUTHORIZATION=f"Token {key}")}
    clients["member"].force_login(member)
    queries = {}
    for page in PAGES:
        client = clients[page.auth]
        response = client.get(page.path)
        assert response.status_code == 200, (page.path, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(page.path)
        queries[page.path] = len(captured)
    fan_out = measure_fan_out(member)
    connection.close()
    return {"seeded": seeded, "headers": headers, "queries": queries, "fan_out": fan_out}


def measure_fan_out(target) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network.accounts.models import User
    from network.notifications import services
    from network.notifications.audiences import followers
    from network.notifications.models import Follow

    people = list(User.objects.exclude(pk=target.pk).order_by("pk").values_list("pk", flat=True)[:10_000])
    Follow.objects.bulk_create(
        [Follow(user_id=pk, target_type="accounts.user", target_id=str(target.pk)) for pk in people]
    )
    data = {"role": "city_representative", "change": "granted"}
    # The request only records the event and hands the fan-out over; it must not run it in-process (as it would
    # with no broker), since the fan-out is timed on its own below.
    from network.celery import app as celery_app

    eager, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, False
    try:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as request_queries:
            event = services.notify(kind="accounts.role_changed", audience=followers(target), data=data)
        request_ms = (time.perf_counter() - started) * 1000
    finally:
        celery_app.conf.task_always_eager = eager
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as task_queries:
        while services.event_fan_out_batch(event_id=event.pk):
            pass
    return {
        "recipients": len(people),
        "request_ms": request_ms,
        "request_queries": len(request_queries),
        "task_s": time.perf_counter() - started,
        "task_queries": len(task_queries),
    }


def serve(env: dict, port: int, workers: int) -> subprocess.Popen:
    command = [
        PYTHON, "-m", "gunicorn", "bench.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
        "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning",
        "--max-requests", "0", "--timeout", "60",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start in 60 s")


def run(preset: str, duration: int, output: Path, database_name: str = "cfjp_bench") -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian package wrk): make bench needs it to load the pages.")
    database_url = bench_database_url(os.environ["DATABASE_URL"], database_name)
    port = free_port()
    env = server_environment(database_url, port)
    say(f"recreating the benchmark database {urlsplit(database_url).path.lstrip('/')} and migrating")
    recreate_database(database_url)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # Without Redis the cache (sessions' rate limits, throttles) is a table that migrate does not create.
    subprocess.run([PYTHON, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    say(f"seeding the {preset} preset")
    prepared = prepare(preset)
    workers = 2 * (os.cpu_count() or 1) + 1
    say(f"serving with gunicorn, {workers} workers, on port {port}")
    server = serve(env, port, workers)
    results = {"preset": preset, "seeded": prepared["seeded"], "workers": workers, "duration_s": duration}
    try:
        base = f"http://127.0.0.1:{port}"
        for path in ["/__ceiling__/", *[page.path for page in PAGES]]:
            wrk(base + path, connections=workers, duration=1, headers=[])  # warm every worker
        rows = []
        for name, path, auth in [
            ("ceiling: bare Django view", "/__ceiling__/", None),
            *[(p.name, p.path, p.auth) for p in PAGES],
        ]:
            say(f"loading {path}")
            row = {"page": name, "path": path, "queries": prepared["queries"].get(path, 0)}
            for label, connections in [("at_workers", workers), ("at_twice_workers", 2 * workers)]:
                row[label] = wrk(
                    base + path, connections=connections, duration=duration, headers=prepared["headers"][auth]
                )
            rows.append(row)
        ceiling = rows[0]["at_workers"]["rps"]
        for row in rows:
            row["ratio_to_ceiling"] = row["at_workers"]["rps"] / ceiling if ceiling else 0.0
        results["pages"] = rows
        results["worker_rss_mb"] = max((rss_mb(pid) for pid in worker_pids(server.pid)), default=0.0)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    results["fan_out"] = prepared["fan_out"]
    results["search"] = None  # the practice library's search comes with the library
    results["targets"] = TARGETS
    output.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    return results


def print_table(results: dict) -> None:
    workers = results["workers"]
    lines = [
        "",
        f"{results['preset']} preset: {results['seeded']['sizes']}; gunicorn {workers} sync workers; wrk "
        f"{results['duration_s']} s per run at {workers} and {2 * workers} connections",
        f"{'page':<36}{'queries':>8}{'req/s':>9}{'ratio':>7}{'p50':>7}{'p95':>7}{'p99':>7}"
        f"{'p95 @2x':>9}{'errors':>8}  verdict",
    ]
    for row in results["pages"]:
        one, two = row["at_workers"], row["at_twice_workers"]
        ok = (
            row["ratio_to_ceiling"] >= TARGETS["ratio_to_ceiling_min"]
            and one["p95_ms"] <= TARGETS["p95_ms_at_workers_max"]
            and one["errors"] + two["errors"] == 0
        )
        lines.append(
            f"{row['page'][:35]:<36}{row['queries']:>8}{one['rps']:>9.0f}{row['ratio_to_ceiling']:>7.2f}"
            f"{one['p50_ms']:>7.1f}{one['p95_ms']:>7.1f}{one['p99_ms']:>7.1f}{two['p95_ms']:>9.1f}"
            f"{one['errors'] + two['errors']:>8}  {'ok' if ok else 'OFF TARGET'}"
        )
    fan_out = results["fan_out"]
    rss = results["worker_rss_mb"]
    lines += [
        f"targets: ratio >= {TARGETS['ratio_to_ceiling_min']}, p95 <= {TARGETS['p95_ms_at_workers_max']} ms at "
        f"{workers} connections, no errors (latencies in ms)",
        f"fan-out to {fan_out['recipients']} followers: request {fan_out['request_ms']:.1f} ms, "
        f"{fan_out['request_queries']} queries; task {fan_out['task_s']:.2f} s, {fan_out['task_queries']} queries",
        f"largest gunicorn worker after the run: {rss:.0f} MB (target {TARGETS['worker_rss_mb_max']} MB)  "
        f"{'ok' if rss <= TARGETS['worker_rss_mb_max'] else 'OFF TARGET'}",
        "library search: measured once the practice library lands",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=["small", "full"], default="full")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page and concurrency")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "results.json")
    parser.add_argument("--database-name", default="cfjp_bench", help="dropped and re-created on DATABASE_URL's server")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
    run(args.preset, args.duration, args.output, args.database_name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
