"""Every write to accounts and roles goes through here, with its audit row in the same transaction."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network.accounts.authentication import digest_of
from network.accounts.errors import AccountsError, RoleChangeNotAllowed
from network.accounts.models import ApiToken, User
from network.accounts.notices import ROLE_CHANGED
from network.accounts.permissions import can_edit_profile, can_manage_roles, user_roles
from network.accounts.roles import ROLE_GROUPS, SECOND_FACTOR_ROLES, Role, role_permissions
from network.accounts.second_factor import has_second_factor
from network.audit.services import audit_record
from network.notifications.services import notify

PROFILE_FIELDS = ("handle", "affiliation_kind", "affiliation", "preferred_language")


def roles_sync_groups() -> None:
    """Create the role groups and give each exactly its permissions. Idempotent."""
    for role, group_name in ROLE_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        wanted = []
        for dotted in role_permissions(role):
            app_label, codename = dotted.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


@transaction.atomic
def user_update_profile(
    *, actor: User, user: User, handle: str, affiliation_kind: str, affiliation: str, preferred_language: str
) -> User:
    if not can_edit_profile(actor, user):
        raise AccountsError(_("You may edit only your own profile."))
    user = User.objects.select_for_update().get(pk=user.pk)
    before = {field: getattr(user, field) for field in PROFILE_FIELDS}
    user.handle = handle
    user.affiliation_kind = affiliation_kind
    user.affiliation = affiliation
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=list(PROFILE_FIELDS))
    after = {field: getattr(user, field) for field in PROFILE_FIELDS}
    if before["handle"] != after["handle"]:
        # Handles are public; a change is kept so moderators can follow a person who renames.
        audit_record(
            actor=actor,
            action="accounts.user.rename",
            target=user,
            before={"handle": before["handle"]},
            after={"handle": after["handle"]},
        )
    return user


@transaction.atomic
def user_set_language(*, actor: User, language: str) -> None:
    """Remember the language a person picked in the switcher; only that field changes."""
    if language not in dict(settings.LANGUAGES):
        raise AccountsError(_("Unknown language."))
    User.objects.filter(pk=actor.pk).update(preferred_language=language)


@transaction.atomic
def authenticators_reencrypt() -> int:
    """Re-encrypt every stored second-factor secret with the current SECRET_KEY, so the fallbacks can be dropped."""
    from allauth.mfa.models import Authenticator

    from network.accounts.adapter import reencrypt

    count = 0
    for authenticator in Authenticator.objects.select_for_update().filter(
        type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
    ):
        data = authenticator.data
        for field in ("secret", "seed"):
            if field in data:
                data[field] = reencrypt(data[field])
        if "migrated_codes" in data:
            data["migrated_codes"] = [reencrypt(code) for code in data["migrated_codes"]]
        authenticator.save(update_fields=["data"])
        count += 1
    return count


def _role_change(*, actor: User | None, user: User, role: Role, reason: str, grant: bool) -> User:
    # actor=None is the system itself (seeding, management commands run by an operator).
    if actor is not None and not can_manage_roles(actor):
        raise RoleChangeNotAllowed(_("You may not change roles."))
    if actor is not None and actor.pk == user.pk and role == Role.STAFF and not grant:
        raise RoleChangeNotAllowed(_("You cannot remove your own staff role."))
    if not reason.strip():
        raise RoleChangeNotAllowed(_("Give a reason: it is kept in the audit log."))
    user = User.objects.select_for_update().get(pk=user.pk)
    before = sorted(user_roles(user))
    if (role in before) == grant:
        message = _("%(handle)s already has this role.") if grant else _("%(handle)s does not have this role.")
        raise RoleChangeNotAllowed(message % {"handle": user.handle})
    if grant and actor is not None and role in SECOND_FACTOR_ROLES and not has_second_factor(user):
        # Otherwise whoever holds the password could set up the second factor for themselves.
        raise RoleChangeNotAllowed(
            _("%(handle)s must set up a second factor before they can be given this role.") % {"handle": user.handle}
        )
    group = Group.objects.get(name=ROLE_GROUPS[role])
    if grant:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    if role == Role.STAFF:
        user.is_staff = grant or user.is_superuser
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_network_roles", None)
    after = sorted(user_roles(user))
    audit_record(
        actor=actor,
        action="accounts.role.grant" if grant else "accounts.role.revoke",
        target=user,
        before={"roles": before},
        after={"roles": after},
        data={"role": str(role), "reason": reason.strip()},
    )
    notify(
        kind=ROLE_CHANGED,
        recipients=[user],
        actor=actor,
        target_url=reverse("accounts:profile"),
        data={"role": str(role), "change": "granted" if grant else "revoked"},
    )
    return user


@transaction.atomic
def role_grant(*, actor: User | None, user: User, role: Role, reason: str) -> User:
    return _role_change(actor=actor, user=user, role=role, reason=reason, grant=True)


@transaction.atomic
def role_revoke(*, actor: User | None, user: User, role: Role, reason: str) -> User:
    return _role_change(actor=actor, user=user, role=role, reason=reason, grant=False)


@transaction.atomic
def user_delete(*, actor: User) -> None:
    """A person deletes their own account. The audit row keeps only the id and the handle."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    audit_record(actor=None, action="accounts.user.delete", target=user, data={"by": "self"})
    user.delete()


@transaction.atomic
def api_token_rotate(*, actor: User) -> tuple[ApiToken, str]:
    """Replace the person's API key; the key is returned this once and only its hash is kept."""
    User.objects.select_for_update().get(pk=actor.pk)  # two clicks at once must not both insert
    ApiToken.objects.filter(user=actor).delete()
    prefix = secrets.token_hex(6)
    key = f"{prefix}.{secrets.token_urlsafe(32)}"
    now = timezone.now()
    token = ApiToken.objects.create(
        user=actor,
        prefix=prefix,
        digest=digest_of(key),
        created_at=now,
        expires_at=now + timedelta(days=settings.API_TOKEN_DAYS),
    )
    audit_record(actor=actor, action="accounts.api_token.rotate", target=actor, data={"prefix": prefix})
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User) -> bool:
    deleted, _detail = ApiToken.objects.filter(user=actor).delete()
    if deleted:
        audit_record(actor=actor, action="accounts.api_token.revoke", target=actor)
    return bool(deleted)
