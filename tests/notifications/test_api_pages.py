"""The notifications API pages by cursor, newest first in the inbox's order: every notification once across pages
whose boundary falls inside a run of the same moment, the unread filter kept in the links, the same queries on every
page, the inbox's indexes read without a sort, and a cursor the API did not give a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from network.accounts.services import api_token_rotate
from network.notifications.api import NotificationListApi, NotificationPagination
from network.notifications.models import Notification
from network.notifications.services import notify
from tests.notifications.conftest import UPDATE

URL = "/api/v1/notifications/"


@pytest.fixture
def api(participant, monkeypatch):
    monkeypatch.setattr(NotificationPagination, "page_size", 2)
    # Throttle counters live in the cache, which is a Postgres table where there is no Redis: leave them out.
    monkeypatch.setattr(NotificationListApi, "throttle_classes", [])
    _token, key = api_token_rotate(actor=participant)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def seven(participant, outsider, update_kind):
    """Seven notifications of the participant's; the middle five of the same moment."""
    for n in range(7):
        notify(kind=UPDATE, recipients=[participant], actor=outsider, data={"headline": f"news {n}"})
    notify(kind=UPDATE, recipients=[outsider], data={"headline": "someone else's"})
    rows = list(Notification.objects.filter(recipient=participant).order_by("id"))
    Notification.objects.filter(pk__in=[row.pk for row in rows[1:6]]).update(created_at=timezone.now())
    Notification.objects.filter(pk=rows[6].pk).update(created_at=timezone.now())
    return list(Notification.objects.filter(recipient=participant).order_by("-created_at", "-id"))


def _walk(api, url: str) -> tuple[list[int], list[str]]:
    ids, links = [], []
    while url:
        response = api.get(url)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"next", "previous", "results"}
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
        links.append(url or "")
    return ids, links


def test_every_notification_shows_once_newest_first_across_pages(api, seven):
    ids, links = _walk(api, URL)
    assert ids == [n.pk for n in seven]
    assert len(links) == 4 and links[-1] == ""


def test_the_unread_filter_is_kept_across_pages(api, seven):
    Notification.objects.filter(pk__in=[seven[0].pk, seven[3].pk]).update(read_at=timezone.now())
    ids, links = _walk(api, f"{URL}?unread=true")
    assert ids == [n.pk for n in seven if n.pk not in (seven[0].pk, seven[3].pk)]
    assert all("unread=true" in link for link in links if link)


def test_a_cursor_the_api_did_not_give_is_a_404(api, seven):
    for cursor in ("forged", "cD1ub3QtYS1kYXRl", ""):
        response = api.get(URL, {"cursor": cursor})
        assert response.status_code == (200 if cursor == "" else 404), cursor


def test_a_deep_page_takes_the_queries_of_the_first(api, seven, django_assert_num_queries):
    url = URL
    for _ in range(4):
        # the token, the page with its events and actors: no count
        with django_assert_num_queries(2):
            url = api.get(url).json()["next"]
        if not url:
            break
    assert url is None


@pytest.mark.parametrize(("query", "index"), [("", "notification_inbox"), ("?unread=true", "notification_unread")])
def test_the_pages_are_read_from_the_inbox_indexes_without_a_sort(api, seven, query, index):
    second = api.get(f"{URL}{query}").json()["next"]
    for url in (f"{URL}{query}", second):
        with CaptureQueriesContext(connection) as captured:
            assert api.get(url).status_code == 200
        [statement] = [q["sql"] for q in captured.captured_queries if 'FROM "notifications_notification"' in q["sql"]]
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {statement}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan
        assert "Sort" not in plan, plan
