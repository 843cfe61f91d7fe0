"""An optional kind to test with (one no part of the platform depends on), followers in bulk, and a recorder of
what is handed to the broker."""

import pytest

from network.accounts.models import User
from network.notifications import kinds, tasks
from network.notifications.models import Follow
from tests.notifications.kinds_for_tests import UPDATE, UPDATE_KIND


@pytest.fixture
def update_kind(monkeypatch):
    """An optional kind, email at once by default, like "news from a city you follow"."""
    monkeypatch.setitem(kinds._KINDS, UPDATE, UPDATE_KIND)
    return UPDATE_KIND


def other_kinds_at_their_defaults(*keys: str) -> dict[str, str]:
    """The preferences form's fields for every optional kind but `keys`, as the page shows them by default: the
    form holds a row per optional kind of every part, and a browser posts them all."""
    fields = {}
    for kind in kinds.all_kinds():
        if kind.optional and kind.key not in keys:
            fields[f"{kind.key}__email"] = kind.email
            if kind.in_app:
                fields[f"{kind.key}__in_app"] = "on"
    return fields


@pytest.fixture
def make_followers(db):
    def make(target, count: int, *, prefix: str = "follower") -> list[int]:
        start = User.objects.count()
        users = User.objects.bulk_create(
            [
                User(email=f"{prefix}{start + n}@example.org", handle=f"{prefix}_{start + n}", password="!")
                for n in range(count)
            ]
        )
        Follow.objects.bulk_create(
            [Follow(user=user, target_type=target._meta.label_lower, target_id=str(target.pk)) for user in users]
        )
        return [user.pk for user in users]

    return make


@pytest.fixture
def published(monkeypatch):
    """What would be handed to the broker, in order, instead of handing it over."""
    handed_over: list[tuple[str, tuple]] = []

    def record(task, *args) -> bool:
        handed_over.append((task.name.rsplit(".", 1)[-1], args))
        return True

    monkeypatch.setattr(tasks, "publish", record)
    return handed_over
