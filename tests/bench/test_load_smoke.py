"""`make bench`'s harness on the small preset: every page answers 200 under load, with no error."""

import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection, connections

from bench.run import CEILINGS, PAGES, SEARCH_PATH
from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]


def _server_url(name: str) -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{name}"


@pytest.mark.django_db(transaction=True)
def test_every_page_answers_under_load_with_no_error(tmp_path):
    if shutil.which("wrk") is None:
        require_service("wrk is not installed (make test installs it where it can)")
    # The benchmark copies the test database, migrated and empty, rather than migrating one of its own: a copy
    # needs every connection to it closed (this test has nothing to roll back; it is flushed afterwards).
    connections.close_all()
    test_database = connection.settings_dict["NAME"]
    # Named after this run's test database, so test runs on other databases of the same server never collide.
    database = test_database.removeprefix("test_") + "_bench_smoke"
    output = tmp_path / "results.json"
    env = {**os.environ, "DATABASE_URL": _server_url(test_database)}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bench.run", "--preset", "small", "--duration", "1", "--output", str(output),
             "--database-name", database, "--only-at-workers", "--template-database", test_database],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    finally:
        with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
            for name in (database, f"{database}_tenth"):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(output.read_text())
    rows = {row["path"]: row for row in results["pages"]}
    assert list(rows) == [*[page.path for page in CEILINGS], *[page.path for page in PAGES]]
    # The signed-in ceiling is the site's frame for the member: their person, roles and bell's count, and the session
    # from its row where the benchmark's server has no Redis to read it from.
    frame = rows["/__ceiling_signed_in__/"]
    assert frame["signed_in"] and frame["queries"] == (3 if settings.REDIS_URL else 4), frame["queries"]
    for path, row in rows.items():
        assert row["status"] == 200, (path, row["status"])
        assert row["http_statuses"] == [200], (path, row["http_statuses"])
        assert row["at_workers"]["requests"] > 0 and row["at_workers"]["errors"] == 0, (path, row["at_workers"])
        assert row["queries_constant"], (path, row["queries"], row["queries_tenth"])
    # The ceilings are loaded again beside every other row, and each row is divided by the median of each
    # ceiling's readings over the run.
    pages = results["pages"]
    assert all("ceilings_beside_rps" not in row for row in pages[:2])
    bare = [pages[0]["at_workers"]["rps"], *(row["ceilings_beside_rps"]["bare"] for row in pages[2:])]
    middleware = [pages[1]["at_workers"]["rps"], *(row["ceilings_beside_rps"]["middleware"] for row in pages[2:])]
    assert min(bare) > 0 and min(middleware) > 0
    for row in pages:
        assert row["ratio_to_ceiling"] == row["at_workers"]["rps"] / statistics.median(bare), row["path"]
        assert row["ratio_to_middleware_ceiling"] == row["at_workers"]["rps"] / statistics.median(middleware)
    assert results["search"]["path"] == SEARCH_PATH and results["search"]["tenth"]["errors"] == 0
    assert results["fan_out"]["request_queries"] == 1
    assert results["worker_rss_mb"] > 0
    assert "req/s" in result.stdout
