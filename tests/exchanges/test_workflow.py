"""Every move of the table, tried by every role: only the roles the table names succeed; everyone else, and every
move from a status the table does not allow, is refused with the table's message."""

import pytest
from django.contrib.auth.models import AnonymousUser

from exchanges import services
from exchanges.errors import MoveNotAllowed
from exchanges.models import Proposal, Status
from exchanges.workflow import MOVES
from network.accounts.roles import Role
from tests.conftest import _with_role

ROLES = ("visitor", "participant", "city_rep", "other_city_rep", "staff", "reviewer")
ALLOWED = {
    "submit": {"city_rep"},
    "withdraw": {"city_rep"},
    "screen": {"staff"},
    "open_review": {"staff"},
    "approve": {"staff"},
    "approve_with_conditions": {"staff"},
    "reject": {"staff"},
    "complete": {"city_rep"},
    "reopen": {"staff"},
}
# The state each move starts from: (make_proposal status, recommendations).
SOURCE = {
    "submit": ("draft", None),
    "withdraw": ("submitted", None),
    "screen": ("submitted", None),
    "open_review": ("screening", None),
    "approve": ("recommended", ("approve", "approve")),
    "approve_with_conditions": ("recommended", ("approve_with_conditions", "approve_with_conditions")),
    "reject": ("recommended", ("reject", "reject")),
    "complete": ("approved", ("approve", "approve")),
    "reopen": ("approved", ("approve", "approve")),
}


def make_move(move: str, actor, proposal: Proposal) -> Proposal:
    from datetime import date

    if move == "submit":
        return services.proposal_submit(actor=actor, proposal=proposal)
    if move == "withdraw":
        return services.proposal_withdraw(actor=actor, proposal=proposal)
    if move == "screen":
        return services.proposal_screen(actor=actor, proposal=proposal)
    if move == "open_review":
        return services.proposal_open_review(actor=actor, proposal=proposal)
    if move in ("approve", "approve_with_conditions", "reject"):
        conditions = [{"measure": "Audit", "owner": "Oversight body", "due_on": date.today()}]
        return services.proposal_decide(
            actor=actor,
            proposal=proposal,
            move=move,
            rationale="Reasons.",
            conditions=conditions if move == "approve_with_conditions" else [],
        )
    if move == "complete":
        return services.proposal_complete(actor=actor, proposal=proposal, report="Report.")
    return services.proposal_reopen(actor=actor, proposal=proposal, reason="New facts.")


@pytest.fixture
def people(participant, city_rep, staff_member, reviewers, member_city):
    other = _with_role("tbilisi_office", "rep@tbilisi.example", Role.CITY_REPRESENTATIVE)
    from tests.cities.conftest import TBILISI

    member_city(other, TBILISI)
    return {
        "visitor": AnonymousUser(),
        "participant": participant,
        "city_rep": city_rep,
        "other_city_rep": other,
        "staff": staff_member,
        "reviewer": reviewers[0],
    }


def _prepare(make_proposal, staff_member, reviewers, move: str) -> Proposal:
    status, recommendations = SOURCE[move]
    proposal = make_proposal(status, recommendations=recommendations or ("approve", "approve"))
    if move == "open_review":
        for person in reviewers[:2]:
            services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=person)
    return proposal


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("move", list(ALLOWED))
def test_it_lets_only_the_roles_the_table_names_make_each_move(
    move, role, people, make_proposal, staff_member, reviewers
):
    proposal = _prepare(make_proposal, staff_member, reviewers, move)
    if role in ALLOWED[move]:
        moved = make_move(move, people[role], proposal)
        assert moved.status == MOVES[move].target
        assert Proposal.objects.get(pk=proposal.pk).status == MOVES[move].target
    else:
        with pytest.raises(MoveNotAllowed):
            make_move(move, people[role], proposal)
        assert Proposal.objects.get(pk=proposal.pk).status == proposal.status


def test_it_keeps_every_move_allowed_to_exactly_the_roles_above():
    assert set(MOVES) == set(ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("move", list(ALLOWED))
def test_it_refuses_a_move_from_a_status_the_table_does_not_allow(move, people, make_proposal):
    # A withdrawn proposal allows no move at all.
    proposal = make_proposal("submitted")
    proposal = services.proposal_withdraw(actor=people["city_rep"], proposal=proposal)
    assert proposal.status == Status.WITHDRAWN
    actor = people["city_rep"] if "city_rep" in ALLOWED[move] else people["staff"]
    with pytest.raises(MoveNotAllowed) as refusal:
        make_move(move, actor, proposal)
    assert str(refusal.value) == str(MOVES[move].refusal)


@pytest.mark.django_db
def test_it_refuses_to_submit_an_incomplete_draft_with_errors_by_field(make_proposal, city_rep):
    from django.core.exceptions import ValidationError

    proposal = make_proposal("draft", objectives="", starts_on=None, ends_on=None)
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(actor=city_rep, proposal=proposal)
    assert {"objectives", "starts_on", "ends_on"} <= set(error.value.message_dict)
    assert Proposal.objects.get(pk=proposal.pk).status == Status.DRAFT


@pytest.mark.django_db
def test_it_completes_an_exchange_only_with_its_report(make_proposal, city_rep):
    from django.core.exceptions import ValidationError

    proposal = make_proposal("approved")
    assert proposal.approval_expires_on is not None
    with pytest.raises(ValidationError):
        services.proposal_complete(actor=city_rep, proposal=proposal, report="  ")
    proposal = services.proposal_complete(actor=city_rep, proposal=proposal, report="What we learnt.")
    assert proposal.status == Status.COMPLETED and proposal.report_filed_at is not None
