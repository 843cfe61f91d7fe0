"""Every write of the notifications part. Other parts call `notify` inside the transaction of their action."""

import logging
import smtplib
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from network.audit.services import audit_record
from network.notifications import audiences, mailer
from network.notifications.emails import (
    ALL_OPTIONAL_KINDS,
    render_address_email,
    render_digest_email,
    render_event_email,
    seal_content,
)
from network.notifications.kinds import Kind, all_kinds, get_kind, get_mail_kind, kind_or_retired
from network.notifications.models import Delivery, Digest, EmailSchedule, Event, Follow, Notification, Preference
from network.notifications.schedule import digest_period_end, retry_delay

logger = logging.getLogger(__name__)

SEND_ERRORS = (OSError, smtplib.SMTPException)
DIGEST_SCHEDULES = (EmailSchedule.DAILY, EmailSchedule.WEEKLY)


class NotificationError(Exception):
    """A move the notifications part refuses; views answer it with a message, the API with 409."""


# --- Notifying -----------------------------------------------------------------------------------------------


def notify(
    *,
    kind: str,
    recipients: Iterable = (),
    audience: dict | None = None,
    target: models.Model | None = None,
    target_url: str = "",
    actor=None,
    data: dict | None = None,
) -> Event:
    """Record that something happened and tell the people concerned.

    Call it inside the acting transaction. `recipients` (users or user ids) get their in-app notifications and
    email outbox rows in that transaction; an `audience` (see `audiences`) is expanded after the commit by a task,
    in batches, so the request makes the same few queries whether it reaches ten people or ten thousand. Nothing
    is handed to Celery before the commit, and a rolled-back action leaves no trace. The actor is never notified
    of their own action.
    """
    kind_spec = get_kind(kind)
    if target is not None and not target_url and hasattr(target, "get_absolute_url"):
        target_url = target.get_absolute_url()
    if target_url and (not target_url.startswith("/") or target_url.startswith("//")):
        raise ValueError("A notification's target_url must be a path on this site.")
    actor = actor if actor is not None and actor.pk is not None else None
    now = timezone.now()
    event = Event.objects.create(
        kind=kind,
        actor=actor,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        target_url=target_url,
        data=data or {},
        audience=audience,
        fanout_done_at=None if audience else now,
        created_at=now,
    )
    recipient_ids = {getattr(recipient, "pk", recipient) for recipient in recipients}
    recipient_ids.discard(getattr(actor, "pk", None))
    delivery_ids = _write(event, kind_spec, sorted(recipient_ids), now=now, fresh=True) if recipient_ids else []
    transaction.on_commit(
        partial(_queue_after_commit, event_id=event.pk, delivery_ids=delivery_ids, fan_out=bool(audience))
    )
    return event


def email_queue(
    *, kind: str, to: str, subject: str, body: str, html: str = "", from_email: str = "", actor=None
) -> Delivery:
    """Mail a message its caller rendered to an address that may have no account (a verification link, a password
    reset, an invitation). It travels the outbox like every email: a row written in the caller's transaction (or
    one of its own), handed to a worker after the commit, retried, visible to staff. The message is stored
    encrypted and forgotten once sent."""
    get_mail_kind(kind)
    with transaction.atomic():
        now = timezone.now()
        event = Event.objects.create(
            kind=kind, actor=actor if actor is not None and actor.pk is not None else None, fanout_done_at=now
        )
        delivery = Delivery.objects.create(
            event=event,
            address=to,
            content=seal_content(subject=subject, body=body, html=html, from_email=from_email),
            schedule=EmailSchedule.IMMEDIATE,
            due_at=now,
            queued_at=now,
            created_at=now,
        )
        transaction.on_commit(
            partial(_queue_after_commit, event_id=event.pk, delivery_ids=[delivery.pk], fan_out=False)
        )
    return delivery


def _queue_after_commit(*, event_id: int, delivery_ids: list[int], fan_out: bool) -> None:
    from network.notifications import tasks

    if fan_out:
        tasks.publish(tasks.fan_out, event_id)
    tasks.publish_sends(delivery_ids)


def _choices(kind: Kind, user_ids: list[int]) -> dict[int, tuple[bool, str]]:
    """Each person's (in-app, email schedule) for `kind`: their preference where they set one."""
    if not kind.optional:
        return {}
    return {
        user_id: (in_app, email)
        for user_id, in_app, email in Preference.objects.filter(kind=kind.key, user_id__in=user_ids).values_list(
            "user_id", "in_app", "email"
        )
    }


