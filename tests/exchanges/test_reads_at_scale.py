"""The reads that grow with the network: the register's order and the review queue's are read from their indexes
(never a sort of every proposal), the register's totals count each proposal once whatever its partners, and a
partner's page shows its findings a page at a time with their count by severity."""

import copy
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from exchanges import selectors, services
from exchanges.models import Finding, Proposal

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        # Sequential scans and sorts priced out: on a handful of rows the plan then shows whether an index can give
        # the order by itself (where none can, Postgres still sorts).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        # With the table's statistics, two indexes that could both serve are priced by what each reads, not tied.
        cursor.execute(f'ANALYZE "{queryset.model._meta.db_table}"')
    return queryset.explain()


def test_the_register_is_read_in_its_order_from_its_index(make_proposal):
    make_proposal("approved")
    plan = _plan(selectors.register()[:25])
    assert "proposal_register" in plan, plan
    assert "Sort" not in plan, plan


def test_the_review_queue_is_read_in_its_order_from_its_indexes(make_proposal):
    make_proposal("in_review")
    # Rows of another status, which the queue by status does not read: with the table's statistics the index by
    # status then reads fewer rows than the queue's own index, instead of tying with it.
    other = make_proposal("submitted")
    copies = []
    for _ in range(40):
        row = copy.copy(other)
        row.pk = None
        copies.append(row)
    Proposal.objects.bulk_create(copies)
    plan = _plan(selectors.review_queue()[:25])
    assert "proposal_queue" in plan, plan
    assert "Sort" not in plan, plan
    by_status = _plan(selectors.review_queue(status="in_review")[:25])
    assert "proposal_queue_by_status" in by_status, by_status
    assert "Sort" not in by_status, by_status


def test_the_review_queue_counts_each_proposals_reviews(make_proposal):
    in_review = make_proposal("in_review", title="Waiting")
    recommended = make_proposal("recommended", title="Recommended")
    make_proposal("submitted", title="Not yet assigned")
    counts = {p.title: (p.recommendation_count, p.review_count) for p in selectors.review_queue()}
    assert counts[in_review.title] == (0, 2)
    assert counts[recommended.title] == (2, 2)
    assert counts["Not yet assigned"] == (0, 0)


def test_the_register_counts_a_proposal_with_two_partners_in_the_country_once(
    client, make_proposal, partner, staff_member
):
    second = services.partner_create(
        actor=staff_member, name="Policía de Investigaciones", country_code="CL", level="national"
    )
    make_proposal("approved", title="Two Chilean partners", partners=[partner, second], cost=1234, payer="city")
    response = client.get(reverse("exchanges:register"), {"country": "CL"})
    body = response.content.decode()
    assert body.count("Two Chilean partners") == 1
    totals = selectors.register_totals(selectors.register(filters={"country": "CL"}))
    assert totals["by_decision"] == [("Approved", 1)]
    assert totals["by_payer"] == [("City budget", 1234)]


def test_the_register_totals_leave_out_the_costs_a_decision_withholds(make_proposal, staff_member):
    make_proposal("approved", cost=1000, payer="city")
    hidden = make_proposal("recommended", cost=5000, payer="city")
    services.proposal_decide(
        actor=staff_member, proposal=hidden, move="approve", rationale="Why.", summary="Approved.",
        sensitive_fields=["cost"],
    )  # fmt: skip
    totals = selectors.register_totals(selectors.register())
    assert [count for _label, count in totals["by_decision"]] == [2]
    assert [amount for _label, amount in totals["by_payer"]] == [1000]


@pytest.fixture
def many_findings(partner, staff_member, second_staff):
    def make(count: int) -> None:
        today = date.today()
        Finding.objects.bulk_create(
            Finding(
                partner=partner, source_kind="amnesty", publisher="Amnesty International", title=f"Report {n:02d}",
                published_on=today - timedelta(days=n), categories=["torture"],
                severity="grave" if n % 3 == 0 else "high", credibility="high", summary="What it found.",
                entered_by=staff_member, verified_by=second_staff, verified_at=timezone.now(),
            )
            for n in range(count)
        )  # fmt: skip

    return make


def test_a_partners_page_shows_its_findings_a_page_at_a_time_with_their_count(client, partner, many_findings):
    many_findings(30)
    body = client.get(reverse("exchanges:partner", args=[partner.pk])).content.decode()
    assert body.count('<article class="card">') == 25
    assert "Report 00" in body and "Report 24" in body and "Report 25" not in body
    assert "30 findings, by severity:" in body
    assert "Grave 10" in body and "High 20" in body
    second = client.get(reverse("exchanges:partner", args=[partner.pk]), {"page": 2}).content.decode()
    assert second.count('<article class="card">') == 5
    assert "Report 29" in second and "Report 00" not in second


def test_a_partners_page_takes_the_same_queries_for_three_findings_or_three_hundred(
    client, partner, many_findings, django_assert_num_queries
):
    many_findings(3)
    url = reverse("exchanges:partner", args=[partner.pk])
    client.get(url)
    # The agency, the findings' count, their count by severity, the page of them.
    with django_assert_num_queries(4):
        client.get(url)
    many_findings(297)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
