"""What the console shows of a refusal (one line, no traceback), and /favicon.ico."""

import io
import logging

from django.contrib.staticfiles.storage import staticfiles_storage

from cities import services as city_services
from tests.cities.conftest import GLASGOW


def test_it_logs_a_refusal_once_without_a_traceback(client, participant, settings):
    from logging.config import dictConfig

    dictConfig(settings.LOGGING)
    settings.DEBUG = True  # as in development, where Django's own console handler would print it too
    stream = io.StringIO()
    handlers = [
        handler
        for name in ("", "django", "django.request")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, logging.StreamHandler)
    ]
    assert handlers
    previous = [handler.setStream(stream) for handler in handlers]
    try:
        glasgow = city_services.city_for_place(geonames_id=GLASGOW)
        client.force_login(participant)
        # Someone who does not represent Glasgow cannot record its adoptions.
        response = client.get(f"/practices/adoptions/{glasgow.slug}/record/")
    finally:
        for handler, old in zip(handlers, previous, strict=True):
            handler.setStream(old)
    assert response.status_code == 403
    printed = stream.getvalue()
    assert printed.count("Forbidden") == 1, printed
    assert "Traceback" not in printed


def test_the_favicon_address_answers(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == staticfiles_storage.url("img/favicon.svg")
    assert client.head("/favicon.ico").status_code == 301
