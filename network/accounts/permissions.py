"""Who may do what with accounts and roles. Views, API and templates all ask here."""

from network.accounts.roles import SECOND_FACTOR_ROLES, Role, roles_from_group_names
from network.accounts.second_factor import acts_in_person


def user_roles(user) -> set[Role]:
    """The roles a user holds beyond participant; cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_network_roles", None)
    if cached is None:
        # .all() so that a prefetched list of groups is used when there is one.
        cached = roles_from_group_names(group.name for group in user.groups.all())
        user._network_roles = cached
    return cached


def has_role(user, role: Role) -> bool:
    return user.is_authenticated and user.is_active and role in user_roles(user)


def is_participant(user) -> bool:
    return user.is_authenticated and user.is_active


def is_city_representative(user) -> bool:
    return has_role(user, Role.CITY_REPRESENTATIVE)


def is_network_staff(user) -> bool:
    return has_role(user, Role.STAFF) or (user.is_authenticated and user.is_active and user.is_superuser)


def is_reviewer(user) -> bool:
    return has_role(user, Role.REVIEWER)


def requires_second_factor(user) -> bool:
    """Staff, reviewers and anyone who can reach the admin site must use a second factor."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or bool(user_roles(user) & SECOND_FACTOR_ROLES)


def holds_power(user, permission: str = "") -> bool:
    """Every staff and reviewer power goes through here: the role's permission, and a person signed in through
    the browser who passed their second factor in this session. An API token, or a session that skipped the
    second factor, acts as a participant would."""
    if not is_participant(user) or not acts_in_person(user):
        return False
    return not permission or user.has_perm(permission)


def lacks_second_factor_for_powers(user) -> bool:
    """Holds a role with powers, but this request cannot use them (token, or second factor not passed): the
    refusal should say so."""
    return requires_second_factor(user) and not acts_in_person(user)


def can_use_staff_area(user) -> bool:
    # Network staff only: the reviewers' own pages come with exchange vetting.
    return is_network_staff(user) and holds_power(user)


def can_manage_roles(user) -> bool:
    return holds_power(user, "accounts.manage_roles")


def can_edit_profile(user, profile_owner) -> bool:
    return is_participant(user) and user.pk == profile_owner.pk
