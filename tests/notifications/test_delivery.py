import random
import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from network.notifications import services, tasks
from network.notifications.audiences import followers, permission_holders
from network.notifications.models import Delivery, EmailSchedule, Event, Notification, Preference
from network.notifications.services import notify
from tests.notifications.conftest import UPDATE


@pytest.fixture
def broken_mail(monkeypatch):
    """The mail server refuses every message."""

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)


def test_running_the_send_task_twice_sends_one_email(participant, update_kind):
    event = notify(kind=UPDATE, recipients=[participant], target=participant)
    delivery = Delivery.objects.get(event=event)
    assert tasks.send_emails([delivery.pk]) == {"sent": 1}
    assert tasks.send_emails([delivery.pk]) == {"skipped": 1}
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)


def test_the_fan_out_reaches_every_follower_in_batches_and_can_run_again(
    update_kind, participant, make_followers, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_FANOUT_BATCH = 40
    ids = make_followers(participant, 100)
    Preference.objects.create(user_id=ids[0], kind=UPDATE, in_app=True, email=EmailSchedule.OFF)
    event = notify(kind=UPDATE, audience=followers(participant), target=participant, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.fan_out(event.pk) == 3
    event.refresh_from_db()
    assert event.fanout_cursor == ids[-1] and event.fanout_done_at is not None
    assert Notification.objects.filter(event=event).count() == 100
    assert Delivery.objects.filter(event=event).count() == 99
    assert len(mail.outbox) == 99
    # An interrupted fan-out that starts over writes nothing twice and sends nothing twice.
    Event.objects.filter(pk=event.pk).update(fanout_done_at=None, fanout_cursor=0)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.fan_out(event.pk)
    assert Notification.objects.filter(event=event).count() == 100
    assert len(mail.outbox) == 99


def test_the_fan_out_leaves_out_the_actor(update_kind, participant, make_followers):
    ids = make_followers(participant, 3)
    event = notify(kind=UPDATE, audience=followers(participant), target=participant, actor=participant)
    Event.objects.filter(pk=event.pk).update(actor_id=ids[1])
    tasks.fan_out(event.pk)
    assert set(Notification.objects.filter(event=event).values_list("recipient", flat=True)) == {ids[0], ids[2]}


def test_the_permission_audience_reaches_staff_only(update_kind, all_roles, superuser, outsider):
    event = notify(kind=UPDATE, audience=permission_holders("notifications.view_delivery"))
    tasks.fan_out(event.pk)
    assert set(Notification.objects.filter(event=event).values_list("recipient", flat=True)) == {
        all_roles["staff"].pk,
        superuser.pk,
    }


def test_a_failing_email_is_retried_with_growing_delays_then_marked_failed(
    participant, update_kind, broken_mail, settings
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    event = notify(kind=UPDATE, recipients=[participant])
    delivery = Delivery.objects.get(event=event)
    start = timezone.now()
    delays = []
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(3):
            assert services.delivery_send(delivery_id=delivery.pk) == "failed"
            delivery.refresh_from_db()
            if delivery.status == "pending":
                delays.append(delivery.due_at - timezone.now())
                assert services.delivery_send(delivery_id=delivery.pk) == "waiting"
                clock.move_to(delivery.due_at)
    assert delays == [timedelta(minutes=1), timedelta(minutes=2)]
    assert delivery.status == "failed" and delivery.attempts == 3
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in delivery.last_error


def test_the_sweep_hands_over_what_was_never_handed_over(participant, outsider, update_kind, published, settings):
    settings.NOTIFICATIONS_REQUEUE_AFTER = 300
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fresh = notify(kind=UPDATE, recipients=[participant])
        clock.shift(timedelta(minutes=10))
        recent = notify(kind=UPDATE, recipients=[outsider])
        clock.shift(timedelta(minutes=1))
        published.clear()
        counts = services.outbox_sweep()
        lost = Delivery.objects.get(event=fresh)
        assert counts["emails"] == 1
        assert published == [("send_emails", ([lost.pk],))]
        # What it just handed over is not handed over again at the next sweep, a minute later.
        clock.shift(timedelta(minutes=1))
        published.clear()
        services.outbox_sweep()
        assert published == []
    assert Delivery.objects.get(event=recent).queued_at is not None


def test_the_sweep_resumes_an_unfinished_fan_out(update_kind, participant, make_followers, published, settings):
    settings.NOTIFICATIONS_REQUEUE_AFTER = 0
    make_followers(participant, 5)
    event = notify(kind=UPDATE, audience=followers(participant), target=participant)
    published.clear()
    services.outbox_sweep()
    assert ("fan_out", (event.pk,)) in published


def test_an_email_is_not_sent_once_the_person_turned_it_off(participant, update_kind):
    event = notify(kind=UPDATE, recipients=[participant])
    Preference.objects.create(user=participant, kind=UPDATE, in_app=True, email=EmailSchedule.OFF)
    assert services.delivery_send(delivery_id=Delivery.objects.get(event=event).pk) == "cancelled"
    assert mail.outbox == []


def test_no_email_goes_to_a_closed_account(participant, update_kind):
    event = notify(kind=UPDATE, recipients=[participant])
    participant.is_active = False
    participant.save()
    assert services.delivery_send(delivery_id=Delivery.objects.get(event=event).pk) == "cancelled"


def test_the_email_carries_one_click_unsubscribe_and_a_stable_message_id(participant, update_kind):
    event = notify(kind=UPDATE, recipients=[participant], target=participant, data={"headline": "x"})
    services.delivery_send(delivery_id=Delivery.objects.get(event=event).pk)
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Message-ID"] == f"<{event.key}.{participant.pk}@testserver>"
    assert participant.email not in message.body and participant.email not in message.alternatives[0].content


def test_security_email_offers_no_unsubscribe(participant):
    event = notify(kind="accounts.security", recipients=[participant], data={"change": "password_changed"})
    services.delivery_send(delivery_id=Delivery.objects.get(event=event).pk)
    message = mail.outbox[0]
    assert "List-Unsubscribe" not in message.extra_headers
    assert message.subject == "[Cities for Just Policing] Your password was changed."


def test_beat_runs_the_sweep_every_minute_and_the_task_sweeps(participant, update_kind, published, settings):
    from network.celery import app as celery_app

    settings.NOTIFICATIONS_REQUEUE_AFTER = 0
    entry = celery_app.conf.beat_schedule["sweep-notification-outbox"]
    assert entry["schedule"] == 60
    celery_app.loader.import_default_modules()
    notify(kind=UPDATE, recipients=[participant])
    published.clear()
    assert celery_app.tasks[entry["task"]].apply().get()["emails"] == 1
    assert [name for name, _ in published] == ["send_emails"]


def test_the_sweep_command_runs_once_or_repeatedly(participant, update_kind, published, settings):
    from django.core.management import CommandError, call_command

    settings.NOTIFICATIONS_REQUEUE_AFTER = 0
    notify(kind=UPDATE, recipients=[participant])
    call_command("sweep_outbox")
    assert [name for name, _ in published] == ["send_emails"]
    with pytest.raises(CommandError):
        call_command("sweep_outbox", "--every", "-1")


@pytest.fixture
def database_down(monkeypatch):
    """The database fails the next `times` sends of emails, as while it restarts; the delays Celery chose."""
    from celery import signals
    from django.db import OperationalError

    from network.celery import app as celery_app

    state = {"failures_left": 0, "calls": 0, "delays": []}
    send = services.deliveries_send

    def flaky(*, delivery_ids):
        state["calls"] += 1
        if state["failures_left"]:
            state["failures_left"] -= 1
            raise OperationalError("the database system is starting up")
        return send(delivery_ids=delivery_ids)

    def record(sender=None, reason=None, **kwargs):
        state["delays"].append(reason.when)

    monkeypatch.setattr(services, "deliveries_send", flaky)
    # Retried as a worker retries, not raised to the caller as tasks run in-process do in the other tests.
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    signals.task_retry.connect(record, weak=False)
    yield state
    signals.task_retry.disconnect(record)
    celery_app.conf.task_eager_propagates = propagates


def test_a_task_that_meets_a_database_failure_runs_again_and_sends_once(participant, update_kind, database_down):
    delivery = Delivery.objects.get(event=notify(kind=UPDATE, recipients=[participant]))
    database_down["failures_left"] = 2
    assert tasks.send_emails.apply(args=[[delivery.pk]]).get() == {"sent": 1}
    assert database_down["calls"] == 3
    assert [message.to for message in mail.outbox] == [[participant.email]]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)


def test_a_task_gives_up_after_ten_retries_with_growing_delays_up_to_five_minutes(
    participant, update_kind, database_down
):
    from django.db import OperationalError

    random.seed(12)  # the delays are jittered: a fixed seed, the same delays at every run
    delivery = Delivery.objects.get(event=notify(kind=UPDATE, recipients=[participant]))
    database_down["failures_left"] = 1000
    with pytest.raises(OperationalError):
        tasks.send_emails.apply(args=[[delivery.pk]]).get()
    assert database_down["calls"] == 11
    delays = database_down["delays"]
    assert len(delays) == 10
    # Exponential backoff from 5 s, capped at 300 s, each delay jittered below its ceiling.
    assert all(0 <= delay <= min(300, 5 * 2**n) for n, delay in enumerate(delays)), delays
    assert max(delays[6:]) > 100, delays
    assert mail.outbox == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sent_at) == ("pending", 0, None)


def test_old_read_notifications_and_finished_emails_are_forgotten(participant, outsider, update_kind, settings):
    settings.NOTIFICATIONS_RETENTION_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=40), tick=False):
        old = notify(kind=UPDATE, recipients=[participant, outsider])
        Notification.objects.filter(event=old, recipient=participant).update(read_at=timezone.now())
        Delivery.objects.filter(event=old).update(status="sent")
    recent = notify(kind=UPDATE, recipients=[participant])
    Notification.objects.filter(event=recent).update(read_at=timezone.now())
    assert tasks.purge_old_notifications() == {"notifications": 1, "emails": 2, "digests": 0, "events": 0}
    # The outsider's unread notification keeps the old event alive; once read and old, all goes.
    assert Notification.objects.filter(event=old, recipient=outsider).exists()
    Notification.objects.filter(event=old).update(read_at=timezone.now())
    assert tasks.purge_old_notifications()["events"] == 1
    assert set(Event.objects.values_list("pk", flat=True)) == {recent.pk}
