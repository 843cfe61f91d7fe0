"""`make bench`: the platform's speed at scale, against the framework's own ceiling.

Seeds a separate benchmark database (`bench.seed`), and a second one ten times smaller, serves the full one with
gunicorn as in production (DEBUG off, the production gunicorn settings with 2 x cores + 1 workers, persistent
database connections), drives each page with wrk on loopback at concurrency = workers and at twice that, and in the
same run and server measures a bare Django view with no middleware and no database (the ceiling), at the start and
again beside each page; each page is divided by the median of those readings. Then it serves
the smaller database the same way and loads the library search again, to show how search scales. Prints a table
and writes bench/results.json. The targets are reported, never enforced.

    python -m bench.run [--preset small|full|large] [--duration SECONDS] [--output PATH] [--practices N ...]
    python -m bench.run --side-by-side bench/results-full.json bench/results-large.json
"""

import argparse
import json
import os
import runpy
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import seed

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PYTHON = sys.executable
# The smaller network the search is measured on again: every size divided by this.
SCALE_DIVISOR = 10

TARGETS = {
    # On the large data (ten times the full), no page more than this many times its latency on the full data.
    "growth_max": 1.5,
    # A page a visitor sees against the bare ceiling; a signed-in person's page (session, token or staff).
    "ratio_to_ceiling_min": 0.3,
    "ratio_to_ceiling_min_signed_in": 0.1,
    "p95_ms_at_workers_max": 100,
    "p95_ms_at_twice_workers_max": 200,
    "search_p95_ms_max": 50,
    "search_scaling_max": 2.0,
    # Issue 13: the forums' post search.
    "forum_search_p95_ms_max": 50,
    "forum_search_scaling_max": 1.5,
    "worker_rss_mb_max": 150,
}


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    # None: anonymous; "member": signed in as the member with the big inbox; "token": the member's API token;
    # "staff": a member of staff signed in with a password and an authenticator code.
    auth: str | None = None


SEARCH_PATH = f"/practices/?q={seed.SEARCH_WORD}"
FORUM_SEARCH_PATH = f"/forums/search/?q={seed.FORUM_SEARCH_WORD}"
# The named forum's first topic has the same 5,000 posts on every database: a page in its middle.
FORUM_TOPIC_PATH = f"/forums/topics/{seed.BIG_TOPIC_ID}/?from={seed.BIG_TOPIC_POSTS // 2}"
# One line per page. Parts add theirs as they land.
PAGES = [
    Page("home", "/"),
    Page("sign-in page", "/accounts/login/"),
    Page("library: list with filters", "/practices/?theme=use_of_force&rating=promising"),
    Page("library: search", SEARCH_PATH),
    Page("practice page", f"/practices/{seed.PRACTICE_SLUG}/"),
    Page("8 Can't Wait matrix", f"/practices/collections/{seed.COLLECTION_SLUG}/"),
    Page("city directory", "/cities/"),
    Page("accountability board", "/practices/board/"),
    Page("accountability board: 8 Can't Wait", f"/practices/collections/{seed.COLLECTION_SLUG}/board/"),
    Page("accountability board: a city", f"/practices/board/cities/{seed.CITY_SLUG}/"),
    Page("API: accountability board pledges", "/api/v1/board/pledges/"),
    Page("city profile", f"/cities/{seed.CITY_SLUG}/"),
    Page("notifications (the member)", "/notifications/", "member"),
    Page("notification bell (member)", "/notifications/bell/", "member"),
    Page("API: practices", "/api/v1/practices/"),
    Page("API: 8 Can't Wait matrix", f"/api/v1/collections/{seed.COLLECTION_SLUG}/matrix/"),
    Page("API: adoption records", "/api/v1/adoptions/"),
    Page("API: cities", "/api/v1/cities/"),
    Page("API: notifications list", "/api/v1/notifications/", "token"),
    Page("API: my account", "/api/v1/me/", "token"),
    Page("exchange register", "/exchanges/"),
    Page(f"partner page ({seed.PARTNER_FINDINGS} findings)", f"/exchanges/partners/{seed.PARTNER_ID}/"),
    Page("exchange review queue (staff)", "/staff/exchanges/", "staff"),
    # The member's rows ask for the same pages under addresses of their own (an empty cursor is the first page; the
    # topic's page starts one post later; relevance is the search's default order): rows are told apart by address.
    Page("forum: topic list", f"/forums/{seed.FORUM_SLUG}/"),
    Page("forum: topic list (member)", f"/forums/{seed.FORUM_SLUG}/?after=", "member"),
    Page("forum: topic page, middle", FORUM_TOPIC_PATH),
    Page("forum: topic page, middle (member)", f"{FORUM_TOPIC_PATH[:-1]}1", "member"),
    Page("forum: post search", FORUM_SEARCH_PATH),
    Page("forum: post search (member)", f"{FORUM_SEARCH_PATH}&sort=relevance", "member"),
]
CEILING = Page("ceiling: bare Django view", "/__ceiling__/")
# The same view through the platform's whole middleware stack: the floor every page pays before its own work.
MIDDLEWARE_CEILING = Page("ceiling: bare view, full middleware", "/__ceiling_middleware__/")
# The site's frame with no content, for the signed-in member: the floor every signed-in page pays.
SIGNED_IN_CEILING = Page("ceiling: the site's frame, signed in", "/__ceiling_signed_in__/", "member")
CEILINGS = [CEILING, MIDDLEWARE_CEILING, SIGNED_IN_CEILING]


