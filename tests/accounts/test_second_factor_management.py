"""Once a second factor exists, only the second factor unlocks its management (recovery codes, devices), the
password alone never does; setting up the first factor counts as passing it; signing in is not followed by a
second password prompt; and the person lands on the page they asked for."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from tests.conftest import totp_code

MANAGEMENT_PAGES = [
    "/accounts/2fa/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/recovery-codes/download/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/webauthn/",
    "/accounts/2fa/webauthn/add/",
]


@pytest.fixture
def staff_with_codes(staff_member, enable_totp):
    secret = enable_totp(staff_member)
    codes = RecoveryCodes.activate(staff_member).get_unused_codes()
    return staff_member, secret, codes


@pytest.mark.parametrize("path", MANAGEMENT_PAGES)
def test_it_asks_for_the_second_factor_before_any_management_page(client, staff_with_codes, path):
    staff_member, _secret, codes = staff_with_codes
    client.force_login(staff_member)
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/2fa/reauthenticate/?next=")
        assert codes[0] not in response.text


def test_the_password_alone_never_shows_the_recovery_codes(client, staff_with_codes, password):
    staff_member, _secret, codes = staff_with_codes
    client.force_login(staff_member)
    # The password page is not offered any more: it sends the person to the second factor.
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302 and response.url.startswith("/accounts/2fa/reauthenticate/")
    response = client.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 302 and response.url.startswith("/accounts/2fa/reauthenticate/")
    assert not any(code in response.text for code in codes)


def test_the_second_factor_shows_the_recovery_codes(client, staff_with_codes):
    staff_member, secret, codes = staff_with_codes
    client.force_login(staff_member)
    path = "/accounts/2fa/recovery-codes/"
    response = client.post(f"/accounts/2fa/reauthenticate/?next={path}", {"code": totp_code(secret), "next": path})
    assert response.status_code == 302 and response.url == path
    response = client.get(path)
    assert response.status_code == 200 and codes[0] in response.text


def test_a_second_factor_passed_long_ago_is_asked_again(client, staff_with_codes, password, time_machine):
    staff_member, secret, _codes = staff_with_codes
    time_machine.move_to("2026-03-01 10:00:00+00:00", tick=False)
    client.post("/accounts/login/", {"login": staff_member.email, "password": password})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200
    time_machine.move_to("2026-03-01 10:06:00+00:00", tick=False)
    response = client.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 302 and response.url.startswith("/accounts/2fa/reauthenticate/")
    # The staff pages stay open: the session did pass the factor.
    assert client.get("/staff/").status_code == 200


def test_the_code_page_offers_no_password_loop(client, staff_with_codes):
    staff_member, _secret, _codes = staff_with_codes
    client.force_login(staff_member)
    response = client.get("/accounts/2fa/reauthenticate/?next=/staff/")
    assert response.status_code == 200
    assert "Use your password" not in response.text
    assert "/accounts/reauthenticate/" not in response.text


def test_staff_who_enrol_are_taken_to_the_page_they_asked_for_and_have_passed_the_factor(
    client, staff_member, password
):
    client.post("/accounts/login/", {"login": staff_member.email, "password": password})
    response = client.get("/staff/people/")
    assert response.url == "/accounts/2fa/totp/activate/?next=%2Fstaff%2Fpeople%2F"
    # Signed in a moment ago: the activation page comes without a second password prompt.
    response = client.get(response.url)
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    # allauth's form posts to the bare URL: where the person was going is kept from the page they were shown.
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302 and response.url == "/staff/people/"
    assert client.get("/staff/people/").status_code == 200
    # Enrolling proved the factor: its recovery codes are shown in this session.
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200


def test_enrolling_without_next_still_shows_the_recovery_codes(client, participant, password):
    client.post("/accounts/login/", {"login": participant.email, "password": password})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302 and response.url == "/accounts/2fa/recovery-codes/"


def test_an_outside_next_is_not_followed(client, participant, password):
    client.post("/accounts/login/", {"login": participant.email, "password": password})
    client.get("/accounts/2fa/totp/activate/?next=https://evil.example/")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/accounts/2fa/recovery-codes/"


def test_without_a_factor_the_password_is_asked_again_only_after_a_while(client, participant, password, time_machine):
    time_machine.move_to("2026-03-01 10:00:00+00:00", tick=False)
    client.post("/accounts/login/", {"login": participant.email, "password": password})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    time_machine.move_to("2026-03-01 10:06:00+00:00", tick=False)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302 and response.url.startswith("/accounts/reauthenticate/")
