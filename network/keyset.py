"""Pages of a list that can grow deep, by keyset, for the HTML pages: each page starts after the last row of the one
before, named in the `after` parameter of its "Older" link, so a page deep in a list of a million rows costs what the
first does, and no total is counted. The list is ordered newest first by a timestamp and the primary key (an index
on both serves it). Without JavaScript the links are plain links; a cursor that is not one we gave shows the first
page, as Django's `Paginator.get_page` does with a bad page number."""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

CURSOR_PARAMETER = "after"


@dataclass
class KeysetPage:
    object_list: list
    # The `after` value of the next (older) page; empty on the last page.
    next_cursor: str = ""
    # Whether this page is the first (newest): the others link back to it.
    is_first: bool = True

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_next(self) -> bool:
        return bool(self.next_cursor)


def _encode(moment: datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{moment.isoformat()}|{pk}".encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, int] | None:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, pk = text.split("|")
        found = datetime.fromisoformat(moment), int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return found if found[0].tzinfo is not None else None


def keyset_page(queryset: QuerySet, cursor: str | None, *, per_page: int, field_name: str) -> KeysetPage:
    """The page of `queryset` (newest first by `field_name`, then by primary key) after `cursor`."""
    after = _decode(cursor) if cursor else None
    rows = queryset.order_by(f"-{field_name}", "-pk")
    if after is not None:
        moment, pk = after
        # "At or before the moment" is the index's range condition; the primary key only settles ties.
        rows = rows.filter(Q(**{f"{field_name}__lte": moment}) & (Q(**{f"{field_name}__lt": moment}) | Q(pk__lt=pk)))
    found = list(rows[: per_page + 1])
    shown = found[:per_page]
    next_cursor = _encode(getattr(shown[-1], field_name), shown[-1].pk) if len(found) > per_page else ""
    return KeysetPage(object_list=shown, next_cursor=next_cursor, is_first=after is None)
