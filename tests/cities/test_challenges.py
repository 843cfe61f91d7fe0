"""A city's challenges and legal system: who records them, bad input, the pages, the API, the audit rows, the
notice to the city's followers, and all or nothing."""

import pytest
from django.urls import reverse

import cities.challenges as challenge_services
from cities.challenges import challenge_create, challenge_delete, challenge_update, legal_system_set
from cities.errors import MoveNotAllowed
from cities.models import CityChallenge, MembershipStatus
from cities.services import membership_suspend
from network.audit.models import AuditEntry
from network.notifications.models import Event, Follow
from tests.cities.conftest import GLASGOW, TBILISI
from tests.factories import UserFactory
from tests.transactions import InjectedFault, database_state, fail_at

DESCRIPTION = "Young Black men are stopped <b>ten times</b> as often.\nSince 2019."


@pytest.fixture
def city(participant, member_city):
    """Kampala, led by `participant`."""
    return member_city(participant)


@pytest.fixture
def challenge(city, participant):
    return challenge_create(actor=participant, city=city, kind="racial_profiling", description=DESCRIPTION)


# --- Services ---------------------------------------------------------------------------------------------------


def test_it_records_a_challenge_with_an_audit_row(challenge, participant):
    entry = AuditEntry.objects.get(action="cities.challenge.create")
    assert entry.actor_id == participant.pk and entry.target_id == str(challenge.pk)
    assert entry.after == {"kind": "racial_profiling", "description": DESCRIPTION}


def test_it_tells_the_citys_followers_of_a_new_challenge(city, participant):
    follower = UserFactory()
    Follow.objects.create(user=follower, target_type="cities.city", target_id=str(city.pk))
    challenge = challenge_create(actor=participant, city=city, kind="corruption", description="Bribes at checkpoints.")
    event = Event.objects.get(kind="cities.challenge_recorded")
    assert event.target_id == str(challenge.pk) and event.data == {"city": city.name, "challenge": "corruption"}
    assert event.audience["name"] == "followers" and event.audience["target_id"] == str(city.pk)


def test_it_refuses_a_second_challenge_of_the_same_kind(challenge, city, participant):
    with pytest.raises(Exception) as error:
        challenge_create(actor=participant, city=city, kind="racial_profiling", description="Again.")
    assert "already recorded" in str(error.value)
    assert CityChallenge.objects.count() == 1


@pytest.mark.parametrize("who", ["outsider", "city_rep", "staff_member", "reviewer"])
def test_it_refuses_anyone_but_the_citys_representatives(request, city, who):
    with pytest.raises(MoveNotAllowed):
        challenge_create(actor=request.getfixturevalue(who), city=city, kind="corruption", description="x")


def test_it_refuses_the_representatives_of_a_suspended_city(challenge, city, participant, staff_member):
    membership_suspend(actor=staff_member, city=city, reason="No report for two years.")
    challenge.city.refresh_from_db()
    assert challenge.city.membership_status == MembershipStatus.SUSPENDED
    with pytest.raises(MoveNotAllowed):
        challenge_update(actor=participant, challenge=challenge, description="Changed.")
    with pytest.raises(MoveNotAllowed):
        challenge_delete(actor=participant, challenge=challenge)


def test_it_edits_and_removes_with_audit_rows(challenge, participant):
    challenge_update(actor=participant, challenge=challenge, description="Fewer stops since the new rule.")
    entry = AuditEntry.objects.get(action="cities.challenge.update")
    assert (
        entry.before["description"] == DESCRIPTION and entry.after["description"] == "Fewer stops since the new rule."
    )
    challenge_delete(actor=participant, challenge=challenge)
    assert not CityChallenge.objects.exists()
    assert AuditEntry.objects.get(action="cities.challenge.delete").before["kind"] == "racial_profiling"


def test_it_states_the_legal_system(city, participant, outsider):
    legal_system_set(actor=participant, city=city, legal_system="common_law")
    city.refresh_from_db()
    assert city.legal_system == "common_law"
    assert AuditEntry.objects.get(action="cities.city.legal_system").after == {"legal_system": "common_law"}
    with pytest.raises(MoveNotAllowed):
        legal_system_set(actor=outsider, city=city, legal_system="civil_law")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("step", ["audit_record", "notify"])
