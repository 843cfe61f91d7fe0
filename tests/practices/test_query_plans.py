"""The library's hot reads use their indexes: the search combines its two GIN indexes in a bitmap OR, the matrix
reads only the collection's records through the adoption records' index. Read from `EXPLAIN` on a library of a few
thousand records with fresh statistics and sequential scans priced out, so the plan does not depend on chance."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from practices import selectors
from practices.models import Practice, search_vector_expression

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