STARTED = time.monotonic()


def say(message: str) -> None:
    sys.stderr.write(f"bench [{time.monotonic() - STARTED:5.0f} s]: {message}\n")
    sys.stderr.flush()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_database_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str, *, template: str | None = None) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def server_environment(database_url: str, port: int, workers: int) -> dict:
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
            "WEB_CONCURRENCY": str(workers),
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


def worker_rss_mb(master: int) -> list[float]:
    """Resident memory of each of the gunicorn master's workers."""
    import psutil

    return [child.memory_info().rss / 2**20 for child in psutil.Process(master).children()]


WRK_ERRORS = ["connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"]


def wrk(url: str, *, connections: int, duration: int, headers: list[str]) -> dict:
    # A window shorter than the page's answer counts nothing (wrk drops requests still in flight when it ends): a
    # window in which no request finished, and none failed, is measured again, twice as long, up to eight times.
    for window in (duration, 2 * duration, 4 * duration, 8 * duration):
        command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{window}s", "--timeout", "10s"]
        command += ["-s", str(BENCH_DIR / "report.lua")]
        for header in headers:
            command += ["-H", header]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        if result["requests"] or any(result[key] for key in WRK_ERRORS):
            break
    seconds = result["duration_us"] / 1e6
    errors = sum(result[key] for key in WRK_ERRORS)
    return {
        "rps": result["requests"] / seconds if seconds else 0.0,
        "p50_ms": result["p50_us"] / 1000,
        "p95_ms": result["p95_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "requests": result["requests"],
        "errors": errors,
    }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own here (to a sign-in page, say), not something to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


def warm(url: str, *, requests: int, concurrency: int, headers: list[str]) -> list[int]:
    """A few requests through every worker before the clock starts; the statuses they answered (wrk counts only
    4xx and 5xx as errors, so a redirect would otherwise go unnoticed)."""

    opener = urllib.request.build_opener(NoRedirect)

    def fetch(_index: int) -> int:
        request = urllib.request.Request(url, headers=dict(header.split(": ", 1) for header in headers))  # noqa: S310
        try:
            with opener.open(request, timeout=30) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(fetch, range(requests)))


def use_database(name: str) -> None:
    """Point this process's Django connection at another database of the same server."""
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = name


