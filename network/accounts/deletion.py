"""What happens to what a person wrote when they delete their account. Higher parts register a step
(`register_deletion_step`) that hands the rows they must keep for others — a forum topic others replied to, a shadow
report on a city's pledge — to one placeholder account, `deleted_account`, which signs nothing but "deleted account",
cannot sign in and has no address anyone can reach. The account itself is then deleted."""

from collections.abc import Callable
from uuid import uuid4

from django.db import IntegrityError, transaction

from network.accounts.models import User

DELETED_HANDLE = "deleted_account"
_STEPS: dict[str, Callable] = {}


def register_deletion_step(key: str, step: Callable) -> None:
    """`step(user=..., placeholder=...)` moves the part's rows that must outlive `user` to `placeholder`, in the
    deletion's transaction."""
    if key in _STEPS and _STEPS[key] is not step:
        raise ValueError(f"Deletion step {key!r} is already registered.")
    _STEPS[key] = step


def placeholder_account() -> User:
    """The one account what deleted people wrote is kept under; made the first time it is needed. Its handle is
    reserved (no one can choose it), its address is in the reserved `.invalid` domain and unguessable."""
    found = User.objects.filter(handle=DELETED_HANDLE).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            user = User(handle=DELETED_HANDLE, email=f"deleted-{uuid4().hex}@accounts.invalid", is_active=False)
            user.set_unusable_password()
            user.save()
            return user
    except IntegrityError:
        # Made at the same moment by another deletion.
        return User.objects.get(handle=DELETED_HANDLE)


def run_deletion_steps(user: User) -> None:
    if not _STEPS:
        return
    placeholder = placeholder_account()
    for _key, step in sorted(_STEPS.items()):
        step(user=user, placeholder=placeholder)
