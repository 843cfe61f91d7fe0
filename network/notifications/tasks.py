"""Celery tasks of the notifications part. Each takes ids, re-reads the rows and calls a service; running one twice
does no harm. Publishing never raises: when the broker is unreachable the outbox rows stay due and the periodic
sweep hands them over once it is back."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from network.notifications import services

logger = logging.getLogger(__name__)

# Database trouble is worth a retry (with backoff); a lost broker connection is handled by Celery itself.
RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": 5, "retry_backoff_max": 300, "max_retries": 10}


@shared_task(**RETRY)
def fan_out(event_id: int) -> int:
    batches = 0
    while services.event_fan_out_batch(event_id=event_id):
        batches += 1
    return batches


@shared_task(**RETRY)
def send_emails(delivery_ids: list[int]) -> dict[str, int]:
    outcomes: dict[str, int] = {}
    for outcome in services.deliveries_send(delivery_ids=delivery_ids).values():
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


@shared_task(**RETRY)
def send_digest(digest_id: int) -> str:
    return services.digest_send(digest_id=digest_id)


@shared_task(**RETRY)
def sweep_outbox() -> dict[str, int]:
    return services.outbox_sweep()


@shared_task(**RETRY)
def purge_old_notifications() -> dict[str, int]:
    return services.notifications_purge_old()


def publish(task, *args) -> bool:
    try:
        task.apply_async(
            args=args, retry=True, retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}
        )
    except (BrokerError, RedisError, OSError) as error:
        logger.warning("The broker is unreachable; %s%s waits for the outbox sweep: %s", task.name, args, error)
        return False
    return True


def publish_sends(delivery_ids: list[int]) -> None:
    size = settings.NOTIFICATIONS_SEND_BATCH
    for start in range(0, len(delivery_ids), size):
        if not publish(send_emails, delivery_ids[start : start + size]):
            return
