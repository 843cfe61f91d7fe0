"""`make bench`'s harness on the small preset: every page answers under load, with no error."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "cfjp_bench_smoke"


def _server_url(name: str) -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{name}"


@pytest.mark.django_db
def test_every_page_answers_under_load_with_no_error(tmp_path):
    if shutil.which("wrk") is None:
        require_service("wrk is not installed (make test installs it where it can)")
    output = tmp_path / "results.json"
    env = {**os.environ, "DATABASE_URL": _server_url(connection.settings_dict["NAME"])}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bench.run", "--preset", "small", "--duration", "1", "--output", str(output),
             "--database-name", DATABASE],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    finally:
        with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(output.read_text())
    paths = [row["path"] for row in results["pages"]]
    assert paths[0] == "/__ceiling__/" and "/notifications/" in paths and "/api/v1/notifications/" in paths
    for row in results["pages"]:
        for load in ["at_workers", "at_twice_workers"]:
            assert row[load]["requests"] > 0 and row[load]["errors"] == 0, (row["path"], load, row[load])
    assert results["fan_out"]["request_queries"] == 1
    assert results["worker_rss_mb"] > 0
    assert "req/s" in result.stdout