def test_nothing_persists_when_the_audit_or_the_notice_fails(monkeypatch, city, participant, step):
    before = database_state()
    fail_at(monkeypatch, challenge_services, step)
    with pytest.raises(InjectedFault):
        challenge_create(actor=participant, city=city, kind="corruption", description="Bribes.")
    assert database_state() == before


# --- Pages --------------------------------------------------------------------------------------------------------


def test_a_representative_records_a_challenge_in_the_browser_form(client, city, participant):
    client.force_login(participant)
    url = reverse("cities:challenge_create", args=[city.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "youth_violence", "description": "Knife crime among teenagers."})
    challenge = CityChallenge.objects.get()
    assert response.status_code == 302 and response["Location"] == challenge.get_absolute_url()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"kind": "", "description": "Something."}, "kind"),
        ({"kind": "not_a_kind", "description": "Something."}, "kind"),
        ({"kind": "corruption", "description": ""}, "description"),
        ({"kind": "corruption", "description": "x" * 4001}, "description"),
    ],
)
def test_the_form_rerenders_with_errors_and_keeps_what_was_typed(client, city, participant, data, field):
    client.force_login(participant)
    response = client.post(reverse("cities:challenge_create", args=[city.slug]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    if data["description"] and len(data["description"]) < 100:
        assert data["description"] in response.text
    assert not CityChallenge.objects.exists()


def test_a_duplicate_kind_is_a_field_error(client, challenge, city, participant):
    client.force_login(participant)
    response = client.post(
        reverse("cities:challenge_create", args=[city.slug]), {"kind": "racial_profiling", "description": "Twice."}
    )
    assert response.status_code == 400 and "already recorded" in str(response.context["form"].errors["kind"])
    assert "Twice." in response.text


def test_edit_and_remove_pages(client, challenge, city, participant):
    client.force_login(participant)
    edit = reverse("cities:challenge_edit", args=[city.slug, challenge.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"kind": "racial_profiling", "description": "Updated."}).status_code == 302
    challenge.refresh_from_db()
    assert challenge.description == "Updated."
    remove = reverse("cities:challenge_delete", args=[city.slug, challenge.pk])
    assert client.get(remove).status_code == 200
    assert client.post(remove).status_code == 302
    assert not CityChallenge.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "city_rep", "staff_member", "reviewer"])
def test_other_people_are_refused_the_forms(client, request, challenge, city, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("cities:challenge_create", args=[city.slug]),
        reverse("cities:challenge_edit", args=[city.slug, challenge.pk]),
        reverse("cities:challenge_delete", args=[city.slug, challenge.pk]),
        reverse("cities:legal_system", args=[city.slug]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"kind": "corruption", "description": "x", "legal_system": "mixed"}).status_code == 403
    assert CityChallenge.objects.get().kind == "racial_profiling"


def test_the_challenge_page_escapes_the_description(client, challenge):
    response = client.get(challenge.get_absolute_url())
    assert response.status_code == 200
    assert "<b>ten times</b>" not in response.text and "&lt;b&gt;ten times&lt;/b&gt;" in response.text


def test_a_challenge_of_another_city_is_not_found_under_this_one(client, challenge, outsider, member_city):
    other = member_city(outsider, GLASGOW)
    assert client.get(reverse("cities:challenge", args=[other.slug, challenge.pk])).status_code == 404


def test_the_legal_system_form(client, city, participant):
    client.force_login(participant)
    url = reverse("cities:legal_system", args=[city.slug])
    assert client.post(url, {"legal_system": "sharia"}).status_code == 400
    assert client.post(url, {"legal_system": "civil_law"}).status_code == 302
    city.refresh_from_db()
    assert city.legal_system == "civil_law"
    assert "Civil law" in client.get(city.get_absolute_url()).text


def test_the_list_page_makes_a_fixed_number_of_queries(client, city, participant, django_assert_num_queries):
    for kind in ("corruption", "youth_violence", "surveillance"):
        challenge_create(actor=participant, city=city, kind=kind, description="Described.")
    # the city, its challenges
    with django_assert_num_queries(2):
        response = client.get(reverse("cities:challenges", args=[city.slug]))
    assert response.status_code == 200 and "Surveillance of communities of colour" in response.text


