"""All or nothing, and one at a time, for every move of the practice library.

Each move runs on real connections (`transactional_db`): when its audit row or its notification fails, nothing of
it stays in the database; and when the same move is made twice at once, the second waits for the first one's lock
and is refused with a clear message.
"""

import pytest

from cities.services import representative_add
from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import role_grant
from network.accounts.system import SYSTEM
from network.audit.models import AuditEntry
from practices import services
from practices.errors import MoveNotAllowed
from practices.models import (
    Adoption,
    AdoptionSource,
    Practice,
    PracticeStatus,
    RatingProposal,
    RatingProposalStatus,
    Suggestion,
    SuggestionStatus,
)
from tests.factories import UserFactory
from tests.practices.conftest import record
from tests.transactions import InjectedFault, database_state, fail_at, race

pytestmark = pytest.mark.django_db(transaction=True)


def _assert_nothing_persisted(move) -> None:
    before = database_state()
    with pytest.raises(InjectedFault):
        move()
    assert database_state() == before


def _audit_action(action: str):
    return lambda kwargs: kwargs.get("action") == action


def _one_wins(outcomes, message: str):
    first, second = outcomes
    assert first.error is None, first.error
    assert isinstance(second.error, MoveNotAllowed), second.error
    assert message in str(second.error)
    return first.value


@pytest.fixture
def in_review(staff_member):
    def make(**fields) -> Practice:
        practice = services.practice_create(actor=staff_member, **record(**fields))
        return services.practice_submit(actor=staff_member, practice=practice)

    return make


@pytest.fixture
def two_representatives(participant, outsider, member_city):
    """Kampala, a member city, with two representatives: its lead and a colleague."""
    city = member_city(participant)
    representative_add(actor=SYSTEM, city=city, user=outsider)
    return city, participant, outsider


@pytest.fixture
def third():
    # Handed to services directly, as staff acting in person (see tests/conftest.py).
    return acting_at_the_console(
        role_grant(actor=SYSTEM, user=UserFactory(handle="third_desk"), role=Role.STAFF, reason="test set-up")
    )


@pytest.fixture
def suggestion(participant):
    return services.suggestion_create(actor=participant, title="Cure Violence", summary="Violence interrupters.")


# --- All or nothing ------------------------------------------------------------------------------------------


def test_it_creates_no_record_when_it_cannot_be_audited(monkeypatch, staff_member):
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(lambda: services.practice_create(actor=staff_member, **record()))
    assert not Practice.objects.exists()


def test_it_keeps_a_record_unchanged_when_the_edit_cannot_be_audited(monkeypatch, staff_member, in_review):
    practice = in_review()
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(
        lambda: services.practice_update(
            actor=staff_member, practice=practice, title="Renamed", sources=[{"title": "A study"}]
        )
    )


def test_it_keeps_a_draft_when_telling_staff_fails(monkeypatch, staff_member):
    practice = services.practice_create(actor=staff_member, **record())
    fail_at(monkeypatch, services, "notify")
    _assert_nothing_persisted(lambda: services.practice_submit(actor=staff_member, practice=practice))
    assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.DRAFT


@pytest.mark.parametrize(
    ("setup", "move", "kwargs"),
    [
        ("in_review", "practice_publish", {}),
        ("in_review", "practice_return", {"reason": "Add sources"}),
        ("published", "practice_archive", {"reason": "Superseded"}),
        ("archived", "practice_reopen", {}),
        ("published", "practice_mark_reviewed", {}),
    ],
)
def test_it_leaves_the_record_where_it_was_when_a_move_cannot_be_audited(
    monkeypatch, staff_member, second_curator, in_review, setup, move, kwargs
):
    practice = in_review()
    if setup in {"published", "archived"}:
        practice = services.practice_publish(actor=second_curator, practice=practice)
    if setup == "archived":
        practice = services.practice_archive(actor=staff_member, practice=practice, reason="Old")
    status = practice.status
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(lambda: getattr(services, move)(actor=second_curator, practice=practice, **kwargs))
    assert Practice.objects.get(pk=practice.pk).status == status


def test_it_records_no_rating_proposal_when_telling_staff_fails(monkeypatch, staff_member, publish):
    practice = publish()
    fail_at(monkeypatch, services, "notify")
    _assert_nothing_persisted(
        lambda: services.rating_propose(
            actor=staff_member,
            practice=practice,
            rating="promising",
            study_count=3,
            study_design="3 trials",
            single_study=False,
            rationale="New trials",
        )
    )
    assert not RatingProposal.objects.exists()


@pytest.fixture
def proposal(staff_member, publish):
    practice = publish()
    return services.rating_propose(
        actor=staff_member,
        practice=practice,
        rating="promising",
        study_count=3,
        study_design="3 trials",
        single_study=False,
        rationale="New trials",
    )


def test_it_keeps_the_old_rating_when_telling_followers_fails(monkeypatch, second_curator, proposal):
    fail_at(monkeypatch, services, "notify")
    _assert_nothing_persisted(lambda: services.rating_approve(actor=second_curator, proposal=proposal))
    assert Practice.objects.get(pk=proposal.practice_id).rating == "inconclusive"
    assert RatingProposal.objects.get(pk=proposal.pk).status == RatingProposalStatus.PENDING


def test_it_keeps_a_proposal_pending_when_its_withdrawal_cannot_be_audited(monkeypatch, staff_member, proposal):
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(lambda: services.rating_withdraw(actor=staff_member, proposal=proposal))
    assert RatingProposal.objects.get(pk=proposal.pk).status == RatingProposalStatus.PENDING


