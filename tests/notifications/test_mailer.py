"""The two-step hand-over to a real SMTP server (see network/notifications/mailer.py), in this process. The faults
that kill a real worker at each moment of the hand-over are in test_worker.py."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from network.env import parse_email_url
from network.notifications import mailer, services, tasks
from network.notifications.models import Delivery
from network.notifications.services import notify
from tests.notifications.conftest import UPDATE
from tests.notifications.mail_server import mail_sink


@pytest.fixture
def smtp(settings):
    def use(url: str) -> None:
        settings.MAILERS = {"default": parse_email_url(url)}

    return use


def test_a_message_whose_last_line_never_came_is_not_received(smtp):
    with mail_sink() as (sink, url):
        smtp(url)
        message = EmailMessage("Subject", "Body\n.\nwith a lone dot", "a@example.org", ["b@example.org"])
        with mailer.Mailer() as mail:
            handover = mail.begin(message)
            mail.backend.connection.close()  # the worker dies before the final line: its socket just closes
        assert sink.count() == 0
        with mailer.Mailer() as mail:
            handover = mail.begin(message)
            assert sink.count() == 0
            handover.finish()
            assert sink.count() == 1
    assert b"\r\n.\r\nwith a lone dot" in sink.messages[0][1]  # a line holding a dot travels safely


def test_an_email_goes_out_over_smtp_and_is_recorded_sent(smtp, participant, update_kind):
    with mail_sink() as (sink, url):
        smtp(url)
        event = notify(kind=UPDATE, recipients=[participant], data={"headline": "h"})
        delivery = Delivery.objects.get(event=event)
        assert services.delivery_send(delivery_id=delivery.pk) == "sent"
        assert services.delivery_send(delivery_id=delivery.pk) == "skipped"
    assert sink.recipients() == [participant.email]


def test_a_message_refused_at_its_end_goes_back_to_pending(smtp, participant, update_kind):
    with mail_sink(reject_data="554 5.6.0 Message refused") as (sink, url):
        smtp(url)
        event = notify(kind=UPDATE, recipients=[participant], data={"headline": "h"})
        delivery = Delivery.objects.get(event=event)
        assert services.delivery_send(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sent_at) == ("pending", 1, None)
    assert "Message refused" in delivery.last_error
    assert sink.count() == 0


def test_an_unreachable_mail_server_is_a_failed_attempt(smtp, participant, update_kind):
    from tests.notifications.mail_server import free_port

    smtp(f"smtp://127.0.0.1:{free_port()}")
    event = notify(kind=UPDATE, recipients=[participant], data={"headline": "h"})
    delivery = Delivery.objects.get(event=event)
    assert services.delivery_send(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == "pending" and "ConnectionRefusedError" in delivery.last_error


def _pending(participant, make_followers, count: int) -> list[int]:
    ids = make_followers(participant, count, prefix="reader")
    event = services.notify(kind=UPDATE, recipients=ids, data={"headline": "h"})
    return list(Delivery.objects.filter(event=event).order_by("pk").values_list("pk", flat=True))


def test_a_batch_goes_out_over_one_connection(smtp, participant, update_kind, make_followers):
    delivery_ids = _pending(participant, make_followers, 5)
    with mail_sink() as (sink, url):
        smtp(url)
        assert tasks.send_emails(delivery_ids) == {"sent": 5}
    assert (sink.count(), sink.connections) == (5, 1)


def test_a_lost_reply_leaves_the_email_sent_once_and_the_batch_goes_on(smtp, participant, update_kind, make_followers):
    delivery_ids = _pending(participant, make_followers, 5)
    with mail_sink(drop_reply_at=3) as (sink, url):
        smtp(url)
        outcomes = services.deliveries_send(delivery_ids=delivery_ids)
        assert outcomes == dict.fromkeys(delivery_ids, "sent") | {delivery_ids[2]: "unconfirmed"}
        # Never sent twice: the row stays sent, with a note that the server did not confirm it.
        assert services.deliveries_send(delivery_ids=delivery_ids) == dict.fromkeys(delivery_ids, "skipped")
    lost = Delivery.objects.get(pk=delivery_ids[2])
    assert lost.status == "sent" and lost.attempts == 1
    assert lost.last_error.startswith("Sent, but the server's reply was lost: ReplyLost")
    assert sink.count() == 5 and len(set(sink.message_ids())) == 5
    assert sink.connections == 2, "a fresh connection after the broken one"


def test_a_row_another_worker_claimed_is_left_to_it_until_the_claim_expires(smtp, participant, update_kind, settings):
    settings.NOTIFICATIONS_REQUEUE_AFTER = 300
    event = services.notify(kind=UPDATE, recipients=[participant], data={"headline": "h"})
    delivery = Delivery.objects.get(event=event)
    Delivery.objects.filter(pk=delivery.pk).update(claimed_at=timezone.now() - timedelta(seconds=299))
    with mail_sink() as (sink, url):
        smtp(url)
        assert services.delivery_send(delivery_id=delivery.pk) == "skipped"
        assert sink.count() == 0
        Delivery.objects.filter(pk=delivery.pk).update(claimed_at=timezone.now() - timedelta(seconds=301))
        assert services.delivery_send(delivery_id=delivery.pk) == "sent"
    assert sink.recipients() == [participant.email]


def test_a_row_whose_claim_was_taken_over_mid_message_is_withdrawn(smtp, participant, update_kind, monkeypatch):
    event = services.notify(kind=UPDATE, recipients=[participant], data={"headline": "h"})
    delivery = Delivery.objects.get(event=event)
    begin = mailer.Mailer.begin

    def begin_then_lose_the_claim(self, message):
        handover = begin(self, message)
        # Another worker took the row over (this one stalled past its claim) while the body was on its way.
        Delivery.objects.filter(pk=delivery.pk).update(claimed_at=timezone.now())
        return handover

    monkeypatch.setattr(mailer.Mailer, "begin", begin_then_lose_the_claim)
    with mail_sink() as (sink, url):
        smtp(url)
        assert services.delivery_send(delivery_id=delivery.pk) == "skipped"
    assert sink.count() == 0, "the server threw the unfinished message away"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)


@pytest.mark.django_db(transaction=True)
def test_no_transaction_holds_the_row_while_the_server_is_spoken_to(smtp, participant, update_kind, published):
    event = services.notify(kind=UPDATE, recipients=[participant], data={"headline": "h"})
    delivery = Delivery.objects.get(event=event)
    seen = []

    def lock_it_from_elsewhere(address: str) -> None:
        # The server's thread has a database connection of its own: NOWAIT fails at once if the row is locked.
        try:
            with transaction.atomic():
                seen.append(Delivery.objects.select_for_update(nowait=True).get(pk=delivery.pk).status)
        except Exception as error:
            seen.append(type(error).__name__)
        finally:
            from django.db import connection

            connection.close()

    with mail_sink(on_rcpt=lock_it_from_elsewhere) as (sink, url):
        smtp(url)
        assert services.delivery_send(delivery_id=delivery.pk) == "sent"
    assert seen == ["pending"]
    assert sink.count() == 1
