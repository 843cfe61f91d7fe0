from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from network.notifications import services
from network.notifications.models import Delivery, Digest, EmailSchedule, Preference
from network.notifications.schedule import digest_period_end
from network.notifications.services import notify
from tests.notifications.conftest import UPDATE

# A Wednesday afternoon, UTC; digests go out at 07:00 UTC.
WEDNESDAY = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)


def test_the_digest_periods_end_at_the_digest_hour(settings):
    settings.NOTIFICATIONS_DIGEST_HOUR = 7
    assert digest_period_end("daily", WEDNESDAY) == datetime(2026, 11, 26, 7, tzinfo=UTC)
    assert digest_period_end("daily", WEDNESDAY.replace(hour=6)) == datetime(2026, 11, 25, 7, tzinfo=UTC)
    assert digest_period_end("daily", WEDNESDAY.replace(hour=7, minute=0)) == datetime(2026, 11, 26, 7, tzinfo=UTC)
    assert digest_period_end("weekly", WEDNESDAY) == datetime(2026, 11, 30, 7, tzinfo=UTC)
    monday_morning = datetime(2026, 11, 30, 8, tzinfo=UTC)
    assert digest_period_end("weekly", monday_morning) == datetime(2026, 12, 7, 7, tzinfo=UTC)


def _sweep_and_send(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_sweep()


@pytest.fixture
def daily_reader(participant, update_kind):
    Preference.objects.create(user=participant, kind=UPDATE, in_app=True, email=EmailSchedule.DAILY)
    return participant


def test_a_daily_digest_gathers_the_days_news_into_one_email_the_next_morning(
    daily_reader, outsider, update_kind, django_capture_on_commit_callbacks
):
    with time_machine.travel(WEDNESDAY, tick=False) as clock:
        for headline in ["Koban pilot", "Crisis team", "Use-of-force policy"]:
            notify(kind=UPDATE, recipients=[daily_reader, outsider], target=outsider, data={"headline": headline})
            clock.shift(timedelta(hours=1))
        assert [message.to for message in mail.outbox] == []  # the outsider gets email at once (not captured here)
        clock.move_to(datetime(2026, 11, 26, 6, 59, tzinfo=UTC))
        _sweep_and_send(django_capture_on_commit_callbacks)
        assert not any(message.to == [daily_reader.email] for message in mail.outbox)
        clock.move_to(datetime(2026, 11, 26, 7, 1, tzinfo=UTC))
        _sweep_and_send(django_capture_on_commit_callbacks)
    digests = [message for message in mail.outbox if message.to == [daily_reader.email]]
    assert len(digests) == 1
    assert digests[0].subject == "[Cities for Just Policing] Your daily digest: 3 updates"
    for headline in ["Koban pilot", "Crisis team", "Use-of-force policy"]:
        assert headline in digests[0].body and headline in digests[0].alternatives[0].content
    assert digests[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(Delivery.objects.filter(recipient=daily_reader).values_list("status", flat=True)) == {"sent"}
    # The next sweep, and the one after, send nothing more.
    with time_machine.travel(datetime(2026, 11, 26, 7, 5, tzinfo=UTC), tick=False):
        _sweep_and_send(django_capture_on_commit_callbacks)
        _sweep_and_send(django_capture_on_commit_callbacks)
    assert len([message for message in mail.outbox if message.to == [daily_reader.email]]) == 1


def test_a_weekly_digest_waits_for_monday(participant, update_kind, django_capture_on_commit_callbacks):
    Preference.objects.create(user=participant, kind=UPDATE, in_app=True, email=EmailSchedule.WEEKLY)
    with time_machine.travel(WEDNESDAY, tick=False) as clock:
        notify(kind=UPDATE, recipients=[participant], data={"headline": "one"})
        clock.move_to(datetime(2026, 11, 29, 12, tzinfo=UTC))  # Sunday
        notify(kind=UPDATE, recipients=[participant], data={"headline": "two"})
        _sweep_and_send(django_capture_on_commit_callbacks)
        assert mail.outbox == []
        clock.move_to(datetime(2026, 11, 30, 7, 0, 30, tzinfo=UTC))
        _sweep_and_send(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Cities for Just Policing] Your weekly digest: 2 updates"


def test_sending_the_same_digest_twice_sends_one_email(daily_reader, update_kind):
    with time_machine.travel(WEDNESDAY, tick=False) as clock:
        notify(kind=UPDATE, recipients=[daily_reader], data={"headline": "one"})
        clock.move_to(datetime(2026, 11, 26, 8, tzinfo=UTC))
        services.digests_gather(now=datetime(2026, 11, 26, 8, tzinfo=UTC))
        digest = Digest.objects.get()
        assert services.digest_send(digest_id=digest.pk) == "sent"
        assert services.digest_send(digest_id=digest.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_digest_leaves_out_what_the_person_turned_off_meanwhile(daily_reader, update_kind):
    with time_machine.travel(WEDNESDAY, tick=False) as clock:
        notify(kind=UPDATE, recipients=[daily_reader], data={"headline": "one"})
        Preference.objects.filter(user=daily_reader).update(email=EmailSchedule.OFF)
        clock.move_to(datetime(2026, 11, 26, 8, tzinfo=UTC))
        services.digests_gather(now=datetime(2026, 11, 26, 8, tzinfo=UTC))
        assert services.digest_send(digest_id=Digest.objects.get().pk) == "empty"
    assert mail.outbox == []
    assert Delivery.objects.get().status == "cancelled"


def test_a_digest_that_keeps_failing_marks_its_items_failed(daily_reader, update_kind, monkeypatch, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 1

    def refuse(self, messages):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with time_machine.travel(WEDNESDAY, tick=False) as clock:
        notify(kind=UPDATE, recipients=[daily_reader], data={"headline": "one"})
        clock.move_to(datetime(2026, 11, 26, 8, tzinfo=UTC))
        services.digests_gather(now=datetime(2026, 11, 26, 8, tzinfo=UTC))
        assert services.digest_send(digest_id=Digest.objects.get().pk) == "failed"
    assert Digest.objects.get().status == "failed"
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and "no mail server" in delivery.last_error
