"""The library's hot reads use their indexes: the search combines its two GIN indexes in a bitmap OR, the matrix
reads only the collection's records through the adoption records' index. Read from `EXPLAIN` on a library of a few
thousand records with fresh statistics and sequential scans priced out, so the plan does not depend on chance."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practices import selectors
from practices.models import Adoption, Practice, search_vector_expression
from tests.practices.test_pages import _cities

WORDS = ["crisis", "patrol", "review", "oversight", "training", "mediation", "outreach", "reporting"]


@pytest.fixture
def big_library(db):
    now = timezone.now()
    Practice.objects.bulk_create(
        Practice(
            title=f"{WORDS[n % 8].title()} {WORDS[(n // 8) % 8]} programme {n}",
            slug=f"practice-{n}",
            kind="program",
            summary=f"Residents and officers {WORDS[(n // 3) % 8]} together, {n}.",
            body=f"Officers {WORDS[(n // 5) % 8]} calls in district {n}.",
            status="published",
            published_at=now,
        )
        for n in range(3000)
    )
    published = {"kind": "model", "status": "published", "published_at": now}
    Practice.objects.bulk_create(
        [
            Practice(title="Koban police boxes", slug="koban", summary="Posts.", **published),
            Practice(title="Community posts", slug="posts", summary="Like a koban.", **published),
        ]
    )
    Practice.objects.update(search_vector=search_vector_expression())
    with connection.cursor() as cursor:
        # As autovacuum would have done: the GIN indexes' pending entries merged, the statistics taken (of every
        # row, at this size).
        for index in ("practice_search", "practice_title_unaccent_trgm"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE practices_practice")
        cursor.execute("SET LOCAL enable_seqscan = off")


def test_the_search_combines_its_two_gin_indexes(big_library):
    found = selectors.search(selectors.library(AnonymousUser()), "koban")
    plan = found.explain()
    assert "BitmapOr" in plan, plan
    assert "Bitmap Index Scan on practice_search" in plan, plan
    assert "Bitmap Index Scan on practice_title_unaccent_trgm" in plan, plan
    # The count the paginator runs is served the same way.
    assert "BitmapOr" in found.order_by().values("pk").explain()
    assert {practice.slug for practice in found} == {"koban", "posts"}


def _scans_of(node: dict, relation: str) -> list[dict]:
    found = [node] if node.get("Relation Name") == relation else []
    for child in node.get("Plans", []):
        found += _scans_of(child, relation)
    return found


@pytest.fixture
def big_matrix(db, publish, collection_of):
    """Eight practices in a collection among 250, and twenty cities with a record for each of the 250: the
    collection's records are a thirtieth of the cities' records."""
    now = timezone.now()
    practices = Practice.objects.bulk_create(
        Practice(title=f"Practice {n}", slug=f"practice-{n}", kind="policy", summary="A policy.", status="published",
                 published_at=now)
        for n in range(250)
    )  # fmt: skip
    collection = collection_of("8-cant-wait", practices[:8])
    cities = _cities(20)
    Adoption.objects.bulk_create(
        Adoption(city=city, practice=practice, status=["adopted", "piloting", "not_adopted"][(c + p) % 3],
                 source="imported")
        for c, city in enumerate(cities)
        for p, practice in enumerate(practices)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE practices_adoption")
        cursor.execute("ANALYZE cities_city")
        cursor.execute("SET LOCAL enable_seqscan = off")
    return collection


@pytest.mark.parametrize(
    ("filters", "scores"),
    [
        ({}, [2, 3]),
        ({"sort": "name"}, [2, 3]),
        ({"status": "piloting", "sort": "-population"}, [2, 3]),
        ({"status": "adopted", "sort": "score"}, [2, 3]),
    ],
)
def test_the_matrix_reads_only_the_collections_records_through_an_index(big_matrix, filters, scores):
    items = selectors.collection_items(big_matrix)
    cities = selectors.matrix_cities(big_matrix, items, **filters)
    plan = json.loads(cities.explain(format="json"))[0]["Plan"]
    reads = _scans_of(plan, "practices_adoption")
    assert reads, plan
    for read in reads:
        # Every read of the records goes through an index, on the collection's practices: no scan of every record
        # of a city (which the score read before, filtering afterwards), nor of the city's records through an index
        # on the city alone with the practices as a filter.
        condition = read.get("Index Cond", "") or read.get("Recheck Cond", "")
        assert read["Node Type"] in {"Index Scan", "Index Only Scan", "Bitmap Heap Scan"}, read
        assert "practice_id" in condition, read
        assert "practice_id" not in read.get("Filter", ""), read
    # And the scores are right: each city adopted the practices p with (c + p) % 3 == 0 among the eight.
    assert sorted({city.score for city in cities}) == scores
    assert len(cities) == 20


def test_the_matrix_cities_to_compare_are_read_by_the_collections_practices(big_matrix):
    items = selectors.collection_items(big_matrix)
    with CaptureQueriesContext(connection) as queries:
        entries = selectors.matrix_city_entries(items)
    assert len(entries) == 20
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {query['sql']}")
        plan = cursor.fetchone()[0][0]["Plan"]
    reads = _scans_of(plan, "practices_adoption")
    assert reads, plan
    for read in reads:
        assert "practice_id" in (read.get("Index Cond", "") or read.get("Recheck Cond", "")), read
        assert "practice_id" not in read.get("Filter", ""), read
