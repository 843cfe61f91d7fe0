"""Sections that parts built on top of this one add to a city's page (its adoption record, discussions,
exchanges). A part registers its section when its app is ready; a city page shows only registered sections, so
nothing is shown for a part that does not exist yet."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    template: str
    # (request, city) → what the template receives as `section_context`; a fixed number of queries.
    context: Callable
    order: int = 100


_SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    if section.key in _SECTIONS and _SECTIONS[section.key] != section:
        raise ValueError(f"City page section {section.key!r} is already registered.")
    _SECTIONS[section.key] = section
    return section


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))
