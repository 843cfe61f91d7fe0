import pytest

from tests.conftest import totp_code

STAFF_PAGES = ["/staff/", "/staff/people/", "/staff/audit/", "/admin/"]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_it_sends_staff_without_an_authenticator_to_set_one_up(client, staff_member, password, path):
    client.post("/accounts/login/", {"login": staff_member.email, "password": password})
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/totp/activate/?next=")


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_it_asks_for_the_code_when_the_session_skipped_it(client, staff_member, password, enable_totp, path):
    client.force_login(staff_member)
    secret = enable_totp(staff_member)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/reauthenticate/?next=")
    response = client.post(response.url, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_reach_staff_pages_after_the_second_factor(client, staff_member, login_with_second_factor, path):
    login_with_second_factor(staff_member)
    assert client.get(path).status_code == 200


def test_reviewers_are_held_to_the_second_factor_too(client, reviewer, password):
    client.post("/accounts/login/", {"login": reviewer.email, "password": password})
    assert client.get("/staff/").url.startswith("/accounts/2fa/totp/activate/?next=")
    assert client.get("/admin/").url.startswith("/accounts/2fa/totp/activate/?next=")


def test_a_wrong_code_does_not_log_in(client, staff_member, password, enable_totp):
    enable_totp(staff_member)
    client.post("/accounts/login/", {"login": staff_member.email, "password": password})
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code" in response.text
    assert "_auth_user_id" not in client.session


def test_admin_login_goes_through_the_platform_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_participants_are_refused_staff_pages(client, participant, city_rep):
    for user in (participant, city_rep):
        client.force_login(user)
        assert client.get("/staff/").status_code == 403
        assert client.get("/staff/people/").status_code == 403
        assert client.get("/staff/audit/").status_code == 403
        assert client.get("/admin/").url == "/admin/login/?next=/admin/"
        assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, db):
    for path in ["/staff/", "/staff/people/", "/staff/audit/"]:
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_staff_cannot_remove_their_last_second_factor(client, staff_member, login_with_second_factor, reauthenticate):
    from allauth.mfa.models import Authenticator

    login_with_second_factor(staff_member)
    reauthenticate()
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert Authenticator.objects.filter(user=staff_member, type="totp").exists()


def test_participants_may_remove_their_second_factor(client, participant, login_with_second_factor, reauthenticate):
    from allauth.mfa.models import Authenticator

    login_with_second_factor(participant)
    reauthenticate()
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=participant, type="totp").exists()


def test_totp_secrets_and_recovery_codes_are_stored_encrypted(client, participant, enable_totp, settings):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    secret = enable_totp(participant)
    codes = RecoveryCodes.activate(participant)
    stored = Authenticator.objects.get(user=participant, type="totp").data["secret"]
    assert secret not in stored
    seed = Authenticator.objects.get(user=participant, type="recovery_codes").data["seed"]
    assert len(seed) > 60
    # A rotated SECRET_KEY still reads what the previous one wrote.
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789abcdef"
    response = client.post("/accounts/login/", {"login": participant.email, "password": "correct-horse-battery-9"})
    assert response.url.startswith("/accounts/2fa/authenticate")
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)
    assert codes.get_unused_codes()


@pytest.mark.parametrize("path", ["/staff/people/", "/admin/"])
def test_a_script_name_prefix_does_not_skip_the_second_factor(client, staff_member, password, path):
    client.post("/accounts/login/", {"login": staff_member.email, "password": password})
    response = client.get(path, SCRIPT_NAME="/prefix")
    assert response.status_code == 302
    assert response.url.split("?")[0].endswith("/accounts/2fa/totp/activate/")


def test_the_admin_site_itself_refuses_a_session_without_the_second_factor(rf, staff_member, enable_totp):
    from django.contrib import admin
    from django.contrib.sessions.backends.db import SessionStore

    enable_totp(staff_member)
    request = rf.get("/admin/")
    request.user = staff_member
    request.session = SessionStore()
    assert admin.site.has_permission(request) is False


def _passkey(user, name="Laptop key"):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.WEBAUTHN, data={"name": name, "credential": {}, "passwordless": False}
    )


def test_staff_cannot_remove_their_only_passkey(client, staff_member, pass_second_factor):
    from allauth.mfa.models import Authenticator

    key = _passkey(staff_member)
    client.force_login(staff_member)
    pass_second_factor(staff_member)
    response = client.post(f"/accounts/2fa/webauthn/keys/{key.pk}/remove/")
    assert response.status_code == 302 and response.url == "/accounts/2fa/webauthn/"
    assert Authenticator.objects.filter(pk=key.pk).exists()


def test_staff_with_two_factors_may_remove_one(client, staff_member, pass_second_factor, enable_totp):
    from allauth.mfa.models import Authenticator

    enable_totp(staff_member)
    key = _passkey(staff_member)
    client.force_login(staff_member)
    pass_second_factor(staff_member)
    response = client.post(f"/accounts/2fa/webauthn/keys/{key.pk}/remove/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=key.pk).exists()


def test_nobody_removes_someone_elses_passkey(client, participant, outsider, reauthenticate):
    from allauth.mfa.models import Authenticator

    key = _passkey(outsider)
    client.force_login(participant)
    reauthenticate()
    assert client.post(f"/accounts/2fa/webauthn/keys/{key.pk}/remove/").status_code == 404
    assert Authenticator.objects.filter(pk=key.pk).exists()


def test_second_factors_can_be_reencrypted_after_a_key_rotation(client, participant, enable_totp, settings):
    from io import StringIO

    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from django.core.management import call_command

    secret = enable_totp(participant)
    codes = RecoveryCodes.activate(participant).get_unused_codes()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789abcdef"
    output = StringIO()
    call_command("reencrypt_second_factors", stdout=output)
    assert "Re-encrypted 2 second-factor secrets" in output.getvalue()
    settings.SECRET_KEY_FALLBACKS = []  # the old key is gone for good
    assert RecoveryCodes(participant.authenticator_set.get(type="recovery_codes")).get_unused_codes() == codes
    client.post("/accounts/login/", {"login": participant.email, "password": "correct-horse-battery-9"})
    assert client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)}).status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)
