from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "network.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from network.accounts.notices import register_kinds
        from network.accounts.permissions import can_manage_roles
        from network.shell import (
            ApiResource,
            HomeCard,
            StaffTile,
            register_api_resource,
            register_home_card,
            register_staff_tile,
        )

        post_migrate.connect(_sync_role_groups, sender=self)
        register_kinds()
        register_home_card(
            HomeCard(key="identity", title=_("Taking part safely"), template="accounts/_home_card.html", order=90)
        )
        register_staff_tile(
            StaffTile(
                key="people",
                title=_("People and roles"),
                description=_("Grant and revoke the roles of city representative, network staff and reviewer."),
                url_name="accounts_staff:people",
                allowed=can_manage_roles,
                order=10,
            )
        )
        register_api_resource(ApiResource(key="me", url_name="api:me", order=10))


def _sync_role_groups(using="default", **kwargs) -> None:
    # Groups and their permissions are configuration, kept equal to network.accounts.roles after every migrate.
    # The permissions of apps migrated after this one do not exist yet at this point: create them first.
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from network.accounts.roles import Role, role_permissions
    from network.accounts.services import roles_sync_groups

    for app_label in {dotted.split(".")[0] for role in Role for dotted in role_permissions(role)}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using)
    roles_sync_groups()
