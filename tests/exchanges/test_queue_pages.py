"""Staff's review queue pages by keyset, oldest submission first (first come, first served), keeping the status
chosen across its links, in the same queries on every page, read from its indexes without a sort."""

import copy
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from exchanges import services, views
from exchanges.models import Proposal
from tests.keyset_plans import next_cursor, page_query_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def url():
    return reverse("exchanges_staff:queue")


@pytest.fixture
def queue(make_proposal, monkeypatch):
    """`count` copies of a proposal in `status`, submitted an hour apart (the fourth and fifth at one moment)."""
    monkeypatch.setattr(views, "PER_PAGE", 2)

    def make(count: int, status: str = "submitted", prefix: str = "Visit") -> list[Proposal]:
        model = make_proposal(status, title=f"{prefix} model")
        start = timezone.now() - timedelta(days=30)
        rows = []
        for n in range(count):
            row = copy.copy(model)
            row.pk = None
            row.title, row.submitted_at = f"{prefix} {n:02d}", start + timedelta(hours=min(n, 3))
            rows.append(row)
        return Proposal.objects.bulk_create(rows)

    return make


def _titles(body: str, prefix: str) -> list[str]:
    return [f"{prefix} {part[:2]}" for part in body.split(f">{prefix} ")[1:]]


def test_staff_work_the_queue_oldest_first_page_by_page_keeping_the_status(
    client, url, staff_member, login_with_second_factor, queue
):
    queue(5, "screening", prefix="Screened")
    queue(2, "submitted", prefix="Waiting")
    login_with_second_factor(staff_member)
    pages, params = [], {"status": "screening"}
    while True:
        body = client.get(url, params).text
        assert "Waiting" not in body
        pages.append(_titles(body, "Screened"))
        if 'rel="next"' not in body:
            assert 'href="?status=screening&amp;" rel="first">Oldest</a>' in body
            break
        assert ">Newer</a>" in body and 'href="?status=screening&amp;after=' in body
        params = {"status": "screening", "after": unquote(next_cursor(body))}
    # The model proposal was submitted now, after its copies: it comes last.
    assert pages == [["Screened 00", "Screened 01"], ["Screened 02", "Screened 03"], ["Screened 04", "Screened mo"]]


def test_a_draft_withdrawn_before_it_was_submitted_is_not_in_the_queue(
    client, url, staff_member, login_with_second_factor, make_proposal, city_rep
):
    draft = make_proposal("draft", title="Never sent")
    services.proposal_withdraw(actor=city_rep, proposal=draft)
    sent = make_proposal("submitted", title="Sent then withdrawn")
    services.proposal_withdraw(actor=city_rep, proposal=sent)
    login_with_second_factor(staff_member)
    body = client.get(url, {"status": "withdrawn"}).text
    assert "Never sent" not in body
    assert "Sent then withdrawn" in body
    body = client.get(url).text
    assert "Never sent" not in body and "Sent then withdrawn" in body


def test_an_unknown_status_shows_the_whole_queue(client, url, staff_member, login_with_second_factor, queue):
    queue(1)
    login_with_second_factor(staff_member)
    body = client.get(url, {"status": "draft"}).text
    assert "Visit 00" in body


def test_a_deep_page_takes_the_queries_of_the_first(
    client, url, staff_member, login_with_second_factor, queue, django_assert_num_queries
):
    queue(7)
    login_with_second_factor(staff_member)
    client.get(url)
    # What a staff page costs, the page of proposals (no count), their partners, the findings and the agencies to
    # check: the same on every page.
    with django_assert_num_queries(10):
        body = client.get(url).text
    for _ in range(3):
        cursor = unquote(next_cursor(body))
        with django_assert_num_queries(10):
            body = client.get(url, {"after": cursor}).text


def test_the_queue_is_read_from_its_indexes_without_a_sort(client, url, staff_member, login_with_second_factor, queue):
    queue(5, "screening")
    queue(40, "submitted", prefix="Study")  # another status, which the queue by status does not read
    with connection.cursor() as statistics:
        # Priced by what each index reads, not tied: on a table without statistics the two can cost the same.
        statistics.execute("ANALYZE exchanges_proposal")
    login_with_second_factor(staff_member)
    cursor = unquote(next_cursor(client.get(url).text))
    for params, index in (
        ({}, "proposal_queue"),
        ({"after": cursor}, "proposal_queue"),
        ({"status": "screening"}, "proposal_queue_by_status"),
        ({"status": "screening", "after": cursor}, "proposal_queue_by_status"),
    ):
        for plan in page_query_plans(client, url, params, "exchanges_proposal"):
            assert index in plan, plan
            assert "Sort" not in plan, plan


def test_the_findings_and_partners_to_verify_are_read_from_their_indexes_without_a_sort(
    client, url, staff_member, login_with_second_factor
):
    """The queue's two side lists grow with the partners and findings staff enter: each is read, oldest first,
    from a partial index of the rows still to verify, not by sorting every one of them."""
    login_with_second_factor(staff_member)
    for table, index in (("exchanges_finding", "finding_to_verify"), ("exchanges_partneragency", "partner_to_verify")):
        for plan in page_query_plans(client, url, {}, table):
            assert index in plan, plan
            assert "Sort" not in plan, plan
