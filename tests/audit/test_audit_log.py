import pytest

from network.accounts.roles import Role
from network.accounts.services import role_grant
from network.audit.models import AuditEntry
from tests.factories import UserFactory


def test_entries_cannot_be_changed_or_deleted(staff_member):
    entry = AuditEntry.objects.first()
    entry.action = "something.else"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_the_log_page_lists_entries_in_constant_queries(
    client, staff_member, login_with_second_factor, django_assert_num_queries
):
    for _ in range(3):
        role_grant(actor=staff_member, user=UserFactory(), role=Role.REVIEWER, reason="panel")
    login_with_second_factor(staff_member)
    with django_assert_num_queries(8):
        response = client.get("/staff/audit/?action=accounts.role")
    assert response.status_code == 200
    assert response.text.count("accounts.role.grant") == 4
    for _ in range(3):
        role_grant(actor=staff_member, user=UserFactory(), role=Role.REVIEWER, reason="panel")
    with django_assert_num_queries(8):
        client.get("/staff/audit/?action=accounts.role")


def test_the_admin_offers_no_way_to_change_entries(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    entry = AuditEntry.objects.first()
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
