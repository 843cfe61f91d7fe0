"""Two members of staff decide the same proposal at the same moment, on two database connections: the first
holds the row's lock while the second waits for it, and when the second gets it the proposal is already decided,
so exactly one decision is recorded."""

import threading
import time

import pytest
from django.db import connection, connections

from exchanges import services
from exchanges.errors import MoveNotAllowed
from exchanges.models import Proposal, Status
from network.accounts.roles import Role
from network.audit.models import AuditEntry
from tests.conftest import _with_role


def _waiting_for_a_lock(timeout: float = 20.0) -> bool:
    """True once another connection waits for a row lock (read from pg_stat_activity, not guessed by sleeping)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_two_concurrent_decisions_win(make_proposal, staff_member, monkeypatch):
    other_staff = _with_role("secretariat_two", "staff2@network.example", Role.STAFF)
    proposal = make_proposal("recommended", recommendations=("approve", "reject"))
    first_holds_lock = threading.Event()
    release_first = threading.Event()
    original_audit = services.audit_record

    def audit_then_wait(**kwargs):
        entry = original_audit(**kwargs)
        if threading.current_thread().name == "first":
            first_holds_lock.set()
            release_first.wait(timeout=30)
        return entry

    monkeypatch.setattr(services, "audit_record", audit_then_wait)
    outcomes = {}

    def decide(name: str, actor, move: str):
        try:
            services.proposal_decide(
                actor=actor, proposal=proposal, move=move, rationale=f"{name} decides.", override_reason="Siding."
            )
            outcomes[name] = "won"
        except MoveNotAllowed:
            outcomes[name] = "refused"
        finally:
            connections.close_all()

    first = threading.Thread(target=decide, args=("first", staff_member, "approve"), name="first")
    second = threading.Thread(target=decide, args=("second", other_staff, "reject"), name="second")
    first.start()
    assert first_holds_lock.wait(timeout=30)
    second.start()
    try:
        assert _waiting_for_a_lock(), "the second decision did not wait for the first one's lock"
    finally:
        release_first.set()
        first.join(timeout=30)
        second.join(timeout=30)
    assert outcomes == {"first": "won", "second": "refused"}
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == Status.APPROVED and proposal.decided_by_id == staff_member.pk
    decisions = AuditEntry.objects.filter(
        target_id=str(proposal.pk), action__in=["exchanges.proposal.approve", "exchanges.proposal.reject"]
    )
    assert decisions.count() == 1
