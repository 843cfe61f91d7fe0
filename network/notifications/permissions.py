from network.accounts.permissions import holds_power


def can_view_deliveries(user) -> bool:
    return holds_power(user, "notifications.view_delivery")


def can_retry_deliveries(user) -> bool:
    return can_view_deliveries(user) and user.has_perm("notifications.change_delivery")
