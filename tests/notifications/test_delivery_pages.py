"""Staff's list of every email pages by keyset, newest first, keeping its filters across the links, in the same
queries on every page, read from the deliveries' indexes without a sort."""

from urllib.parse import unquote

import pytest
from django.utils import timezone

from network.notifications import views
from network.notifications.models import Delivery
from network.notifications.services import notify
from tests.keyset_plans import next_cursor, page_query_plans
from tests.notifications.conftest import UPDATE

URL = "/staff/notifications/"


@pytest.fixture
def emails(participant, update_kind, monkeypatch):
    """Seven failed emails and two sent ones, newest first; the middle three failed ones of the same moment."""
    monkeypatch.setattr(views, "DELIVERIES_PER_PAGE", 2)
    for n in range(9):
        notify(kind=UPDATE, recipients=[participant], data={"headline": f"news {n}"})
    rows = list(Delivery.objects.order_by("id"))
    Delivery.objects.filter(pk__in=[row.pk for row in rows[:7]]).update(status="failed", attempts=8)
    Delivery.objects.filter(pk__in=[row.pk for row in rows[7:]]).update(status="sent", attempts=1)
    Delivery.objects.filter(pk__in=[row.pk for row in rows[2:5]]).update(created_at=timezone.now())
    for row in rows[5:]:
        Delivery.objects.filter(pk=row.pk).update(created_at=timezone.now())
    return list(Delivery.objects.order_by("-created_at", "-id"))


def _retry_ids(body: str) -> list[int]:
    return [int(part.split("/")[0]) for part in body.split('action="/staff/notifications/')[1:]]


def test_staff_read_every_failed_email_once_newest_first_keeping_the_filter(
    client, staff_member, login_with_second_factor, emails
):
    login_with_second_factor(staff_member)
    seen, params = [], {"status": "failed"}
    while True:
        body = client.get(URL, params).text
        seen += _retry_ids(body)
        if 'rel="next"' not in body:
            assert 'href="?status=failed&amp;" rel="first">Newest</a>' in body
            break
        assert ">Older</a>" in body and 'href="?status=failed&amp;after=' in body
        params = {"status": "failed", "after": unquote(next_cursor(body))}
    assert seen == [row.pk for row in emails if row.status == "failed"]


def test_a_deep_page_takes_the_queries_of_the_first(
    client, staff_member, login_with_second_factor, emails, django_assert_num_queries
):
    login_with_second_factor(staff_member)
    client.get(URL)
    with django_assert_num_queries(7):
        body = client.get(URL).text
    for _ in range(3):
        cursor = unquote(next_cursor(body))
        with django_assert_num_queries(7):
            body = client.get(URL, {"after": cursor}).text


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({}, "delivery_recent"),
        ({"status": "failed"}, "delivery_by_status"),
        ({"schedule": "immediate"}, "delivery_by_schedule"),
    ],
)
def test_the_list_is_read_from_the_deliveries_indexes_without_a_sort(
    client, staff_member, login_with_second_factor, emails, filters, index
):
    login_with_second_factor(staff_member)
    cursor = unquote(next_cursor(client.get(URL, filters).text))
    for params in (filters, {**filters, "after": cursor}):
        for plan in page_query_plans(client, URL, params, "notifications_delivery"):
            assert index in plan, plan
            assert "Sort" not in plan, plan
