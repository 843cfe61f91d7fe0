from io import StringIO

import pytest
from django.core.management import call_command

from exchanges.models import Finding, FundingOpportunity, PartnerAgency, Proposal, Status
from exchanges.selectors import alternatives, register, register_totals

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_registry_and_proposals_in_every_state_once(settings):
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)
    assert "Exchanges: 7 partner agencies and 6 verified findings added; 10 proposals added" in first.getvalue()
    assert "Exchanges: 0 partner agencies and 0 verified findings added; 0 proposals added" in second.getvalue()
    assert "Funding: 3 demo funding opportunities added." in first.getvalue()
    assert "Funding: 0 demo funding opportunities added." in second.getvalue()
    # Clearly the demonstration's, and one of them funds an exchange that went ahead, shown in the register.
    assert all("(demo)" in funder for funder in FundingOpportunity.objects.values_list("funder_name", flat=True))
    assert set(FundingOpportunity.objects.values_list("funder_kind", flat=True)) == {
        "foreign_ministry",
        "embassy",
        "philanthropy",
    }
    funded = Proposal.objects.get(funding__isnull=False)
    assert funded.status == Status.APPROVED and funded.funding.funder_kind == "foreign_ministry"
    assert register_totals(register())["by_funder"][0]["funder"] == "Ministry of Foreign Affairs (demo)"
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Status.values)
    assert not Finding.objects.filter(verified_at__isnull=True).exists()
    # Each finding cites its publisher, title and date.
    assert all(f.publisher and f.title and f.published_on for f in Finding.objects.all())
    assert PartnerAgency.objects.get(name="Special Anti-Robbery Squad").parent.name == "Nigeria Police Force"
    rejected = Proposal.objects.get(status=Status.REJECTED)
    assert rejected.letter_reasons and rejected.risk_level == "high"
    assert alternatives(rejected)
    assert Proposal.objects.get(status=Status.IN_REVIEW).comments.exists()
