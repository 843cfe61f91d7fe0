"""All or nothing, and one at a time, for the writes to accounts and roles (on real connections)."""

import pytest
from allauth.mfa.models import Authenticator

import network.accounts.services as services
from network.accounts.errors import RoleChangeNotAllowed
from network.accounts.permissions import user_roles
from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.system import SYSTEM
from network.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.transactions import InjectedFault, database_state, fail_at, race

pytestmark = pytest.mark.django_db(transaction=True)


def _assert_nothing_persisted(move) -> None:
    before = database_state()
    with pytest.raises(InjectedFault):
        move()
    assert database_state() == before


@pytest.fixture
def second_staff():
    # Handed to services directly, as staff acting in person (see tests/conftest.py).
    return acting_at_the_console(
        services.role_grant(actor=SYSTEM, user=UserFactory(handle="second_desk"), role=Role.STAFF, reason="set-up")
    )


def test_it_grants_no_role_when_the_notice_fails(monkeypatch, staff_member, participant):
    fail_at(monkeypatch, services, "notify")
    _assert_nothing_persisted(
        lambda: services.role_grant(
            actor=staff_member, user=participant, role=Role.CITY_REPRESENTATIVE, reason="Represents Kampala"
        )
    )
    assert user_roles(type(participant).objects.get(pk=participant.pk)) == set()


def test_it_keeps_a_role_when_the_revocation_cannot_be_audited(monkeypatch, staff_member, city_rep):
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(
        lambda: services.role_revoke(actor=staff_member, user=city_rep, role=Role.CITY_REPRESENTATIVE, reason="Left")
    )
    assert user_roles(type(city_rep).objects.get(pk=city_rep.pk)) == {Role.CITY_REPRESENTATIVE}


def test_it_keeps_the_old_handle_when_the_rename_cannot_be_audited(monkeypatch, participant):
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(
        lambda: services.user_update_profile(
            actor=participant,
            user=participant,
            handle="new_name",
            affiliation_kind=participant.affiliation_kind,
            affiliation="",
            preferred_language="en",
        )
    )


def test_it_keeps_the_old_api_key_when_the_rotation_cannot_be_audited(monkeypatch, participant):
    services.api_token_rotate(actor=participant)
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(lambda: services.api_token_rotate(actor=participant))


def test_it_reencrypts_nothing_when_it_cannot_be_audited(monkeypatch, participant, enable_totp):
    enable_totp(participant)
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(lambda: services.authenticators_reencrypt(actor=SYSTEM))


def test_reencrypting_second_factors_is_audited_per_person(participant, outsider, enable_totp):
    enable_totp(participant)
    enable_totp(outsider)
    assert services.authenticators_reencrypt(actor=SYSTEM) == 2
    rows = AuditEntry.objects.filter(action="accounts.second_factor.reencrypt").order_by("target_id")
    assert [(row.actor_id, row.target_id, row.data) for row in rows] == [
        (None, str(participant.pk), {"kinds": [Authenticator.Type.TOTP]}),
        (None, str(outsider.pk), {"kinds": [Authenticator.Type.TOTP]}),
    ]


def test_two_staff_granting_one_role_at_once_grant_it_once(monkeypatch, staff_member, second_staff, participant):
    first, second = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.role_grant(
            actor=staff_member, user=participant, role=Role.CITY_REPRESENTATIVE, reason="Kampala"
        ),
        lambda: services.role_grant(
            actor=second_staff, user=participant, role=Role.CITY_REPRESENTATIVE, reason="Kampala too"
        ),
    )
    assert first.error is None, first.error
    assert isinstance(second.error, RoleChangeNotAllowed) and "already has this role" in str(second.error)
    assert AuditEntry.objects.filter(action="accounts.role.grant", target_id=str(participant.pk)).count() == 1
