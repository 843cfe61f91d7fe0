import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from network.env import env_bool, env_int, env_list, parse_database_url, parse_email_url, validate_redis_url
from network.launcher import TEST_ENVIRONMENT

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-5f2c9",
    "ALLOWED_HOSTS": "cities.example.org",
    "SITE_URL": "https://cities.example.org",
    "EMAIL_URL": "smtp+tls://mailer:pw@smtp.example.org:587",
    "DATABASE_URL": "postgres://app@db.example.org:5432/cfjp",
    "REDIS_URL": "redis://cache.example.org:6379/0",
    "DEFAULT_FROM_EMAIL": "Cities for Just Policing <network@cities.example.org>",
}


def _django(args: list[str], **overrides) -> subprocess.CompletedProcess:
    # Only the production variables: nothing of the test run's own environment.
    ignored = {*PRODUCTION, *TEST_ENVIRONMENT, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update({key: value for key, value in {**PRODUCTION, **overrides}.items() if value is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_it_reads_booleans_strictly(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", default=False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", default=False)
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", default=True) is True


def test_it_reads_numbers_and_lists_strictly(monkeypatch):
    monkeypatch.setenv("NUMBER", "12a")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("NUMBER", 1)
    monkeypatch.setenv("NUMBER", "-3")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("NUMBER", 1, minimum=0)
    monkeypatch.setenv("HOSTS", "a.example, b.example")
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured, match="empty"):
        env_list("HOSTS")
    monkeypatch.delenv("HOSTS")
    with pytest.raises(ImproperlyConfigured, match="must be set"):
        env_list("HOSTS", required=True)


def test_it_accepts_only_postgres_urls():
    config = parse_database_url("postgres://app:s%40cret@db.example.org:6543/cfjp?sslmode=require")
    assert (config["HOST"], config["PORT"], config["PASSWORD"], config["NAME"]) == (
        "db.example.org",
        6543,
        "s@cret",
        "cfjp",
    )
    assert config["OPTIONS"] == {"sslmode": "require"}
    assert parse_database_url("postgresql://postgres@%2Frun%2FPg/cfjp")["HOST"] == "/run/Pg"
    for bad in ["mysql://u@h/db", "oracle://u@h/db", "postgres://u@h:port/db", "postgres://u@h:5432/"]:
        with pytest.raises(ImproperlyConfigured):
            parse_database_url(bad)


def test_it_parses_email_and_redis_urls():
    assert parse_email_url("smtps://u:p@mail.example.org")["OPTIONS"]["port"] == 465
    assert parse_email_url("smtp+tls://mail.example.org")["OPTIONS"]["use_tls"] is True
    assert parse_email_url("console:")["BACKEND"] == "network.console_mail.ReadableConsoleBackend"
    assert parse_email_url("file:///var/mail/network")["OPTIONS"] == {"file_path": "/var/mail/network"}
    for bad in ["http://mail.example.org", "smtp://", "smtp://host:abc"]:
        with pytest.raises(ImproperlyConfigured):
            parse_email_url(bad)
    with pytest.raises(ImproperlyConfigured):
        validate_redis_url("REDIS_URL", "http://localhost:6379")


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_URL", "DATABASE_URL", "DEFAULT_FROM_EMAIL"]
)
def test_production_refuses_to_start_without_required_values(missing):
    result = _django(["check"], **{missing: None})
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "sometimes", "DEBUG must be one of"),
        ("SECRET_KEY", "short", "at least 32 characters"),
        ("DATABASE_URL", "mysql://u@h/db", "postgres://"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must be"),
        ("SECURE_HSTS_SECONDS", "a year", "whole number"),
        ("API_THROTTLE_ANON", "lots", "API_THROTTLE_ANON must look like 60/minute"),
        ("TRUSTED_PROXY_COUNT", "-1", "at least 0"),
        ("SITE_URL", "cities.example.org", "SITE_URL must be the site's address"),
        ("SITE_URL", "https://cities.example.org/app", "SITE_URL must be the site's address"),
        ("NOTIFICATIONS_DIGEST_HOUR", "24", "at most 23"),
        ("EMAIL_URL", "file://relative/folder", "absolute folder"),
    ],
)
def test_production_refuses_malformed_values(name, value, message):
    result = _django(["check"], **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = _django(["check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_when_production_has_no_redis():
    result = _django(["check", "--deploy", "--fail-level", "WARNING"], REDIS_URL=None)
    assert result.returncode != 0
    assert "network.W001" in result.stderr + result.stdout


PRINT_PROXY_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.ALLAUTH_TRUSTED_PROXY_COUNT, s.REST_FRAMEWORK['NUM_PROXIES'], getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
)


def test_proxies_are_trusted_only_when_configured():
    assert _django(["shell", "-c", PRINT_PROXY_SETTINGS]).stdout.splitlines()[-1] == "0 0 None"
    result = _django(["shell", "-c", PRINT_PROXY_SETTINGS], BEHIND_TLS_PROXY="true")
    assert result.stdout.splitlines()[-1] == "1 1 ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_rotated_secret_key_still_reads_second_factor_secrets():
    encrypt = "from allauth.mfa.adapter import get_adapter; print(get_adapter().encrypt('JBSWY3DPEHPK3PXP'))"
    token = _django(["shell", "-c", encrypt]).stdout.splitlines()[-1]
    decrypt = f"from allauth.mfa.adapter import get_adapter; print(get_adapter().decrypt({token!r}))"
    rotated = {
        "SECRET_KEY": "a-brand-new-production-secret-key-9f8e7d6c5b4a",
        "SECRET_KEY_FALLBACKS": PRODUCTION["SECRET_KEY"],
    }
    assert _django(["shell", "-c", decrypt], **rotated).stdout.splitlines()[-1] == "JBSWY3DPEHPK3PXP"
    assert _django(["shell", "-c", decrypt], SECRET_KEY=rotated["SECRET_KEY"]).returncode != 0


def test_the_tests_use_their_own_redis_database():
    from network.launcher import test_redis_url

    assert test_redis_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/15"
    assert test_redis_url("redis://:pw@cache.example.org:6380") == "redis://:pw@cache.example.org:6380/15"
    for unclear in ["unix:///run/redis.sock", "redis://127.0.0.1:6379?db=3"]:
        with pytest.raises(SystemExit, match="TEST_REDIS_URL"):
            test_redis_url(unclear)


def test_the_platforms_connections_run_without_jit(db):
    """PostgreSQL compiled the large data's post search count for longer than it ran: the platform turns JIT off
    for its connections unless DB_JIT says otherwise, keeping any options the database's address gives."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
    shown = "from django.conf import settings as s; print(s.DATABASES['default'].get('OPTIONS', {}).get('options'))"
    given = "postgres://app@db.example.org:5432/cfjp?options=-c%20statement_timeout%3D5000"
    assert _django(["shell", "-c", shown], DATABASE_URL=given).stdout.splitlines()[-1] == (
        "-c statement_timeout=5000 -c jit=off"
    )
    assert _django(["shell", "-c", shown], DB_JIT="true").stdout.splitlines()[-1] == "None"
