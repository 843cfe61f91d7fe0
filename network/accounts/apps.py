from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "network.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from network.accounts.notices import register_kinds

        post_migrate.connect(_sync_role_groups, sender=self)
        register_kinds()


def _sync_role_groups(using="default", **kwargs) -> None:
    # Groups and their permissions are configuration, kept equal to network.accounts.roles after every migrate.
    # The permissions of apps migrated after this one do not exist yet at this point: create them first.
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from network.accounts.roles import ROLE_PERMISSIONS
    from network.accounts.services import roles_sync_groups

    for app_label in {dotted.split(".")[0] for names in ROLE_PERMISSIONS.values() for dotted in names}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using)
    roles_sync_groups()
