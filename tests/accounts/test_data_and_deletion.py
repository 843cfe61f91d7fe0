import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from network.accounts.models import User
from network.audit.models import AuditEntry


def test_it_exports_a_persons_own_data_without_secrets(client, participant, enable_totp):
    secret = enable_totp(participant)
    client.force_login(participant)
    response = client.get("/accounts/data/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cities-for-just-policing-river_watch.json"'
    data = json.loads(response.content)
    assert data["user"]["handle"] == "river_watch"
    assert data["email_addresses"] == [{"email": "river@example.org", "verified": True, "primary": True}]
    assert [factor["type"] for factor in data["second_factors"]] == ["totp"]
    assert secret not in response.text
    assert "password" not in response.text


def test_the_export_needs_an_account(client, db):
    response = client.get("/accounts/data/download/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/accounts/data/download/")


def test_it_deletes_an_account_after_confirmation(client, participant, password, reauthenticate):
    client.force_login(participant)
    reauthenticate()
    pk = participant.pk
    response = client.post("/accounts/delete/", {"password": password, "confirm": "on"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert not User.objects.filter(pk=pk).exists()
    assert not EmailAddress.objects.filter(email="river@example.org").exists()
    assert not Authenticator.objects.filter(user_id=pk).exists()
    entry = AuditEntry.objects.get(action="accounts.user.delete")
    assert entry.target_id == str(pk) and entry.actor is None
    assert "river@example.org" not in json.dumps([entry.before, entry.after, entry.data, entry.target_label])
    assert "_auth_user_id" not in client.session


def test_it_keeps_the_account_without_the_right_password_or_confirmation(client, participant, password, reauthenticate):
    client.force_login(participant)
    reauthenticate()
    response = client.post("/accounts/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "not your current password" in response.text
    response = client.post("/accounts/delete/", {"password": password})
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert User.objects.filter(pk=participant.pk).exists()


def test_deletion_first_asks_for_the_password_again(client, participant, password):
    client.force_login(participant)
    response = client.post("/accounts/delete/", {"password": password, "confirm": "on"})
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/reauthenticate/?next=%2Faccounts%2Fdelete%2F",
    )
    assert User.objects.filter(pk=participant.pk).exists()


def test_account_pages_need_an_account(client, db):
    for path in ["/accounts/delete/", "/accounts/data/", "/accounts/data/download/", "/accounts/api-token/"]:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={path}")
    response = client.post("/accounts/delete/", {"confirm": "on"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/accounts/delete/")


def test_the_data_download_refuses_other_methods(client, participant):
    client.force_login(participant)
    assert client.post("/accounts/data/download/").status_code == 405


def test_the_export_lists_decisions_others_took_about_the_person(client, staff_member, participant, enable_totp):
    from network.accounts.roles import Role
    from network.accounts.services import api_token_rotate, role_grant

    role_grant(actor=staff_member, user=participant, role=Role.CITY_REPRESENTATIVE, reason="Lagos mayor's office")
    api_token_rotate(actor=participant)
    client.force_login(participant)
    data = json.loads(client.get("/accounts/data/download/").content)
    assert [(item["action"], item["by"], item["data"]["reason"]) for item in data["decisions_about_you"]] == [
        ("accounts.role.grant", "secretariat", "Lagos mayor's office")
    ]
    assert [item["action"] for item in data["activity"]] == ["accounts.api_token.rotate"]
