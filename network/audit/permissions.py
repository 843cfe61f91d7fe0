def can_view_audit_log(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("audit.view_auditentry")
