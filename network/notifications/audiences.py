"""Audiences: groups of recipients too large to list in a request, expanded in batches by the fan-out task.

An audience is stored on the event as plain JSON, so a task can expand it later, after the request is gone.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models
from django.db.models import Q

from network.notifications.models import Follow


def followers(target: models.Model) -> dict:
    """Everyone who follows `target`."""
    return {"name": "followers", "target_type": target._meta.label_lower, "target_id": str(target.pk)}


def permission_holders(permission: str) -> dict:
    """Everyone holding `permission` ("app_label.codename") through a group or directly; superusers too."""
    return {"name": "permission", "permission": permission}


# Audiences that a higher part defines, by name: each expands its JSON into the next recipient ids, as
# `recipient_ids` does for the ones here (so this part need not import the parts above it).
Expander = Callable[[dict, int, int], list[int]]
_EXPANDERS: dict[str, Expander] = {}


def register_audience(name: str, expand: Expander) -> None:
    """`expand(audience, after, limit)` returns the next `limit` recipient ids above `after`, in id order."""
    _EXPANDERS[name] = expand


def recipient_ids(audience: dict, *, after: int, limit: int) -> list[int]:
    """The next `limit` recipient ids above `after`, in id order (the fan-out's cursor)."""
    name = audience.get("name")
    if name in _EXPANDERS:
        return _EXPANDERS[name](audience, after, limit)
    if name == "followers":
        return list(
            Follow.objects.filter(
                target_type=audience["target_type"], target_id=audience["target_id"], user_id__gt=after
            )
            .order_by("user_id")
            .values_list("user_id", flat=True)[:limit]
        )
    if name == "permission":
        app_label, codename = audience["permission"].split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        holders = (
            get_user_model()
            .objects.filter(is_active=True, pk__gt=after)
            .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission) | Q(is_superuser=True))
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        )
        return list(holders[:limit])
    raise ValueError(f"Unknown audience {name!r}.")
