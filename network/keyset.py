"""Pages of a list that can grow deep, by keyset, for the HTML pages: each page starts after the last row of the one
before, named in the `after` parameter of its link to the next page, so a page deep in a list of a million rows costs
what the first does, and no total is counted. The list is ordered by a timestamp and the primary key, newest first
(a person's notifications, the audit log) or oldest first (a queue worked first come, first served); an index on
both, in that order, after the columns the list filters on by equality, serves it. The timestamp must be set on every
row of the list. Without JavaScript the links are plain links that keep the page's other parameters (its filters and
tabs); a cursor that is not one we gave shows the first page, as Django's `Paginator.get_page` does with a bad page
number. A list in alphabetical order (`ALPHABETICAL`) pages the same way by a text column, its links saying only
"Next page" and "First page"."""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import DateTimeField, Q, QuerySet

CURSOR_PARAMETER = "after"
NEWEST_FIRST = "newest"
OLDEST_FIRST = "oldest"
ALPHABETICAL = "alphabetical"
ORDERS = (NEWEST_FIRST, OLDEST_FIRST, ALPHABETICAL)


@dataclass
class KeysetPage:
    object_list: list
    # The `after` value of the next page (older rows when newest first, newer ones when oldest first); empty on the
    # last page.
    next_cursor: str = ""
    # Whether this page is the first: the others link back to it.
    is_first: bool = True
    # NEWEST_FIRST, OLDEST_FIRST or ALPHABETICAL: the links' words follow it.
    order: str = NEWEST_FIRST

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_next(self) -> bool:
        return bool(self.next_cursor)

    @property
    def oldest_first(self) -> bool:
        return self.order == OLDEST_FIRST

    @property
    def alphabetical(self) -> bool:
        return self.order == ALPHABETICAL


def _encode(value, pk: int) -> str:
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    return base64.urlsafe_b64encode(f"{text}|{pk}".encode()).decode().rstrip("=")


def _decode(cursor: str, field) -> tuple[object, int] | None:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        value, pk = text.rsplit("|", 1)
        found = field.to_python(value), int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError, ValidationError):
        return None
    if found[0] is None or (isinstance(field, DateTimeField) and found[0].tzinfo is None):
        return None
    return found


def keyset_page(
    queryset: QuerySet, cursor: str | None, *, per_page: int, field_name: str, order: str = NEWEST_FIRST
) -> KeysetPage:
    """The page of `queryset` after `cursor`, ordered by `field_name`, then by primary key: newest first
    (`NEWEST_FIRST`, the default), oldest first (`OLDEST_FIRST`), or in alphabetical order (`ALPHABETICAL`)."""
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    try:
        field = queryset.model._meta.get_field(field_name)
    except FieldDoesNotExist:
        raise ValueError(f"{field_name!r} is not a field of {queryset.model.__name__}") from None
    after = _decode(cursor, field) if cursor else None
    descending = order == NEWEST_FIRST
    if field.unique:
        # No ties to settle: the order is the column's alone, as its unique index gives it.
        rows = queryset.order_by(f"-{field_name}" if descending else field_name)
        if after is not None:
            rows = rows.filter(**{f"{field_name}__{'lt' if descending else 'gt'}": after[0]})
    elif descending:
        rows, before_or_after, beyond, pk_beyond = queryset.order_by(f"-{field_name}", "-pk"), "lte", "lt", "pk__lt"
    else:
        rows, before_or_after, beyond, pk_beyond = queryset.order_by(field_name, "pk"), "gte", "gt", "pk__gt"
    if after is not None and not field.unique:
        value, pk = after
        # "At or past the value" is the index's range condition; the primary key only settles ties.
        rows = rows.filter(
            Q(**{f"{field_name}__{before_or_after}": value})
            & (Q(**{f"{field_name}__{beyond}": value}) | Q(**{pk_beyond: pk}))
        )
    found = list(rows[: per_page + 1])
    shown = found[:per_page]
    next_cursor = _encode(getattr(shown[-1], field_name), shown[-1].pk) if len(found) > per_page else ""
    return KeysetPage(object_list=shown, next_cursor=next_cursor, is_first=after is None, order=order)
