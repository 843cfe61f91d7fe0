"""What a person can do from a match with a city: the parts above the library (the forums, exchange vetting) add
their actions when their app is ready, so the library imports neither of them."""

from collections.abc import Callable
from dataclasses import dataclass

_ACTIONS: dict[str, "MatchAction"] = {}


@dataclass(frozen=True)
class MatchAction:
    key: str
    # (request, challenge) → what `url` needs, computed once per page with a fixed number of queries; None when the
    # viewer may not take this action.
    prepare: Callable
    # (prepared, challenge, practice, city) → (label, url) of the action for one match.
    link: Callable
    order: int = 100


def register_match_action(action: MatchAction) -> MatchAction:
    if action.key in _ACTIONS and _ACTIONS[action.key] != action:
        raise ValueError(f"Match action {action.key!r} is already registered.")
    _ACTIONS[action.key] = action
    return action


def match_actions() -> list[MatchAction]:
    return sorted(_ACTIONS.values(), key=lambda action: (action.order, action.key))


def attach_actions(request, matches) -> None:
    """Give each city match the links of the actions the viewer may take."""
    prepared = [(action, action.prepare(request, matches.challenge)) for action in match_actions()]
    prepared = [(action, state) for action, state in prepared if state is not None]
    for practice_match in matches.practices:
        for city_match in practice_match.cities:
            city_match.actions = [
                action.link(state, matches.challenge, practice_match.practice, city_match.city)
                for action, state in prepared
            ]
