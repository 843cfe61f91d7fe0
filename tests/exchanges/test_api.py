"""The exchanges API: partners, findings, proposals scoped by role, one action per move (409 for a move the table
forbids, 400 for bad input, staff and reviewer moves refused to tokens), blind recommendations, the register."""

import pytest
from rest_framework.test import APIClient

from exchanges import api as exchanges_api
from exchanges import services
from exchanges.models import Proposal, Status
from network.accounts.services import api_token_rotate
from tests.exchanges.conftest import checklist

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unthrottled(monkeypatch):
    for view in (exchanges_api.PartnerListApi, exchanges_api.RegisterApi, exchanges_api.ProposalListApi):
        monkeypatch.setattr(view, "throttle_classes", [])


def _token_client(user) -> APIClient:
    _token, key = api_token_rotate(actor=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_it_searches_partners_and_lists_verified_findings(partner, verified_finding, staff_member):
    verified_finding(partner, title="Eyes on the protests")
    api = APIClient()
    response = api.get("/api/v1/partners/", {"q": "carabinéros"})
    assert [row["name"] for row in response.json()["results"]] == ["Carabineros de Chile"]
    assert response.json()["results"][0]["verified_findings"] == 1
    detail = api.get(f"/api/v1/partners/{partner.pk}/").json()
    assert [finding["title"] for finding in detail["findings"]] == ["Eyes on the protests"]
    assert api.get("/api/v1/findings/", {"partner": partner.pk}).json()["count"] == 1
    assert api.get("/api/v1/partners/999999/").status_code == 404


def test_it_lets_a_representative_propose_and_submit_with_a_token(city, city_rep, clean_partner):
    api = _token_client(city_rep)
    response = api.post(
        "/api/v1/proposals/",
        {"city": city.slug, "title": "Visit", "partners": [clean_partner.pk], "direction": "receive",
         "exchange_type": "study_visit", "topics": ["de_escalation"], "starts_on": "2027-02-01",
         "ends_on": "2027-02-03", "objectives": "Learn de-escalation."},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.post(f"/api/v1/proposals/{pk}/submit/")
    assert response.status_code == 200 and response.json()["status"] == "submitted"


def test_it_answers_400_with_field_errors(city, city_rep):
    api = _token_client(city_rep)
    response = api.post(
        "/api/v1/proposals/", {"city": city.slug, "topics": ["juggling"], "officers": -1}, format="json"
    )
    assert response.status_code == 400 and {"topics", "officers"} <= set(response.json())
    draft = services.proposal_create(actor=city_rep, city=city, title="Incomplete")
    response = api.post(f"/api/v1/proposals/{draft.pk}/submit/")
    assert response.status_code == 400 and "objectives" in response.json()


def test_it_answers_409_for_a_move_the_table_forbids(make_proposal, city_rep):
    proposal = make_proposal("approved")
    response = _token_client(city_rep).post(f"/api/v1/proposals/{proposal.pk}/withdraw/", {}, format="json")
    assert response.status_code == 409 and "before a decision" in response.json()["detail"]
    assert _token_client(city_rep).post(f"/api/v1/proposals/{proposal.pk}/fly/").status_code == 404


def test_it_answers_403_for_a_move_the_table_gives_someone_else(make_proposal, city_rep, participant):
    proposal = make_proposal("in_review")
    response = _token_client(participant).post(f"/api/v1/proposals/{proposal.pk}/withdraw/", {}, format="json")
    assert response.status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).status == Status.IN_REVIEW
    response = _token_client(city_rep).post(f"/api/v1/proposals/{proposal.pk}/withdraw/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


@pytest.mark.parametrize("move", ["screen", "assign", "open_review", "approve", "reject", "reopen", "review"])
def test_it_refuses_staff_and_reviewer_moves_to_api_tokens(move, make_proposal, staff_member):
    proposal = make_proposal("submitted")
    response = _token_client(staff_member).post(f"/api/v1/proposals/{proposal.pk}/{move}/", {}, format="json")
    assert response.status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).status == Status.SUBMITTED


def test_it_refuses_staff_moves_to_a_session_without_the_second_factor(client, make_proposal, staff_member):
    proposal = make_proposal("submitted")
    client.force_login(staff_member)
    response = client.post(f"/api/v1/proposals/{proposal.pk}/screen/")
    assert response.status_code == 403 and "second factor" in response.json()["detail"]


def test_it_runs_the_staff_moves_for_a_session_with_the_second_factor(
    client, make_proposal, staff_member, reviewers, login_with_second_factor
):
    proposal = make_proposal("submitted")
    login_with_second_factor(staff_member)
    base = f"/api/v1/proposals/{proposal.pk}"
    assert client.post(f"{base}/screen/").json()["status"] == "screening"
    assert client.post(f"{base}/open_review/").status_code == 400
    for person in reviewers[:2]:
        response = client.post(f"{base}/assign/", {"reviewer": person.handle}, content_type="application/json")
        assert response.status_code == 200, response.content
    assert client.post(f"{base}/open_review/", {}, content_type="application/json").json()["status"] == "in_review"
    response = client.post(f"{base}/approve/", {"rationale": "Fine."}, content_type="application/json")
    assert response.status_code == 400 and "__all__" in response.json()


def test_it_keeps_recommendations_blind_in_the_api(client, make_proposal, reviewers, login_with_second_factor):
    proposal = make_proposal("in_review")
    services.review_submit(actor=reviewers[0], proposal=proposal, checklist=checklist(), recommendation="reject")
    login_with_second_factor(reviewers[1])
    assert client.get(f"/api/v1/proposals/{proposal.pk}/").json()["recommendations"] == []
    response = client.post(
        f"/api/v1/proposals/{proposal.pk}/review/",
        {"recommendation": "approve", "checklist": checklist()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    seen = {row["reviewer"]: row["recommendation"] for row in response.json()["recommendations"]}
    assert seen == {"panel_expert": "reject", "panel_two": "approve"}


def test_it_scopes_proposals_by_role(make_proposal, city_rep, participant, staff_member, reviewers):
    draft = make_proposal("draft", title="Draft")
    submitted = make_proposal("submitted", title="Submitted")
    in_review = make_proposal("in_review", title="In review")

    def titles(user):
        return {row["title"] for row in _token_client(user).get("/api/v1/proposals/").json()["results"]}

    assert titles(city_rep) == {"Draft", "Submitted", "In review"}
    assert titles(participant) == {"In review"}
    # A token carries no staff or reviewer power: staff read through it what any participant reads.
    assert titles(staff_member) == {"In review"}
    assert titles(reviewers[0]) == {"In review"}
    assert APIClient().get("/api/v1/proposals/").status_code == 401
    assert draft and submitted and in_review


def test_it_lists_the_register_in_a_fixed_number_of_queries(make_proposal, django_assert_num_queries):
    for title in ("One", "Two", "Three"):
        make_proposal("approved", title=title)
    # count, page, partners, conditions, and the totals (by decision, payer and funder) in one pass
    with django_assert_num_queries(5):
        response = APIClient().get("/api/v1/exchange-register/")
    assert response.json()["count"] == 3
    assert response.json()["totals"]["by_decision"] == [{"label": "Approved", "count": 3}]
