import pytest
from django.core import signing
from django.test import Client

from network.notifications.emails import unsubscribe_token
from network.notifications.kinds import all_kinds
from network.notifications.models import EmailSchedule, Preference
from tests.notifications.conftest import UPDATE


@pytest.fixture
def csrf_client():
    """Mail providers post without cookies or form tokens: CSRF checks stay on to prove the link needs none."""
    return Client(enforce_csrf_checks=True)


def test_the_link_asks_before_unsubscribing_without_signing_in(csrf_client, participant, update_kind):
    response = csrf_client.get(f"/notifications/unsubscribe/{unsubscribe_token(participant.pk, UPDATE)}/")
    assert response.status_code == 200
    assert "Stop getting email about “News from what you follow”?" in response.text
    assert not Preference.objects.exists()


def test_one_click_post_unsubscribes_without_signing_in(csrf_client, participant, update_kind):
    token = unsubscribe_token(participant.pk, UPDATE)
    response = csrf_client.post(f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "you will no longer get email" in response.text
    preference = Preference.objects.get(user=participant, kind=UPDATE)
    assert (preference.in_app, preference.email) == (True, EmailSchedule.OFF)
    # Again: still fine, nothing more changes.
    assert csrf_client.post(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert Preference.objects.count() == 1


def test_the_digest_link_turns_off_every_email_that_may_be_turned_off(csrf_client, participant, update_kind):
    csrf_client.post(f"/notifications/unsubscribe/{unsubscribe_token(participant.pk, '*')}/")
    optional = {kind.key for kind in all_kinds() if kind.optional}
    assert UPDATE in optional and "accounts.security" not in optional
    assert set(Preference.objects.values_list("kind", "email")) == {(key, "off") for key in optional}


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps({"u": 1, "k": UPDATE}, salt="another.purpose"),
        signing.dumps({"u": 1, "k": UPDATE}, salt="network.notifications.unsubscribe", key="x" * 50),
        signing.dumps(["u", 1], salt="network.notifications.unsubscribe"),
    ],
)
def test_a_forged_token_is_refused(csrf_client, participant, update_kind, token):
    response = csrf_client.post(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 400
    assert "This link does not work" in response.text
    assert not Preference.objects.exists()


def test_an_altered_token_is_refused(csrf_client, participant, outsider, update_kind):
    token = unsubscribe_token(participant.pk, UPDATE)
    payload, signature = token.rsplit(":", 1)
    other = unsubscribe_token(outsider.pk, UPDATE)
    for altered in [f"{other.rsplit(':', 1)[0]}:{signature}", f"{payload}:{signature[:-2]}xy"]:
        assert csrf_client.post(f"/notifications/unsubscribe/{altered}/").status_code == 400
    assert not Preference.objects.exists()


def test_security_email_cannot_be_unsubscribed(csrf_client, participant):
    token = unsubscribe_token(participant.pk, "accounts.security")
    assert csrf_client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert not Preference.objects.exists()


def test_a_token_for_a_closed_account_or_unknown_kind_is_refused(csrf_client, participant, update_kind):
    unknown_kind = unsubscribe_token(participant.pk, "no.such_kind")
    assert csrf_client.post(f"/notifications/unsubscribe/{unknown_kind}/").status_code == 400
    participant.is_active = False
    participant.save()
    closed = unsubscribe_token(participant.pk, UPDATE)
    assert csrf_client.post(f"/notifications/unsubscribe/{closed}/").status_code == 400


def test_the_unsubscribe_link_refuses_other_methods(csrf_client, participant, update_kind):
    token = unsubscribe_token(participant.pk, UPDATE)
    assert csrf_client.put(f"/notifications/unsubscribe/{token}/").status_code == 405
