"""A practice's page and a city's page, as the library shares them with other parts: the sections that parts built
on top of the library add to a practice's page (its discussions, the exchanges that cite it), registered when their
app is ready so the library imports none of them; and the library's own section of a city's page, its adoption
record."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.sections import (
    DirectoryBadge,
    PageSections,
    Section,
    register_challenge_section,
    register_directory_badge,
    register_section,
)

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


def _pledge_rows(pledges) -> list[dict]:
    today = timezone.localdate()
    rows = []
    for pledge in pledges:
        items = list(pledge.items.all())
        rows.append(
            {
                "pledge": pledge,
                "total": len(items),
                "closed": sum(1 for item in items if item.closed_at),
                "overdue": pledge.is_overdue(today),
            }
        )
    return rows


def _city_pledges(request, city) -> dict:
    from practices.permissions import can_pledge
    from practices.pledge_selectors import city_pledges

    rows = _pledge_rows(city_pledges(request.user, city))
    return {
        "pledges": rows,
        "can_pledge": can_pledge(request.user, city),
        # The badge of a city that honoured a pledge, from the rows already read (an honoured pledge is public).
        "honoured": sum(1 for row in rows if row["pledge"].status == "honoured"),
        "overdue": sum(1 for row in rows if row["overdue"]),
    }


def _practice_pledges(request, practice) -> dict:
    from practices.pledge_selectors import practice_pledges

    return {"pledges": _pledge_rows(practice_pledges(practice))}


def _with_honoured_badge(cities):
    from practices.board import with_honoured_badge

    return with_honoured_badge(cities)


def register_pledge_sections() -> None:
    register_directory_badge(
        DirectoryBadge(
            key="has_honoured_pledge",
            label=_("Pledge honoured"),
            annotate=_with_honoured_badge,
            url_name="practices:city_board",
        )
    )
    register_section(
        Section(
            key="pledges",
            title=_("Pledges"),
            template="practices/_city_pledges.html",
            context=_city_pledges,
            order=15,
        )
    )
    register_practice_section(
        Section(
            key="pledges",
            title=_("Cities' pledges"),
            template="practices/_practice_pledges.html",
            context=_practice_pledges,
            order=15,
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
