"""Parts built on top of accounts add what they keep about a person to the person's data export here, so that
accounts, below them, imports none of them. Each part registers when its app is ready."""

from collections.abc import Callable

_SECTIONS: dict[str, Callable] = {}


def register_export_section(key: str, collect: Callable) -> None:
    """`collect(user)` returns JSON-ready data about that person; `key` names it in the export."""
    if key in _SECTIONS and _SECTIONS[key] is not collect:
        raise ValueError(f"Export section {key!r} is already registered.")
    _SECTIONS[key] = collect


def export_sections(user) -> dict:
    return {key: collect(user) for key, collect in sorted(_SECTIONS.items())}
