"""Keyset pages in both orders: every row once, in order, across pages whose boundary falls inside a run of rows
with the same timestamp; an empty list, exactly one page, the last page, and a cursor we never gave."""

import base64
from datetime import UTC, datetime, timedelta

import pytest

from network.audit.models import AuditEntry
from network.keyset import NEWEST_FIRST, OLDEST_FIRST, keyset_page

pytestmark = pytest.mark.django_db

START = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def _entries(moments: list[datetime]) -> list[AuditEntry]:
    return AuditEntry.objects.bulk_create(
        AuditEntry(at=moment, action="keyset.test", target_type="test", target_id=str(n))
        for n, moment in enumerate(moments)
    )


def _all_pages(order: str, per_page: int) -> list[list[int]]:
    queryset = AuditEntry.objects.filter(action="keyset.test")
    pages, cursor = [], None
    while True:
        page = keyset_page(queryset, cursor, per_page=per_page, field_name="at", order=order)
        pages.append([entry.pk for entry in page])
        assert page.is_first == (cursor is None)
        assert page.order == order
        if not page.has_next:
            return pages
        cursor = page.next_cursor


# Seven rows: three share one moment, two share another; pages of two split both runs.
MOMENTS = [START, START + timedelta(minutes=1), START + timedelta(minutes=1), START + timedelta(minutes=1),
           START + timedelta(minutes=2), START + timedelta(minutes=3), START + timedelta(minutes=3)]  # fmt: skip


@pytest.mark.parametrize("order", [NEWEST_FIRST, OLDEST_FIRST])
def test_every_row_shows_once_in_order_when_ties_fall_on_a_page_boundary(order):
    entries = _entries(MOMENTS)
    expected = sorted(entries, key=lambda entry: (entry.at, entry.pk), reverse=order == NEWEST_FIRST)
    pages = _all_pages(order, per_page=2)
    assert [len(page) for page in pages] == [2, 2, 2, 1]
    assert [pk for page in pages for pk in page] == [entry.pk for entry in expected]


@pytest.mark.parametrize("order", [NEWEST_FIRST, OLDEST_FIRST])
def test_ties_on_the_timestamp_are_settled_by_the_primary_key(order):
    entries = _entries([START] * 5)
    pks = sorted(entry.pk for entry in entries)
    pages = _all_pages(order, per_page=2)
    assert pages == ([pks[4:2:-1], pks[2:0:-1], pks[:1]] if order == NEWEST_FIRST else [pks[:2], pks[2:4], pks[4:]])


@pytest.mark.parametrize("order", [NEWEST_FIRST, OLDEST_FIRST])
def test_an_empty_list_is_one_empty_first_page(order):
    page = keyset_page(AuditEntry.objects.filter(action="keyset.test"), None, per_page=2, field_name="at", order=order)
    assert list(page) == [] and page.is_first and not page.has_next


@pytest.mark.parametrize("order", [NEWEST_FIRST, OLDEST_FIRST])
def test_a_list_of_exactly_one_page_has_no_next_page(order):
    _entries(MOMENTS[:3])
    pages = _all_pages(order, per_page=3)
    assert [len(page) for page in pages] == [3]


@pytest.mark.parametrize("order", [NEWEST_FIRST, OLDEST_FIRST])
def test_the_last_page_is_full_and_says_it_is_the_last(order):
    _entries(MOMENTS[:4])
    pages = _all_pages(order, per_page=2)
    assert [len(page) for page in pages] == [2, 2]


def test_the_oldest_first_order_starts_with_the_oldest_row():
    entries = _entries([START + timedelta(days=1), START, START + timedelta(days=2)])
    page = keyset_page(AuditEntry.objects.filter(action="keyset.test"), None, per_page=1, field_name="at",
                       order=OLDEST_FIRST)  # fmt: skip
    assert [entry.pk for entry in page] == [entries[1].pk]
    following = keyset_page(AuditEntry.objects.filter(action="keyset.test"), page.next_cursor, per_page=1,
                            field_name="at", order=OLDEST_FIRST)  # fmt: skip
    assert [entry.pk for entry in following] == [entries[0].pk]
    assert not following.is_first


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize("order", [NEWEST_FIRST, OLDEST_FIRST])
@pytest.mark.parametrize(
    "cursor",
    ["not-a-cursor", "%%%", _b64("yesterday|12"), _b64("2026-01-01T12:00:00|3"), _b64("2026-01-01T12:00:00+00:00"),
     _b64("2026-01-01T12:00:00+00:00|x"), "4pyTIMOgIGxhIG1vZGU"],
)  # fmt: skip
def test_a_forged_cursor_shows_the_first_page(order, cursor):
    _entries(MOMENTS)
    queryset = AuditEntry.objects.filter(action="keyset.test")
    first = keyset_page(queryset, None, per_page=2, field_name="at", order=order)
    forged = keyset_page(queryset, cursor, per_page=2, field_name="at", order=order)
    assert [entry.pk for entry in forged] == [entry.pk for entry in first]
    assert forged.is_first


def test_an_unknown_order_is_refused():
    with pytest.raises(ValueError, match="order"):
        keyset_page(AuditEntry.objects.all(), None, per_page=2, field_name="at", order="sideways")
