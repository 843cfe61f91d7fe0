"""What the forums add to other parts' pages: the discussions attached to a practice and to a city — only those
the viewer may read — and, on a practice's page, a way to start one. Registered when the app is ready, so the
library and the cities import nothing of the forums."""

from django.utils.translation import gettext_lazy as _

from cities.sections import Section, register_section

# The most recent discussions a page shows; past them, a link to the forums' search filtered by the page's object.
SHOWN = 10


def _theme_forum(practice):
    """The public forum of the practice's first theme that has one: where "discuss this practice" starts a topic."""
    from network.forums.models import Access, Forum

    themes = list(practice.themes or [])
    if not themes:
        return None
    forums = {forum.theme: forum for forum in Forum.objects.filter(access=Access.PUBLIC, theme__in=themes)}
    return next((forums[theme] for theme in themes if theme in forums), None)


def _practice_discussions(request, practice) -> dict:
    from network.accounts.permissions import is_participant
    from network.forums.selectors import topics_for_practice

    # Only those who may post are offered to start a topic; the others are asked to sign in (no query for them).
    can_start = is_participant(request.user)
    topics = topics_for_practice(practice, request.user, limit=SHOWN + 1)
    return {
        "topics": topics[:SHOWN],
        "more": len(topics) > SHOWN,
        "search": f"practice={practice.slug}",
        "can_start": can_start,
        "forum": _theme_forum(practice) if can_start else None,
    }


def _city_discussions(request, city) -> dict:
    from network.forums.selectors import topics_for_city

    topics = topics_for_city(city, request.user, limit=SHOWN + 1)
    return {"topics": topics[:SHOWN], "more": len(topics) > SHOWN, "search": f"city={city.slug}"}


def register_sections() -> None:
    from practices.sections import register_practice_section

    register_practice_section(
        Section(
            key="discussions",
            title=_("Discussions"),
            template="forums/sections/_practice_discussions.html",
            context=_practice_discussions,
            order=30,
        )
    )
    register_section(
        Section(
            key="discussions",
            title=_("Discussions"),
            template="forums/sections/_city_discussions.html",
            context=_city_discussions,
            order=30,
        )
    )
