"""When digests go out and how long a failed email waits before its next try."""

from datetime import datetime, timedelta

from django.conf import settings

from network.notifications.models import EmailSchedule


def digest_period_end(schedule: str, now: datetime) -> datetime:
    """The end of the digest period that `now` falls in: the next day (daily) or Monday (weekly) at the digest
    hour, UTC."""
    boundary = now.replace(hour=settings.NOTIFICATIONS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if schedule == EmailSchedule.DAILY:
        return boundary if now < boundary else boundary + timedelta(days=1)
    if schedule == EmailSchedule.WEEKLY:
        boundary += timedelta(days=-boundary.weekday() % 7)
        return boundary if now < boundary else boundary + timedelta(days=7)
    raise ValueError(f"{schedule!r} is not a digest schedule.")


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))
