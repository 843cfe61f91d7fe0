"""The two-step hand-over to a real SMTP server (see network/notifications/mailer.py)."""

import pytest
from django.core.mail import EmailMessage

from network.env import parse_email_url
from network.notifications import mailer, services
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
        handover = mailer.begin(EmailMessage("Subject", "Body\n.\nwith a lone dot", "a@example.org", ["b@example.org"]))
        handover.backend.connection.close()  # the worker dies before the final line: its socket just closes
        assert sink.count() == 0
        handover = mailer.begin(EmailMessage("Subject", "Body\n.\nwith a lone dot", "a@example.org", ["b@example.org"]))
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
