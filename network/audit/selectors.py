from django.db.models import QuerySet

from network.audit.models import AuditEntry


def audit_entries(*, action_prefix: str = "", target_type: str = "", target_id: str = "") -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if action_prefix:
        entries = entries.filter(action__startswith=action_prefix)
    if target_type:
        entries = entries.filter(target_type=target_type)
    if target_id:
        entries = entries.filter(target_id=target_id)
    return entries
