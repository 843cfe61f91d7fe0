from typing import Any

from django.db import models

from network.audit.models import AuditEntry


def audit_record(
    *,
    actor: Any | None,
    action: str,
    target: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    data: dict | None = None,
) -> AuditEntry:
    """Append one row to the audit log; call it inside the transaction of the change it records."""
    actor = actor if actor is not None and actor.pk is not None else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=str(actor) if actor is not None else "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:200],
        before=before,
        after=after,
        data=data or {},
    )
