"""The roles a person can hold. Everyone who signs up is a participant; the other roles are groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_REPRESENTATIVE = "city_representative", _("City representative")
    STAFF = "staff", _("Network staff")
    REVIEWER = "reviewer", _("Reviewer")


# The group that carries each role, and the permissions the group holds ("app_label.codename").
ROLE_GROUPS = {
    Role.CITY_REPRESENTATIVE: "City representatives",
    Role.STAFF: "Network staff",
    Role.REVIEWER: "Reviewers",
}
ROLE_PERMISSIONS = {
    Role.CITY_REPRESENTATIVE: [],
    Role.STAFF: [
        "accounts.manage_roles",
        "accounts.view_user",
        "audit.view_auditentry",
        "cities.review_application",
        "notifications.view_delivery",
        "notifications.change_delivery",
        "practices.curate_practice",
        "practices.verify_adoption",
    ],
    Role.REVIEWER: [],
}
# Roles whose holders must pass a second factor before any staff page.
SECOND_FACTOR_ROLES = {Role.STAFF, Role.REVIEWER}


def roles_from_group_names(names) -> set[Role]:
    group_to_role = {group: role for role, group in ROLE_GROUPS.items()}
    return {group_to_role[name] for name in names if name in group_to_role}
