from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_use_staff_tile(user) -> bool:
    from network.forums.permissions import can_manage_forums, is_staff_moderator

    return can_manage_forums(user) or is_staff_moderator(user)


class ForumsConfig(AppConfig):
    name = "network.forums"
    label = "forums"
    verbose_name = _("Forums")
    url_prefix = "forums"

    def ready(self) -> None:
        from network.accounts.deletion import register_deletion_step
        from network.accounts.exports import register_export_section
        from network.accounts.roles import Role, register_role_permissions
        from network.forums.api_urls import register_api_resources
        from network.forums.demo import seed_demo_forums
        from network.forums.exports import personal_data
        from network.forums.notices import register_kinds
        from network.forums.sections import register_match_action, register_sections
        from network.forums.services import POST_FOLLOWERS, author_deleted, post_followers
        from network.notifications.audiences import register_audience
        from network.shell import (
            AccountLink,
            DemoSeeder,
            NavLink,
            StaffTile,
            register_account_link,
            register_demo_seeder,
            register_nav_link,
            register_staff_tile,
        )

        register_kinds()
        register_audience(POST_FOLLOWERS, post_followers)
        register_role_permissions(
            Role.STAFF, ["forums.manage_forums", "forums.moderate_forums", "forums.unmask_pseudonym"]
        )
        register_nav_link(
            NavLink(key="forums", label=_("Forums"), url_name="forums:index", namespaces=("forums",), order=25)
        )
        register_account_link(
            AccountLink(key="forum_blocks", label=_("People you block"), url_name="forums:blocks", order=40)
        )
        register_staff_tile(
            StaffTile(
                key="forums",
                title=_("Forums"),
                description=_("Create forums, name their moderators, and review reported posts in every forum."),
                url_name="forums:moderation",
                allowed=_can_use_staff_tile,
                order=45,
            )
        )
        register_api_resources()
        register_sections()
        register_match_action()
        register_export_section("forums", personal_data)
        register_deletion_step("forums", author_deleted)
        register_demo_seeder(DemoSeeder(key="forums", seed=seed_demo_forums, order=40))
