"""Invitations as a colleague and a lead live them: the sign-up link keeps the invitation (the address filled in,
back to the invitation once the address is verified); the leads see whom they invited and can withdraw an
invitation; the only lead is not offered a removal that would be refused; a colleague named lead is told."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from cities import services
from cities.errors import InvitationInvalid, MoveNotAllowed
from cities.models import Invitation, Representative
from network.accounts.system import SYSTEM
from network.audit.models import AuditEntry
from network.notifications.models import Notification
from tests.cities.conftest import TBILISI
from tests.factories import PASSWORD, UserFactory


def _invite(lead, city, email, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(actor=lead, city=city, email=email)
    return re.search(r"/cities/invitations/([^/\s]+)/", mail.outbox[-1].body).group(1)


def test_creating_an_account_from_the_invitation_comes_back_to_it(
    client, participant, member_city, django_capture_on_commit_callbacks
):
    city = member_city(participant)
    key = _invite(participant, city, "deputy@kampala.example", django_capture_on_commit_callbacks)
    invitation_path = f"/cities/invitations/{key}/"
    page = client.get(invitation_path)
    link = re.search(r'href="(/accounts/signup/\?[^"]+)"', page.text).group(1).replace("&amp;", "&")
    signup = client.get(link)
    assert 'value="deputy@kampala.example"' in signup.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            link,
            {
                "email": "deputy@kampala.example",
                "handle": "kampala_deputy",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "preferred_language": "en",
            },
        )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    confirmation = re.search(r"(/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body).group(1)
    response = client.post(confirmation)
    assert response.status_code == 302 and response.url == invitation_path
    assert EmailAddress.objects.get(email="deputy@kampala.example").verified

    # Signing in from wherever brings the person back to the invitation, not to the home page.
    response = client.post("/accounts/login/", {"login": "deputy@kampala.example", "password": PASSWORD})
    assert response.status_code == 302 and response.url == invitation_path
    assert client.post(invitation_path).status_code == 302
    assert Representative.objects.filter(city=city, user__email="deputy@kampala.example").exists()


def test_the_leads_see_whom_they_invited_and_withdraw_an_invitation(
    client, participant, member_city, django_capture_on_commit_callbacks
):
    city = member_city(participant)
    key = _invite(participant, city, "wrong.person@example.org", django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    client.force_login(participant)
    page = client.get(f"/cities/{city.slug}/representatives/")
    assert "wrong.person@example.org" in page.text
    action = f"/cities/{city.slug}/invitations/{invitation.pk}/revoke/"
    assert f'action="{action}"' in page.text
    response = client.post(action)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    entry = AuditEntry.objects.get(action="cities.invitation.revoke")
    assert entry.actor == participant and entry.data == {"invitation": invitation.pk}
    assert "invitation-list" not in client.get(f"/cities/{city.slug}/representatives/").text
    # The link no longer works.
    stranger = UserFactory(email="wrong.person@example.org")
    with pytest.raises(InvitationInvalid, match="withdrawn"):
        services.invitation_accept(actor=stranger, key=key)
    assert client.post(action).status_code == 409


def test_only_a_lead_withdraws_an_invitation(
    client, participant, outsider, member_city, django_capture_on_commit_callbacks
):
    city = member_city(participant)
    _invite(participant, city, "someone@kampala.example", django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    services.representative_add(actor=SYSTEM, city=city, user=outsider, is_lead=False)
    with pytest.raises(MoveNotAllowed):
        services.invitation_revoke(actor=outsider, invitation=invitation)
    client.force_login(outsider)
    assert client.post(f"/cities/{city.slug}/invitations/{invitation.pk}/revoke/").status_code == 403
    client.logout()
    assert client.post(f"/cities/{city.slug}/invitations/{invitation.pk}/revoke/").status_code == 302
    assert client.get(f"/cities/{city.slug}/invitations/{invitation.pk}/revoke/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_only_lead_is_not_offered_to_remove_themselves(client, participant, outsider, member_city):
    city = member_city(participant)
    colleague = services.representative_add(actor=SYSTEM, city=city, user=outsider, is_lead=False)
    lead = Representative.objects.get(city=city, user=participant)
    client.force_login(participant)
    page = client.get(f"/cities/{city.slug}/representatives/").text
    assert f"/representatives/{lead.pk}/remove/" not in page
    assert f"/representatives/{colleague.pk}/remove/" in page
    assert "name another lead before you can leave" in page
    services.representative_make_lead(actor=participant, representative=colleague)
    page = client.get(f"/cities/{city.slug}/representatives/").text
    assert f"/representatives/{lead.pk}/remove/" in page


def test_a_colleague_named_lead_is_told(participant, outsider, member_city):
    city = member_city(participant, TBILISI)
    colleague = services.representative_add(actor=SYSTEM, city=city, user=outsider, is_lead=False)
    services.representative_make_lead(actor=participant, representative=colleague)
    notification = Notification.objects.get(recipient=outsider, event__kind="cities.made_lead")
    assert notification.event.actor == participant
    assert notification.event.data == {"city": "Tbilisi"}
    assert not Notification.objects.filter(recipient=participant, event__kind="cities.made_lead").exists()
