"""Celery tasks of the practice library."""

from celery import shared_task
from django.db import DatabaseError

from practices import services


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=5, retry_backoff_max=300, max_retries=10)
def send_review_reminders() -> int:
    """Tell staff which published ratings fell due for re-review (each due date once)."""
    return services.review_reminders_send()


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=5, retry_backoff_max=300, max_retries=10)
def send_pledge_reminders() -> int:
    """Remind cities of their pledges at their milestones (each milestone of each pledge once)."""
    from practices import pledge_services

    return pledge_services.pledge_reminders_send()
