"""The cities API: the directory and a city with its agencies, the applicant's own applications, and staff moves
as explicit actions (session with a second factor only; 409 for a forbidden move; 400 for bad input)."""

import pytest
from rest_framework.test import APIClient

from cities import api as cities_api
from cities import services
from cities.models import MembershipApplication
from network.accounts.services import api_token_rotate
from tests.cities.conftest import GLASGOW, KAMPALA, OFFICE, TBILISI


@pytest.fixture
def unthrottled(monkeypatch):
    """Throttles count in the cache, which without Redis is a database table: keep them out of query counts."""
    for view in (cities_api.CityListApi, cities_api.CityDetailApi):
        monkeypatch.setattr(view, "throttle_classes", [])


@pytest.fixture
def three_members(participant, outsider, city_rep, member_city):
    return [member_city(participant, TBILISI), member_city(outsider, GLASGOW), member_city(city_rep, KAMPALA)]


def test_it_lists_cities_with_the_directorys_filters(three_members, unthrottled, django_assert_num_queries):
    api = APIClient()
    with django_assert_num_queries(2):  # count, page
        response = api.get("/api/v1/cities/", {"region": "europe"})
    assert response.status_code == 200
    assert [city["name"] for city in response.json()["results"]] == ["Glasgow"]
    glasgow = response.json()["results"][0]
    assert glasgow["slug"] == "glasgow-gb" and glasgow["country"] == "United Kingdom"
    assert glasgow["membership_status"] == "member" and glasgow["url"] == "/cities/glasgow-gb/"
    names = [city["name"] for city in api.get("/api/v1/cities/", {"sort": "population"}).json()["results"]]
    assert names == ["Kampala", "Tbilisi", "Glasgow"]
    assert api.get("/api/v1/cities/", {"q": "kamp"}).json()["count"] == 1
    assert api.get("/api/v1/cities/", {"population": "1m_5m"}).json()["count"] == 2


def test_it_answers_400_to_bad_filters(db):
    response = APIClient().get("/api/v1/cities/", {"region": "atlantis", "population": "huge"})
    assert response.status_code == 400
    assert set(response.json()) == {"region", "population"}


def test_a_city_comes_with_its_agencies(three_members, participant, unthrottled, django_assert_num_queries):
    tbilisi = three_members[0]
    for name in ("Patrol Police", "Criminal Police", "Municipal Guard"):
        services.agency_create(actor=participant, city=tbilisi, name=name, level="national")
    with django_assert_num_queries(2):
        response = APIClient().get("/api/v1/cities/tbilisi-ge/")
    assert response.status_code == 200
    assert [agency["name"] for agency in response.json()["agencies"]] == [
        "Criminal Police",
        "Municipal Guard",
        "Patrol Police",
    ]
    assert response.json()["office_name"] == OFFICE["office_name"]
    assert APIClient().get("/api/v1/cities/atlantis-xx/").status_code == 404
    assert APIClient().post("/api/v1/cities/", {}).status_code == 405


def test_the_applicant_reads_only_their_own_applications(participant, outsider, draft, submitted):
    draft(participant, TBILISI)
    submitted(outsider, KAMPALA)
    api = APIClient()
    assert api.get("/api/v1/applications/mine/").status_code == 401
    api.force_authenticate(participant)
    results = api.get("/api/v1/applications/mine/").json()["results"]
    assert [(item["city"]["name"], item["status"]) for item in results] == [("Tbilisi", "draft")]
    assert results[0]["official_email"] == OFFICE["official_email"] and results[0]["has_letter"] is True


def _staff_session(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    return client


@pytest.mark.parametrize(
    ("action", "payload", "status"),
    [
        ("approve", {}, "approved"),
        ("decline", {"reason": "Could not confirm the office."}, "declined"),
        ("request-info", {"reason": "Please send a signed letter."}, "more_info_requested"),
    ],
)
def test_staff_move_an_application_through_the_api(
    client, staff_member, participant, submitted, login_with_second_factor, action, payload, status
):
    application = submitted(participant)
    _staff_session(client, staff_member, login_with_second_factor)
    response = client.post(f"/api/v1/applications/{application.pk}/{action}/", payload, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == status
    assert "official_email" not in response.json() and response.json()["official_email_domain"] == "city.example"
    # The same move again is one the workflow forbids.
    again = client.post(f"/api/v1/applications/{application.pk}/{action}/", payload, content_type="application/json")
    assert again.status_code == 409 and "detail" in again.json()


@pytest.mark.parametrize("action", ["decline", "request-info"])
def test_a_decision_without_a_reason_answers_400(
    client, staff_member, participant, submitted, login_with_second_factor, action
):
    application = submitted(participant)
    _staff_session(client, staff_member, login_with_second_factor)
    response = client.post(f"/api/v1/applications/{application.pk}/{action}/", {}, content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(
        f"/api/v1/applications/{application.pk}/{action}/", {"reason": ""}, content_type="application/json"
    )
    assert response.status_code == 400
    assert MembershipApplication.objects.get(pk=application.pk).status == "submitted"


def test_staff_moves_refuse_an_api_token(staff_member, participant, submitted):
    application = submitted(participant)
    _token, key = api_token_rotate(actor=staff_member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post(f"/api/v1/applications/{application.pk}/approve/").status_code == 403
    assert MembershipApplication.objects.get(pk=application.pk).status == "submitted"


def test_staff_moves_refuse_a_session_without_the_second_factor(client, staff_member, participant, submitted):
    application = submitted(participant)
    client.force_login(staff_member)
    response = client.post(f"/api/v1/applications/{application.pk}/approve/")
    assert response.status_code == 403 and "second factor" in response.json()["detail"]


@pytest.mark.parametrize("role", ["participant", "city_rep", "reviewer"])
def test_staff_moves_refuse_other_roles(client, all_roles, outsider, submitted, enable_totp, role):
    application = submitted(outsider)
    client.force_login(all_roles[role])
    for action in ("approve", "decline", "request-info"):
        response = client.post(f"/api/v1/applications/{application.pk}/{action}/", {"reason": "x"})
        assert response.status_code == 403, action


def test_staff_moves_refuse_anonymous_requests_and_other_methods(
    client, staff_member, participant, submitted, login_with_second_factor
):
    application = submitted(participant)
    assert client.post(f"/api/v1/applications/{application.pk}/approve/").status_code == 401
    _staff_session(client, staff_member, login_with_second_factor)
    assert client.get(f"/api/v1/applications/{application.pk}/approve/").status_code == 405
    assert client.post("/api/v1/applications/999999/approve/").status_code == 404
