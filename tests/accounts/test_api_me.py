import re
from datetime import timedelta

from django.utils import timezone
from rest_framework.test import APIClient

from network.accounts.models import ApiToken
from network.accounts.services import api_token_rotate


def test_it_answers_401_to_anonymous_requests(db):
    response = APIClient().get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_shows_the_signed_in_person_their_own_account(client, city_rep):
    client.force_login(city_rep)
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json() == {
        "id": city_rep.pk,
        "handle": "glasgow_office",
        "email": "rep@glasgow.example",
        "affiliation_kind": "",
        "affiliation": "",
        "preferred_language": "en",
        "roles": ["city_representative"],
        "date_joined": response.json()["date_joined"],
    }


def test_it_accepts_a_token(participant):
    _token, key = api_token_rotate(actor=participant)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/me/").json()["handle"] == "river_watch"
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/v1/me/").status_code == 401


def test_it_updates_the_profile(participant):
    api = APIClient()
    api.force_authenticate(participant)
    response = api.patch("/api/v1/me/", {"affiliation": "Mothers Against Police Brutality"}, format="json")
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.affiliation == "Mothers Against Police Brutality"


def test_it_answers_400_with_field_errors(participant, outsider):
    api = APIClient()
    api.force_authenticate(participant)
    response = api.patch(
        "/api/v1/me/",
        {"handle": outsider.handle, "preferred_language": "xx", "affiliation_kind": "king"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"handle", "preferred_language", "affiliation_kind"}
    participant.refresh_from_db()
    assert participant.handle == "river_watch"


def test_it_refuses_other_methods(participant):
    api = APIClient()
    api.force_authenticate(participant)
    assert api.delete("/api/v1/me/").status_code == 405
    assert api.post("/api/v1/me/", {}).status_code == 405


def test_the_token_page_shows_a_new_token_once(client, participant, reauthenticate):
    client.force_login(participant)
    reauthenticate()
    response = client.post("/accounts/api-token/", {"action": "rotate"})
    key = re.search(r'<code class="token" id="new-token">([^<]+)</code>', response.text).group(1)
    assert key not in client.get("/accounts/api-token/").text
    client.post("/accounts/api-token/", {"action": "revoke"})
    assert not ApiToken.objects.filter(user=participant).exists()


def test_the_api_throttles_anonymous_callers(db, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    api = APIClient()
    assert [api.get("/api/schema/").status_code for _ in range(2)] == [200, 200]
    response = api.get("/api/schema/")
    assert response.status_code == 429
    assert "Retry-After" in response


def test_creating_a_token_asks_for_the_password_again(client, participant):
    client.force_login(participant)
    assert client.get("/accounts/api-token/").status_code == 200
    response = client.post("/accounts/api-token/", {"action": "rotate"})
    assert response.url.startswith("/accounts/reauthenticate/")
    assert not ApiToken.objects.filter(user=participant).exists()


def test_the_token_page_rejects_an_unknown_action(client, participant, reauthenticate):
    client.force_login(participant)
    reauthenticate()
    assert client.post("/accounts/api-token/", {"action": "steal"}).status_code == 400
    assert not ApiToken.objects.filter(user=participant).exists()


def test_a_session_write_needs_the_csrf_token(participant):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(participant)
    response = api.patch("/api/v1/me/", {"affiliation": "x"}, format="json")
    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.affiliation == ""


def test_the_throttle_cannot_be_dodged_with_a_forged_forwarded_for(db, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    api = APIClient()
    codes = [api.get("/api/schema/", HTTP_X_FORWARDED_FOR=f"10.0.0.{index}").status_code for index in range(3)]
    assert codes == [200, 200, 429]


def test_the_token_page_refuses_other_methods(client, participant, reauthenticate):
    client.force_login(participant)
    reauthenticate()
    assert client.put("/accounts/api-token/").status_code == 405


def test_only_a_hash_of_the_token_is_kept(participant):
    token, key = api_token_rotate(actor=participant)
    stored = ApiToken.objects.filter(pk=token.pk).values_list("prefix", "digest").get()
    assert key.startswith(stored[0] + ".")
    assert key.split(".", 1)[1] not in "".join(stored)


def test_a_forged_or_expired_token_is_refused(participant):
    token, key = api_token_rotate(actor=participant)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.prefix}.not-the-secret")
    assert api.get("/api/v1/me/").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - timedelta(days=91), expires_at=timezone.now() - timedelta(days=1)
    )
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_new_token_lasts_the_configured_days(participant, settings):
    settings.API_TOKEN_DAYS = 30
    token, _key = api_token_rotate(actor=participant)
    assert (token.expires_at - token.created_at) == timedelta(days=30)
