import pytest
from django.contrib.auth.models import AnonymousUser

from network.accounts import permissions
from network.accounts.roles import Role
from network.audit.permissions import can_view_audit_log

ROLE_MATRIX = {
    # role fixture: participant, city rep, staff, reviewer, second factor, staff area, manage roles, audit log
    "participant": (True, False, False, False, False, False, False, False),
    "city_rep": (True, True, False, False, False, False, False, False),
    "staff": (True, False, True, False, True, True, True, True),
    "reviewer": (True, False, False, True, True, False, False, False),
}


@pytest.mark.parametrize("role", ROLE_MATRIX)
def test_each_role_may_do_exactly_its_share(all_roles, role):
    user = all_roles[role]
    answers = (
        permissions.is_participant(user),
        permissions.is_city_representative(user),
        permissions.is_network_staff(user),
        permissions.is_reviewer(user),
        permissions.requires_second_factor(user),
        permissions.can_use_staff_area(user),
        permissions.can_manage_roles(user),
        can_view_audit_log(user),
    )
    assert answers == ROLE_MATRIX[role]


def test_visitors_may_do_nothing_that_needs_an_account():
    visitor = AnonymousUser()
    assert not permissions.is_participant(visitor)
    assert not permissions.can_use_staff_area(visitor)
    assert not permissions.can_manage_roles(visitor)
    assert not permissions.requires_second_factor(visitor)
    assert not can_view_audit_log(visitor)


def test_a_deactivated_account_loses_its_roles(staff_member):
    staff_member.is_active = False
    assert not permissions.is_network_staff(staff_member)
    assert not permissions.can_manage_roles(staff_member)


def test_a_superuser_needs_a_second_factor(db):
    from network.accounts.models import User

    admin = User.objects.create_superuser("root@example.org", "x-long-password-1", handle="rootuser")
    assert permissions.requires_second_factor(admin)


def test_roles_are_groups_with_their_permissions(staff_member, reviewer, city_rep):
    assert staff_member.groups.get().name == "Network staff"
    assert staff_member.has_perm("accounts.manage_roles")
    assert staff_member.is_staff
    assert not reviewer.has_perm("accounts.manage_roles")
    assert {Role.CITY_REPRESENTATIVE} == permissions.user_roles(city_rep)
