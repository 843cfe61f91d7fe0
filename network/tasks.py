from celery import shared_task

from network.services import sessions_purge_expired


@shared_task
def purge_expired_sessions() -> int:
    return sessions_purge_expired()
