from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Exchange vetting")
    url_prefix = "exchanges"

    def ready(self) -> None:
        from exchanges.demo import seed_demo_exchanges
        from exchanges.notices import register_kinds
        from exchanges.permissions import can_use_staff_pages
        from exchanges.sections import register_match_action, register_sections
        from exchanges.selectors import personal_data
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

        register_kinds()
        register_sections()
        register_match_action()
        register_export_section("exchanges", personal_data)
        register_role_permissions(
            Role.STAFF,
            [
                "exchanges.screen_proposal",
                "exchanges.decide_proposal",
                "exchanges.verify_finding",
                "exchanges.keep_funding",
            ],
        )
        register_role_permissions(Role.REVIEWER, ["exchanges.review_proposal"])
        register_nav_link(
            NavLink(
                key="exchanges",
                label=_("Exchanges"),
                url_name="exchanges:register",
                namespaces=("exchanges",),
                order=30,
            )
        )
        register_home_card(
            HomeCard(
                key="exchanges",
                title=_("Vetting police exchanges"),
                template="exchanges/_home_card.html",
                order=30,
            )
        )
        register_staff_tile(
            StaffTile(
                key="exchanges",
                title=_("Exchange vetting"),
                description=_(
                    "Screen proposed police exchanges, assign reviewers, decide, and verify human-rights findings."
                ),
                url_name="exchanges_staff:queue",
                allowed=can_use_staff_pages,
                order=40,
            )
        )
        for order, key in enumerate(("partners", "findings", "proposals", "exchange_register", "funding"), start=50):
            register_api_resource(ApiResource(key=key, url_name=f"api:{key}", order=order))
        register_demo_seeder(DemoSeeder(key="exchanges", seed=seed_demo_exchanges, order=50))
