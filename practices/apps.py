from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practice library")
    url_prefix = "practices"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from network.accounts.deletion import register_deletion_step
        from network.accounts.exports import register_export_section
        from network.accounts.roles import Role, register_role_permissions
        from network.shell import (
            ApiResource,
            DemoSeeder,
            HomeCard,
            NavLink,
            StaffTile,
            register_api_resource,
            register_demo_seeder,
            register_home_card,
            register_nav_link,
            register_staff_tile,
        )
        from practices.demo import seed_demo_library, seed_demo_shadow_reports
        from practices.notices import register_kinds
        from practices.permissions import can_curate
        from practices.pledge_selectors import personal_data as pledge_personal_data
        from practices.sections import register_challenge_matches, register_city_section, register_pledge_sections
        from practices.selectors import personal_data, set_title_similarity_threshold
        from practices.shadow_selectors import personal_data as shadow_personal_data
        from practices.shadow_services import author_deleted as shadow_author_deleted

        connection_created.connect(set_title_similarity_threshold, dispatch_uid="practices.title_similarity")
        register_kinds()
        register_city_section()
        register_pledge_sections()
        register_challenge_matches()
        register_export_section("practice_library", personal_data)
        register_export_section("pledges", pledge_personal_data)
        register_export_section("shadow_reports", shadow_personal_data)
        register_deletion_step("shadow_reports", shadow_author_deleted)
        register_role_permissions(Role.STAFF, ["practices.curate_practice", "practices.verify_adoption"])
        register_nav_link(
            NavLink(key="library", label=_("Library"), url_name="practices:list", namespaces=("practices",), order=10)
        )
        register_home_card(
            HomeCard(key="library", title=_("Learning from what works"), template="practices/_home_card.html", order=10)
        )
        register_staff_tile(
            StaffTile(
                key="library",
                title=_("Practice library"),
                description=_(
                    "Write and review records, approve ratings as the second member of staff, decide on suggestions "
                    "and verify cities' adoption records."
                ),
                url_name="practices_staff:queue",
                allowed=can_curate,
                order=30,
            )
        )
        for order, key in enumerate(("practices", "collections", "adoptions", "pledges"), start=30):
            register_api_resource(ApiResource(key=key, url_name=f"api:{key}", order=order))
        register_demo_seeder(DemoSeeder(key="library", seed=seed_demo_library, order=30))
        register_demo_seeder(DemoSeeder(key="shadow_reports", seed=seed_demo_shadow_reports, order=45))
