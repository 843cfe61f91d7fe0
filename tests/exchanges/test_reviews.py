"""Screening and review: who may be assigned, blind recommendations, and the two-recommendation rule."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from exchanges import selectors, services
from exchanges.errors import MoveNotAllowed
from exchanges.models import Proposal, Review, Status
from network.accounts.roles import Role
from network.accounts.services import role_grant
from tests.exchanges.conftest import checklist

pytestmark = pytest.mark.django_db


def test_it_never_assigns_a_representative_of_the_proposing_city(make_proposal, staff_member, city_rep):
    role_grant(actor=None, user=city_rep, role=Role.REVIEWER, reason="test set-up")
    proposal = make_proposal("screening")
    with pytest.raises(ValidationError) as error:
        services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=city_rep)
    assert "represents the proposing city" in error.value.message_dict["reviewer"][0]
    assert not Review.objects.filter(proposal=proposal).exists()


def test_it_never_assigns_a_reviewer_who_declared_a_conflict_with_the_city(
    make_proposal, staff_member, reviewers, city
):
    services.conflict_declare(actor=reviewers[0], city=city, reason="I used to work for the mayor.")
    proposal = make_proposal("screening")
    with pytest.raises(ValidationError):
        services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=reviewers[0])
    services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=reviewers[1])


def test_it_never_assigns_a_reviewer_who_declared_a_conflict_with_a_partner(
    make_proposal, staff_member, reviewers, clean_partner, partner
):
    services.conflict_declare(actor=reviewers[1], partner=clean_partner, reason="I trained with them.")
    services.conflict_declare(actor=reviewers[2], partner=partner, reason="Another agency: no conflict here.")
    proposal = make_proposal("screening")
    with pytest.raises(ValidationError):
        services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=reviewers[1])
    services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=reviewers[2])


def test_it_assigns_only_panel_reviewers_and_only_by_staff(make_proposal, staff_member, participant, reviewers):
    proposal = make_proposal("screening")
    with pytest.raises(ValidationError):
        services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=participant)
    with pytest.raises(MoveNotAllowed):
        services.reviewer_assign(actor=reviewers[1], proposal=proposal, reviewer=reviewers[0])


def test_it_lets_only_reviewers_declare_conflicts(participant, city):
    with pytest.raises(MoveNotAllowed):
        services.conflict_declare(actor=participant, city=city, reason="None of my business.")


def test_it_needs_two_reviewers_before_review_opens(make_proposal, staff_member, reviewers, city):
    proposal = make_proposal("screening")
    services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=reviewers[0])
    with pytest.raises(ValidationError):
        services.proposal_open_review(actor=staff_member, proposal=proposal)
    services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=reviewers[1])
    proposal = services.proposal_open_review(actor=staff_member, proposal=proposal, comment_days=14)
    assert proposal.status == Status.IN_REVIEW and proposal.comments_open


def test_it_hides_the_others_recommendations_until_the_reviewer_submits(make_proposal, reviewers, staff_member):
    proposal = make_proposal("in_review")
    first, second = reviewers[:2]
    services.review_submit(actor=first, proposal=proposal, checklist=checklist(), recommendation="reject")

    def seen_by(user):
        return [
            r.recommendation
            for r in selectors.other_recommendations(user, selectors.proposal_for(proposal.pk, user=user))
        ]

    assert seen_by(second) == []
    assert seen_by(staff_member) == ["reject"]
    services.review_submit(actor=second, proposal=proposal, checklist=checklist(), recommendation="approve")
    assert seen_by(second) == ["reject"]
    assert seen_by(first) == ["approve"]


def test_it_refuses_an_incomplete_checklist_with_errors_by_item(make_proposal, reviewers):
    proposal = make_proposal("in_review")
    items = checklist()
    items["cost"] = {"rating": 9, "rationale": ""}
    with pytest.raises(ValidationError) as error:
        services.review_submit(actor=reviewers[0], proposal=proposal, checklist=items, recommendation="maybe")
    assert {"cost_rating", "cost_rationale", "recommendation"} <= set(error.value.message_dict)


def test_it_lets_only_an_assigned_reviewer_review_once(make_proposal, reviewers):
    proposal = make_proposal("in_review")
    with pytest.raises(MoveNotAllowed):
        services.review_submit(actor=reviewers[2], proposal=proposal, checklist=checklist(), recommendation="approve")
    services.review_submit(actor=reviewers[0], proposal=proposal, checklist=checklist(), recommendation="approve")
    with pytest.raises(MoveNotAllowed):
        services.review_submit(actor=reviewers[0], proposal=proposal, checklist=checklist(), recommendation="reject")


def _decide(staff, proposal, move="approve", **fields):
    return services.proposal_decide(actor=staff, proposal=proposal, move=move, rationale="Reasons.", **fields)


def test_it_needs_two_submitted_recommendations_to_decide(make_proposal, reviewers, staff_member):
    proposal = make_proposal("in_review")
    services.review_submit(actor=reviewers[0], proposal=proposal, checklist=checklist(), recommendation="approve")
    with pytest.raises(ValidationError) as error:
        _decide(staff_member, proposal, override_reason="Even with a reason.")
    assert "two submitted recommendations" in error.value.messages[0]
    assert Proposal.objects.get(pk=proposal.pk).status == Status.IN_REVIEW


def test_it_asks_for_a_third_reviewer_or_a_reason_when_reviewers_disagree(make_proposal, reviewers, staff_member):
    proposal = make_proposal("recommended", recommendations=("approve", "reject"))
    with pytest.raises(ValidationError) as error:
        _decide(staff_member, proposal, move="reject")
    assert "override_reason" in error.value.message_dict
    # A third reviewer who concurs settles it.
    services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=reviewers[2])
    services.review_submit(actor=reviewers[2], proposal=proposal, checklist=checklist(), recommendation="reject")
    proposal = _decide(staff_member, proposal, move="reject")
    assert proposal.status == Status.REJECTED and proposal.override_reason == ""


def test_it_records_why_staff_side_with_one_recommendation(make_proposal, staff_member):
    proposal = make_proposal("recommended", recommendations=("approve", "reject"))
    proposal = _decide(staff_member, proposal, move="reject", override_reason="The record outweighs the benefits.")
    assert proposal.status == Status.REJECTED
    assert proposal.override_reason == "The record outweighs the benefits."


def test_it_records_conditions_with_owner_and_due_date(make_proposal, staff_member):
    proposal = make_proposal("recommended", recommendations=("approve_with_conditions",) * 2)
    with pytest.raises(ValidationError) as error:
        _decide(staff_member, proposal, move="approve_with_conditions")
    assert "conditions" in error.value.message_dict
    with pytest.raises(ValidationError):
        _decide(staff_member, proposal, move="approve_with_conditions", conditions=[{"measure": "Audit", "owner": ""}])
    proposal = _decide(
        staff_member,
        proposal,
        move="approve_with_conditions",
        conditions=[{"measure": "Independent observer", "owner": "Oversight board", "due_on": date(2027, 1, 1)}],
    )
    assert [(c.measure, c.owner) for c in proposal.conditions.all()] == [("Independent observer", "Oversight board")]


def test_it_lets_participants_but_not_the_proposing_city_comment_while_the_window_is_open(
    make_proposal, participant, city_rep
):
    proposal = make_proposal("in_review")
    comment = services.comment_create(actor=participant, proposal=proposal, body="<script>x</script>**Careful**")
    assert "<script>" not in comment.body_html and "<strong>Careful</strong>" in comment.body_html
    with pytest.raises(MoveNotAllowed):
        services.comment_create(actor=city_rep, proposal=proposal, body="We think it is fine.")
    Proposal.objects.filter(pk=proposal.pk).update(comments_close_at=proposal.comments_close_at.replace(year=2000))
    with pytest.raises(MoveNotAllowed):
        services.comment_create(actor=participant, proposal=proposal, body="Too late.")


def test_it_shows_reviewer_only_comments_to_reviewers_and_hides_reported_ones(
    make_proposal, participant, outsider, reviewers, staff_member
):
    proposal = make_proposal("in_review")
    services.comment_create(actor=participant, proposal=proposal, body="Public.")
    services.comment_create(actor=participant, proposal=proposal, body="For the panel.", visibility="reviewers")
    assert [c.body for c in selectors.comments_for(outsider, proposal)] == ["Public."]
    assert [c.body for c in selectors.comments_for(reviewers[0], proposal)] == ["Public.", "For the panel."]
    public = selectors.comments_for(outsider, proposal).get()
    services.comment_hide(actor=staff_member, comment=public)
    assert list(selectors.comments_for(outsider, proposal)) == []
