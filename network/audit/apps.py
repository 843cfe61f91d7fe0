from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "network.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from network.audit.permissions import can_view_audit_log
        from network.shell import StaffTile, register_staff_tile

        register_staff_tile(
            StaffTile(
                key="audit",
                title=_("Audit log"),
                description=_("Every decision taken on the platform, by whom and when."),
                url_name="audit:entries",
                allowed=can_view_audit_log,
                order=80,
            )
        )
