"""Staff's queue of membership applications pages by keyset, oldest submission first (first come, first served),
keeping the status chosen across its links, in the same queries on every page, read from the `application_queue`
index without a sort."""

import copy
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.utils import timezone

from cities import views
from cities.models import MembershipApplication
from tests.factories import UserFactory
from tests.keyset_plans import next_cursor, page_query_plans

pytestmark = pytest.mark.django_db

URL = "/staff/cities/applications/"


@pytest.fixture
def queue(participant, submitted, monkeypatch):
    """`count` applications in `status`, the first submitted first, two of them at the same moment."""
    monkeypatch.setattr(views, "APPLICATIONS_PER_PAGE", 2)
    model = submitted(participant)

    def make(count: int, status: str = "submitted") -> list[MembershipApplication]:
        start = timezone.now() - timedelta(days=30)
        rows = []
        for n, applicant in enumerate(UserFactory.create_batch(count)):
            row = copy.copy(model)
            row.pk = None
            row.applicant, row.status, row.office_name = applicant, status, f"Office {status} {n:02d}"
            row.submitted_at = start + timedelta(hours=min(n, 3) if n <= 3 else n - 1)  # rows 3 and 4 tie
            rows.append(row)
        return MembershipApplication.objects.bulk_create(rows)

    return make


def test_the_queue_shows_the_oldest_submission_first_and_pages_on_keeping_the_status(
    client, staff_member, login_with_second_factor, queue
):
    waiting = queue(5, "more_info_requested")
    queue(3, "submitted")
    login_with_second_factor(staff_member)
    first = client.get(URL, {"status": "more_info_requested"}).text
    assert "Office more_info_requested 00" in first and "Office more_info_requested 01" in first
    assert first.index("Office more_info_requested 00") < first.index("Office more_info_requested 01")
    assert "Office submitted" not in first and "Office more_info_requested 02" not in first
    assert ">Newer</a>" in first and 'rel="first"' not in first
    assert 'href="?status=more_info_requested&amp;after=' in first
    seen = []
    body, cursor = first, None
    while True:
        seen += [row.office_name for row in waiting if row.office_name in body]
        if 'rel="next"' not in body:
            break
        cursor = unquote(next_cursor(body))
        body = client.get(URL, {"status": "more_info_requested", "after": cursor}).text
        assert ">Oldest</a>" in body and 'href="?status=more_info_requested&amp;" rel="first"' in body
    assert seen == [f"Office more_info_requested {n:02d}" for n in range(5)]


def test_a_page_deep_in_the_queue_takes_the_queries_of_the_first(
    client, staff_member, login_with_second_factor, queue, django_assert_num_queries
):
    queue(7)
    login_with_second_factor(staff_member)
    client.get(URL)
    # user, authenticators (second-factor check), user and group permissions, groups for the header,
    # unread count, the page of applications with their cities and applicants: no count.
    with django_assert_num_queries(7):
        first = client.get(URL).text
    cursor = unquote(next_cursor(first))
    with django_assert_num_queries(7):
        second = client.get(URL, {"after": cursor}).text
    deep = unquote(next_cursor(client.get(URL, {"after": unquote(next_cursor(second))}).text))
    with django_assert_num_queries(7):
        client.get(URL, {"after": deep})


def test_the_queue_is_read_from_its_index_without_a_sort(client, staff_member, login_with_second_factor, queue):
    queue(5)
    login_with_second_factor(staff_member)
    cursor = unquote(next_cursor(client.get(URL).text))
    for params in ({}, {"after": cursor}, {"status": "declined"}):
        for plan in page_query_plans(client, URL, params, "cities_membershipapplication"):
            assert "application_queue" in plan, plan
            assert "Sort" not in plan, plan


def test_a_forged_cursor_shows_the_first_page(client, staff_member, login_with_second_factor, queue):
    queue(3)
    login_with_second_factor(staff_member)
    response = client.get(URL, {"after": "forged"})
    assert response.status_code == 200
    assert "Office submitted 00" in response.text and 'rel="first"' not in response.text
