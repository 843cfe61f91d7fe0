from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from network import checks  # noqa: F401 - registers the system checks
        from network.page_cache import install_on, migration_finished, migration_started
        from network.shell import StaffTile, register_staff_tile

        # Every write to what a visitor's page shows replaces the page, whatever code issues it.
        connection_created.connect(install_on, dispatch_uid="network.page_cache")
        pre_migrate.connect(migration_started, dispatch_uid="network.page_cache.migrating")
        post_migrate.connect(migration_finished, dispatch_uid="network.page_cache.migrated")
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
