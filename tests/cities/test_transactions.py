"""All or nothing, and one at a time, for every move of the member cities part.

Each move runs on real connections (`transactional_db`): when its audit row or its notification fails, nothing of
it stays in the database; and when the same move is made twice at once, the second waits for the first one's lock
and is refused with a clear message.
"""

import pytest

import network.accounts.services as account_services
from cities import services
from cities.errors import InvitationInvalid, MoveNotAllowed
from cities.models import ApplicationStatus, City, Invitation, MembershipApplication, MembershipStatus, Representative
from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import role_grant
from network.accounts.system import SYSTEM
from tests.cities.conftest import KINSHASA, letter
from tests.factories import UserFactory
from tests.transactions import InjectedFault, database_state, fail_at, race

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "a-known-invitation-key"


@pytest.fixture
def second_staff():
    # Handed to services directly, as staff acting in person (see tests/conftest.py).
    return acting_at_the_console(
        role_grant(actor=SYSTEM, user=UserFactory(handle="second_desk"), role=Role.STAFF, reason="test set-up")
    )


@pytest.fixture
def invited(monkeypatch, participant, member_city):
    """A member city led by `participant`, and a colleague invited with the link KEY (not yet accepted)."""
    city = member_city(participant)
    colleague = UserFactory(handle="kampala_deputy", email="deputy@kampala.example")
    monkeypatch.setattr(services, "new_invitation_key", lambda: KEY)
    services.invitation_create(actor=participant, city=city, email=colleague.email)
    return city, colleague


def _audit_action(action: str):
    return lambda kwargs: kwargs.get("action") == action


def _assert_nothing_persisted(move, before) -> None:
    with pytest.raises(InjectedFault):
        move()
    assert database_state() == before


# --- All or nothing ------------------------------------------------------------------------------------------


def test_it_leaves_a_draft_unsent_when_telling_staff_fails(monkeypatch, participant, draft):
    application = draft(participant)
    fail_at(monkeypatch, services, "notify")
    before = database_state()
    _assert_nothing_persisted(lambda: services.application_submit(actor=participant, application=application), before)
    assert MembershipApplication.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT


def test_it_approves_nothing_when_the_new_representatives_notice_fails(
    monkeypatch, participant, staff_member, submitted
):
    # The last step of an approval is the notice of the representative's role: the decision, the membership, the
    # representation and the role must all go with it.
    application = submitted(participant)
    fail_at(monkeypatch, account_services, "notify")
    before = database_state()
    _assert_nothing_persisted(lambda: services.application_approve(actor=staff_member, application=application), before)
    assert City.objects.get(pk=application.city_id).membership_status == MembershipStatus.NOT_MEMBER
    assert not Representative.objects.exists()


@pytest.mark.parametrize("move", ["application_decline", "application_request_info"])
def test_it_keeps_an_application_submitted_when_telling_the_applicant_fails(
    monkeypatch, participant, staff_member, submitted, move
):
    application = submitted(participant)
    fail_at(monkeypatch, services, "notify")
    before = database_state()
    _assert_nothing_persisted(
        lambda: getattr(services, move)(actor=staff_member, application=application, reason="Not yet"), before
    )
    assert MembershipApplication.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_it_keeps_the_old_letter_when_the_replacement_cannot_be_audited(monkeypatch, participant, draft):
    application = draft(participant)
    fail_at(monkeypatch, services, "audit_record", when=_audit_action("cities.application.letter_replace"))
    before = database_state()
    _assert_nothing_persisted(
        lambda: services.application_update(
            actor=participant, application=application, letter=letter(name="new.pdf"), office_name="Changed"
        ),
        before,
    )
    stored = MembershipApplication.objects.get(pk=application.pk)
    assert stored.letter.name == application.letter.name
    assert stored.letter.storage.exists(stored.letter.name)


def test_it_sends_no_invitation_when_it_cannot_be_audited(monkeypatch, participant, member_city):
    city = member_city(participant)
    fail_at(monkeypatch, services, "audit_record", when=_audit_action("cities.invitation.create"))
    before = database_state()
    _assert_nothing_persisted(
        lambda: services.invitation_create(actor=participant, city=city, email="new@kampala.example"), before
    )
    assert not Invitation.objects.exists()


def test_it_leaves_an_invitation_unused_when_telling_the_leads_fails(monkeypatch, invited):
    _city, colleague = invited
    fail_at(monkeypatch, services, "notify")
    before = database_state()
    _assert_nothing_persisted(lambda: services.invitation_accept(actor=colleague, key=KEY), before)
    assert Invitation.objects.get().accepted_at is None
    assert not Representative.objects.filter(user=colleague).exists()


def test_it_keeps_a_colleague_when_the_role_notice_fails(monkeypatch, participant, outsider, member_city):
    city = member_city(participant)
    colleague = services.representative_add(actor=SYSTEM, city=city, user=outsider)
    fail_at(monkeypatch, account_services, "notify")
    before = database_state()
    _assert_nothing_persisted(
        lambda: services.representative_remove(actor=participant, representative=colleague), before
    )
    assert Representative.objects.filter(pk=colleague.pk).exists()


