import pytest
from rest_framework.test import APIClient

from network.accounts.services import api_token_rotate
from network.notifications.api import NotificationListApi
from network.notifications.models import Notification
from network.notifications.services import notify
from tests.notifications.conftest import UPDATE


@pytest.fixture
def api(participant):
    _token, key = api_token_rotate(actor=participant)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def three(participant, outsider, update_kind):
    for headline in ["one", "two", "three"]:
        notify(kind=UPDATE, recipients=[participant], actor=outsider, target=outsider, data={"headline": headline})
    notify(kind=UPDATE, recipients=[outsider], data={"headline": "someone else's"})
    return list(Notification.objects.filter(recipient=participant).order_by("-created_at", "-id"))


def test_it_lists_ones_own_notifications_newest_first(api, three, outsider):
    response = api.get("/api/v1/notifications/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}  # paged by cursor: no count
    assert [row["id"] for row in body["results"]] == [n.pk for n in three]
    first = body["results"][0]
    assert first == {
        "id": three[0].pk,
        "kind": UPDATE,
        "summary": "someone_else has news: three",
        "actor": "someone_else",
        "target": {"type": "accounts.user", "id": str(outsider.pk), "label": "someone_else", "url": ""},
        "data": {"headline": "three"},
        "created_at": first["created_at"],
        "read_at": None,
    }
    assert outsider.email not in response.text and "someone else's" not in response.text


@pytest.mark.parametrize("zone", ["UTC", "America/Bogota"])
def test_each_notification_is_written_as_its_declared_fields_would_write_it(participant, three, outsider, zone):
    from django.utils import timezone
    from rest_framework import serializers

    from network.notifications import selectors
    from network.notifications.api import NotificationOutputSerializer

    notify(kind=UPDATE, recipients=[participant], target_url="/accounts/profile/", data={"headline": "no actor"})
    Notification.objects.filter(pk=three[1].pk).update(read_at=timezone.now())
    rows = selectors.with_summaries(selectors.inbox(user=participant))
    assert len(rows) == 4
    with timezone.override(zone):
        for row in rows:
            serializer = NotificationOutputSerializer(row)
            generic = serializers.Serializer.to_representation(serializer, row)
            assert serializer.data == generic
            assert list(serializer.data) == list(generic)
    assert {bool(row.actor_label) for row in rows} == {True, False}
    assert {row.read_at is None for row in rows} == {True, False}


def test_it_filters_unread(api, three):
    api.post(f"/api/v1/notifications/{three[0].pk}/read/")
    assert len(api.get("/api/v1/notifications/?unread=true").json()["results"]) == 2
    read = api.get("/api/v1/notifications/?unread=false").json()["results"]
    assert [row["id"] for row in read] == [three[0].pk]  # the read ones
    response = api.get("/api/v1/notifications/?unread=maybe")
    assert response.status_code == 400 and "unread" in response.json()


def test_the_list_costs_the_same_queries_whatever_its_length(
    api, three, participant, outsider, update_kind, django_assert_num_queries, monkeypatch
):
    # Throttle counters live in the cache, which is a Postgres table where there is no Redis: leave them out.
    monkeypatch.setattr(NotificationListApi, "throttle_classes", [])
    # token, page with events and actors (by cursor: no count)
    with django_assert_num_queries(2):
        api.get("/api/v1/notifications/")
    for _ in range(5):
        notify(kind=UPDATE, recipients=[participant], actor=outsider)
    with django_assert_num_queries(2):
        assert len(api.get("/api/v1/notifications/").json()["results"]) == 8


def test_it_marks_one_read(api, three):
    response = api.post(f"/api/v1/notifications/{three[1].pk}/read/")
    assert response.status_code == 200
    assert response.json()["id"] == three[1].pk and response.json()["read_at"] is not None
    assert Notification.objects.filter(read_at__isnull=False).count() == 1


def test_it_marks_all_read(api, three, outsider):
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 3}
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 0}
    assert Notification.objects.filter(recipient=outsider, read_at__isnull=True).count() == 1


def test_nobody_marks_someone_elses_notification(three, outsider):
    _token, key = api_token_rotate(actor=outsider)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.post(f"/api/v1/notifications/{three[0].pk}/read/").status_code == 404
    assert len(client.get("/api/v1/notifications/").json()["results"]) == 1
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_anonymous_callers_get_401(db):
    client = APIClient()
    assert client.get("/api/v1/notifications/").status_code == 401
    assert client.post("/api/v1/notifications/read-all/").status_code == 401
    assert client.post("/api/v1/notifications/1/read/").status_code == 401


def test_wrong_methods_are_refused(api, three):
    assert api.post("/api/v1/notifications/").status_code == 405
    assert api.get("/api/v1/notifications/read-all/").status_code == 405
    assert api.delete(f"/api/v1/notifications/{three[0].pk}/read/").status_code == 405


def test_the_schema_describes_the_endpoints(client, db):
    schema = client.get("/api/schema/").text
    assert "/api/v1/notifications/{id}/read/" in schema and "/api/v1/notifications/read-all/" in schema
