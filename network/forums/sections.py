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


def _discussion_forum(request, challenge):
    """Where "discuss with this city" starts a topic: a working group the viewer belongs to, else the public forum
    of one of the challenge's themes, else the members' forum; None when the viewer may post in none."""
    from django.db.models import Case, IntegerField, Q, Value, When

    from network.accounts.permissions import is_participant
    from network.forums.models import Access, Forum
    from network.forums.permissions import can_post
    from practices.matching import CHALLENGE_THEMES

    user = request.user
    if not is_participant(user):
        return None
    themes = list(CHALLENGE_THEMES.get(challenge.kind, ()))
    forum = (
        Forum.objects.filter(
            Q(access=Access.GROUP, members__user=user)
            | Q(access=Access.PUBLIC, theme__in=themes)
            | Q(access=Access.MEMBERS)
        )
        .annotate(
            preference=Case(
                When(access=Access.GROUP, then=Value(0)),
                When(access=Access.PUBLIC, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("preference", "position", "id")
        .first()
    )
    return forum if forum is not None and can_post(user, forum) else None


def _discussion_link(forum, challenge, practice, city) -> tuple[str, str]:
    from django.urls import reverse
    from django.utils.http import urlencode

    query = urlencode({"city": city.slug, "practice": practice.slug})
    label = _("Discuss with %(city)s") % {"city": city.name}
    return str(label), f"{reverse('forums:topic_create', args=[forum.slug])}?{query}"


def register_match_action() -> None:
    from practices.match_actions import MatchAction
    from practices.match_actions import register_match_action as register

    register(MatchAction(key="discuss", prepare=_discussion_forum, link=_discussion_link, order=10))
