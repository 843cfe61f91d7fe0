"""allauth's mail (address confirmation, password reset) goes through the notifications outbox to a worker."""

import pytest
from django.core import mail

from network.accounts.notices import ACCOUNT_MAIL
from network.celery import app as celery_app
from network.notifications import services
from network.notifications.models import Delivery
from tests.notifications.mail_server import mail_sink
from tests.processes import broker, running_worker, wait_for

SIGN_UP = {
    "email": "queued@example.org",
    "handle": "queued_person",
    "password1": "a-long-passphrase-42",
    "password2": "a-long-passphrase-42",
    "preferred_language": "en",
}


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_verification_mail(client, redis_url, worker_log):
    before = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    with (
        mail_sink() as (sink, email_url),
        broker(redis_url),
        running_worker(broker_url=redis_url, email_url=email_url, log=worker_log) as worker,
    ):
        response = client.post("/accounts/signup/", SIGN_UP)
        assert response.status_code == 302
        wait_for(lambda: sink.count() == 1, timeout=60, message="the worker sent the verification mail")
        # The server holds the message before the worker reads its reply and forgets the link: the worker's warm
        # shutdown lets that task finish, so what follows sees its end, not a moment within it.
        worker.finish()
    # The worker sent it over SMTP; this process sent nothing (its mail would land in mail.outbox).
    assert mail.outbox == []
    assert sink.recipients() == ["queued@example.org"]
    assert b"/accounts/confirm-email/" in sink.messages[0][1]
    delivery = Delivery.objects.get()
    assert (delivery.event.kind, delivery.address, delivery.status, delivery.content) == (
        ACCOUNT_MAIL,
        "queued@example.org",
        "sent",
        "",
    ), "sent, and the link it carried is not kept"
    # The switch to the broker is undone for the tests that follow.
    assert (celery_app.conf.broker_url, celery_app.conf.task_always_eager) == before


def test_account_mail_waits_in_the_outbox_while_the_broker_is_down(
    client, db, participant, django_capture_on_commit_callbacks, settings, caplog
):
    settings.NOTIFICATIONS_REQUEUE_AFTER = 0
    with broker("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": participant.email})
    assert response.status_code == 302
    assert "The broker is unreachable" in caplog.text
    assert mail.outbox == [], "nothing is sent from the web process"
    delivery = Delivery.objects.get(address=participant.email)
    assert delivery.status == "pending" and delivery.recipient is None
    assert b"password" not in delivery.content.encode() and "/accounts/" not in delivery.content, "stored encrypted"

    services.outbox_sweep()  # the broker is back: the sweep hands it to a worker (in-process here)
    assert [message.to for message in mail.outbox] == [[participant.email]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    delivery.refresh_from_db()
    assert (delivery.status, delivery.content) == ("sent", "")
