"""Each move leaves one audit row with its actor and the status before and after, and one timeline entry."""

import pytest

from exchanges.models import TimelineEntry
from exchanges.workflow import MOVES
from network.audit.models import AuditEntry
from tests.exchanges.test_workflow import SOURCE, _prepare, make_move

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("move", list(SOURCE))
def test_it_writes_one_audit_row_and_one_timeline_entry_per_move(
    move, make_proposal, staff_member, reviewers, city_rep
):
    proposal = _prepare(make_proposal, staff_member, reviewers, move)
    actor = city_rep if MOVES[move].actor == "city" else staff_member
    audit_before = set(AuditEntry.objects.values_list("pk", flat=True))
    timeline_before = set(TimelineEntry.objects.values_list("pk", flat=True))
    make_move(move, actor, proposal)
    new = AuditEntry.objects.exclude(pk__in=audit_before).filter(action__startswith="exchanges.proposal.")
    assert [(e.action, e.actor_id, e.before, e.after) for e in new] == [
        (f"exchanges.proposal.{move}", actor.pk, {"status": proposal.status}, {"status": MOVES[move].target})
    ]
    entries = TimelineEntry.objects.exclude(pk__in=timeline_before).filter(move=move)
    assert [(e.before, e.after, e.actor_handle) for e in entries] == [
        (proposal.status, MOVES[move].target, actor.handle)
    ]
