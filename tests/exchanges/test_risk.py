"""Each risk rule on its own, then the assessment a proposal carries after every change."""

from datetime import date
from decimal import Decimal

import pytest

from exchanges import risk, services
from exchanges.models import Proposal

TODAY = date(2026, 12, 2)


def facts(**fields) -> risk.Facts:
    base = {"direction": "receive", "topics": ("community_policing",), "cost": Decimal("1000"), "today": TODAY}
    return risk.Facts(**{**base, **fields})


def finding(categories=("torture",), published_on=date(2024, 1, 1), ours=False) -> risk.FindingFact:
    return risk.FindingFact(
        partner="Partner police", categories=tuple(categories), published_on=published_on, ours=ours
    )


def test_it_flags_a_grave_violation_in_the_last_ten_years_as_high():
    flag = risk.grave_violation(facts(findings=(finding(("extrajudicial_killing",)),)))
    assert flag.level == "high" and "Partner police" in flag.reason


@pytest.mark.parametrize("category", ["extrajudicial_killing", "torture", "enforced_disappearance", "sexual_violence"])
def test_it_counts_each_grave_category(category):
    assert risk.grave_violation(facts(findings=(finding((category,)),))) is not None


def test_it_ignores_grave_findings_older_than_ten_years_and_other_categories():
    assert risk.grave_violation(facts(findings=(finding(published_on=date(2016, 12, 1)),))) is None
    assert risk.grave_violation(facts(findings=(finding(published_on=date(2016, 12, 2)),))) is not None
    assert risk.grave_violation(facts(findings=(finding(("corruption",)),))) is None


def test_it_flags_tactical_curricula_with_a_partner_that_has_any_finding():
    tactical = facts(topics=("crowd_control",), findings=(finding(("corruption",)),))
    assert risk.tactical_curriculum(tactical).level == "high"
    assert risk.tactical_curriculum(facts(topics=("crowd_control",))) is None
    assert risk.tactical_curriculum(facts(topics=("de_escalation",), findings=(finding(),))) is None


def test_it_flags_our_own_force_teaching_tactics_with_findings_against_it():
    ours = finding(("protest_force",), ours=True)
    assert risk.our_record(facts(direction="deliver", topics=("use_of_force",), findings=(ours,))).level == "flagged"
    assert risk.our_record(facts(direction="receive", topics=("use_of_force",), findings=(ours,))) is None
    assert risk.our_record(facts(direction="deliver", topics=("use_of_force",))) is None


def test_it_puts_human_rights_training_alone_on_the_low_risk_track():
    assert risk.human_rights_only(facts(topics=("human_rights",))).level == "low"
    assert risk.human_rights_only(facts(topics=("human_rights", "crowd_control"))) is None


def test_it_flags_a_cost_above_the_threshold(settings):
    settings.EXCHANGES_COST_THRESHOLD = 50000
    assert risk.high_cost(facts(cost=Decimal("50000.01"))).level == "flagged"
    assert risk.high_cost(facts(cost=Decimal("50000"))) is None
    assert risk.high_cost(facts(cost=None)) is None


def test_it_takes_the_highest_level_and_the_low_track_only_when_nothing_else_is_raised(settings):
    settings.EXCHANGES_COST_THRESHOLD = 50000
    assert risk.assess(facts(topics=("human_rights",)))[0] == "low"
    level, flags = risk.assess(facts(topics=("human_rights",), cost=Decimal("90000")))
    assert level == "flagged" and [flag.rule for flag in flags] == ["high_cost"]
    level, flags = risk.assess(facts(topics=("crowd_control",), cost=Decimal("90000"), findings=(finding(),)))
    assert level == "high" and {flag.rule for flag in flags} == {"grave_violation", "tactical_curriculum", "high_cost"}
    assert risk.assess(facts()) == ("normal", [])


@pytest.mark.django_db
def test_it_recomputes_a_proposals_flags_on_every_change(make_proposal, partner, verified_finding, city_rep):
    proposal = make_proposal("draft", partners=[partner], topics=["crowd_control"])
    assert proposal.risk_level == "normal"
    verified_finding(partner, categories=("protest_force",))
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.risk_level == "high"
    assert [flag["rule"] for flag in proposal.risk_flags] == ["tactical_curriculum"]
    proposal = services.proposal_update(actor=city_rep, proposal=proposal, topics=["human_rights"])
    assert proposal.risk_level == "low"


@pytest.mark.django_db
def test_it_exports_our_record_when_our_own_police_would_teach(make_proposal, city, staff_member, verified_finding):
    from cities.models import PoliceAgency

    agency = PoliceAgency.objects.create(city=city, name="Uganda Police Force", level="national")
    ours = services.partner_create(
        actor=staff_member, name="Uganda Police Force", country_code="UG", level="national", member_agency=agency
    )
    verified_finding(ours, categories=("protest_force",))
    proposal = make_proposal("draft", direction="deliver", topics=["crowd_control"])
    assert [flag["rule"] for flag in proposal.risk_flags] == ["our_record"]
