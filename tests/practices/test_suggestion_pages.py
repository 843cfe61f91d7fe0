"""Suggestions page by keyset: staff's queue of open ones oldest first (first come, first served), a person's own
newest first; each in the same queries on every page, read from its index without a sort."""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.utils import timezone

from practices import views
from practices.models import Suggestion
from tests.keyset_plans import next_cursor, page_query_plans

pytestmark = pytest.mark.django_db

QUEUE = "/staff/practices/suggestions/"
OWN = "/practices/suggestions/"


@pytest.fixture
def suggestions(monkeypatch):
    """`count` suggestions by `person` in `status`, an hour apart (the fourth and fifth at the same moment)."""
    monkeypatch.setattr(views, "STAFF_PER_PAGE", 2)

    def make(person, count: int, status: str = "open", prefix: str = "Idea") -> list[Suggestion]:
        start = timezone.now() - timedelta(days=10)
        return Suggestion.objects.bulk_create(
            Suggestion(
                suggested_by=person, title=f"{prefix} {n:02d}", summary="Why.", status=status,
                reason="" if status != "declined" else "No.", created_at=start + timedelta(hours=min(n, 3)),
            )
            for n in range(count)
        )  # fmt: skip

    return make


def _titles(body: str, prefix: str) -> list[str]:
    found = []
    for part in body.split(f">{prefix} ")[1:]:
        found.append(f"{prefix} {part[:2]}")
    return found


def test_staff_work_the_open_suggestions_oldest_first_page_by_page(
    client, participant, staff_member, login_with_second_factor, suggestions
):
    suggestions(participant, 5)
    suggestions(participant, 2, status="declined", prefix="Closed")
    login_with_second_factor(staff_member)
    pages, params = [], {}
    while True:
        body = client.get(QUEUE, params).text
        assert "Closed" not in body
        pages.append(_titles(body, "Idea"))
        if 'rel="next"' not in body:
            assert ">Oldest</a>" in body
            break
        assert ">Newer</a>" in body
        params = {"after": unquote(next_cursor(body))}
    assert pages == [["Idea 00", "Idea 01"], ["Idea 02", "Idea 03"], ["Idea 04"]]


def test_a_person_reads_their_own_suggestions_newest_first_page_by_page(client, participant, city_rep, suggestions):
    mine = suggestions(participant, 5)
    suggestions(city_rep, 3, prefix="Theirs")
    client.force_login(participant)
    pages, params = [], {}
    while True:
        body = client.get(OWN, params).text
        assert "Theirs" not in body
        pages.append(_titles(body, "Idea"))
        if 'rel="next"' not in body:
            assert ">Newest</a>" in body
            break
        assert ">Older</a>" in body
        params = {"after": unquote(next_cursor(body))}
    # Ideas 03 and 04 share their moment: the later row comes first.
    assert [title for page in pages for title in page] == [s.title for s in reversed(mine)]
    assert pages[0] == ["Idea 04", "Idea 03"]


def test_a_deep_page_of_either_list_takes_the_queries_of_the_first(
    client, participant, staff_member, login_with_second_factor, suggestions, django_assert_num_queries
):
    suggestions(staff_member, 7)
    login_with_second_factor(staff_member)
    # What every signed-in page (and a staff page's second factor and permissions) costs, and one query for the
    # page of suggestions: no count, whatever the depth.
    for url, queries in ((QUEUE, 7), (OWN, 4)):
        client.get(url)
        with django_assert_num_queries(queries):
            body = client.get(url).text
        for _ in range(2):
            cursor = unquote(next_cursor(body))
            with django_assert_num_queries(queries):
                body = client.get(url, {"after": cursor}).text


def test_both_lists_are_read_from_their_indexes_without_a_sort(
    client, participant, staff_member, login_with_second_factor, suggestions
):
    suggestions(staff_member, 5)
    login_with_second_factor(staff_member)
    for url, index in ((QUEUE, "suggestion_by_status"), (OWN, "suggestion_by_person")):
        cursor = unquote(next_cursor(client.get(url).text))
        for params in ({}, {"after": cursor}):
            for plan in page_query_plans(client, url, params, "practices_suggestion"):
                assert index in plan, plan
                assert "Sort" not in plan, plan
