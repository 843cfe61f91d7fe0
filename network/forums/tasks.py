from celery import shared_task

from network.forums import services


@shared_task
def purge_ip_hashes() -> int:
    """Daily: blank the address hashes older than FORUMS_IP_HASH_DAYS."""
    return services.ip_hashes_purge()
