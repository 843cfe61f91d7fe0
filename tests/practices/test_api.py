"""The library's API: practices, collections, the matrix and adoption records, with exact query counts."""

import base64

import pytest
from django.utils import timezone

from practices.api import AdoptionListApi, CollectionListApi, CollectionMatrixApi, PracticeDetailApi, PracticeListApi
from practices.models import Adoption
from tests.cities.conftest import KAMPALA
from tests.practices.test_pages import _adopt, _cities


@pytest.fixture
def unthrottled(monkeypatch):
    for view in (PracticeListApi, PracticeDetailApi, CollectionListApi, CollectionMatrixApi, AdoptionListApi):
        monkeypatch.setattr(view, "throttle_classes", [])


@pytest.fixture
def collection(publish, collection_of):
    practices = [
        publish(title=title, sources=[{"title": "Report", "publisher": "X", "year": 2016, "url": "https://x.org"}])
        for title in ("Require de-escalation", "Duty to intervene", "Ban chokeholds")
    ]
    return collection_of("8-cant-wait", practices, title="8 Can't Wait"), practices


def test_the_practice_list_makes_a_fixed_number_of_queries(client, collection, unthrottled, django_assert_num_queries):
    with django_assert_num_queries(3):  # count, page, collections of the page
        response = client.get("/api/v1/practices/")
    body = response.json()
    assert body["count"] == 3
    first = body["results"][0]
    assert first["slug"] == "ban-chokeholds" and first["rating"] == "inconclusive"
    assert first["collections"] == [{"slug": "8-cant-wait", "title": "8 Can't Wait"}]
    assert first["snippet"] is None
    with django_assert_num_queries(3):
        response = client.get("/api/v1/practices/", {"q": "colleague"})
    assert "a <mark>colleague</mark> who uses" in response.json()["results"][0]["snippet"]


def test_a_practice_in_full(client, collection, unthrottled, django_assert_num_queries):
    with django_assert_num_queries(4):  # practice, sources, related, collections
        response = client.get("/api/v1/practices/duty-to-intervene/")
    body = response.json()
    assert body["sources"] == [{"title": "Report", "publisher": "X", "year": 2016, "url": "https://x.org"}]
    assert set(body["emmie"]) == {"effect", "mechanism", "moderators", "implementation", "economic_cost"}
    assert body["transferability"]["mayoral_control"] == "not_needed"
    assert body["body_html"] == "<p>A written <strong>duty</strong> for every officer.</p>"
    assert client.get("/api/v1/practices/nothing/").status_code == 404


