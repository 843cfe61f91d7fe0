"""A practice's page and a city's page, as the library shares them with other parts: the sections that parts built
on top of the library add to a practice's page (its discussions, the exchanges that cite it), registered when their
app is ready so the library imports none of them; and the library's own section of a city's page, its adoption
record."""

from django.utils.translation import gettext_lazy as _

from cities.sections import PageSections, Section, register_challenge_section, register_section

PRACTICE_PAGE = PageSections("Practice page")


def register_practice_section(section: Section) -> Section:
    return PRACTICE_PAGE.register(section)


def _city_adoptions(request, city) -> dict:
    from practices.permissions import can_record_adoption
    from practices.selectors import adoptions_of_city

    return {"adoptions": list(adoptions_of_city(city)), "can_record": can_record_adoption(request.user, city)}


def register_city_section() -> None:
    register_section(
        Section(
            key="adoption",
            title=_("Adoption record"),
            template="practices/_city_adoptions.html",
            context=_city_adoptions,
            order=10,
        )
    )


def _challenge_matches(request, challenge) -> dict:
    from practices.match_actions import attach_actions
    from practices.matching import matches_for

    matches = matches_for(challenge)
    attach_actions(request, matches)
    return {"matches": matches}


def register_challenge_matches() -> None:
    register_challenge_section(
        Section(
            key="matches",
            title=_("Practices and cities that answer it"),
            template="practices/_challenge_matches.html",
            context=_challenge_matches,
            order=10,
        )
    )
