from django.db import connections


def test_it_reports_healthy_services(client, db, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True}
    assert body["broker"]["ok"] is True
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_answers_503_when_the_database_is_unreachable(client, db, monkeypatch):
    settings_dict = connections["default"].settings_dict
    monkeypatch.setitem(settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(settings_dict, "PORT", "1")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"]["ok"] is False


def test_it_answers_503_when_the_broker_is_unreachable(client, db, settings, redis_url):
    response = client.get("/healthz")
    assert response.json()["broker"] == {"ok": True, "mode": "redis"}
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False


def test_it_answers_get_and_head_only(client, db):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_probes_over_plain_http_are_not_redirected(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_an_unreachable_redis_gets_a_503_page_not_a_server_error(client, participant, password, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = client.post("/accounts/login/", {"login": participant.email, "password": password})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Temporarily unavailable" in response.text
    assert "_auth_user_id" not in client.session


def test_a_page_answers_503_not_a_server_error_while_the_database_is_unreachable(client, transactional_db):
    connection = connections["default"]
    connection.close()
    address = connection.settings_dict["HOST"], connection.settings_dict["PORT"]
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", "1"
    try:
        response = client.get("/practices/")
    finally:
        connection.close()
        connection.settings_dict["HOST"], connection.settings_dict["PORT"] = address
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Temporarily unavailable" in response.text