def _write(event: Event, kind: Kind, user_ids: list[int], *, now: datetime, fresh: bool) -> list[int]:
    """Write the notifications and email outbox rows of `event` for these people; return the ids of the emails
    to send at once. `fresh` (a new event) lets the insert return ids; a resumed fan-out may meet rows it wrote
    before, so it skips them and reads the ids back."""
    choices = _choices(kind, user_ids)
    notifications, deliveries = [], []
    for user_id in user_ids:
        in_app, email = choices.get(user_id, (kind.in_app, kind.email))
        if in_app:
            notifications.append(Notification(event=event, recipient_id=user_id, created_at=now))
        if email != EmailSchedule.OFF:
            immediate = email == EmailSchedule.IMMEDIATE
            deliveries.append(
                Delivery(
                    event=event,
                    recipient_id=user_id,
                    schedule=email,
                    due_at=now if immediate else digest_period_end(email, now),
                    queued_at=now if immediate else None,
                    created_at=now,
                )
            )
    if notifications:
        Notification.objects.bulk_create(notifications, ignore_conflicts=not fresh)
    if not deliveries:
        return []
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=not fresh)
    if fresh:
        return [delivery.pk for delivery in deliveries if delivery.schedule == EmailSchedule.IMMEDIATE]
    return list(
        Delivery.objects.filter(
            event=event, recipient_id__in=user_ids, schedule=EmailSchedule.IMMEDIATE, status=Delivery.Status.PENDING
        ).values_list("pk", flat=True)
    )


def event_fan_out_batch(*, event_id: int) -> bool:
    """Expand the next batch of an event's audience; False once the whole audience has been reached."""
    with transaction.atomic():
        event = Event.objects.select_for_update().filter(pk=event_id).first()
        if event is None or event.fanout_done_at is not None or not event.audience:
            return False
        user_ids = audiences.recipient_ids(
            event.audience, after=event.fanout_cursor, limit=settings.NOTIFICATIONS_FANOUT_BATCH
        )
        now = timezone.now()
        if not user_ids:
            event.fanout_done_at = now
            event.save(update_fields=["fanout_done_at"])
            return False
        recipients = [user_id for user_id in user_ids if user_id != event.actor_id]
        delivery_ids = _write(event, kind_or_retired(event.kind), recipients, now=now, fresh=False)
        event.fanout_cursor = user_ids[-1]
        event.save(update_fields=["fanout_cursor"])
        transaction.on_commit(partial(_queue_after_commit, event_id=event.pk, delivery_ids=delivery_ids, fan_out=False))
        return True


# --- Sending -------------------------------------------------------------------------------------------------
#
# A row is claimed in one short transaction (`claimed_at`: no other worker takes it while the claim is fresh),
# the message is rendered and spoken to the mail server with no transaction open, the row is recorded as sent in
# a second short transaction between the message's body and its final line (see `mailer`), and a failure is
# recorded in a third. A claim left by a worker that died is free again after NOTIFICATIONS_REQUEUE_AFTER seconds,
# when the sweep hands the row over again.


def _email_wanted(recipient, kind_key: str) -> bool:
    if not recipient.is_active or not recipient.email:
        return False
    kind = kind_or_retired(kind_key)
    if kind.retired:
        return False
    if not kind.optional:
        return True
    preference = Preference.objects.filter(user=recipient, kind=kind_key).values_list("email", flat=True).first()
    return (preference or kind.email) != EmailSchedule.OFF


def _claim(model, row_ids: list[int], **filters) -> tuple[list, dict[int, str]]:
    """Claim the pending, due rows among `row_ids` that no other worker holds; the others get an outcome word."""
    now = timezone.now()
    expired = now - timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER)
    outcomes: dict[int, str] = {}
    claimed = []
    with transaction.atomic():
        rows = (
            model.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("recipient")
            .filter(pk__in=row_ids, status=model.Status.PENDING, **filters)
            .order_by("pk")
        )
        for row in rows:
            if row.due_at > now:
                outcomes[row.pk] = "waiting"
            elif row.claimed_at is not None and row.claimed_at > expired:
                outcomes[row.pk] = "skipped"
            else:
                row.claimed_at = now
                claimed.append(row)
        model.objects.filter(pk__in=[row.pk for row in claimed]).update(claimed_at=now, queued_at=now)
    for row_id in row_ids:
        outcomes.setdefault(row_id, "skipped")
    return claimed, outcomes


