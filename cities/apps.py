from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _city_challenges(request, city) -> dict:
    from cities.permissions import can_record_challenges
    from cities.selectors import challenges_of_city

    return {"challenges": list(challenges_of_city(city)), "can_record": can_record_challenges(request.user, city)}


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Member cities")
    url_prefix = "cities"

    def ready(self) -> None:
        from cities.demo import seed_demo_cities
        from cities.notices import register_kinds
        from cities.permissions import can_review_applications
        from cities.sections import Section, register_section
        from cities.selectors import personal_data
        from network.accounts.exports import register_export_section
        from network.accounts.roles import Role, register_role_permissions
        from network.shell import (
            AccountLink,
            ApiResource,
            DemoSeeder,
            HomeCard,
            NavLink,
            StaffTile,
            register_account_link,
            register_api_resource,
            register_demo_seeder,
            register_home_card,
            register_nav_link,
            register_staff_tile,
        )

        register_kinds()
        register_section(
            Section(
                key="challenges",
                title=_("Challenges"),
                template="cities/_city_challenges.html",
                context=_city_challenges,
                order=5,
            )
        )
        register_export_section("member_cities", personal_data)
        register_role_permissions(Role.STAFF, ["cities.review_application"])
        register_nav_link(
            NavLink(key="cities", label=_("Cities"), url_name="cities:list", namespaces=("cities",), order=20)
        )
        register_account_link(
            AccountLink(key="cities", label=_("Your cities and applications"), url_name="cities:mine", order=10)
        )
        register_home_card(
            HomeCard(key="cities", title=_("Cities joining the network"), template="cities/_home_card.html", order=20)
        )
        register_staff_tile(
            StaffTile(
                key="applications",
                title=_("Membership applications"),
                description=_("Mayors' offices asking to join: approve, decline or ask for more information."),
                url_name="cities_staff:applications",
                allowed=can_review_applications,
                order=20,
            )
        )
        register_api_resource(ApiResource(key="cities", url_name="api:cities", order=20))
        register_api_resource(ApiResource(key="my_applications", url_name="api:my_applications", order=21))
        register_demo_seeder(DemoSeeder(key="cities", seed=seed_demo_cities, order=20))