def staff_client():
    """A test client signed in as the benchmark's member of staff the way staff sign in: the sign-in form, then
    the code their authenticator app shows now (staff pages open only to a session that passed both)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt
    from django.test import Client

    from network.accounts.models import User

    staff = User.objects.get(handle=seed.STAFF_HANDLE)
    client = Client()
    response = client.post("/accounts/login/", {"login": seed.STAFF_EMAIL, "password": seed.STAFF_PASSWORD})
    if response.status_code != 302 or "/accounts/2fa/authenticate/" not in response["Location"]:
        raise SystemExit(f"the benchmark's member of staff could not sign in: {response.status_code}")
    secret = decrypt(Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP).data["secret"])
    # A code is good for its 30-second window only: never take one in the window's last seconds.
    remaining = 30 - time.time() % 30
    if remaining < 5:
        time.sleep(remaining + 0.1)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    if response.status_code != 302 or "/accounts/2fa/" in response["Location"]:
        raise SystemExit(f"the benchmark's member of staff did not pass the second factor: {response.status_code}")
    return client


def credentials(member, staff) -> dict:
    """Request headers for each kind of visitor: the member's session cookie, the member's API token, the staff
    client's session cookie."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from network.accounts.services import api_token_rotate

    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    _token, key = api_token_rotate(actor=member)
    return {
        None: [],
        "member": [f"Cookie: {settings.SESSION_COOKIE_NAME}={session.session_key}"],
        "token": [f"Authorization: Token {key}"],
        "staff": [f"Cookie: {settings.SESSION_COOKIE_NAME}={staff.cookies[settings.SESSION_COOKIE_NAME].value}"],
    }


def count_queries(member, key: str, staff) -> dict:
    """Each page's status and SQL queries, in-process with Django's test client (the second request is counted)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {
        None: Client(),
        "member": Client(),
        "token": Client(HTTP_AUTHORIZATION=f"Token {key}"),
        "staff": staff,
    }
    clients["member"].force_login(member)
    pages = {}
    for page in PAGES:
        client = clients[page.auth]
        client.get(page.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        pages[page.path] = {"status": response.status_code, "queries": len(captured)}
    # The signed-in ceiling is served beside the platform's addresses (bench/wsgi.py).
    from django.test import override_settings

    from bench.wsgi import WithCeiling

    with override_settings(ROOT_URLCONF=WithCeiling):
        clients["member"].get(SIGNED_IN_CEILING.path)
        with CaptureQueriesContext(connection) as captured:
            response = clients["member"].get(SIGNED_IN_CEILING.path)
    pages[SIGNED_IN_CEILING.path] = {"status": response.status_code, "queries": len(captured)}
    return pages


def prepare(sizes: seed.Sizes, databases: dict[str, str]) -> dict:
    """Seed both databases, count each page's queries on both, time the fan-out on the full one."""
    import django

    django.setup()
    from django.db import connections

    from network.accounts.models import User

    prepared = {}
    for label, name in databases.items():
        use_database(name)
        scaled = sizes if label == "full" else sizes.scaled(SCALE_DIVISOR)
        say(f"seeding {name}: {scaled}")
        seeded = seed.seed(scaled)
        member = User.objects.get(handle=seed.MEMBER_HANDLE)
        staff = staff_client()
        headers = credentials(member, staff)
        key = headers["token"][0].rsplit(" ", 1)[1]
        prepared[label] = {"seeded": seeded, "headers": headers, "pages": count_queries(member, key, staff)}
    use_database(databases["full"])
    prepared["full"]["fan_out"] = measure_fan_out(User.objects.get(handle=seed.MEMBER_HANDLE))
    connections.close_all()
    return prepared


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
    # The request only records the event and hands the fan-out over, and the fan-out only writes the notifications
    # and queues the emails: neither may run the next task in-process, as they would with no broker (the fan-out
    # would then send 10,000 emails).
    from network.celery import app as celery_app

    eager, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, False
    try:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as request_queries:
            event = services.notify(kind="accounts.role_changed", audience=followers(target), data=data)
        request_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as task_queries:
            while services.event_fan_out_batch(event_id=event.pk):
                pass
        task_s = time.perf_counter() - started
    finally:
        celery_app.conf.task_always_eager = eager
    return {
        "recipients": len(people),
        "request_ms": request_ms,
        "request_queries": len(request_queries),
        "task_s": task_s,
        "task_queries": len(task_queries),
    }


def production_threads() -> int:
    """The threads per worker of the production settings (gunicorn.conf.py), which the benchmark serves with."""
    return int(runpy.run_path(str(ROOT / "gunicorn.conf.py"))["threads"])