def test_it_names_no_lead_when_it_cannot_be_audited(monkeypatch, participant, outsider, member_city):
    city = member_city(participant)
    colleague = services.representative_add(actor=SYSTEM, city=city, user=outsider)
    fail_at(monkeypatch, services, "audit_record", when=_audit_action("cities.representative.make_lead"))
    before = database_state()
    _assert_nothing_persisted(
        lambda: services.representative_make_lead(actor=participant, representative=colleague), before
    )
    assert Representative.objects.get(pk=colleague.pk).is_lead is False


def test_it_adds_no_representative_when_the_role_notice_fails(
    monkeypatch, participant, outsider, staff_member, member_city
):
    city = member_city(participant)
    fail_at(monkeypatch, account_services, "notify")
    before = database_state()
    _assert_nothing_persisted(lambda: services.representative_add(actor=staff_member, city=city, user=outsider), before)


@pytest.mark.parametrize("suspend", [True, False], ids=["suspend", "reinstate"])
def test_it_keeps_the_membership_as_it_was_when_telling_the_representatives_fails(
    monkeypatch, participant, staff_member, member_city, suspend
):
    city = member_city(participant)
    if not suspend:
        services.membership_suspend(actor=staff_member, city=city, reason="Inquiry")
    status = City.objects.get(pk=city.pk).membership_status
    move = services.membership_suspend if suspend else services.membership_reinstate
    fail_at(monkeypatch, services, "notify")
    before = database_state()
    _assert_nothing_persisted(lambda: move(actor=staff_member, city=city, reason="Inquiry"), before)
    assert City.objects.get(pk=city.pk).membership_status == status


def test_it_adds_no_agency_when_it_cannot_be_audited(monkeypatch, participant, member_city):
    city = member_city(participant)
    fail_at(monkeypatch, services, "audit_record", when=_audit_action("cities.agency.create"))
    before = database_state()
    _assert_nothing_persisted(
        lambda: services.agency_create(
            actor=participant, city=city, name="Police", level="municipal", oversight_body="", mayor_controls=True
        ),
        before,
    )


# --- One at a time -------------------------------------------------------------------------------------------


def _one_wins(outcomes, refusal: type[Exception], message: str):
    first, second = outcomes
    assert first.error is None, first.error
    assert isinstance(second.error, refusal), second.error
    assert message in str(second.error)
    return first.value


def test_two_staff_approving_one_application_at_once_make_one_member(
    monkeypatch, participant, staff_member, second_staff, submitted
):
    application = submitted(participant)
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.application_approve(actor=staff_member, application=application),
        lambda: services.application_approve(actor=second_staff, application=application),
    )
    _one_wins(outcomes, MoveNotAllowed, "is already a member")
    stored = MembershipApplication.objects.get(pk=application.pk)
    assert stored.status == ApplicationStatus.APPROVED and stored.decided_by_id == staff_member.pk
    assert list(Representative.objects.values_list("user_id", "is_lead")) == [(participant.pk, True)]
    assert City.objects.get(pk=application.city_id).membership_status == MembershipStatus.MEMBER


def test_an_approval_and_a_decline_at_once_leave_one_decision(
    monkeypatch, participant, staff_member, second_staff, submitted
):
    application = submitted(participant, KINSHASA)
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.application_decline(actor=staff_member, application=application, reason="Not now"),
        lambda: services.application_request_info(actor=second_staff, application=application, reason="More"),
    )
    _one_wins(outcomes, MoveNotAllowed, "Only a submitted application")
    assert MembershipApplication.objects.get(pk=application.pk).status == ApplicationStatus.DECLINED


def test_a_double_submit_submits_once(monkeypatch, participant, draft):
    application = draft(participant)
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.application_submit(actor=participant, application=application),
        lambda: services.application_submit(actor=participant, application=application),
    )
    _one_wins(outcomes, MoveNotAllowed, "Only a draft")
    assert MembershipApplication.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_an_invitation_accepted_twice_at_once_makes_one_representative(monkeypatch, invited):
    city, colleague = invited
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.invitation_accept(actor=colleague, key=KEY),
        lambda: services.invitation_accept(actor=colleague, key=KEY),
    )
    _one_wins(outcomes, InvitationInvalid, "already been used")
    assert Representative.objects.filter(city=city, user=colleague).count() == 1


def test_two_staff_suspending_at_once_suspend_once(monkeypatch, participant, staff_member, second_staff, member_city):
    city = member_city(participant)
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.membership_suspend(actor=staff_member, city=city, reason="First"),
        lambda: services.membership_suspend(actor=second_staff, city=city, reason="Second"),
    )
    _one_wins(outcomes, MoveNotAllowed, "is not an active member")
    stored = City.objects.get(pk=city.pk)
    assert stored.membership_status == MembershipStatus.SUSPENDED and stored.suspension_reason == "First"


def test_two_leads_removing_each_other_at_once_leave_one_lead(monkeypatch, participant, outsider, member_city):
    city = member_city(participant)
    other = services.representative_add(actor=SYSTEM, city=city, user=outsider, is_lead=True)
    mine = Representative.objects.get(city=city, user=participant)
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.representative_remove(actor=participant, representative=other),
        lambda: services.representative_remove(actor=outsider, representative=mine),
    )
    first, second = outcomes
    assert first.error is None, first.error
    assert isinstance(second.error, MoveNotAllowed), second.error
    assert list(Representative.objects.filter(city=city).values_list("user_id", "is_lead")) == [(participant.pk, True)]
