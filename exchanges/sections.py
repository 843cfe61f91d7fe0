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


def _proposing_city(request, challenge):
    """A study visit is proposed for the challenged city, by its representatives."""
    from exchanges.permissions import can_propose

    return challenge.city if can_propose(request.user, challenge.city) else None


def _study_visit_link(city, challenge, practice, host) -> tuple[str, str]:
    from django.urls import reverse
    from django.utils.http import urlencode

    query = urlencode({"practice": practice.slug, "host": host.slug})
    label = _("Propose a study visit to %(city)s") % {"city": host.name}
    return str(label), f"{reverse('exchanges:propose', args=[city.slug])}?{query}"


def register_match_action() -> None:
    from practices.match_actions import MatchAction
    from practices.match_actions import register_match_action as register

    register(MatchAction(key="study_visit", prepare=_proposing_city, link=_study_visit_link, order=20))
