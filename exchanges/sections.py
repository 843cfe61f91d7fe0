"""What exchange vetting adds to other parts' pages: a city's exchanges, and the exchanges that cite a practice."""

from django.utils.translation import gettext_lazy as _

from cities.sections import Section, register_section


def _city_exchanges(request, city) -> dict:
    from exchanges.permissions import can_propose
    from exchanges.selectors import city_exchanges, register_row

    return {
        "rows": [register_row(proposal, user=request.user) for proposal in city_exchanges(city)],
        "can_propose": can_propose(request.user, city),
        "city": city,
    }


def _practice_exchanges(request, practice) -> dict:
    from exchanges.selectors import practice_exchanges, register_row

    return {"rows": [register_row(proposal, user=request.user) for proposal in practice_exchanges(practice)]}


def register_sections() -> None:
    from practices.sections import register_practice_section

    register_section(
        Section(
            key="exchanges",
            title=_("Police exchanges"),
            template="exchanges/_city_exchanges.html",
            context=_city_exchanges,
            order=40,
        )
    )
    register_practice_section(
        Section(
            key="exchanges",
            title=_("Exchanges that cite this practice"),
            template="exchanges/_practice_exchanges.html",
            context=_practice_exchanges,
            order=40,
        )
    )