def _record_sent(model, row, *, delivery_ids: list[int] = ()) -> bool:
    """Record the claimed row (and a digest's emails) as sent; False when the claim was lost to another worker."""
    now = timezone.now()
    with transaction.atomic():
        recorded = model.objects.filter(pk=row.pk, status=model.Status.PENDING, claimed_at=row.claimed_at).update(
            status=model.Status.SENT, attempts=models.F("attempts") + 1, sent_at=now, claimed_at=None
        )
        if recorded and model is Digest:
            Delivery.objects.filter(pk__in=delivery_ids).update(
                status=Delivery.Status.SENT, sent_at=now, attempts=models.F("attempts") + 1
            )
            # Rows that joined the digest after it was claimed wait for the next one.
            Delivery.objects.filter(digest=row, status=Delivery.Status.PENDING).update(
                digest=None, due_at=digest_period_end(row.schedule, now)
            )
    return bool(recorded)


def _failed(model, row, error: Exception, *, counted: bool = False) -> None:
    """Count a failed attempt: try again after a growing delay, or give up after NOTIFICATIONS_MAX_ATTEMPTS.
    `counted`: the server refused the message after the row was recorded as sent (and the attempt counted)."""
    with transaction.atomic():
        current = model.objects.select_for_update().filter(pk=row.pk)
        current = current.filter(status=model.Status.SENT) if counted else current.filter(claimed_at=row.claimed_at)
        row = current.first()
        if row is None:
            return  # no longer this worker's to record
        now = timezone.now()
        row.attempts += 0 if counted else 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        row.queued_at = None
        row.claimed_at = None
        row.sent_at = None
        if row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            row.status = model.Status.FAILED
        else:
            row.status = model.Status.PENDING
            row.due_at = now + retry_delay(row.attempts)
        row.save(update_fields=["attempts", "last_error", "queued_at", "claimed_at", "sent_at", "status", "due_at"])
        if model is Digest:
            Delivery.objects.filter(digest=row, status__in=[Delivery.Status.PENDING, Delivery.Status.SENT]).update(
                status=Delivery.Status.FAILED if row.status == Digest.Status.FAILED else Delivery.Status.PENDING,
                sent_at=None,
                last_error=row.last_error,
                attempts=row.attempts,
            )
    logger.warning("%s %s failed (attempt %s): %s", model.__name__, row.pk, row.attempts, row.last_error)


def _reply_lost(model, row, error: Exception) -> None:
    """The connection broke at the message's final line: it stays recorded as sent (it is never sent twice), with
    a note that the server did not confirm it."""
    note = f"Sent, but the server's reply was lost: {type(error).__name__}: {error}"[:2000]
    model.objects.filter(pk=row.pk).update(last_error=note)
    if model is Digest:
        Delivery.objects.filter(digest=row, status=Delivery.Status.SENT).update(last_error=note)
    logger.warning("%s %s: %s", model.__name__, row.pk, note)


def _hand_over(mail: mailer.Mailer, model, row, message, *, delivery_ids: list[int] = ()) -> str:
    """Send one claimed outbox email: its body, then the record that it is sent, then its final line."""
    try:
        handover = mail.begin(message)
    except SEND_ERRORS as error:
        _failed(model, row, error)
        return "failed"
    if not _record_sent(model, row, delivery_ids=delivery_ids):
        handover.abandon()
        return "skipped"
    try:
        handover.finish()
        outcome = "sent"
    except mailer.ReplyLost as error:
        _reply_lost(model, row, error)
        outcome = "unconfirmed"
    except SEND_ERRORS as error:
        _failed(model, row, error, counted=True)
        return "failed"
    if model is Delivery and row.recipient_id is None:
        Delivery.objects.filter(pk=row.pk).update(content="")  # the one-time key it may carry is not kept
    return outcome


def deliveries_send(*, delivery_ids: list[int]) -> dict[int, str]:
    """Send a batch of emails that go out at once, over one connection to the mail server; the outcome of each.
    A repeated call for the same rows sends nothing more."""
    claimed, outcomes = _claim(Delivery, delivery_ids, schedule=EmailSchedule.IMMEDIATE)
    if not claimed:
        return outcomes
    events = Event.objects.select_related("actor").in_bulk({delivery.event_id for delivery in claimed})
    with mailer.Mailer() as mail:
        for delivery in claimed:
            event = events[delivery.event_id]
            if delivery.recipient_id is None:
                message = render_address_email(event, delivery.address, delivery.content)
                outcomes[delivery.pk] = _hand_over(mail, Delivery, delivery, message)
                continue
            if not _email_wanted(delivery.recipient, event.kind):
                Delivery.objects.filter(pk=delivery.pk, claimed_at=delivery.claimed_at).update(
                    status=Delivery.Status.CANCELLED, claimed_at=None
                )
                outcomes[delivery.pk] = "cancelled"
                continue
            message = render_event_email(event, delivery.recipient)
            outcomes[delivery.pk] = _hand_over(mail, Delivery, delivery, message)
    return outcomes