def test_it_records_no_adoption_when_telling_followers_fails(monkeypatch, publish, two_representatives):
    city, lead, _colleague = two_representatives
    practice = publish()
    fail_at(monkeypatch, services, "notify")
    _assert_nothing_persisted(
        lambda: services.adoption_record(actor=lead, city=city, practice=practice, status="adopted")
    )
    assert not Adoption.objects.exists()


def test_it_leaves_an_adoption_unverified_when_it_cannot_be_audited(
    monkeypatch, staff_member, publish, two_representatives
):
    city, lead, _colleague = two_representatives
    adoption = services.adoption_record(actor=lead, city=city, practice=publish(), status="piloting")
    fail_at(monkeypatch, services, "audit_record")
    _assert_nothing_persisted(lambda: services.adoption_verify(actor=staff_member, adoption=adoption))
    assert Adoption.objects.get(pk=adoption.pk).source == AdoptionSource.SELF_REPORTED


def test_it_keeps_no_suggestion_when_telling_staff_fails(monkeypatch, participant):
    fail_at(monkeypatch, services, "notify")
    _assert_nothing_persisted(
        lambda: services.suggestion_create(actor=participant, title="Cure Violence", summary="Interrupters.")
    )
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("move", ["suggestion_accept", "suggestion_merge", "suggestion_decline"])
def test_it_leaves_a_suggestion_open_when_telling_its_author_fails(
    monkeypatch, staff_member, publish, suggestion, move
):
    kwargs = {
        "suggestion_accept": {},
        "suggestion_merge": {"practice": publish()},
        "suggestion_decline": {"reason": "Out of scope"},
    }[move]
    fail_at(monkeypatch, services, "notify")
    _assert_nothing_persisted(lambda: getattr(services, move)(actor=staff_member, suggestion=suggestion, **kwargs))
    assert Suggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.OPEN


# --- One at a time -------------------------------------------------------------------------------------------


def test_two_representatives_recording_the_first_adoption_at_once_get_one_record(
    monkeypatch, publish, two_representatives
):
    # The second insert waits on the first one's unique key; once the first commits it is refused with a message
    # (it used to end in an IntegrityError, a 500).
    city, lead, colleague = two_representatives
    practice = publish()
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.adoption_record(actor=lead, city=city, practice=practice, status="adopted"),
        lambda: services.adoption_record(actor=colleague, city=city, practice=practice, status="considering"),
    )
    _one_wins(outcomes, "Someone else recorded Kampala's adoption of this practice a moment ago")
    adoption = Adoption.objects.get()
    assert (adoption.status, adoption.recorded_by_id) == ("adopted", lead.pk)
    assert adoption.revisions.count() == 1


def test_two_representatives_changing_one_adoption_at_once_take_turns(monkeypatch, publish, two_representatives):
    city, lead, colleague = two_representatives
    practice = publish()
    services.adoption_record(actor=lead, city=city, practice=practice, status="considering")
    first, second = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.adoption_record(actor=lead, city=city, practice=practice, status="piloting"),
        lambda: services.adoption_record(actor=colleague, city=city, practice=practice, status="adopted"),
    )
    assert first.error is None and second.error is None, (first, second)
    adoption = Adoption.objects.get()
    assert adoption.status == "adopted"
    # Each change was made on top of the one before it: the history has all three, in order.
    assert list(adoption.revisions.order_by("pk").values_list("status", flat=True)) == [
        "considering",
        "piloting",
        "adopted",
    ]
    # The second change saw the first: its audit row starts from "piloting".
    last = AuditEntry.objects.filter(action="practices.adoption.record").latest("pk")
    assert (last.before["status"], last.after["status"]) == ("piloting", "adopted")


def test_two_staff_verifying_one_adoption_at_once_verify_once(
    monkeypatch, staff_member, second_curator, publish, two_representatives
):
    city, lead, _colleague = two_representatives
    adoption = services.adoption_record(actor=lead, city=city, practice=publish(), status="adopted")
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.adoption_verify(actor=staff_member, adoption=adoption, note="Checked"),
        lambda: services.adoption_verify(actor=second_curator, adoption=adoption, note="Also checked"),
    )
    _one_wins(outcomes, "already verified")
    assert Adoption.objects.get().verified_by_id == staff_member.pk


def test_two_staff_publishing_one_record_at_once_publish_once(monkeypatch, second_curator, third, in_review):
    practice = in_review()
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.practice_publish(actor=second_curator, practice=practice),
        lambda: services.practice_publish(actor=third, practice=practice),
    )
    _one_wins(outcomes, "This move is not possible")
    assert Practice.objects.get(pk=practice.pk).revisions.filter(action="publish").count() == 1


def test_two_staff_approving_one_rating_at_once_approve_once(monkeypatch, second_curator, third, proposal):
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.rating_approve(actor=second_curator, proposal=proposal),
        lambda: services.rating_approve(actor=third, proposal=proposal),
    )
    _one_wins(outcomes, "already decided")
    assert Practice.objects.get(pk=proposal.practice_id).revisions.filter(action="rating").count() == 1


def test_two_staff_deciding_one_suggestion_at_once_decide_once(monkeypatch, staff_member, second_curator, suggestion):
    outcomes = race(
        monkeypatch,
        services,
        "audit_record",
        lambda: services.suggestion_accept(actor=staff_member, suggestion=suggestion),
        lambda: services.suggestion_decline(actor=second_curator, suggestion=suggestion, reason="Duplicate"),
    )
    _one_wins(outcomes, "already decided")
    assert Suggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.ACCEPTED
    assert Practice.objects.count() == 1
