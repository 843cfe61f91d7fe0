from network.accounts.permissions import holds_power


def can_view_audit_log(user) -> bool:
    return holds_power(user, "audit.view_auditentry")
