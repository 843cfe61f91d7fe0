"""Readiness checks behind GET /healthz: each opens its own short-lived connection."""

import psycopg
import redis
from django.conf import settings
from django.db import connections

CONNECT_TIMEOUT_SECONDS = 3


def database_status() -> dict:
    params = connections["default"].get_connection_params()
    params["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    params.pop("cursor_factory", None)
    params.pop("context", None)
    try:
        with psycopg.connect(**params) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True}


def broker_status() -> dict:
    url = settings.REDIS_URL
    if not url:
        return {"ok": True, "mode": "in-process"}
    client = redis.Redis.from_url(
        url, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS, socket_timeout=CONNECT_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except redis.RedisError as error:
        return {"ok": False, "mode": "redis", "error": error.__class__.__name__}
    finally:
        client.close()
    return {"ok": True, "mode": "redis"}