# --- API ----------------------------------------------------------------------------------------------------------


def test_the_api_lists_and_creates(client, city, participant, django_assert_num_queries):
    for kind in ("corruption", "youth_violence", "surveillance"):
        challenge_create(actor=participant, city=city, kind=kind, description="Described.")
    url = f"/api/v1/cities/{city.slug}/challenges/"
    # the city, the count, the page of challenges with their city
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200
    assert [row["kind"] for row in response.json()["results"]] == ["corruption", "surveillance", "youth_violence"]
    client.force_login(participant)
    response = client.post(
        url, {"kind": "police_killings", "description": "Four deaths."}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["kind"] == "police_killings"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kind": "nope", "description": "x"}, "kind"),
        ({"description": "x"}, "kind"),
        ({"kind": "corruption", "description": ""}, "description"),
        ({"kind": "corruption", "description": "x" * 4001}, "description"),
    ],
)
def test_the_api_refuses_bad_input(client, city, participant, body, field):
    client.force_login(participant)
    response = client.post(f"/api/v1/cities/{city.slug}/challenges/", body, content_type="application/json")
    assert response.status_code == 400 and field in response.json()


def test_the_api_answers_400_for_a_duplicate_kind(client, challenge, city, participant):
    client.force_login(participant)
    body = {"kind": "racial_profiling", "description": "Twice."}
    response = client.post(f"/api/v1/cities/{city.slug}/challenges/", body, content_type="application/json")
    assert response.status_code == 400 and "kind" in response.json()


def test_the_api_refuses_other_people(client, challenge, city, outsider):
    url = f"/api/v1/cities/{city.slug}/challenges/"
    body = {"kind": "corruption", "description": "x"}
    assert client.post(url, body, content_type="application/json").status_code == 401
    client.force_login(outsider)
    assert client.post(url, body, content_type="application/json").status_code == 403
    detail = f"/api/v1/challenges/{challenge.pk}/"
    assert client.patch(detail, {"description": "y"}, content_type="application/json").status_code == 403
    assert client.delete(detail).status_code == 403
    assert CityChallenge.objects.get().description == DESCRIPTION


def test_the_api_detail_changes_and_removes(client, challenge, participant):
    detail = f"/api/v1/challenges/{challenge.pk}/"
    assert client.get(detail).json()["kind_label"] == "Racial profiling in stops and searches"
    client.force_login(participant)
    response = client.patch(detail, {"description": "Changed."}, content_type="application/json")
    assert response.status_code == 200 and response.json()["description"] == "Changed."
    assert client.patch(detail, {"kind": "bad"}, content_type="application/json").status_code == 400
    assert client.delete(detail).status_code == 204
    assert client.get(detail).status_code == 404


def test_the_api_answers_409_for_a_suspended_city(client, challenge, city, participant, staff_member):
    membership_suspend(actor=staff_member, city=city, reason="No report for two years.")
    client.force_login(participant)
    # The representative stays one, but the city no longer acts: refused as a person who may not.
    response = client.patch(
        f"/api/v1/challenges/{challenge.pk}/", {"description": "y"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_the_city_api_carries_the_legal_system(client, city, participant):
    legal_system_set(actor=participant, city=city, legal_system="mixed")
    assert client.get(f"/api/v1/cities/{city.slug}/").json()["legal_system"] == "mixed"


def test_unknown_city_or_challenge_is_404(client, db):
    assert client.get("/api/v1/cities/nowhere/challenges/").status_code == 404
    assert client.get("/api/v1/challenges/999999/").status_code == 404
    assert client.get(reverse("cities:challenges", args=["nowhere"])).status_code == 404


def test_a_city_of_another_lead_is_not_theirs(client, challenge, outsider, member_city):
    other = member_city(outsider, TBILISI)
    client.force_login(outsider)
    assert client.get(reverse("cities:challenge_create", args=[other.slug])).status_code == 200
    assert client.get(reverse("cities:challenge_edit", args=[challenge.city.slug, challenge.pk])).status_code == 403
