import re

from allauth.account.models import EmailAddress
from django.core import mail

from network.accounts.models import User

SIGNUP = {
    "email": "amara@example.org",
    "handle": "amara_k",
    "password1": "a-long-passphrase-42",
    "password2": "a-long-passphrase-42",
    "affiliation_kind": "activist",
    "affiliation": "",
    "preferred_language": "fr",
}


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_it_signs_up_verifies_and_logs_in(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="amara@example.org")
    assert (user.handle, user.affiliation_kind, user.preferred_language) == ("amara_k", "activist", "fr")
    assert not EmailAddress.objects.get(user=user).verified

    # Unverified: logging in only re-sends the verification mail.
    client.logout()
    response = client.post("/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    link = _confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    response = client.post("/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    # The interface switches to the language chosen at sign-up.
    assert response.cookies["django_language"].value == "fr"


def test_it_logs_out_on_post(client, participant, password):
    client.post("/accounts/login/", {"login": participant.email, "password": password})
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_it_rejects_a_taken_handle_and_keeps_what_was_typed(client, participant):
    response = client.post("/accounts/signup/", {**SIGNUP, "handle": participant.handle.upper()})
    assert response.status_code == 200
    assert "This handle is already taken" in response.text
    assert 'value="amara@example.org"' in response.text
    assert User.objects.filter(email="amara@example.org").count() == 0


def test_it_rejects_malformed_and_reserved_handles(client, db):
    for handle, message in [("a b", "3 to 30 characters"), ("x", "3 to 30 characters"), ("admin", "reserved")]:
        response = client.post("/accounts/signup/", {**SIGNUP, "handle": handle})
        assert response.status_code == 200
        assert message in response.text
    assert not User.objects.exists()


def test_it_rejects_a_weak_or_mismatched_password(client, db):
    response = client.post("/accounts/signup/", {**SIGNUP, "password1": "password", "password2": "password"})
    assert response.status_code == 200
    assert "too common" in response.text
    response = client.post("/accounts/signup/", {**SIGNUP, "password2": "something-else-42"})
    assert "same password" in response.text
    assert not User.objects.exists()


def test_it_does_not_reveal_an_existing_email_on_signup(client, participant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", {**SIGNUP, "email": participant.email})
    # Same outcome as a new address: the owner is told by mail, the form says nothing.
    assert response.status_code == 302
    assert User.objects.filter(email=participant.email).count() == 1
    assert mail.outbox[-1].to == [participant.email]
