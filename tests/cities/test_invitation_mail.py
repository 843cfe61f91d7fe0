"""An invitation is mailed through the notifications outbox: a row, retries, the staff page."""

import re

from django.core import mail

from cities import services as city_services
from cities.notices import INVITATION_MAIL
from network.notifications.models import Delivery


def test_an_invitation_goes_through_the_outbox_and_its_link_is_not_kept(
    outsider, member_city, django_capture_on_commit_callbacks
):
    city = member_city(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        city_services.invitation_create(actor=outsider, city=city, email="colleague@example.org")
    delivery = Delivery.objects.get(event__kind=INVITATION_MAIL)
    assert (delivery.address, delivery.recipient, delivery.status, delivery.content) == (
        "colleague@example.org",
        None,
        "sent",
        "",
    )
    assert delivery.event.actor == outsider
    [message] = mail.outbox
    assert message.to == ["colleague@example.org"]
    assert re.search(r"/cities/invitations/[^/\s]+/", message.body)
    assert message.extra_headers["Message-ID"] == f"<{delivery.event.key}.to@testserver>"
