"""The practice library's section of a city's page: the city's adoption record."""

from django.utils.translation import gettext_lazy as _

from cities.sections import Section, register_section


def _context(request, city) -> dict:
    from practices.permissions import can_record_adoption
    from practices.selectors import adoptions_of_city

    return {"adoptions": list(adoptions_of_city(city)), "can_record": can_record_adoption(request.user, city)}


def register_city_section() -> None:
    register_section(
        Section(
            key="adoption",
            title=_("Adoption record"),
            template="practices/_city_adoptions.html",
            context=_context,
            order=10,
        )
    )
