"""Findings need a second person; a newly verified finding reopens the exchanges in review or approved with the
agency, and tells staff and the proposing city."""

import pytest

from exchanges import services
from exchanges.errors import MoveNotAllowed
from exchanges.models import Proposal, Status
from network.notifications.models import Event, Notification
from tests.exchanges.conftest import checklist

pytestmark = pytest.mark.django_db


def _finding(staff, partner, **fields):
    return services.finding_create(
        actor=staff,
        partner=partner,
        source_kind="hrw",
        publisher="Human Rights Watch",
        title="New report",
        published_on="2026-06-01",
        categories=["torture"],
        severity="grave",
        credibility="high",
        summary="Detainees were tortured in custody.",
        **fields,
    )


def test_it_refuses_a_finding_verified_by_the_person_who_entered_it(staff_member, partner):
    finding = _finding(staff_member, partner)
    with pytest.raises(MoveNotAllowed):
        services.finding_verify(actor=staff_member, finding=finding)
    finding.refresh_from_db()
    assert finding.verified_at is None


def test_it_lets_only_staff_enter_and_verify_findings(reviewers, city_rep, partner, staff_member):
    with pytest.raises(MoveNotAllowed):
        _finding(city_rep, partner)
    finding = _finding(staff_member, partner)
    with pytest.raises(MoveNotAllowed):
        services.finding_verify(actor=reviewers[0], finding=finding)


@pytest.mark.parametrize("status", ["approved", "approved_with_conditions", "in_review"])
def test_it_reopens_an_exchange_when_a_finding_against_its_partner_is_verified(
    status, make_proposal, clean_partner, staff_member, second_staff, city_rep, reviewers
):
    proposal = make_proposal(
        status, recommendations=("approve_with_conditions",) * 2 if "conditions" in status else ("approve", "approve")
    )
    finding = _finding(staff_member, clean_partner)
    assert Proposal.objects.get(pk=proposal.pk).status == status
    services.finding_verify(actor=second_staff, finding=finding)
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == Status.REOPENED
    assert "New report" in proposal.reopen_reason
    assert proposal.risk_level == "high"
    # Every reviewer is asked again.
    assert not proposal.reviews.filter(submitted_at__isnull=False).exists()
    assert Notification.objects.filter(recipient=city_rep, event__kind="exchanges.reopened").exists()
    staff_event = Event.objects.get(kind="exchanges.reopened", audience__isnull=False)
    assert staff_event.audience == {"name": "permission", "permission": "exchanges.screen_proposal"}
    assert proposal.timeline.filter(move="reopen", actor_handle="system").exists()
    # Re-vetting runs the same workflow again.
    proposal = services.proposal_screen(actor=staff_member, proposal=proposal)
    proposal = services.proposal_open_review(actor=staff_member, proposal=proposal)
    for person in reviewers[:2]:
        services.review_submit(actor=person, proposal=proposal, checklist=checklist(), recommendation="reject")
    proposal = services.proposal_decide(actor=staff_member, proposal=proposal, move="reject", rationale="New facts.")
    assert proposal.status == Status.REJECTED


@pytest.mark.parametrize("status", ["draft", "rejected", "completed"])
def test_it_leaves_other_exchanges_in_their_state(status, make_proposal, clean_partner, staff_member, second_staff):
    proposal = make_proposal(status)
    services.finding_verify(actor=second_staff, finding=_finding(staff_member, clean_partner))
    assert Proposal.objects.get(pk=proposal.pk).status == status


def test_it_searches_partners_by_name_alias_or_country_without_accents_or_case(staff_member, partner):
    from exchanges.selectors import partners_search

    services.partner_create(
        actor=staff_member,
        name="Polícia Militar do Estado de São Paulo",
        aliases="PMESP",
        country_code="br",
        level="regional",
    )
    assert [p.name for p in partners_search("policia militar")] == ["Polícia Militar do Estado de São Paulo"]
    assert [p.name for p in partners_search("pmesp")] == ["Polícia Militar do Estado de São Paulo"]
    assert [p.name for p in partners_search("BRAZIL")] == ["Polícia Militar do Estado de São Paulo"]
    assert [p.name for p in partners_search("carabineros")] == ["Carabineros de Chile"]
    assert [p.name for p in partners_search("chile")] == ["Carabineros de Chile"]
