from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practice library")

    def ready(self) -> None:
        from practices.notices import register_kinds
        from practices.sections import register_city_section

        register_kinds()
        register_city_section()
