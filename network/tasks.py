from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task
def purge_expired_sessions() -> int:
    """Expired sessions still hold who signed in from where: keep them no longer than they serve."""
    deleted, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
