"""The directory's map and the list of member cities beside it, rendered once per language for each state of the
membership and kept in the shared cache: they change only when a city joins, is suspended or is reinstated, and
rendering 300 markers and list items on every request cost most of the directory's time.

The services that change a member city call `members_changed()` in their transaction: it names a new version at
once and again when the transaction commits, so no request can keep a map rendered from the rows as they were
before the commit under the version that follows it. A change shows on the next request."""

from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from cities import map as city_map
from cities import selectors

VERSION_KEY = "cities:member-map:version"
# A rendered map outlives no change of the members (the version names it); this only lets old versions expire.
RENDERED_FOR = 24 * 60 * 60


def _new_version() -> str:
    # Never a counter: a version key evicted from the cache and started again would name maps of the past.
    return uuid4().hex


def members_changed() -> None:
    """Rebuild the map on the next request: now, and after the commit."""
    cache.set(VERSION_KEY, _new_version(), None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, _new_version(), None))


def current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), None)
        version = cache.get(VERSION_KEY)
    return version


def member_map() -> SafeString:
    """The map section of the directory, in the active language."""
    key = f"cities:member-map:{current_version()}:{get_language() or 'en'}"
    html = cache.get(key)
    if html is None:
        members = selectors.member_cities_for_map()
        html = render_to_string(
            "cities/_member_map.html",
            {
                "members": members,
                "points": city_map.points(members),
                "map_outline": city_map.outline(),
                "map_width": city_map.WIDTH,
                "map_height": city_map.HEIGHT,
                "meridians": city_map.meridians(),
                "parallels": city_map.parallels(),
            },
        )
        cache.set(key, html, RENDERED_FOR)
    return mark_safe(html)  # noqa: S308 - rendered by our template, with autoescaping
