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
from network.accounts.deletion import run_deletion_steps
from network.accounts.errors import AccountsError, RoleChangeNotAllowed
from network.accounts.models import ApiToken, User
from network.accounts.notices import ROLE_CHANGED
from network.accounts.permissions import can_edit_profile, can_manage_roles, user_roles
from network.accounts.roles import ROLE_GROUPS, SECOND_FACTOR_ROLES, Role, role_permissions
from network.accounts.second_factor import has_second_factor
from network.accounts.system import SYSTEM, SystemActor
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
    user = User.objects.select_for_update(of=("self",)).get(pk=user.pk)
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
def authenticators_reencrypt(*, actor: User | SystemActor) -> int:
    """Re-encrypt every stored second-factor secret with the current SECRET_KEY, so the fallbacks can be dropped.
    Each person whose secrets were re-encrypted gets an audit row (which kinds, never the secrets)."""
    from allauth.mfa.models import Authenticator

    from network.accounts.adapter import reencrypt

    kinds_by_user: dict[int, list[str]] = {}
    authenticators = (
        Authenticator.objects.select_for_update(of=("self",))
        .filter(type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES])
        .select_related("user")
        .order_by("pk")
    )
    users = {}
    for authenticator in authenticators:
        data = authenticator.data
        for field in ("secret", "seed"):
            if field in data:
                data[field] = reencrypt(data[field])
        if "migrated_codes" in data:
            data["migrated_codes"] = [reencrypt(code) for code in data["migrated_codes"]]
        authenticator.save(update_fields=["data"])
        kinds_by_user.setdefault(authenticator.user_id, []).append(str(authenticator.type))
        users[authenticator.user_id] = authenticator.user
    for user_id, kinds in kinds_by_user.items():
        audit_record(
            actor=actor, action="accounts.second_factor.reencrypt", target=users[user_id], data={"kinds": kinds}
        )
    return sum(len(kinds) for kinds in kinds_by_user.values())


def _role_change(*, actor: User | SystemActor, user: User, role: Role, reason: str, grant: bool) -> User:
    # The system (seeding, imports, the role that follows a representation) is named explicitly; no actor is an error.
    if actor is None:
        raise TypeError("Pass actor=SYSTEM when the platform itself changes a role.")
    by_system = actor is SYSTEM
    if not by_system and not can_manage_roles(actor):
        raise RoleChangeNotAllowed(_("You may not change roles."))
    if not by_system and actor.pk == user.pk and role == Role.STAFF and not grant:
        raise RoleChangeNotAllowed(_("You cannot remove your own staff role."))
    if not reason.strip():
        raise RoleChangeNotAllowed(_("Give a reason: it is kept in the audit log."))
    user = User.objects.select_for_update(of=("self",)).get(pk=user.pk)
    before = sorted(user_roles(user))
    if (role in before) == grant:
        message = _("%(handle)s already has this role.") if grant else _("%(handle)s does not have this role.")
        raise RoleChangeNotAllowed(message % {"handle": user.handle})
    if grant and not by_system and role in SECOND_FACTOR_ROLES and not has_second_factor(user):
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
def role_grant(*, actor: User | SystemActor, user: User, role: Role, reason: str) -> User:
    return _role_change(actor=actor, user=user, role=role, reason=reason, grant=True)


@transaction.atomic
def role_revoke(*, actor: User | SystemActor, user: User, role: Role, reason: str) -> User:
    return _role_change(actor=actor, user=user, role=role, reason=reason, grant=False)


@transaction.atomic
def user_delete(*, actor: User) -> None:
    """A person deletes their own account. The audit row keeps only the id and the handle. What they wrote that
    others' discussions hold (forum posts, shadow reports) stays, signed by the placeholder account
    (`network/accounts/deletion.py`)."""
    user = User.objects.select_for_update(of=("self",)).get(pk=actor.pk)
    audit_record(actor=SYSTEM, action="accounts.user.delete", target=user, data={"by": "self"})
    run_deletion_steps(user)
    user.delete()


@transaction.atomic
def api_token_rotate(*, actor: User) -> tuple[ApiToken, str]:
    """Replace the person's API key; the key is returned this once and only its hash is kept."""
    User.objects.select_for_update(of=("self",)).get(pk=actor.pk)  # two clicks at once must not both insert
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
