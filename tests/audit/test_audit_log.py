import pytest
from django.db import DatabaseError, connection, transaction

from network.accounts.roles import Role
from network.accounts.services import role_grant, user_delete
from network.accounts.system import SYSTEM
from network.audit.models import AuditEntry
from tests.factories import UserFactory


def test_entries_cannot_be_changed_or_deleted_through_the_model(staff_member):
    entry = AuditEntry.objects.first()
    entry.action = "something.else"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditentry SET action = 'forged'", "DELETE FROM audit_auditentry"],
)
def test_postgres_refuses_to_change_entries(staff_member, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.update(action="forged")
    assert AuditEntry.objects.filter(action="accounts.role.grant").count() == 1


def test_entries_keep_their_actor_after_the_account_is_deleted(staff_member, city_rep, enable_totp):
    enable_totp(city_rep)
    role_grant(actor=staff_member, user=city_rep, role=Role.REVIEWER, reason="panel")
    staff_id = staff_member.pk
    user_delete(actor=staff_member)
    entry = AuditEntry.objects.get(action="accounts.role.grant", target_id=str(city_rep.pk), actor_id=staff_id)
    assert entry.actor_label == "secretariat"


def test_the_log_page_lists_entries_in_constant_queries(
    client, staff_member, login_with_second_factor, django_assert_num_queries
):
    def grant_three():
        for _ in range(3):
            person = UserFactory()
            role_grant(actor=SYSTEM, user=person, role=Role.CITY_REPRESENTATIVE, reason="city")

    grant_three()
    login_with_second_factor(staff_member)
    with django_assert_num_queries(7):  # no count: the log pages by keyset
        response = client.get("/staff/audit/?action=accounts.role")
    assert response.status_code == 200
    assert response.text.count("accounts.role.grant") == 4
    grant_three()
    with django_assert_num_queries(7):
        client.get("/staff/audit/?action=accounts.role")


def test_the_admin_offers_no_way_to_change_entries(client, superuser, login_with_second_factor):
    login_with_second_factor(superuser)
    entry = AuditEntry.objects.create(action="test.entry", target_type="x", target_id="1")
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    response = client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"action": "forged"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.action == "test.entry"
