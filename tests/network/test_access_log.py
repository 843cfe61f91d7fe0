import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config

from network.access_log import AccessLogger, MaskOneTimeKeys, mask_keys

GUNICORN_CONF = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))


def test_it_masks_one_time_keys():
    assert mask_keys("GET /accounts/confirm-email/MjQ:1vX:abc/ HTTP/1.1") == "GET /accounts/confirm-email/…/ HTTP/1.1"
    assert mask_keys("/accounts/password/reset/key/7-set-password/") == "/accounts/password/reset/key/…/"
    assert mask_keys("/accounts/login/?next=/staff/") == "/accounts/login/?next=/staff/"


def test_the_access_log_holds_neither_keys_nor_client_addresses():
    assert GUNICORN_CONF["logger_class"] == "network.access_log.AccessLogger"
    assert GUNICORN_CONF["forwarder_headers"] == ""
    path = "/accounts/confirm-email/secret-key/"
    environ = {
        "REMOTE_ADDR": "203.0.113.9",
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://cities.example.org{path}",
    }
    response = SimpleNamespace(status="200 OK", sent=120, headers=[])
    atoms = AccessLogger(Config()).atoms(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))
    line = GUNICORN_CONF["access_log_format"] % atoms
    assert line.endswith('"GET /accounts/confirm-email/…/ HTTP/1.1" 200 120 12ms')
    assert "secret-key" not in atoms["r"] + atoms["U"] + atoms["f"] + line
    assert "203.0.113.9" not in line


def test_the_platforms_own_logs_mask_one_time_keys(settings):
    assert "mask_one_time_keys" in settings.LOGGING["handlers"]["console"]["filters"]
    path = "/accounts/password/reset/key/7-a-secret-key/"
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", (path,), None)
    assert MaskOneTimeKeys().filter(record) is True
    assert record.getMessage() == "Not Found: /accounts/password/reset/key/…/"


def test_a_malformed_record_does_not_make_the_filter_raise():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "%s and %s", ("only one",), None)
    assert MaskOneTimeKeys().filter(record) is True