def serve(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    # gunicorn.conf.py (production) is read from the working directory; only the address, the worker count and
    # the access log change, and workers are not recycled, so the memory measured is that of the whole run.
    command = [
        PYTHON, "-m", "gunicorn", "bench.wsgi:application", "--config", str(ROOT / "gunicorn.conf.py"),
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
        "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning", "--max-requests", "0",
    ]  # fmt: skip
    # The socket accepts connections before the workers have loaded the application; wait for every one of them
    # (bench/wsgi.py leaves a file named after its process once it has).
    ready = Path(tempfile.mkdtemp(prefix="bench-ready-"))
    server = subprocess.Popen(command, cwd=ROOT, env={**env, "BENCH_READY_DIR": str(ready)}, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            if len(list(ready.iterdir())) >= workers:
                return server
            time.sleep(0.1)
    finally:
        shutil.rmtree(ready, ignore_errors=True)
    stop(server)
    raise SystemExit("gunicorn's workers did not start in 120 s")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def load(base: str, page: Page, *, workers: int, duration: int, headers: list[str], twice: bool = True) -> dict:
    statuses = warm(base + page.path, requests=3 * workers, concurrency=workers, headers=headers)
    row = {"http_statuses": sorted(set(statuses))}
    levels = [("at_workers", workers), ("at_twice_workers", 2 * workers)] if twice else [("at_workers", workers)]
    for label, connections in levels:
        row[label] = wrk(base + page.path, connections=connections, duration=duration, headers=headers)
    # Anything but 200 while warming up counts too.
    row["at_workers"]["errors"] += sum(1 for status in statuses if status != 200)
    return row


def ceilings_beside(base: str, *, workers: int, duration: int) -> dict:
    """Requests per second of the two ceilings, loaded for a quarter of a page's window just before the page: the
    machine's speed drifts over a run (on a shared 2-core machine the same load answered twice as fast one minute as
    another), and one reading at the start of a run made every ratio of the run swing with it."""
    window = max(1, duration // 4)
    return {
        "bare": wrk(base + CEILING.path, connections=workers, duration=window, headers=[])["rps"],
        "middleware": wrk(base + MIDDLEWARE_CEILING.path, connections=workers, duration=window, headers=[])["rps"],
    }


def run_ceilings(rows: list[dict]) -> tuple[float, float]:
    """The bare and the middleware ceiling of a run: the median of each one's readings, at the start (the first two
    rows) and beside every page, so that no one slow or fast window sets the ratios of a whole run."""
    readings: tuple[list[float], list[float]] = ([], [])
    for index, name in enumerate(("bare", "middleware")):
        if "at_workers" in rows[index]:
            readings[index].append(rows[index]["at_workers"]["rps"])
        readings[index].extend(row["ceilings_beside_rps"][name] for row in rows if "ceilings_beside_rps" in row)
    return tuple(statistics.median(values) if values else 0.0 for values in readings)


def apply_ratios(rows: list[dict]) -> None:
    """Each loaded row's ratio to the run's two ceilings, and its verdict against each target."""
    ceiling, middleware_ceiling = run_ceilings(rows)
    for row in rows:
        if "at_workers" in row:
            row["ratio_to_ceiling"] = row["at_workers"]["rps"] / ceiling if ceiling else 0.0
            row["ratio_to_middleware_ceiling"] = (
                row["at_workers"]["rps"] / middleware_ceiling if middleware_ceiling else 0.0
            )
            row["targets"] = page_targets(row)


def run(
    sizes: seed.Sizes,
    duration: int,
    output: Path,
    database_name: str = "cfjp_bench",
    preset: str = "full",
    twice: bool = True,
    template: str | None = None,
) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian package wrk): make bench needs it to load the pages.")
    full_url = bench_database_url(os.environ["DATABASE_URL"], database_name)
    tenth_url = bench_database_url(os.environ["DATABASE_URL"], f"{database_name}_tenth")
    databases = {"full": database_name, "tenth": f"{database_name}_tenth"}
    workers = 2 * (os.cpu_count() or 1) + 1
    threads = production_threads()
    port = free_port()
    env = server_environment(full_url, port, workers)
    if template:
        say(f"recreating the benchmark databases {database_name} and {database_name}_tenth as copies of {template}")
        recreate_database(full_url, template=template)
    else:
        say(f"recreating the benchmark databases {database_name} and {database_name}_tenth and migrating")
        recreate_database(full_url)
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        # Without Redis the cache (sessions' rate limits, throttles) is a table that migrate does not create.
        subprocess.run([PYTHON, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    recreate_database(tenth_url, template=database_name)  # migrated, still empty
    os.environ.update(env)
    prepared = prepare(sizes, databases)
    full, tenth = prepared["full"], prepared["tenth"]
    results = {
        "preset": preset,
        "seeded": full["seeded"],
        "seeded_tenth": tenth["seeded"],
        "workers": workers,
        "threads_per_worker": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "cpu_count": os.cpu_count(),
        "duration_s": duration,
        "connections": [workers, 2 * workers] if twice else [workers],
        # Anything else running on the machine takes cores from the server: the load before the pages are loaded.
        "load_average_before": os.getloadavg()[0],
    }
    say(f"serving {database_name} with gunicorn, {workers} workers of {threads} threads, on port {port}")
    server = serve(env, port, workers, threads)
    rows = []
    try:
        base = f"http://127.0.0.1:{port}"
        for index, page in enumerate([*CEILINGS, *PAGES]):
            counted = full["pages"].get(page.path, {"status": 200, "queries": 0})
            small = tenth["pages"].get(page.path, {"status": 200, "queries": 0})
            row = {
                "page": page.name,
                "path": page.path,
                "signed_in": page.auth is not None,
                "status": counted["status"],
                "queries": counted["queries"],
                "queries_tenth": small["queries"],
                "queries_constant": counted["queries"] == small["queries"],
            }
            if counted["status"] == 200:
                say(f"loading {page.path}")
                headers = full["headers"][page.auth]
                if index >= 2:
                    row["ceilings_beside_rps"] = ceilings_beside(base, workers=workers, duration=duration)
                row.update(load(base, page, workers=workers, duration=duration, headers=headers, twice=twice))
            else:
                say(f"not loading {page.path}: it answers {counted['status']}")
            rows.append(row)
        rss = worker_rss_mb(server.pid)
    finally:
        say("stopping gunicorn")
        stop(server)
    port = free_port()
    say(f"serving {databases['tenth']} (every size divided by {SCALE_DIVISOR}) to load the search again")
    server = serve(server_environment(tenth_url, port, workers), port, workers, threads)
    try:
        search_tenth = load(
            f"http://127.0.0.1:{port}", Page("search", SEARCH_PATH), workers=workers, duration=duration, headers=[]
        )
        forum_search_tenth = load(
            f"http://127.0.0.1:{port}",
            Page("forum search", FORUM_SEARCH_PATH),
            workers=workers,
            duration=duration,
            headers=[],
        )
    finally:
        stop(server)
    say("measured; dropping the smaller database")
    drop_database(tenth_url)

    apply_ratios(rows)
    results["pages"] = rows
    results["worker_rss_mb"] = max(rss, default=0.0)
    results["worker_rss_mb_each"] = rss
    results["fan_out"] = full["fan_out"]
    results["search"] = search_figures(rows, search_tenth)
    results["forum_search"] = search_figures(rows, forum_search_tenth, FORUM_SEARCH_PATH)
    results["queries_constant"] = all(row["queries_constant"] for row in rows)
    results["targets"] = TARGETS
    results["verdicts"] = {
        "search_p95_ms": verdict(results["search"]["full"]["p95_ms"], TARGETS["search_p95_ms_max"], at_most=True),
        "search_scaling": verdict(results["search"]["scaling_p95"], TARGETS["search_scaling_max"], at_most=True),
        "forum_search_p95_ms": verdict(
            results["forum_search"]["full"]["p95_ms"], TARGETS["forum_search_p95_ms_max"], at_most=True
        ),
        "forum_search_scaling": verdict(
            results["forum_search"]["scaling_p95"], TARGETS["forum_search_scaling_max"], at_most=True
        ),
        "worker_rss_mb": verdict(results["worker_rss_mb"], TARGETS["worker_rss_mb_max"], at_most=True),
    }
    output.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    return results


def verdict(value: float, target: float, *, at_most: bool) -> dict:
    """Whether a figure meets its target, and by how much it misses (0 when it meets it), in the figure's unit."""
    met = value <= target if at_most else value >= target
    return {"value": value, "target": target, "met": met, "miss": 0 if met else abs(value - target)}


def errors(row: dict) -> int:
    return sum(row[label]["errors"] for label in ("at_workers", "at_twice_workers") if label in row)


def ratio_target(row: dict) -> float:
    return TARGETS["ratio_to_ceiling_min_signed_in" if row.get("signed_in") else "ratio_to_ceiling_min"]


def page_targets(row: dict) -> dict:
    targets = {
        "ratio_to_ceiling": verdict(row["ratio_to_ceiling"], ratio_target(row), at_most=False),
        "p95_ms_at_workers": verdict(row["at_workers"]["p95_ms"], TARGETS["p95_ms_at_workers_max"], at_most=True),
        "errors": verdict(errors(row), 0, at_most=True),
        "queries_constant": {"value": row["queries_constant"], "target": True, "met": row["queries_constant"]},
    }
    if "at_twice_workers" in row:
        targets["p95_ms_at_twice_workers"] = verdict(
            row["at_twice_workers"]["p95_ms"], TARGETS["p95_ms_at_twice_workers_max"], at_most=True
        )
    return targets


def search_figures(rows: list[dict], tenth: dict, path: str = SEARCH_PATH) -> dict:
    full = next((row for row in rows if row["path"] == path and "at_workers" in row), None)
    if full is None:
        return {"full": {"p50_ms": 0.0, "p95_ms": 0.0}, "tenth": tenth["at_workers"], "scaling_p95": 0.0}
    one, small = full["at_workers"], tenth["at_workers"]
    return {
        "path": path,
        "full": one,
        "tenth": small,
        "scaling_p50": one["p50_ms"] / small["p50_ms"] if small["p50_ms"] else 0.0,
        "scaling_p95": one["p95_ms"] / small["p95_ms"] if small["p95_ms"] else 0.0,
    }


def misses(row: dict) -> str:
    if "targets" not in row:
        return f"answers {row['status']}"
    found = []
    targets = row["targets"]
    if not targets["ratio_to_ceiling"]["met"]:
        found.append(f"ratio {targets['ratio_to_ceiling']['miss']:.2f} short")
    if not targets["p95_ms_at_workers"]["met"]:
        found.append(f"p95 {targets['p95_ms_at_workers']['miss']:.0f} ms over")
    if not targets.get("p95_ms_at_twice_workers", {"met": True})["met"]:
        found.append(f"p95 at twice {targets['p95_ms_at_twice_workers']['miss']:.0f} ms over")
    if not targets["errors"]["met"]:
        found.append("errors")
    if not targets["queries_constant"]["met"]:
        found.append("queries grow")
    return "; ".join(found) or "ok"


def print_table(results: dict) -> None:
    workers = results["workers"]
    sizes = results["seeded"]["sizes"]
    lines = [
        "",
        f"{results['preset']} preset: {sizes}",
        f"gunicorn: {workers} {results['worker_class']} workers x {results['threads_per_worker']} threads on "
        f"{results['cpu_count']} cores (load average {results['load_average_before']:.1f} before the run); wrk "
        f"{results['duration_s']} s per run at {' and '.join(map(str, results['connections']))} connections; "
        "latencies in ms; queries on the full data / on a tenth of it; ratio: to the bare ceiling, /mw: to the "
        "bare view through the full middleware stack",
        f"{'page':<30}{'queries':>9}{'req/s':>7}{'ratio':>6}{'/mw':>6}{'p50':>7}{'p95':>7}{'p99':>7}  |{'p50':>7}"
        f"{'p95':>7}{'p99':>7}{'errors':>7}  targets",
    ]
    for row in results["pages"]:
        queries = f"{row['queries']}/{row['queries_tenth']}"
        if "at_workers" not in row:
            lines.append(f"{row['page'][:29]:<30}{queries:>9}  {misses(row)}")
            continue
        one, two = row["at_workers"], row.get("at_twice_workers")
        twice = f"{two['p50_ms']:>7.1f}{two['p95_ms']:>7.1f}{two['p99_ms']:>7.1f}" if two else f"{'-':>7}" * 3
        lines.append(
            f"{row['page'][:29]:<30}{queries:>9}{one['rps']:>7.0f}{row['ratio_to_ceiling']:>6.2f}"
            f"{row['ratio_to_middleware_ceiling']:>6.2f}"
            f"{one['p50_ms']:>7.1f}{one['p95_ms']:>7.1f}{one['p99_ms']:>7.1f}  |{twice}{errors(row):>7}  {misses(row)}"
        )
    fan_out = results["fan_out"]
    search = results["search"]
    forum_search = results["forum_search"]
    verdicts = results["verdicts"]

    def mark(name: str, unit: str = "") -> str:
        item = verdicts[name]
        return "ok" if item["met"] else f"OFF TARGET by {item['miss']:.1f}{unit}"

    lines += [
        f"targets: ratio >= {TARGETS['ratio_to_ceiling_min']} for a visitor's page and "
        f">= {TARGETS['ratio_to_ceiling_min_signed_in']} for a signed-in one, p95 <= "
        f"{TARGETS['p95_ms_at_workers_max']} ms at {workers} connections and <= "
        f"{TARGETS['p95_ms_at_twice_workers_max']} ms at {workers * 2}, no errors, the same queries on both data sizes"
        f" ({'so they are' if results['queries_constant'] else 'NOT so on every page'})",
        f"library search p95: {search['full']['p95_ms']:.1f} ms on the full data (target "
        f"{TARGETS['search_p95_ms_max']} ms: {mark('search_p95_ms', ' ms')}), {search['tenth']['p95_ms']:.1f} ms on a "
        f"tenth: x{search['scaling_p95']:.2f} (target x{TARGETS['search_scaling_max']}: {mark('search_scaling')}); "
        f"p50 {search['full']['p50_ms']:.1f} / {search['tenth']['p50_ms']:.1f} ms",
        f"forum post search p95: {forum_search['full']['p95_ms']:.1f} ms on the full data (target "
        f"{TARGETS['forum_search_p95_ms_max']} ms: {mark('forum_search_p95_ms', ' ms')}), "
        f"{forum_search['tenth']['p95_ms']:.1f} ms on a tenth: x{forum_search['scaling_p95']:.2f} (target "
        f"x{TARGETS['forum_search_scaling_max']}: {mark('forum_search_scaling')})",
        f"fan-out to {fan_out['recipients']} followers: request {fan_out['request_ms']:.1f} ms, "
        f"{fan_out['request_queries']} queries; task {fan_out['task_s']:.2f} s, {fan_out['task_queries']} queries",
        f"largest gunicorn worker after the run: {results['worker_rss_mb']:.0f} MB (target "
        f"{TARGETS['worker_rss_mb_max']} MB: {mark('worker_rss_mb', ' MB')}); each: "
        + ", ".join(f"{mb:.0f}" for mb in results["worker_rss_mb_each"]),
    ]
    sys.stdout.write("\n".join(lines) + "\n")


def markdown(results: dict) -> str:
    """The README's table of a run: each page's figures, and how far each is from its target."""

    def gap(item: dict, unit: str, digits: int, word: str) -> str:
        return "met" if item["met"] else f"{item['miss']:.{digits}f}{unit} {word}"

    # Ratios as today's code takes them from the run's raw figures.
    apply_ratios(results["pages"])
    lines = [
        "| page | queries (full / tenth) | req/s | ratio to ceiling (target 0.3 for a visitor, 0.1 signed in) "
        "| ratio to the middleware ceiling | p50 | p95 (target 100 ms) | p99 | p95 at twice (target 200 ms) | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for index, row in enumerate(results["pages"]):
        queries = f"{row['queries']} / {row['queries_tenth']}"
        if "at_workers" not in row:
            lines.append(f"| {row['page']} | {queries} | answers {row['status']} | | | | | | | |")
            continue
        # Judged against today's targets, whatever the run's were (a results file keeps the raw figures).
        if "signed_in" not in row:
            row = {**row, "signed_in": any(page.auth for page in PAGES if page.path == row["path"])}
        one, targets = row["at_workers"], page_targets(row)
        twice = ""
        if "at_twice_workers" in row:
            twice = f"{row['at_twice_workers']['p95_ms']:.0f}"
            if "p95_ms_at_twice_workers" in targets:
                twice += f" ({gap(targets['p95_ms_at_twice_workers'], ' ms', 0, 'over')})"
        ratio = f"{row['ratio_to_ceiling']:.3f}" + (
            f" ({gap(targets['ratio_to_ceiling'], '', 3, 'short')})" if index >= len(CEILINGS) else ""
        )
        middleware = f"{row.get('ratio_to_middleware_ceiling', 0.0):.3f}"
        p95 = f"{one['p95_ms']:.0f} ({gap(targets['p95_ms_at_workers'], ' ms', 0, 'over')})"
        lines.append(
            f"| {row['page']} | {queries} | {one['rps']:.0f} | {ratio} | {middleware} | {one['p50_ms']:.0f} | {p95} | "
            f"{one['p99_ms']:.0f} | {twice} | {errors(row)} |"
        )
    return "\n".join(lines) + "\n"


def side_by_side(full: dict, large: dict) -> str:
    """Each page's latency on the full data and on the large data, side by side (two results files of runs with
    `--preset full` and `--preset large`), and how much it grew against the target."""
    lines = [
        f"Full: {full['seeded']['sizes']}; large: {large['seeded']['sizes']}.",
        "",
        "| page | queries (full / large) | p50 full | p50 large | p95 full | p95 large | growth of p95 "
        f"(target x{TARGETS['growth_max']}) |",
        "|---|---|---|---|---|---|---|",
    ]
    larger = {row["path"]: row for row in large["pages"]}
    for row in full["pages"]:
        other = larger.get(row["path"])
        if other is None or "at_workers" not in row or "at_workers" not in other:
            lines.append(f"| {row['page']} | not measured on both | | | | | |")
            continue
        one, two = row["at_workers"], other["at_workers"]
        growth = two["p95_ms"] / one["p95_ms"] if one["p95_ms"] else 0.0
        item = verdict(growth, TARGETS["growth_max"], at_most=True)
        mark = "met" if item["met"] else f"{item['miss']:.2f} over"
        lines.append(
            f"| {row['page']} | {row['queries']} / {other['queries']} | {one['p50_ms']:.0f} | {two['p50_ms']:.0f} | "
            f"{one['p95_ms']:.0f} | {two['p95_ms']:.0f} | x{growth:.2f} ({mark}) |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=sorted(seed.PRESETS), default="full")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page and concurrency")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "results.json")
    parser.add_argument(
        "--database-name",
        default="cfjp_bench",
        help="dropped and re-created on DATABASE_URL's server, with NAME_tenth beside it",
    )
    parser.add_argument(
        "--only-at-workers",
        action="store_true",
        help="load each page at concurrency = workers only, not also at twice that (the smoke test, to be quick)",
    )
    parser.add_argument(
        "--template-database",
        help="an empty, migrated database of the same server (the test database) to copy instead of migrating",
    )
    parser.add_argument(
        "--markdown", type=Path, metavar="RESULTS", help="print the README's table of a results file, and run nothing"
    )
    parser.add_argument(
        "--side-by-side",
        type=Path,
        nargs=2,
        metavar=("FULL", "LARGE"),
        help="print each page's latency in two results files (the full and the large preset) side by side, and run "
        "nothing",
    )
    for name in seed.PRESETS["full"]:
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, dest=name, help="instead of the preset's")
    args = parser.parse_args()
    if args.markdown:
        sys.stdout.write(markdown(json.loads(args.markdown.read_text())))
        return 0
    if args.side_by_side:
        full, large = (json.loads(path.read_text()) for path in args.side_by_side)
        sys.stdout.write(side_by_side(full, large))
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
    sizes = seed.sizes_from(args.preset, vars(args))
    run(
        sizes,
        args.duration,
        args.output,
        args.database_name,
        args.preset,
        twice=not args.only_at_workers,
        template=args.template_database,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
