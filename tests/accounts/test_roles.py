import pytest

from network.accounts.errors import RoleChangeNotAllowed
from network.accounts.permissions import user_roles
from network.accounts.roles import Role
from network.accounts.services import role_grant, role_revoke
from network.accounts.system import SYSTEM
from network.audit.models import AuditEntry
from tests.factories import UserFactory


def test_staff_grant_a_role_with_an_audit_row(client, staff_member, participant, login_with_second_factor, enable_totp):
    enable_totp(participant)
    login_with_second_factor(staff_member)
    response = client.post(
        f"/staff/people/{participant.pk}/roles/", {"role": "reviewer", "grant": "1", "reason": "Joined the panel"}
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert user_roles(participant) == {Role.REVIEWER}
    entry = AuditEntry.objects.get(action="accounts.role.grant", target_id=str(participant.pk))
    assert entry.actor == staff_member
    assert entry.after == {"roles": ["reviewer"]}
    assert entry.data == {"role": "reviewer", "reason": "Joined the panel"}


def test_revoking_staff_removes_admin_access(staff_member, city_rep, enable_totp):
    enable_totp(city_rep)
    promoted = role_grant(actor=staff_member, user=city_rep, role=Role.STAFF, reason="Hired")
    assert promoted.is_staff
    demoted = role_revoke(actor=staff_member, user=promoted, role=Role.STAFF, reason="Left")
    assert not demoted.is_staff
    assert user_roles(demoted) == {Role.CITY_REPRESENTATIVE}


def test_it_refuses_role_changes_by_non_staff(reviewer, participant):
    with pytest.raises(RoleChangeNotAllowed):
        role_grant(actor=reviewer, user=participant, role=Role.STAFF, reason="Let me in")
    assert not AuditEntry.objects.filter(action="accounts.role.grant", target_id=str(participant.pk)).exists()


def test_a_role_change_without_an_actor_is_an_error_not_the_system(participant):
    # No actor used to mean "the system" and skipped every check; the system is now named.
    with pytest.raises(TypeError):
        role_grant(actor=None, user=participant, role=Role.STAFF, reason="Let me in")
    assert user_roles(participant) == set()


def test_the_system_grants_a_role_with_an_audit_row_naming_no_person(participant):
    granted = role_grant(actor=SYSTEM, user=participant, role=Role.CITY_REPRESENTATIVE, reason="Represents Kampala")
    assert user_roles(granted) == {Role.CITY_REPRESENTATIVE}
    entry = AuditEntry.objects.get(action="accounts.role.grant", target_id=str(participant.pk))
    assert (entry.actor_id, entry.data["reason"]) == (None, "Represents Kampala")


def test_staff_cannot_remove_their_own_staff_role(staff_member):
    with pytest.raises(RoleChangeNotAllowed):
        role_revoke(actor=staff_member, user=staff_member, role=Role.STAFF, reason="oops")


def test_the_role_form_rejects_bad_input_and_keeps_it(client, staff_member, participant, login_with_second_factor):
    login_with_second_factor(staff_member)
    response = client.post(f"/staff/people/{participant.pk}/roles/", {"role": "emperor", "grant": "1", "reason": ""})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert "This field is required" in response.text
    assert user_roles(participant) == set()


def test_the_role_page_refuses_other_roles_and_methods(client, staff_member, participant, login_with_second_factor):
    client.force_login(participant)
    url = f"/staff/people/{staff_member.pk}/roles/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"role": "staff", "grant": "0", "reason": "x"}).status_code == 403
    client.logout()
    login_with_second_factor(staff_member)
    assert client.put(url).status_code == 405


def test_the_role_page_shows_current_roles(client, staff_member, city_rep, login_with_second_factor):
    login_with_second_factor(staff_member)
    response = client.get(f"/staff/people/{city_rep.pk}/roles/")
    assert response.status_code == 200
    assert '<span class="badge">City representative</span>' in response.text
    assert city_rep.email not in response.text


def test_a_refused_change_keeps_what_was_typed(client, staff_member, participant, login_with_second_factor):
    login_with_second_factor(staff_member)
    response = client.post(
        f"/staff/people/{participant.pk}/roles/", {"role": "reviewer", "grant": "1", "reason": "Joins the panel"}
    )
    assert response.status_code == 409
    assert response.text.count("must set up a second factor") == 1
    assert 'value="Joins the panel"' in response.text
    assert user_roles(participant) == set()


def test_the_people_list_has_a_constant_number_of_queries(
    client, staff_member, login_with_second_factor, django_assert_num_queries
):
    for index in range(3):
        role_grant(actor=SYSTEM, user=UserFactory(), role=Role.CITY_REPRESENTATIVE, reason=f"set-up {index}")
    login_with_second_factor(staff_member)
    # user, groups, authenticator, permissions x2, people (by keyset: no count), their groups, unread
    # notifications
    with django_assert_num_queries(8):
        response = client.get("/staff/people/")
    assert response.status_code == 200
    assert response.text.count("City representative</span>") == 3
    assert response.text.count("/roles/") == 4
    for _ in range(3):
        UserFactory()
    with django_assert_num_queries(8):
        client.get("/staff/people/")


def test_the_people_list_never_shows_emails(client, staff_member, participant, login_with_second_factor):
    login_with_second_factor(staff_member)
    response = client.get("/staff/people/?q=river")
    assert participant.handle in response.text
    assert participant.email not in response.text
    assert staff_member.email not in response.text


@pytest.mark.parametrize("role", [Role.STAFF, Role.REVIEWER])
def test_staff_and_reviewer_roles_need_a_second_factor_first(staff_member, participant, role):
    with pytest.raises(RoleChangeNotAllowed, match="second factor"):
        role_grant(actor=staff_member, user=participant, role=role, reason="promotion")
    assert user_roles(participant) == set()
    assert role_grant(actor=staff_member, user=participant, role=Role.CITY_REPRESENTATIVE, reason="Lagos").pk


def test_a_change_that_changes_nothing_is_refused(staff_member, city_rep, participant):
    with pytest.raises(RoleChangeNotAllowed, match="already has"):
        role_grant(actor=staff_member, user=city_rep, role=Role.CITY_REPRESENTATIVE, reason="again")
    with pytest.raises(RoleChangeNotAllowed, match="does not have"):
        role_revoke(actor=staff_member, user=participant, role=Role.REVIEWER, reason="never was")


def test_staff_without_the_second_factor_change_nothing(client, staff_member, participant, password):
    client.post("/accounts/login/", {"login": staff_member.email, "password": password})
    response = client.post(
        f"/staff/people/{participant.pk}/roles/", {"role": "city_representative", "grant": "1", "reason": "x"}
    )
    assert response.status_code == 302 and response.url.startswith("/accounts/2fa/totp/activate/?next=")
    assert user_roles(participant) == set()
    assert not AuditEntry.objects.filter(target_id=str(participant.pk)).exists()


def test_a_role_change_for_an_unknown_person_is_404(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    response = client.post("/staff/people/999999/roles/", {"role": "reviewer", "grant": "1", "reason": "x"})
    assert response.status_code == 404


def test_reviewers_are_refused_role_and_audit_pages(client, reviewer, login_with_second_factor):
    login_with_second_factor(reviewer)
    assert client.get("/staff/").status_code == 403
    assert 'href="/staff/"' not in client.get("/").text
    assert client.get("/staff/people/").status_code == 403
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_staff_find_people_by_any_part_of_a_handle(client, staff_member, login_with_second_factor):
    UserFactory(handle="Lagos_Mothers")
    UserFactory(handle="glasgow_vru")
    login_with_second_factor(staff_member)
    response = client.get("/staff/people/?q=MOTHER")
    assert "Lagos_Mothers" in response.text
    assert "glasgow_vru" not in response.text


def test_the_handle_search_has_a_trigram_index(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'accounts_user_handle_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin (upper((handle)::text) gin_trgm_ops)" in definition


@pytest.mark.parametrize("role", ["city_rep", "reviewer"])
def test_other_roles_cannot_change_roles(client, all_roles, login_with_second_factor, role):
    login_with_second_factor(all_roles[role])
    target = all_roles["participant"]
    response = client.post(f"/staff/people/{target.pk}/roles/", {"role": "staff", "grant": "1", "reason": "x"})
    assert response.status_code == 403
    assert user_roles(target) == set()


def test_staff_lists_refuse_other_methods(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    for path in ["/staff/", "/staff/people/", "/staff/audit/"]:
        assert client.post(path).status_code == 405, path


def test_staff_lists_shrug_off_bad_parameters(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    for path in [
        "/staff/people/?page=abc",
        "/staff/people/?role=emperor&page=999",
        "/staff/audit/?action=" + "x" * 500,
    ]:
        assert client.get(path).status_code == 200, path


def test_the_filtered_people_list_has_a_constant_number_of_queries(
    client, staff_member, login_with_second_factor, django_assert_num_queries
):
    for index in range(3):
        role_grant(actor=SYSTEM, user=UserFactory(handle=f"lagos_{index}"), role=Role.CITY_REPRESENTATIVE, reason="x")
    login_with_second_factor(staff_member)
    with django_assert_num_queries(8):  # by keyset: no count
        response = client.get("/staff/people/?q=lagos&role=city_representative")
    assert response.text.count('<th scope="row">lagos_') == 3


def test_an_empty_role_form_explains_what_is_missing(client, staff_member, participant, login_with_second_factor):
    login_with_second_factor(staff_member)
    response = client.post(f"/staff/people/{participant.pk}/roles/", {})
    assert response.status_code == 400
    # Each of the three fields: once in the summary at the top, once beside the field.
    assert response.text.count("This field is required") == 6
    assert response.text.count("data-error-summary") == 1
