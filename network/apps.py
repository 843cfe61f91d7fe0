from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from network import checks  # noqa: F401 - registers the system checks
        from network.shell import StaffTile, register_staff_tile

        register_staff_tile(
            StaffTile(
                key="admin",
                title=_("Administration site"),
                description=_("Records as they are stored."),
                url_name="admin:index",
                allowed=lambda user: user.is_staff,
                order=90,
            )
        )
