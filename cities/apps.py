from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Member cities")

    def ready(self) -> None:
        from cities.notices import register_kinds
        from cities.selectors import personal_data
        from network.accounts.exports import register_export_section

        register_kinds()
        register_export_section("member_cities", personal_data)
