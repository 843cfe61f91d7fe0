"""The registry of notification kinds. Each part registers its own kinds when its app is ready."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from network.notifications.models import EmailSchedule, Event


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    # One line in the reader's language, for the bell, the notifications page and digests.
    summary: Callable[[Event], str]
    # Email templates: `<template>.subject.txt`, `<template>.txt` and `<template>.html`.
    template: str
    email: str = EmailSchedule.IMMEDIATE
    in_app: bool = True
    # False for what a person must hear about (security changes, decisions about their account).
    optional: bool = True
    # Sample event data for previews and for the test that renders every kind in every language.
    example: dict | None = None
    # The permission ("app_label.codename") a person needs for the kind to reach them: staff-only kinds are not
    # offered among the preferences of people they can never reach.
    permission: str = ""
    # A stand-in for rows of a kind no longer registered (see `kind_or_retired`).
    retired: bool = False


@dataclass(frozen=True)
class MailKind:
    """Mail a part renders itself for an address that may have no account yet (a verification link, a password
    reset, an invitation): it travels the outbox like any email and staff see it under this label."""

    key: str
    label: str | Promise


_KINDS: dict[str, Kind] = {}
_MAIL_KINDS: dict[str, MailKind] = {}


def register(kind: Kind) -> Kind:
    if kind.key in _KINDS and _KINDS[kind.key] != kind:
        raise ValueError(f"Notification kind {kind.key!r} is already registered.")
    if kind.email not in EmailSchedule.values:
        raise ValueError(f"Notification kind {kind.key!r} has an unknown email schedule {kind.email!r}.")
    _KINDS[kind.key] = kind
    return kind


def register_mail(kind: MailKind) -> MailKind:
    if (kind.key in _MAIL_KINDS and _MAIL_KINDS[kind.key] != kind) or kind.key in _KINDS:
        raise ValueError(f"Mail kind {kind.key!r} is already registered.")
    _MAIL_KINDS[kind.key] = kind
    return kind


def get_mail_kind(key: str) -> MailKind:
    try:
        return _MAIL_KINDS[key]
    except KeyError:
        raise LookupError(f"No mail kind {key!r} is registered.") from None


def label_of(key: str) -> str | Promise:
    """What staff read for a row of this kind, notification or mail."""
    return _MAIL_KINDS[key].label if key in _MAIL_KINDS else kind_or_retired(key).label


def all_labels() -> list[tuple[str, str | Promise]]:
    """Every kind of email the outbox carries, for the staff's filter."""
    return sorted([(kind.key, kind.label) for kind in [*_KINDS.values(), *_MAIL_KINDS.values()]])


def get_kind(key: str) -> Kind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"No notification kind {key!r} is registered.") from None


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.key)


def kinds_reaching(user) -> list[Kind]:
    """The kinds that can reach `user`: those for everyone, and those for a permission the person holds."""
    return [kind for kind in all_kinds() if not kind.permission or user.has_perm(kind.permission)]


def _retired_summary(event: Event) -> str:
    return gettext("An earlier notification")


def kind_or_retired(key: str) -> Kind:
    """The kind registered under `key`, or, for rows left by a kind a newer release no longer has, a plain stand-in
    that shows in the app and sends no email."""
    return _KINDS.get(key) or Kind(
        key=key,
        label=gettext_lazy("Earlier notifications"),
        summary=_retired_summary,
        template="notifications/email/generic",
        email=EmailSchedule.OFF,
        example={},
        retired=True,
    )
