import re

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core import mail

from tests.conftest import totp_code


def test_it_answers_the_same_for_known_and_unknown_emails(client, participant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/accounts/password/reset/", {"email": participant.email})
        unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert (known.status_code, known["Location"]) == (302, "/accounts/password/reset/done/")
    assert client.get(known.url).text.count("nobody@example.org") == 0
    # Both addresses get a mail, so the inbox is the only place that tells them apart.
    assert sorted(message.to[0] for message in mail.outbox) == sorted([participant.email, "nobody@example.org"])


def test_it_resets_a_forgotten_password(client, participant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": participant.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    response = client.post(form_url, {"password1": "a-brand-new-secret-77", "password2": "a-brand-new-secret-77"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/key/done/")
    participant.refresh_from_db()
    assert participant.check_password("a-brand-new-secret-77")
    # The link is used up: a second try changes nothing.
    client.post(form_url, {"password1": "x-another-secret-88", "password2": "x-another-secret-88"})
    participant.refresh_from_db()
    assert participant.check_password("a-brand-new-secret-77")


def test_it_rejects_a_malformed_email(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter a valid email address" in response.text
    assert mail.outbox == []


def test_changing_the_password_is_announced_by_mail(client, participant, password, django_capture_on_commit_callbacks):
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/change/",
            {"oldpassword": password, "password1": "another-long-secret-8", "password2": "another-long-secret-8"},
        )
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/change/")
    participant.refresh_from_db()
    assert participant.check_password("another-long-secret-8")
    assert [message.to for message in mail.outbox] == [[participant.email]]
    assert "password" in mail.outbox[0].subject.lower()


def test_adding_a_second_factor_is_announced_by_mail(
    client, participant, reauthenticate, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    reauthenticate()
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/recovery-codes/")
    assert Authenticator.objects.filter(user=participant, type=Authenticator.Type.TOTP).exists()
    assert [message.to for message in mail.outbox] == [[participant.email]]
    assert "authenticator" in mail.outbox[0].subject.lower()