def delivery_send(*, delivery_id: int) -> str:
    """Send one email that goes out at once; a repeated call for the same row sends nothing more."""
    return deliveries_send(delivery_ids=[delivery_id])[delivery_id]


def digests_gather(*, now: datetime) -> int:
    """Gather the digest deliveries whose period has ended into one digest per person and period."""
    due = (
        Delivery.objects.filter(
            status=Delivery.Status.PENDING, schedule__in=DIGEST_SCHEDULES, digest__isnull=True, due_at__lte=now
        )
        .values_list("recipient_id", "schedule", "due_at")
        .distinct()
        .order_by("due_at")[:1000]
    )
    gathered = 0
    for recipient_id, schedule, period_end in due:
        with transaction.atomic():
            digest, _ = Digest.objects.get_or_create(
                recipient_id=recipient_id, schedule=schedule, period_end=period_end, defaults={"due_at": now}
            )
            Delivery.objects.filter(
                recipient_id=recipient_id,
                schedule=schedule,
                due_at=period_end,
                status=Delivery.Status.PENDING,
                digest__isnull=True,
            ).update(digest=digest)
            if digest.status != Digest.Status.PENDING:
                # Rows that joined after this digest went out wait for the next one.
                Delivery.objects.filter(digest=digest, status=Delivery.Status.PENDING).update(
                    digest=None, due_at=digest_period_end(schedule, now)
                )
        gathered += 1
    return gathered


def digest_send(*, digest_id: int) -> str:
    """Send one digest with every item it gathered that the person still wants; a repeated call sends nothing."""
    claimed, outcomes = _claim(Digest, [digest_id])
    if not claimed:
        return outcomes[digest_id]
    digest = claimed[0]
    deliveries = list(
        digest.deliveries.filter(status=Delivery.Status.PENDING)
        .select_related("event__actor")
        .order_by("event__created_at", "pk")
    )
    wanted = {kind for kind in {d.event.kind for d in deliveries} if _email_wanted(digest.recipient, kind)}
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries if d.event.kind not in wanted]).update(
        status=Delivery.Status.CANCELLED
    )
    deliveries = [d for d in deliveries if d.event.kind in wanted]
    delivery_ids = [d.pk for d in deliveries]
    if not deliveries:
        _record_sent(Digest, digest)
        return "empty"
    message = render_digest_email(digest, digest.recipient, [d.event for d in deliveries])
    with mailer.Mailer() as mail:
        return _hand_over(mail, Digest, digest, message, delivery_ids=delivery_ids)


def outbox_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Hand to the workers everything that is due and was never handed over, or was handed over so long ago that
    its task must have been lost (the broker was down, a worker died): fan-outs, emails and digests."""
    from network.notifications import tasks

    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER)
    events = list(
        Event.objects.filter(fanout_done_at__isnull=True, created_at__lte=stale)
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )
    never_or_long_ago = models.Q(queued_at__isnull=True) | models.Q(queued_at__lte=stale)
    with transaction.atomic():
        delivery_ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                never_or_long_ago, status=Delivery.Status.PENDING, schedule=EmailSchedule.IMMEDIATE, due_at__lte=now
            )
            .order_by("due_at")
            .values_list("pk", flat=True)[: settings.NOTIFICATIONS_SWEEP_LIMIT]
        )
        Delivery.objects.filter(pk__in=delivery_ids).update(queued_at=now)
    gathered = digests_gather(now=now)
    with transaction.atomic():
        digest_ids = list(
            Digest.objects.select_for_update(skip_locked=True)
            .filter(never_or_long_ago, status=Digest.Status.PENDING, due_at__lte=now)
            .order_by("due_at")
            .values_list("pk", flat=True)[: settings.NOTIFICATIONS_SWEEP_LIMIT]
        )
        Digest.objects.filter(pk__in=digest_ids).update(queued_at=now)
    for event_id in events:
        tasks.publish(tasks.fan_out, event_id)
    tasks.publish_sends(delivery_ids)
    for digest_id in digest_ids:
        tasks.publish(tasks.send_digest, digest_id)
    return {
        "fan_outs": len(events),
        "emails": len(delivery_ids),
        "digests_gathered": gathered,
        "digests": len(digest_ids),
    }


def notifications_purge_old(*, now: datetime | None = None) -> dict[str, int]:
    """Forget what is older than NOTIFICATIONS_RETENTION_DAYS: read notifications, emails that are done with
    (sent, cancelled, failed), digests sent, and events nothing refers to any more. Unread notifications stay."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.NOTIFICATIONS_RETENTION_DAYS)
    done = [Delivery.Status.SENT, Delivery.Status.CANCELLED, Delivery.Status.FAILED]
    with transaction.atomic():
        notifications, _ = Notification.objects.filter(read_at__isnull=False, created_at__lt=cutoff).delete()
        emails, _ = Delivery.objects.filter(status__in=done, created_at__lt=cutoff).delete()
        digests, _ = Digest.objects.filter(status=Digest.Status.SENT, created_at__lt=cutoff).delete()
        events, _ = (
            Event.objects.filter(created_at__lt=cutoff, fanout_done_at__isnull=False)
            .exclude(models.Exists(Notification.objects.filter(event=models.OuterRef("pk"))))
            .exclude(models.Exists(Delivery.objects.filter(event=models.OuterRef("pk"))))
            .delete()
        )
    return {"notifications": notifications, "emails": emails, "digests": digests, "events": events}


