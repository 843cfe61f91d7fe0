"""Exchange vetting: a member city, partners with verified findings, reviewers, and proposals moved through the
real services to any state."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from exchanges import services
from exchanges.models import Proposal
from network.accounts.roles import Role
from tests.cities.conftest import GLASGOW, KAMPALA, _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.conftest import _with_role
from tests.practices.conftest import publish, second_curator  # noqa: F401


@pytest.fixture
def second_staff(db):
    """Another member of staff: the second person who verifies a finding."""
    return _with_role("secretariat_two", "staff2@network.example", Role.STAFF)


@pytest.fixture
def reviewers(reviewer, db):
    return [reviewer, _with_role("panel_two", "r2@network.example", Role.REVIEWER),
            _with_role("panel_three", "r3@network.example", Role.REVIEWER)]  # fmt: skip


@pytest.fixture
def city(member_city, city_rep):  # noqa: F811
    """Kampala, a member city; `city_rep` is its lead representative."""
    return member_city(city_rep, KAMPALA)


@pytest.fixture
def partner(staff_member):
    return services.partner_create(
        actor=staff_member, name="Carabineros de Chile", aliases="Carabineros", country_code="CL", level="national"
    )


@pytest.fixture
def clean_partner(staff_member):
    return services.partner_create(actor=staff_member, name="Politie Amsterdam", country_code="NL", level="regional")


def finding_fields(categories=("torture",), published_on=None, **fields) -> dict:
    """A grave, credible report's fields, with any given instead."""
    return {
        "source_kind": "amnesty",
        "publisher": "Amnesty International",
        "title": "A report",
        "published_on": published_on or date.today() - timedelta(days=365),
        "categories": list(categories),
        "severity": "grave",
        "credibility": "high",
        "summary": "What the report found.",
        **fields,
    }


@pytest.fixture
def verified_finding(staff_member, second_staff):
    def make(partner, categories=("torture",), published_on=None, **fields):
        finding = services.finding_create(
            actor=staff_member, partner=partner, **finding_fields(categories, published_on, **fields)
        )
        return services.finding_verify(actor=second_staff, finding=finding)

    return make


def proposal_fields(**fields) -> dict:
    today = date.today()
    base = {
        "title": "Study visit on crisis response",
        "direction": "receive",
        "exchange_type": "study_visit",
        "topics": ["crisis_intervention"],
        "starts_on": today + timedelta(days=60),
        "ends_on": today + timedelta(days=64),
        "officers": 4,
        "units": "Crisis team",
        "cost": Decimal("12000.00"),
        "payer": "city",
        "objectives": "Learn how a crisis team answers mental-health calls.",
    }
    return {**base, **fields}


@pytest.fixture
def make_proposal(city, city_rep, clean_partner, staff_member, reviewers):
    """A proposal moved to `status` through the real services (reviews by the first two reviewers)."""

    def make(status: str = "draft", partners=None, recommendations=("approve", "approve"), **fields) -> Proposal:
        proposal = services.proposal_create(
            actor=city_rep, city=city, partners=partners or [clean_partner], **proposal_fields(**fields)
        )
        if status == "draft":
            return proposal
        proposal = services.proposal_submit(actor=city_rep, proposal=proposal)
        if status == "submitted":
            return proposal
        proposal = services.proposal_screen(actor=staff_member, proposal=proposal)
        if status == "screening":
            return proposal
        for person in reviewers[:2]:
            services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=person)
        proposal = services.proposal_open_review(actor=staff_member, proposal=proposal)
        if status == "in_review":
            return proposal
        for person, recommendation in zip(reviewers[:2], recommendations, strict=False):
            services.review_submit(
                actor=person, proposal=proposal, checklist=checklist(), recommendation=recommendation
            )
        if status == "recommended":
            return Proposal.objects.get(pk=proposal.pk)
        move = {
            "approved": "approve",
            "approved_with_conditions": "approve_with_conditions",
            "completed": "approve",
            "reopened": "approve",
        }.get(status, "reject")
        if status in ("approved", "approved_with_conditions", "rejected", "completed", "reopened"):
            proposal = services.proposal_decide(
                actor=staff_member,
                proposal=proposal,
                move=move,
                rationale="Weighed the record and the benefits.",
                summary="A summary for the register.",
                override_reason="" if recommendations.count(move) >= 2 else "Siding with one reviewer.",
                conditions=[{"measure": "Human-rights module", "owner": "Training unit", "due_on": date.today()}]
                if move == "approve_with_conditions"
                else [],
            )
        if status == "completed":
            proposal = services.proposal_complete(actor=city_rep, proposal=proposal, report="It went well.")
        if status == "reopened":
            proposal = services.proposal_reopen(actor=staff_member, proposal=proposal, reason="New information.")
        return proposal

    return make


def checklist(rating: int = 4) -> dict:
    from exchanges.models import CHECKLIST

    return {item: {"rating": rating, "rationale": f"About {item}."} for item in CHECKLIST}
