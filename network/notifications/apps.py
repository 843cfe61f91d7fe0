from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "network.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from network.notifications.permissions import can_view_deliveries
        from network.shell import StaffTile, register_staff_tile

        register_staff_tile(
            StaffTile(
                key="deliveries",
                title=_("Email delivery"),
                description=_("Which notification emails went out, which wait, which failed; retry the failed ones."),
                url_name="notifications_staff:deliveries",
                allowed=can_view_deliveries,
                order=85,
            )
        )