# --- Reading and choosing ------------------------------------------------------------------------------------


def notification_mark_read(*, user, notification_id: int) -> Notification:
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id, recipient=user)
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def preferences_update(*, user, choices: dict[str, tuple[bool, str]]) -> None:
    """Save a person's choices per kind (in-app, email schedule), keeping rows only where they differ from the
    kind's defaults. Kinds a person may not turn off are ignored."""
    with transaction.atomic():
        for key, (in_app, email) in choices.items():
            kind = get_kind(key)
            if not kind.optional:
                continue
            if email not in EmailSchedule.values:
                raise NotificationError(f"Unknown email schedule {email!r}.")
            if (in_app, email) == (kind.in_app, kind.email):
                Preference.objects.filter(user=user, kind=key).delete()
            else:
                Preference.objects.update_or_create(user=user, kind=key, defaults={"in_app": in_app, "email": email})


def unsubscribe(*, user, kind_key: str) -> list[str]:
    """Turn off email for one kind (or, with "*", every kind a person may turn off); return the kinds changed."""
    kinds = [kind for kind in all_kinds() if kind.optional] if kind_key == ALL_OPTIONAL_KINDS else [get_kind(kind_key)]
    if any(not kind.optional for kind in kinds):
        raise NotificationError("This kind of email cannot be turned off.")
    current = {
        kind: (in_app, email)
        for kind, in_app, email in Preference.objects.filter(user=user).values_list("kind", "in_app", "email")
    }
    preferences_update(
        user=user,
        choices={kind.key: (current.get(kind.key, (kind.in_app, kind.email))[0], EmailSchedule.OFF) for kind in kinds},
    )
    return [kind.key for kind in kinds]


def follow_create(*, user, target: models.Model) -> Follow:
    follow, _ = Follow.objects.get_or_create(user=user, target_type=target._meta.label_lower, target_id=str(target.pk))
    return follow


def follow_delete(*, user, target: models.Model) -> None:
    Follow.objects.filter(user=user, target_type=target._meta.label_lower, target_id=str(target.pk)).delete()


# --- Staff ---------------------------------------------------------------------------------------------------


def delivery_retry(*, actor, delivery_id: int) -> Delivery:
    """Give a failed email another go at once (audited)."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().select_related("event").get(pk=delivery_id)
        if delivery.status != Delivery.Status.FAILED:
            raise NotificationError("Only a failed email can be retried.")
        before = {"status": delivery.status, "attempts": delivery.attempts, "last_error": delivery.last_error}
        now = timezone.now()
        delivery.status = Delivery.Status.PENDING
        delivery.attempts = 0
        delivery.due_at = now
        if delivery.digest_id is not None:
            # Its digest failed for good: the retry goes out on its own, at once.
            delivery.digest = None
            delivery.schedule = EmailSchedule.IMMEDIATE
        delivery.queued_at = now
        delivery.claimed_at = None
        delivery.save(update_fields=["status", "attempts", "due_at", "digest", "schedule", "queued_at", "claimed_at"])
        audit_record(
            actor=actor,
            action="notifications.delivery.retry",
            target=delivery,
            before=before,
            after={"status": delivery.status},
            data={"kind": delivery.event.kind},
        )
        transaction.on_commit(
            partial(_queue_after_commit, event_id=delivery.event_id, delivery_ids=[delivery.pk], fan_out=False)
        )
        return delivery
