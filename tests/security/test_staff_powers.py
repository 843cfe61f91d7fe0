"""Every staff and reviewer power needs the second factor passed in this browser session: a session that skipped it
acts as a participant (and is told why), an API token never carries those powers (and the refusal says so)."""

import pytest

from network.accounts import services as account_services
from network.accounts.authentication import BY_TOKEN
from network.accounts.permissions import can_manage_roles, holds_power
from network.accounts.second_factor import IN_PERSON, SignInState, mark_sign_in
from practices import services
from practices.models import Adoption
from tests.cities.conftest import GLASGOW, KAMPALA
from tests.conftest import totp_code

SECOND_FACTOR_REFUSAL = "API token, or a session that skipped the second factor"


@pytest.fixture
def kampala(member_city, city_rep):
    return member_city(city_rep, KAMPALA)


@pytest.fixture
def glasgow(member_city, outsider):
    return member_city(outsider, GLASGOW)


@pytest.fixture
def draft_practice(staff_member):
    from tests.practices.conftest import record

    return services.practice_create(actor=staff_member, sources=[], related=None, **record(slug="secret-draft"))


@pytest.fixture
def staff_without_second_factor(client, staff_member, enable_totp):
    """Staff signed in whose session has not passed the second factor (it is set up, but was not asked)."""
    enable_totp(staff_member)
    client.force_login(staff_member)
    return staff_member


def token_for(user) -> dict:
    _token, key = account_services.api_token_rotate(actor=user)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        (None, False),
        (SignInState(second_factor_passed=False, by_api_token=False), False),
        (BY_TOKEN, False),
        (SignInState(second_factor_passed=True, by_api_token=True), False),
        (IN_PERSON, True),
    ],
)
def test_it_grants_a_power_only_to_a_person_who_passed_the_second_factor(staff_member, state, allowed):
    from network.accounts.models import User

    user = User.objects.get(pk=staff_member.pk)  # a fresh object: it carries nothing
    if state is not None:
        mark_sign_in(user, state)
    assert holds_power(user, "accounts.manage_roles") is allowed
    assert can_manage_roles(user) is allowed


def test_it_refuses_verifying_an_adoption_without_the_second_factor(
    client, staff_without_second_factor, kampala, city_rep, publish
):
    adoption = services.adoption_record(actor=city_rep, city=kampala, practice=publish(), status="adopted")
    response = client.post(f"/practices/adoptions/{adoption.pk}/verify/")
    assert response.status_code == 403
    assert "need your second factor" in response.text
    assert "/accounts/2fa/reauthenticate/?next=" in response.text
    assert Adoption.objects.get(pk=adoption.pk).source == "self_reported"


def test_it_verifies_an_adoption_once_the_second_factor_is_passed(
    client, staff_member, login_with_second_factor, kampala, city_rep, publish
):
    adoption = services.adoption_record(actor=city_rep, city=kampala, practice=publish(), status="adopted")
    login_with_second_factor(staff_member)
    assert client.post(f"/practices/adoptions/{adoption.pk}/verify/").status_code == 302
    assert Adoption.objects.get(pk=adoption.pk).source == "verified"


def test_staff_without_the_second_factor_open_no_other_citys_recording_form(
    client, staff_without_second_factor, glasgow
):
    response = client.get(f"/practices/adoptions/{glasgow.slug}/record/")
    assert response.status_code == 403
    assert "need your second factor" in response.text


def test_staff_who_never_set_up_a_factor_are_sent_to_set_one_up(client, staff_member, password, glasgow):
    client.post("/accounts/login/", {"login": staff_member.email, "password": password})
    response = client.get(f"/practices/adoptions/{glasgow.slug}/record/")
    assert response.status_code == 403
    assert "/accounts/2fa/totp/activate/?next=" in response.text


def test_participants_see_the_plain_refusal(client, participant, glasgow):
    client.force_login(participant)
    response = client.get(f"/practices/adoptions/{glasgow.slug}/record/")
    assert response.status_code == 403
    assert "second factor" not in response.text


def test_an_api_token_records_no_verified_adoption_for_another_city(client, staff_member, glasgow, publish):
    practice = publish()
    response = client.post(
        "/api/v1/adoptions/",
        {"city": glasgow.slug, "practice": practice.slug, "status": "adopted"},
        content_type="application/json",
        **token_for(staff_member),
    )
    assert response.status_code == 403
    assert SECOND_FACTOR_REFUSAL in response.json()["detail"]
    assert not Adoption.objects.exists()


def test_a_session_with_the_second_factor_records_a_verified_adoption(
    client, staff_member, login_with_second_factor, glasgow, publish
):
    practice = publish()
    login_with_second_factor(staff_member)
    response = client.post(
        "/api/v1/adoptions/",
        {"city": glasgow.slug, "practice": practice.slug, "status": "adopted"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Adoption.objects.get().source == "verified"


def test_a_token_rotated_in_a_session_with_the_second_factor_is_still_only_a_token(
    client, staff_member, login_with_second_factor, glasgow, publish
):
    practice = publish()
    login_with_second_factor(staff_member)
    response = client.post("/accounts/api-token/", {"action": "rotate"})
    key = response.context["new_key"]
    client.logout()
    response = client.post(
        "/api/v1/adoptions/",
        {"city": glasgow.slug, "practice": practice.slug, "status": "adopted"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 403
    assert SECOND_FACTOR_REFUSAL in response.json()["detail"]


def test_drafts_stay_hidden_from_staff_without_the_second_factor(client, staff_without_second_factor, draft_practice):
    assert client.get(f"/practices/{draft_practice.slug}/").status_code == 404
    listed = client.get("/api/v1/practices/?q=duty").json()["results"]
    assert draft_practice.slug not in [row["slug"] for row in listed]


def test_drafts_stay_hidden_from_a_staff_token(client, staff_member, draft_practice):
    headers = token_for(staff_member)
    assert client.get(f"/api/v1/practices/{draft_practice.slug}/", **headers).status_code == 404
    listed = client.get("/api/v1/practices/?q=duty", **headers).json()["results"]
    assert draft_practice.slug not in [row["slug"] for row in listed]


def test_staff_with_the_second_factor_read_drafts(client, staff_member, login_with_second_factor, draft_practice):
    login_with_second_factor(staff_member)
    assert client.get(f"/practices/{draft_practice.slug}/").status_code == 200


def test_an_api_token_moves_no_application_and_says_why(client, staff_member, submitted, participant):
    application = submitted(participant)
    response = client.post(
        f"/api/v1/applications/{application.pk}/decline/",
        {"reason": "No."},
        content_type="application/json",
        **token_for(staff_member),
    )
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert SECOND_FACTOR_REFUSAL in detail and "credentials were not provided" not in detail
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_participants_token_is_refused_with_the_plain_message(client, participant, submitted, outsider):
    application = submitted(outsider)
    response = client.post(
        f"/api/v1/applications/{application.pk}/decline/",
        {"reason": "No."},
        content_type="application/json",
        **token_for(participant),
    )
    assert response.status_code == 403
    assert SECOND_FACTOR_REFUSAL not in response.json()["detail"]


def test_passing_the_factor_from_the_refusal_page_brings_back_the_power(client, staff_member, enable_totp, glasgow):
    secret = enable_totp(staff_member)
    client.force_login(staff_member)
    path = f"/practices/adoptions/{glasgow.slug}/record/"
    assert client.get(path).status_code == 403
    response = client.post(f"/accounts/2fa/reauthenticate/?next={path}", {"code": totp_code(secret), "next": path})
    assert response.status_code == 302 and response.url == path
    assert client.get(path).status_code == 200
