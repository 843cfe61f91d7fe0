"""Representatives: the lead invites colleagues by a link valid 7 days and usable once, and removes them; a member
city always keeps a lead; while a membership is suspended its representatives lose their powers."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django.utils.http import urlencode

from cities import services
from cities.errors import InvitationInvalid, MoveNotAllowed
from cities.models import Invitation, Representative
from network.accounts.permissions import is_city_representative
from network.accounts.system import SYSTEM
from network.audit.models import AuditEntry
from network.notifications.models import Notification
from tests.factories import UserFactory


def _invite(lead, city, email, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(actor=lead, city=city, email=email)
    return re.search(r"/cities/invitations/([^/\s]+)/", mail.outbox[-1].body).group(1)


def _fresh(user):
    user.__dict__.pop("_network_roles", None)
    user.__dict__.pop("_city_representations", None)
    return user


def test_the_lead_invites_a_colleague_who_accepts(
    participant, member_city, django_capture_on_commit_callbacks, django_assert_num_queries
):
    city = member_city(participant)
    colleague = UserFactory(email="deputy@kampala.example", handle="kampala_deputy")
    key = _invite(participant, city, "Deputy@Kampala.example", django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    assert message.to == ["Deputy@Kampala.example"]
    assert "river_watch invites you to represent Kampala" in message.subject
    invitation = Invitation.objects.get()
    assert invitation.key_digest != key and key not in invitation.key_digest  # only a digest is kept
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)

    representative = services.invitation_accept(actor=colleague, key=key)
    assert (representative.city, representative.is_lead) == (city, False)
    assert is_city_representative(_fresh(colleague))
    assert Notification.objects.filter(recipient=participant, event__kind="cities.invitation_accepted").exists()
    assert AuditEntry.objects.filter(action="cities.invitation.accept").exists()


def test_an_invitation_is_used_once(participant, outsider, member_city, django_capture_on_commit_callbacks):
    city = member_city(participant)
    first = UserFactory(email="one@kampala.example")
    key = _invite(participant, city, "one@kampala.example", django_capture_on_commit_callbacks)
    services.invitation_accept(actor=first, key=key)
    with pytest.raises(InvitationInvalid, match="already been used"):
        services.invitation_accept(actor=first, key=key)


def test_an_invitation_expires_after_7_days(participant, member_city, django_capture_on_commit_callbacks):
    city = member_city(participant)
    colleague = UserFactory(email="late@kampala.example")
    key = _invite(participant, city, "late@kampala.example", django_capture_on_commit_callbacks)
    with (
        time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)),
        pytest.raises(InvitationInvalid, match="expired"),
    ):
        services.invitation_accept(actor=colleague, key=key)
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        services.invitation_accept(actor=colleague, key=key)


def test_the_invitation_page_shows_an_expired_or_used_link(
    client, participant, member_city, django_capture_on_commit_callbacks
):
    city = member_city(participant)
    colleague = UserFactory(email="page@kampala.example")
    key = _invite(participant, city, "page@kampala.example", django_capture_on_commit_callbacks)
    client.force_login(colleague)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(f"/cities/invitations/{key}/")
        assert response.status_code == 409 and "expired" in response.text
    response = client.post(f"/cities/invitations/{key}/")
    assert (response.status_code, response["Location"]) == (302, city.get_absolute_url())
    assert Representative.objects.filter(city=city, user=colleague).exists()
    response = client.get(f"/cities/invitations/{key}/")
    assert response.status_code == 409 and "already been used" in response.text
    assert client.get("/cities/invitations/forged-key/").status_code == 404


def test_only_the_invited_address_may_accept(participant, outsider, member_city, django_capture_on_commit_callbacks):
    city = member_city(participant)
    key = _invite(participant, city, "someone@kampala.example", django_capture_on_commit_callbacks)
    with pytest.raises(InvitationInvalid, match="another email address"):
        services.invitation_accept(actor=outsider, key=key)
    unverified = UserFactory(email="someone@kampala.example", verified_email=False)
    with pytest.raises(InvitationInvalid):
        services.invitation_accept(actor=unverified, key=key)


def test_anonymous_visitors_are_asked_to_sign_in(client, participant, member_city, django_capture_on_commit_callbacks):
    city = member_city(participant)
    key = _invite(participant, city, "new@kampala.example", django_capture_on_commit_callbacks)
    response = client.get(f"/cities/invitations/{key}/")
    assert response.status_code == 200 and "Sign in to accept" in response.text
    response = client.post(f"/cities/invitations/{key}/")
    next_path = urlencode({"next": f"/cities/invitations/{key}/"})
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?{next_path}")
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize("role", ["participant", "city_rep", "staff", "reviewer"])
def test_only_a_lead_invites(all_roles, outsider, member_city, role):
    city = member_city(outsider)
    with pytest.raises(MoveNotAllowed):
        services.invitation_create(actor=all_roles[role], city=city, email="x@example.org")


def test_a_colleague_who_is_not_lead_cannot_invite_or_remove(outsider, participant, member_city):
    city = member_city(outsider)
    colleague = services.representative_add(actor=SYSTEM, city=city, user=participant, is_lead=False)
    with pytest.raises(MoveNotAllowed):
        services.invitation_create(actor=_fresh(participant), city=city, email="x@example.org")
    lead = Representative.objects.get(city=city, is_lead=True)
    with pytest.raises(MoveNotAllowed):
        services.representative_remove(actor=participant, representative=lead)
    assert colleague.pk


def test_the_lead_removes_a_colleague_who_loses_the_role(outsider, participant, member_city):
    city = member_city(outsider)
    colleague = services.representative_add(actor=SYSTEM, city=city, user=participant, is_lead=False)
    assert is_city_representative(_fresh(participant))
    services.representative_remove(actor=_fresh(outsider), representative=colleague)
    assert not Representative.objects.filter(user=participant).exists()
    assert not is_city_representative(_fresh(participant))
    assert AuditEntry.objects.filter(action="cities.representative.remove").exists()


def test_a_member_city_always_keeps_a_lead(outsider, participant, member_city):
    city = member_city(outsider)
    lead = Representative.objects.get(city=city, user=outsider)
    with pytest.raises(MoveNotAllowed, match="at least one lead"):
        services.representative_remove(actor=outsider, representative=lead)
    colleague = services.representative_add(actor=SYSTEM, city=city, user=participant, is_lead=False)
    services.representative_make_lead(actor=_fresh(outsider), representative=colleague)
    services.representative_remove(actor=_fresh(outsider), representative=lead)
    assert list(Representative.objects.filter(city=city).values_list("user", "is_lead")) == [(participant.pk, True)]


def test_someone_who_represents_another_city_keeps_the_role(outsider, participant, member_city):
    first = member_city(outsider)
    member_city(participant, 611717)
    colleague = services.representative_add(actor=SYSTEM, city=first, user=participant, is_lead=False)
    services.representative_remove(actor=_fresh(outsider), representative=colleague)
    assert is_city_representative(_fresh(participant))


# --- Suspension ---------------------------------------------------------------------------------------------


def test_staff_suspend_a_membership_and_its_representatives_lose_their_powers(
    outsider, participant, staff_member, member_city
):
    city = member_city(outsider)
    with pytest.raises(Exception, match="reason"):
        services.membership_suspend(actor=staff_member, city=city, reason="")
    city = services.membership_suspend(actor=staff_member, city=city, reason="The charter was broken.")
    assert (city.membership_status, city.suspension_reason) == ("suspended", "The charter was broken.")
    assert Notification.objects.filter(
        recipient=outsider, event__kind="cities.membership_changed", event__data__change="suspended"
    ).exists()
    lead = _fresh(outsider)
    with pytest.raises(MoveNotAllowed):
        services.invitation_create(actor=lead, city=city, email="x@example.org")
    with pytest.raises(MoveNotAllowed):
        services.agency_create(actor=lead, city=city, name="Police", level="municipal")
    with pytest.raises(MoveNotAllowed):
        services.membership_suspend(actor=staff_member, city=city, reason="Again")

    city = services.membership_reinstate(actor=staff_member, city=city, reason="Remedied.")
    assert city.membership_status == "member" and city.suspension_reason == ""
    services.agency_create(actor=_fresh(outsider), city=city, name="Police", level="municipal")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"cities.membership.suspend", "cities.membership.reinstate"} <= actions


@pytest.mark.parametrize("role", ["participant", "city_rep", "reviewer"])
def test_only_staff_suspend(all_roles, outsider, member_city, role):
    city = member_city(outsider)
    with pytest.raises(MoveNotAllowed):
        services.membership_suspend(actor=all_roles[role], city=city, reason="Because")


def test_staff_suspend_from_the_staff_page(client, outsider, staff_member, member_city, login_with_second_factor):
    city = member_city(outsider)
    login_with_second_factor(staff_member)
    url = f"/staff/cities/{city.slug}/membership/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"move": "suspend", "reason": ""}).status_code == 400
    assert client.post(url, {"move": "reinstate", "reason": "Not suspended"}).status_code == 409
    response = client.post(url, {"move": "suspend", "reason": "Breach of the charter"})
    assert (response.status_code, response["Location"]) == (302, url)
    city.refresh_from_db()
    assert city.membership_status == "suspended"
    page = client.get(city.get_absolute_url())
    assert "membership of this city is suspended" in page.text


# --- The pages ----------------------------------------------------------------------------------------------


def test_the_lead_manages_representatives_on_a_page(
    client, outsider, participant, member_city, django_capture_on_commit_callbacks
):
    city = member_city(outsider)
    colleague = services.representative_add(actor=SYSTEM, city=city, user=participant, is_lead=False)
    client.force_login(outsider)
    url = f"/cities/{city.slug}/representatives/"
    page = client.get(url)
    assert page.status_code == 200 and participant.handle in page.text
    assert participant.email not in page.text
    assert client.post(url, {"email": "not-an-address"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "new.colleague@kampala.example"})
    assert (response.status_code, response["Location"]) == (302, url)
    assert Invitation.objects.get(city=city).email == "new.colleague@kampala.example"
    page = client.get(url)
    # The leads typed the address: they see whom they invited.
    assert "new.colleague@kampala.example" in page.text and "valid until" in page.text
    response = client.post(f"/cities/{city.slug}/representatives/{colleague.pk}/remove/")
    assert (response.status_code, response["Location"]) == (302, url)
    assert not Representative.objects.filter(pk=colleague.pk).exists()
    lead = Representative.objects.get(city=city, user=outsider)
    assert client.post(f"/cities/{city.slug}/representatives/{lead.pk}/remove/").status_code == 409


@pytest.mark.parametrize("role", ["participant", "city_rep", "staff", "reviewer"])
def test_the_representatives_page_refuses_anyone_but_a_lead(client, all_roles, outsider, member_city, role):
    city = member_city(outsider)
    lead = Representative.objects.get(city=city)
    client.force_login(all_roles[role])
    assert client.get(f"/cities/{city.slug}/representatives/").status_code == 403
    assert client.post(f"/cities/{city.slug}/representatives/{lead.pk}/remove/").status_code == 403
    assert list(Representative.objects.filter(city=city).values_list("pk", flat=True)) == [lead.pk]


def test_staff_name_a_representative_directly_with_an_audit_row(staff_member, outsider, participant, member_city):
    city = member_city(participant)
    representative = services.representative_add(actor=staff_member, city=city, user=outsider)
    assert (representative.city_id, representative.user_id, representative.is_lead) == (city.pk, outsider.pk, False)
    assert is_city_representative(_fresh(outsider))
    entry = AuditEntry.objects.get(action="cities.representative.add", data__user=outsider.pk)
    assert entry.actor == staff_member


@pytest.mark.parametrize("role", ["participant", "city_rep", "reviewer"])
def test_only_staff_or_the_system_name_a_representative_directly(all_roles, outsider, participant, member_city, role):
    city = member_city(outsider)
    with pytest.raises(MoveNotAllowed):
        services.representative_add(actor=all_roles[role], city=city, user=all_roles[role])
    assert list(Representative.objects.filter(city=city).values_list("user_id", flat=True)) == [outsider.pk]


def test_naming_a_representative_twice_or_for_a_suspended_city_is_refused(
    staff_member, outsider, participant, member_city
):
    city = member_city(participant)
    services.representative_add(actor=SYSTEM, city=city, user=outsider)
    with pytest.raises(MoveNotAllowed, match="already represents"):
        services.representative_add(actor=staff_member, city=city, user=outsider)
    services.membership_suspend(actor=staff_member, city=city, reason="Inquiry")
    newcomer = UserFactory(handle="newcomer")
    with pytest.raises(MoveNotAllowed, match="cannot take on representatives"):
        services.representative_add(actor=SYSTEM, city=city, user=newcomer)
    assert not Representative.objects.filter(user=newcomer).exists()


def test_the_invitation_form_answers_alike_for_a_colleague_and_a_stranger(
    client, participant, member_city, django_capture_on_commit_callbacks
):
    """Whether an address already represents the city is not told: the answer, the mail and the pending list are
    the same; accepting changes nothing for someone who already represents it."""
    city = member_city(participant)
    colleague = UserFactory(email="deputy@kampala.example", handle="kampala_deputy")
    services.representative_add(actor=SYSTEM, city=city, user=colleague, is_lead=False)
    client.force_login(participant)
    answers = []
    for address in ("Deputy@Kampala.example", "stranger@kampala.example"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/cities/{city.slug}/representatives/", {"email": address}, follow=True)
        page = response.text.replace(address, "ADDRESS")
        answers.append((response.status_code, response.redirect_chain, "on its way" in page))
        assert mail.outbox[-1].to == [address]
    assert answers[0] == answers[1] == (200, [(f"/cities/{city.slug}/representatives/", 302)], True)
    assert Invitation.objects.filter(city=city).count() == 2

    key = re.search(r"/cities/invitations/([^/\s]+)/", mail.outbox[0].body).group(1)
    with pytest.raises(InvitationInvalid, match="already represent"):
        services.invitation_accept(actor=colleague, key=key)
    assert Representative.objects.filter(city=city, user=colleague).count() == 1
