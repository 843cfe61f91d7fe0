import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from network.celery import app as celery_app


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_verification_mail(client, redis_url, settings):
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = redis_url
    try:
        with start_worker(celery_app, perform_ping_check=False, pool="solo", concurrency=1, shutdown_timeout=10):
            response = client.post(
                "/accounts/signup/",
                {
                    "email": "queued@example.org",
                    "handle": "queued_person",
                    "password1": "a-long-passphrase-42",
                    "password2": "a-long-passphrase-42",
                    "preferred_language": "en",
                },
            )
            assert response.status_code == 302
            for _ in range(100):
                if mail.outbox:
                    break
                time.sleep(0.1)
    finally:
        celery_app.conf.task_always_eager = True
    assert [message.to for message in mail.outbox] == [["queued@example.org"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_account_mail_is_sent_in_process_when_the_broker_is_down(client, db, django_capture_on_commit_callbacks):
    celery_app.conf.task_always_eager = False
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/accounts/password/reset/", {"email": "someone@example.org"})
    finally:
        celery_app.conf.broker_url = previous
        celery_app.conf.task_always_eager = True
    assert [message.to for message in mail.outbox] == [["someone@example.org"]]
