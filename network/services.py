from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone


@transaction.atomic
def sessions_purge_expired() -> int:
    """Expired sessions still say who signed in and when: keep them no longer than they serve."""
    deleted, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
