"""Mail to an address that may have no account (invitations, allauth's links) travels the outbox: a row, retries,
the staff page."""

import pytest
from django.core import mail

from cities.notices import INVITATION_MAIL
from network.accounts.notices import ACCOUNT_MAIL
from network.audit.models import AuditEntry
from network.notifications import services
from network.notifications.models import Delivery


def test_a_failed_address_mail_is_shown_masked_to_staff_who_retry_it(
    client, staff_member, login_with_second_factor, db, settings
):
    settings.NOTIFICATIONS_REQUEUE_AFTER = 0
    delivery = services.email_queue(kind=ACCOUNT_MAIL, to="quentin@example.org", subject="Confirm", body="Link")
    sealed = delivery.content
    assert "quentin" not in sealed and "Link" not in sealed
    Delivery.objects.filter(pk=delivery.pk).update(status="failed", attempts=8, last_error="SMTPServerDisconnected")
    login_with_second_factor(staff_member)
    text = client.get("/staff/notifications/").text
    assert "Account email (address confirmation, password reset)</td>" in text
    assert "<td>q…@example.org</td>" in text and "quentin@example.org" not in text
    assert text.count(">Retry<") == 1

    response = client.post(f"/staff/notifications/{delivery.pk}/retry/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.content) == ("pending", 0, sealed)
    assert AuditEntry.objects.filter(action="notifications.delivery.retry", actor=staff_member).count() == 1
    assert services.delivery_send(delivery_id=delivery.pk) == "sent"
    assert [(message.to, message.subject, message.body) for message in mail.outbox] == [
        (["quentin@example.org"], "Confirm", "Link")
    ]


def test_the_staff_filter_offers_the_mail_kinds(client, staff_member, login_with_second_factor, db):
    services.email_queue(kind=INVITATION_MAIL, to="a@example.org", subject="s", body="b")
    services.email_queue(kind=ACCOUNT_MAIL, to="b@example.org", subject="s", body="b")
    login_with_second_factor(staff_member)
    text = client.get(f"/staff/notifications/?kind={INVITATION_MAIL}").text
    assert text.count("Invitation to represent a city</td>") == 1
    assert "Account email (address confirmation, password reset)</td>" not in text


def test_only_a_registered_mail_kind_is_queued(db):
    with pytest.raises(LookupError):
        services.email_queue(kind="nothing.here", to="a@example.org", subject="s", body="b")
    assert not Delivery.objects.exists()
