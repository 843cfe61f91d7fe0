from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practice library")

    def ready(self) -> None:
        from network.accounts.exports import register_export_section
        from practices.notices import register_kinds
        from practices.sections import register_city_section
        from practices.selectors import personal_data

        register_kinds()
        register_city_section()
        register_export_section("practice_library", personal_data)
