from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "network.forums"
    label = "forums"
    verbose_name = _("Forums")
    url_prefix = "forums"

    def ready(self) -> None:
        from network.accounts.roles import Role, register_role_permissions
        from network.forums.api_urls import register_api_resources
        from network.forums.notices import register_kinds

        register_kinds()
        register_role_permissions(
            Role.STAFF, ["forums.manage_forums", "forums.moderate_forums", "forums.unmask_pseudonym"]
        )
        register_api_resources()
