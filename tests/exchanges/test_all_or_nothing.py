"""A move is all or nothing: when any of its writes fails (here the last one, telling people), none of the others
stays — the status, the decision's fields and conditions, the audit row and the timeline entry, or for a newly
verified finding the verification and every exchange it reopened."""

from datetime import date

import pytest

from exchanges import services
from exchanges.models import Condition, Finding, Proposal, Status, TimelineEntry
from network.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


class Undeliverable(Exception):
    pass


def _fail(**_kwargs):
    raise Undeliverable


def test_a_decision_that_fails_at_its_last_step_leaves_nothing(make_proposal, staff_member, monkeypatch):
    proposal = make_proposal("recommended", recommendations=("approve_with_conditions",) * 2)
    audit_before = AuditEntry.objects.count()
    timeline_before = TimelineEntry.objects.filter(proposal=proposal).count()
    monkeypatch.setattr(services, "notify", _fail)
    with pytest.raises(Undeliverable):
        services.proposal_decide(
            actor=staff_member,
            proposal=proposal,
            move="approve_with_conditions",
            rationale="Weighed.",
            summary="Approved with an observer.",
            conditions=[{"measure": "An observer attends.", "owner": "Oversight board", "due_on": date(2030, 1, 1)}],
        )
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == Status.IN_REVIEW
    assert (proposal.decided_at, proposal.decision_rationale, proposal.approval_expires_on) == (None, "", None)
    assert not Condition.objects.filter(proposal=proposal).exists()
    assert AuditEntry.objects.count() == audit_before
    assert TimelineEntry.objects.filter(proposal=proposal).count() == timeline_before


def test_a_verification_that_fails_while_reopening_leaves_every_exchange_as_it_was(
    make_proposal, clean_partner, staff_member, second_staff, monkeypatch
):
    approved = make_proposal("approved")
    in_review = make_proposal("in_review", title="Second exchange")
    finding = services.finding_create(
        actor=staff_member,
        partner=clean_partner,
        source_kind="hrw",
        publisher="Human Rights Watch",
        title="New report",
        published_on="2026-06-01",
        categories=["torture"],
        severity="grave",
        credibility="high",
        summary="Detainees were tortured in custody.",
    )
    audit_before = AuditEntry.objects.count()
    reopened = []
    original = services._reopen

    def reopen_then_fail_on_the_second(**kwargs):
        if reopened:
            raise Undeliverable
        reopened.append(original(**kwargs))
        return reopened[-1]

    monkeypatch.setattr(services, "_reopen", reopen_then_fail_on_the_second)
    with pytest.raises(Undeliverable):
        services.finding_verify(actor=second_staff, finding=finding)
    assert len(reopened) == 1  # one exchange had been reopened before the failure
    assert Finding.objects.get(pk=finding.pk).verified_at is None
    assert Proposal.objects.get(pk=approved.pk).status == Status.APPROVED
    assert Proposal.objects.get(pk=in_review.pk).status == Status.IN_REVIEW
    assert AuditEntry.objects.count() == audit_before
