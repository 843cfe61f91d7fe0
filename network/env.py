"""Strict readers for settings taken from the environment.

A malformed value fails loudly at start-up; a value that production needs and that is missing fails too,
instead of falling back to something unsafe.
"""

import os
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false, yes/no, on/off, 1/0; got {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {number}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}; got {number}.")
    return number


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    value = env_str(name, required=required)
    if value is None:
        return list(default or [])
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list without empty items; got {value!r}.")
    return items


RATE_PERIODS = {"second", "minute", "hour", "day", "s", "m", "h", "d"}


def env_rate(name: str, default: str) -> str:
    """A rate such as 60/minute, as Django REST framework's throttles read it."""
    value = env_str(name, default=default)
    count, _, period = value.partition("/")
    if not count.isdigit() or period not in RATE_PERIODS:
        raise ImproperlyConfigured(f"{name} must look like 60/minute (per second, minute, hour or day); got {value!r}.")
    return value


def parse_database_url(url: str, *, conn_max_age: int = 0) -> dict:
    """Turn DATABASE_URL into Django's DATABASES entry; only Postgres is accepted.

    The host may be a percent-encoded socket directory (postgres://user@%2Fvar%2Frun%2Fpostgresql/name).
    """
    scheme = urlsplit(url).scheme
    if scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL must be a postgres:// URL; got scheme {scheme!r}.")
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=conn_max_age > 0)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL must name a database (postgres://host/NAME).")
    return config


EMAIL_SCHEMES = {"smtp", "smtp+tls", "smtps", "console", "locmem", "file"}


def parse_email_url(url: str) -> dict:
    """Turn EMAIL_URL into a MAILERS entry.

    smtp://user:password@host:25, smtp+tls://…:587 (STARTTLS), smtps://…:465 (TLS), console:, locmem:, and
    file:///absolute/folder (one file per message, for inspecting mail on a machine without a mail server).
    """
    parts = urlsplit(url)
    if parts.scheme not in EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL must use one of {', '.join(sorted(EMAIL_SCHEMES))}; got scheme {parts.scheme!r}."
        )
    if parts.scheme == "console":
        return {"BACKEND": "network.console_mail.ReadableConsoleBackend"}
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme == "file":
        if parts.netloc or not parts.path.startswith("/"):
            raise ImproperlyConfigured("EMAIL_URL file:// must name an absolute folder: file:///path/to/folder.")
        return {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": unquote(parts.path)},
        }
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL must name the SMTP host (smtp://host:port).")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
    default_port = {"smtp": 25, "smtp+tls": 587, "smtps": 465}[parts.scheme]
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname,
            "port": port or default_port,
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": parts.scheme == "smtp+tls",
            "use_ssl": parts.scheme == "smtps",
            "timeout": 20,
        },
    }


def validate_redis_url(name: str, url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"{name} must be a redis://, rediss:// or unix:// URL; got {url!r}.")
    try:
        _port = parts.port  # urlsplit checks the port only when it is read
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number.") from None
    return url


def parse_site_url(name: str, url: str) -> str:
    """The public address of the site (for links in email), without a trailing slash."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path.strip("/") or parts.query:
        raise ImproperlyConfigured(f"{name} must be the site's address, like https://network.example; got {url!r}.")
    return url.rstrip("/")
