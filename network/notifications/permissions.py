def can_view_deliveries(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("notifications.view_delivery")


def can_retry_deliveries(user) -> bool:
    return can_view_deliveries(user) and user.has_perm("notifications.change_delivery")
