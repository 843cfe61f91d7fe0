"""Sections that parts built on top of this one add to a city's page (its adoption record, discussions,
exchanges). A part registers its section when its app is ready; a city page shows only registered sections, so
nothing is shown for a part that does not exist yet. Parts above offer the same to their own pages with a
`PageSections` of their own (the practice library does for a practice's page)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    template: str
    # (request, the page's object) → what the template receives as `section_context`; a fixed number of queries.
    context: Callable
    order: int = 100


class PageSections:
    """The sections registered for one kind of page."""

    def __init__(self, page: str):
        self.page = page
        self._sections: dict[str, Section] = {}

    def register(self, section: Section) -> Section:
        if section.key in self._sections and self._sections[section.key] != section:
            raise ValueError(f"{self.page} section {section.key!r} is already registered.")
        self._sections[section.key] = section
        return section

    def ordered(self) -> list[Section]:
        return sorted(self._sections.values(), key=lambda section: (section.order, section.key))

    def render_context(self, request, obj) -> list[tuple[Section, dict]]:
        return [(section, section.context(request, obj)) for section in self.ordered()]


CITY_PAGE = PageSections("City page")
# A challenge's page: the library adds its matches (practices and the cities that adopted them).
CHALLENGE_PAGE = PageSections("Challenge page")


def register_section(section: Section) -> Section:
    return CITY_PAGE.register(section)


def register_challenge_section(section: Section) -> Section:
    return CHALLENGE_PAGE.register(section)


def sections() -> list[Section]:
    return CITY_PAGE.ordered()


@dataclass(frozen=True)
class DirectoryBadge:
    """A mark a part above gives some cities in the directory (an honoured pledge). `annotate` takes the
    directory's queryset and returns it with a boolean annotation named `key`, so a badge costs no query per city;
    `url_name` (with the city's slug) is where the badge leads."""

    key: str
    label: str | Promise
    annotate: Callable
    url_name: str


DIRECTORY_BADGES: dict[str, DirectoryBadge] = {}


def register_directory_badge(badge: DirectoryBadge) -> DirectoryBadge:
    if badge.key in DIRECTORY_BADGES and DIRECTORY_BADGES[badge.key] != badge:
        raise ValueError(f"Directory badge {badge.key!r} is already registered.")
    DIRECTORY_BADGES[badge.key] = badge
    return badge


def directory_badges() -> list[DirectoryBadge]:
    return sorted(DIRECTORY_BADGES.values(), key=lambda badge: badge.key)
