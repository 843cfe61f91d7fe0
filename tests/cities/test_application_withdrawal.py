"""The applicant withdraws an application before staff decide, or deletes a draft staff never saw."""

import pytest

from cities import services
from cities.errors import MoveNotAllowed
from cities.models import MembershipApplication
from network.audit.models import AuditEntry
from tests.cities.conftest import KAMPALA, TBILISI


def test_it_withdraws_a_submitted_application_and_audits_it(participant, submitted):
    application = submitted(participant)
    services.application_withdraw(actor=participant, application=application, reason="Wrong office")
    application.refresh_from_db()
    assert application.status == "withdrawn"
    entry = AuditEntry.objects.get(action="cities.application.withdraw")
    assert entry.actor == participant
    assert (entry.before, entry.after) == ({"status": "submitted"}, {"status": "withdrawn"})
    assert entry.data["reason"] == "Wrong office"


def test_a_withdrawn_application_leaves_room_for_a_new_one(participant, submitted):
    application = submitted(participant)
    services.application_withdraw(actor=participant, application=application)
    again = services.application_create(actor=participant, geonames_id=KAMPALA)
    assert again.pk != application.pk and again.status == "draft"


def test_it_refuses_to_withdraw_after_a_decision_or_for_someone_else(participant, outsider, staff_member, submitted):
    application = submitted(participant)
    with pytest.raises(MoveNotAllowed):
        services.application_withdraw(actor=outsider, application=application)
    services.application_decline(actor=staff_member, application=application, reason="Not a city office")
    with pytest.raises(MoveNotAllowed, match="waiting for a decision"):
        services.application_withdraw(actor=participant, application=application)
    assert not AuditEntry.objects.filter(action="cities.application.withdraw").exists()


def test_it_deletes_a_draft_with_its_letter_and_audits_it(participant, draft, django_capture_on_commit_callbacks):
    application = draft(participant)
    storage, name = application.letter.storage, application.letter.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_delete(actor=participant, application=application)
    assert not MembershipApplication.objects.filter(pk=application.pk).exists()
    assert not storage.exists(name)
    entry = AuditEntry.objects.get(action="cities.application.delete")
    assert entry.actor == participant and entry.target_id == str(application.pk)


def test_it_refuses_to_delete_a_submitted_application_or_someone_elses_draft(participant, outsider, draft, submitted):
    with pytest.raises(MoveNotAllowed, match="never submitted"):
        services.application_delete(actor=participant, application=submitted(participant, TBILISI))
    other = draft(outsider)
    with pytest.raises(MoveNotAllowed):
        services.application_delete(actor=participant, application=other)
    assert MembershipApplication.objects.count() == 2


def test_the_pages_withdraw_after_asking(client, participant, submitted):
    application = submitted(participant)
    client.force_login(participant)
    detail = client.get(f"/cities/applications/{application.pk}/")
    assert f'href="/cities/applications/{application.pk}/withdraw/"' in detail.text
    assert "/delete/" not in detail.text
    page = client.get(f"/cities/applications/{application.pk}/withdraw/")
    assert page.status_code == 200 and "Withdraw the application" in page.text
    application.refresh_from_db()
    assert application.status == "submitted"  # asking changes nothing
    response = client.post(f"/cities/applications/{application.pk}/withdraw/", {"reason": ""})
    assert response.status_code == 302 and response.url == "/cities/applications/"
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert client.post(f"/cities/applications/{application.pk}/withdraw/").status_code == 409


def test_the_pages_delete_a_draft_after_asking(client, participant, outsider, draft):
    application = draft(participant)
    client.force_login(outsider)
    assert client.post(f"/cities/applications/{application.pk}/delete/").status_code == 404
    client.force_login(participant)
    assert (
        f'href="/cities/applications/{application.pk}/delete/"'
        in client.get(f"/cities/applications/{application.pk}/edit/").text
    )
    assert client.get(f"/cities/applications/{application.pk}/delete/").status_code == 200
    response = client.post(f"/cities/applications/{application.pk}/delete/")
    assert response.status_code == 302
    assert not MembershipApplication.objects.filter(pk=application.pk).exists()
    assert client.put(f"/cities/applications/{application.pk}/delete/").status_code == 405


def test_the_pages_ask_to_sign_in(client, participant, draft):
    application = draft(participant)
    response = client.post(f"/cities/applications/{application.pk}/delete/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert MembershipApplication.objects.filter(pk=application.pk).exists()


def test_the_api_withdraws_the_applicants_own_application(participant, outsider, submitted, draft):
    from rest_framework.test import APIClient

    application = submitted(participant)
    api = APIClient()
    url = f"/api/v1/applications/{application.pk}/withdraw/"
    assert api.post(url).status_code == 401
    api.force_authenticate(outsider)
    assert api.post(url).status_code == 404
    api.force_authenticate(participant)
    assert api.get(url).status_code == 405
    assert api.post(url, {"reason": "x" * 2001}, format="json").status_code == 400
    response = api.post(url, {"reason": "Applied for the wrong city"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert api.post(url).status_code == 409
    other = draft(participant, TBILISI)
    assert api.post(f"/api/v1/applications/{other.pk}/withdraw/").status_code == 409