def test_collections_and_a_collection(client, collection, unthrottled, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get("/api/v1/collections/")
    assert response.json()["results"] == [
        {
            "slug": "8-cant-wait",
            "title": "8 Can't Wait",
            "description": "",
            "practice_count": 3,
            "url": "/practices/collections/8-cant-wait/",
        }
    ]
    body = client.get("/api/v1/collections/8-cant-wait/").json()
    assert [item["slug"] for item in body["practices"]] == [
        "require-de-escalation",
        "duty-to-intervene",
        "ban-chokeholds",
    ]
    assert client.get("/api/v1/collections/other/").status_code == 404


def test_the_matrix_through_the_api(client, collection, unthrottled, django_assert_num_queries):
    _collection, practices = collection
    cities = _cities(30)
    _adopt(cities, practices)
    # collection, columns, count, page of cities, cells.
    with django_assert_num_queries(5):
        response = client.get("/api/v1/collections/8-cant-wait/matrix/")
    body = response.json()
    assert body["count"] == 30 and len(body["results"]) == 30
    assert [practice["slug"] for practice in body["practices"]] == [p.slug for p in practices]
    top = body["results"][0]
    assert top["score"] == 3 and top["statuses"] == ["adopted", "adopted", "adopted"]
    assert client.get("/api/v1/collections/8-cant-wait/matrix/", {"sort": "name"}).json()["results"][0]["city"][
        "name"
    ] == min(city.name for city in cities)
    bad = client.get("/api/v1/collections/8-cant-wait/matrix/", {"status": "maybe", "region": "mars"})
    assert bad.status_code == 400 and set(bad.json()) == {"status", "region"}


def test_adoptions_list_with_filters(client, collection, unthrottled, django_assert_num_queries):
    _collection, practices = collection
    cities = _cities(4)
    _adopt(cities, practices)
    with django_assert_num_queries(1):  # the page: records, cities and practices joined; no count
        response = client.get("/api/v1/adoptions/", {"status": "adopted"})
    body = response.json()
    assert [row["id"] for row in body["results"]] == list(
        Adoption.objects.filter(status="adopted").order_by("id").values_list("id", flat=True)
    )
    assert body["next"] is None and body["previous"] is None and "count" not in body
    response = client.get("/api/v1/adoptions/", {"city": cities[2].slug, "practice": "duty-to-intervene"})
    assert [row["status"] for row in response.json()["results"]] == ["adopted"]
    assert client.get("/api/v1/adoptions/", {"source": "rumour"}).status_code == 400


def _walk(client, url: str, django_assert_num_queries, between=None) -> list[list[int]]:
    """Every page of the adoption records, following `next` from the first; `between(n)` runs after page n."""
    pages = []
    while url:
        with django_assert_num_queries(1):
            body = client.get(url).json()
        pages.append([row["id"] for row in body["results"]])
        if between:
            between(len(pages))
        url = body["next"]
    return pages


def test_adoption_records_page_by_cursor_without_duplicates_or_gaps(
    client, collection, unthrottled, monkeypatch, django_assert_num_queries
):
    _collection, practices = collection
    cities = _cities(10)
    _adopt(cities, practices)
    monkeypatch.setattr(AdoptionListApi.pagination_class, "page_size", 7)
    everything = list(Adoption.objects.order_by("id").values_list("id", flat=True))
    assert len(everything) == 30

    pages = _walk(client, "/api/v1/adoptions/", django_assert_num_queries)
    assert [len(page) for page in pages] == [7, 7, 7, 7, 2]
    assert [pk for page in pages for pk in page] == everything

    # Records changed while someone pages through keep their place; a record added shows at the end.
    def change(page_number: int) -> None:
        if page_number == 2:
            Adoption.objects.filter(pk__in=everything[:20]).update(status="piloting", updated_at=timezone.now())
            Adoption.objects.filter(pk=everything[3]).delete()

    pages = _walk(client, "/api/v1/adoptions/", django_assert_num_queries, between=change)
    seen = [pk for page in pages for pk in page]
    assert len(seen) == len(set(seen))
    assert seen == [pk for pk in everything if pk in seen] and set(everything[14:]) <= set(seen)

    # Back from the second page to the first.
    first = client.get("/api/v1/adoptions/").json()
    second = client.get(first["next"]).json()
    assert [row["id"] for row in client.get(second["previous"]).json()["results"]] == [
        row["id"] for row in first["results"]
    ]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        base64.b64encode(b"p=abc").decode(),  # a position that is not a record's id
        base64.b64encode(b"o=-4").decode(),
        base64.b64encode(b"r=yes").decode(),
        "é",
    ],
)
def test_a_bad_cursor_is_a_404_that_says_so(client, collection, unthrottled, cursor):
    response = client.get("/api/v1/adoptions/", {"cursor": cursor})
    assert response.status_code == 404
    assert "follow the next and previous links" in response.json()["detail"]


def test_a_representative_records_an_adoption_through_the_api(
    client, collection, city_rep, member_city, unthrottled, participant
):
    kampala = member_city(city_rep, KAMPALA)
    payload = {"city": kampala.slug, "practice": "duty-to-intervene", "status": "piloting"}
    assert client.post("/api/v1/adoptions/", payload, content_type="application/json").status_code == 401
    client.force_login(participant)
    assert client.post("/api/v1/adoptions/", payload, content_type="application/json").status_code == 403
    client.force_login(city_rep)
    response = client.post("/api/v1/adoptions/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["source"] == "self_reported" and response.json()["city"]["slug"] == kampala.slug
    bad = client.post(
        "/api/v1/adoptions/",
        {"city": "atlantis", "practice": "nothing", "status": "adopted"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and set(bad.json()) == {"city", "practice"}
    bad = client.post(
        "/api/v1/adoptions/",
        {**payload, "status": "perhaps", "policy_url": "javascript:alert(1)"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and set(bad.json()) == {"status", "policy_url"}
    assert client.put("/api/v1/adoptions/", payload, content_type="application/json").status_code == 405
    assert Adoption.objects.count() == 1


def test_a_suspended_citys_representative_is_refused(
    client, collection, city_rep, member_city, staff_member, unthrottled
):
    from cities import services as city_services

    kampala = member_city(city_rep, KAMPALA)
    city_services.membership_suspend(actor=staff_member, city=kampala, reason="Under review.")
    client.force_login(city_rep)
    response = client.post(
        "/api/v1/adoptions/",
        {"city": kampala.slug, "practice": "duty-to-intervene", "status": "adopted"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Adoption.objects.exists()
