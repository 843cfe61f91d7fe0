"""The roles a person can hold. Everyone who signs up is a participant; the other roles are groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_REPRESENTATIVE = "city_representative", _("City representative")
    STAFF = "staff", _("Network staff")
    REVIEWER = "reviewer", _("Reviewer")


# The group that carries each role.
ROLE_GROUPS = {
    Role.CITY_REPRESENTATIVE: "City representatives",
    Role.STAFF: "Network staff",
    Role.REVIEWER: "Reviewers",
}
# The permissions each role's group holds ("app_label.codename"): those of accounts, the audit log and the
# notifications here; each part above adds its own when its app is ready (`register_role_permissions`).
_ROLE_PERMISSIONS: dict[Role, set[str]] = {
    Role.CITY_REPRESENTATIVE: set(),
    Role.STAFF: {
        "accounts.manage_roles",
        "accounts.view_user",
        "audit.view_auditentry",
        "notifications.view_delivery",
        "notifications.change_delivery",
    },
    Role.REVIEWER: set(),
}


def register_role_permissions(role: Role, permissions: list[str]) -> None:
    _ROLE_PERMISSIONS[role].update(permissions)


def role_permissions(role: Role) -> list[str]:
    return sorted(_ROLE_PERMISSIONS[role])


# Roles whose holders must pass a second factor before any staff page.
SECOND_FACTOR_ROLES = {Role.STAFF, Role.REVIEWER}


def roles_from_group_names(names) -> set[Role]:
    group_to_role = {group: role for role, group in ROLE_GROUPS.items()}
    return {group_to_role[name] for name in names if name in group_to_role}
