"""The accountability board: what cities pledged, what they honoured and what is overdue, with civil society's
shadow reports beside the city's own status. Reads only, each in a fixed number of queries.

A pledge counts on the board once staff published it ("made"), whatever happened since: it is then open, overdue,
honoured or withdrawn. Drafts, submitted pledges and pledges withdrawn before publication never count. Overdue is
computed from today's date on every read, never stored. A shadow report counts when staff have not hidden it."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.country_select import CountrySelect
from cities.geography import Region, country_choices
from cities.models import City
from practices.errors import PracticesError
from practices.models import (
    PUBLIC_PLEDGE_STATUSES,
    Collection,
    CollectionItem,
    Pledge,
    PledgeItem,
    PledgeStatus,
    ShadowReport,
    ShadowVerdict,
)
from practices.selectors import collection_by_slug

PER_PAGE = 50


class BoardStatus:
    """Where a made pledge stands on the board: the city's status, with overdue computed from the date."""

    OPEN = "open"
    OVERDUE = "overdue"
    HONOURED = "honoured"
    WITHDRAWN = "withdrawn"
    choices = [
        (OPEN, _("Open")),
        (OVERDUE, _("Overdue")),
        (HONOURED, _("Honoured")),
        (WITHDRAWN, _("Withdrawn")),
    ]
    labels = dict(choices)


VERDICTS = [value for value, _label in ShadowVerdict.choices]


class BoardNotFound(PracticesError):
    """No such collection or city."""


# --- Filters and sorting ---------------------------------------------------------------------------------------

PLEDGE_SORTS = {
    "date": ("target_date", "id"),
    "-date": ("-target_date", "-id"),
    "city": ("city__name", "target_date", "id"),
    "status": ("status_rank", "target_date", "id"),
    "overdue": ("overdue_rank", "target_date", "id"),
}
CITY_SORTS = {
    "city": ("name", "id"),
    "overdue": ("-overdue", F("oldest_overdue").asc(nulls_last=True), "name", "id"),
    "honoured": ("-honoured", "name", "id"),
    "made": ("-made", "name", "id"),
}


class _BoardForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=CountrySelect)
    verdict = forms.ChoiceField(label=_("Shadow reports' verdict"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Any")), *Region.choices]
        self.fields["country"].choices = [("", _("Any")), *country_choices()]
        self.fields["verdict"].choices = [("", _("Any")), *ShadowVerdict.choices]

    def filters(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value and key != "sort"}

    def sort(self) -> str:
        return self.cleaned_data.get("sort") or self.default_sort


class PledgeBoardForm(_BoardForm):
    """The filters and order of a board of pledges (a collection's, a city's)."""

    default_sort = "date"
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("date", _("Date, soonest first")),
            ("-date", _("Date, latest first")),
            ("city", _("City")),
            ("status", _("Status: honoured, open, overdue, withdrawn")),
            ("overdue", _("Most overdue first")),
        ],
    )
    field_order = ["status", "verdict", "region", "country", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any")), *BoardStatus.choices]
        self.fields["verdict"].label = _("Latest shadow report's verdict")


class CityBoardForm(_BoardForm):
    """The filters and order of the network's board of cities."""

    default_sort = "city"
    has = forms.ChoiceField(
        label=_("Cities with"),
        required=False,
        choices=[
            ("", _("Any pledge")),
            (BoardStatus.HONOURED, _("An honoured pledge")),
            (BoardStatus.OVERDUE, _("An overdue pledge")),
            (BoardStatus.OPEN, _("An open pledge")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("city", _("City")),
            ("overdue", _("Most overdue first")),
            ("honoured", _("Most pledges honoured first")),
            ("made", _("Most pledges made first")),
        ],
    )
    field_order = ["has", "verdict", "region", "country", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdict"].label = _("With a shadow report whose verdict is")


# --- Pledges ---------------------------------------------------------------------------------------------------


def made_pledges() -> QuerySet[Pledge]:
    """Every pledge the board counts: published by staff, open, honoured or withdrawn since."""
    return Pledge.objects.filter(published_at__isnull=False, status__in=PUBLIC_PLEDGE_STATUSES)


def visible_shadow_reports() -> QuerySet[ShadowReport]:
    return ShadowReport.objects.filter(hidden=False)


def _board_status(today: date) -> Case:
    return Case(
        When(status=PledgeStatus.HONOURED, then=Value(BoardStatus.HONOURED)),
        When(status=PledgeStatus.WITHDRAWN, then=Value(BoardStatus.WITHDRAWN)),
        When(target_date__lt=today, then=Value(BoardStatus.OVERDUE)),
        default=Value(BoardStatus.OPEN),
        output_field=CharField(),
    )


def _count_of(queryset: QuerySet, field: str) -> Coalesce:
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _annotated(pledges: QuerySet[Pledge], today: date) -> QuerySet[Pledge]:
    shadow = visible_shadow_reports().filter(pledge=OuterRef("pk"))
    latest = shadow.order_by("-created_at", "-id").values("verdict")[:1]
    items = PledgeItem.objects.filter(pledge=OuterRef("pk"))
    board_status = _board_status(today)
    return pledges.annotate(
        board_status=board_status,
        status_rank=Case(
            When(status=PledgeStatus.HONOURED, then=Value(0)),
            When(status=PledgeStatus.WITHDRAWN, then=Value(3)),
            When(target_date__lt=today, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        overdue_rank=Case(
            When(status=PledgeStatus.PUBLISHED, target_date__lt=today, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        latest_verdict=Subquery(latest, output_field=CharField()),
        items_total=_count_of(items, "pledge"),
        items_closed=_count_of(items.filter(closed_at__isnull=False), "pledge"),
        **{f"verdict_{verdict}": _count_of(shadow.filter(verdict=verdict), "pledge") for verdict in VERDICTS},
    )


def _scope(*, collection: Collection | None = None, city: City | None = None) -> QuerySet[Pledge]:
    pledges = made_pledges()
    if collection is not None:
        # A collection's board: every pledge naming at least one of its practices (each pledge once).
        in_collection = PledgeItem.objects.filter(
            pledge_id=OuterRef("pk"),
            practice_id__in=CollectionItem.objects.filter(collection=collection).values("practice_id"),
        )
        pledges = pledges.filter(Exists(in_collection))
    if city is not None:
        pledges = pledges.filter(city=city)
    return pledges


def board_pledges(
    *,
    collection: Collection | None = None,
    city: City | None = None,
    filters: dict | None = None,
    sort: str = "date",
    today: date | None = None,
) -> QuerySet[Pledge]:
    """The board's pledges in a scope (a collection, a city, or the whole network), filtered and sorted, each with
    its board status, its practices' count and how many are adopted and verified, the latest visible shadow
    report's verdict and the count of visible shadow reports per verdict."""
    today = today or timezone.localdate()
    filters = filters or {}
    pledges = _annotated(_scope(collection=collection, city=city), today).select_related("city", "collection")
    if filters.get("status"):
        pledges = pledges.filter(board_status=filters["status"])
    if filters.get("verdict"):
        pledges = pledges.filter(latest_verdict=filters["verdict"])
    if filters.get("region"):
        pledges = pledges.filter(city__region=filters["region"])
    if filters.get("country"):
        pledges = pledges.filter(city__country_code=filters["country"])
    return pledges.order_by(*PLEDGE_SORTS.get(sort, PLEDGE_SORTS["date"]))


def pledge_totals(*, collection: Collection | None = None, city: City | None = None, today: date | None = None) -> dict:
    """The scope's totals in one query: pledges made, by board status, and by their latest visible shadow report's
    verdict (`unassessed`: no visible shadow report)."""
    today = today or timezone.localdate()
    latest = visible_shadow_reports().filter(pledge=OuterRef("pk")).order_by("-created_at", "-id").values("verdict")
    pledges = _scope(collection=collection, city=city).annotate(
        board_status=_board_status(today), latest_verdict=Subquery(latest[:1], output_field=CharField())
    )
    aggregates = {"made": Count("pk")}
    for value, _label in BoardStatus.choices:
        aggregates[value] = Count("pk", filter=Q(board_status=value))
    for verdict in VERDICTS:
        aggregates[f"verdict_{verdict}"] = Count("pk", filter=Q(latest_verdict=verdict))
    aggregates["unassessed"] = Count("pk", filter=Q(latest_verdict__isnull=True))
    return pledges.aggregate(**aggregates)


@dataclass(frozen=True)
class PledgeRow:
    """A pledge as the board shows it, from the annotations of `board_pledges` (no query)."""

    pledge: Pledge
    status: str
    overdue_days: int
    total: int
    closed: int
    latest_verdict: str | None
    verdicts: dict

    @property
    def status_label(self):
        return BoardStatus.labels[self.status]

    @property
    def latest_verdict_label(self):
        return ShadowVerdict(self.latest_verdict).label if self.latest_verdict else ""

    @property
    def verdict_counts(self) -> list[tuple[str, str, int]]:
        return [(verdict, ShadowVerdict(verdict).label, self.verdicts[verdict]) for verdict in VERDICTS]

    @property
    def shadow_count(self) -> int:
        return sum(self.verdicts.values())


def pledge_row(pledge: Pledge, today: date | None = None) -> PledgeRow:
    today = today or timezone.localdate()
    overdue = pledge.board_status == BoardStatus.OVERDUE
    return PledgeRow(
        pledge=pledge,
        status=pledge.board_status,
        overdue_days=(today - pledge.target_date).days if overdue else 0,
        total=pledge.items_total,
        closed=pledge.items_closed,
        latest_verdict=pledge.latest_verdict,
        verdicts={verdict: getattr(pledge, f"verdict_{verdict}") for verdict in VERDICTS},
    )


# --- Cities ----------------------------------------------------------------------------------------------------


def board_cities(*, filters: dict | None = None, sort: str = "city", today: date | None = None) -> QuerySet[City]:
    """The network's board: every city with at least one pledge made, with its pledges counted by board status,
    the date of its oldest overdue pledge, and its visible shadow reports counted by verdict."""
    today = today or timezone.localdate()
    filters = filters or {}
    made = Q(pledges__published_at__isnull=False, pledges__status__in=PUBLIC_PLEDGE_STATUSES)
    overdue = Q(pledges__status=PledgeStatus.PUBLISHED, pledges__target_date__lt=today)
    shadow = visible_shadow_reports().filter(
        pledge__city=OuterRef("pk"),
        pledge__published_at__isnull=False,
        pledge__status__in=PUBLIC_PLEDGE_STATUSES,
    )
    cities = City.objects.annotate(
        made=Count("pledges", filter=made),
        honoured=Count("pledges", filter=Q(pledges__status=PledgeStatus.HONOURED)),
        withdrawn=Count("pledges", filter=made & Q(pledges__status=PledgeStatus.WITHDRAWN)),
        overdue=Count("pledges", filter=overdue),
        open=Count("pledges", filter=Q(pledges__status=PledgeStatus.PUBLISHED, pledges__target_date__gte=today)),
        oldest_overdue=Min("pledges__target_date", filter=overdue),
        **{f"verdict_{verdict}": _count_of(shadow.filter(verdict=verdict), "pledge__city") for verdict in VERDICTS},
    ).filter(made__gt=0)
    if filters.get("has"):
        cities = cities.filter(**{f"{filters['has']}__gt": 0})
    if filters.get("verdict"):
        cities = cities.filter(**{f"verdict_{filters['verdict']}__gt": 0})
    if filters.get("region"):
        cities = cities.filter(region=filters["region"])
    if filters.get("country"):
        cities = cities.filter(country_code=filters["country"])
    return cities.order_by(*CITY_SORTS.get(sort, CITY_SORTS["city"]))


@dataclass(frozen=True)
class CityRow:
    city: City
    made: int
    open: int
    overdue: int
    honoured: int
    withdrawn: int
    overdue_days: int
    verdicts: dict

    @property
    def verdict_counts(self) -> list[tuple[str, str, int]]:
        return [(verdict, ShadowVerdict(verdict).label, self.verdicts[verdict]) for verdict in VERDICTS]


def city_row(city: City, today: date | None = None) -> CityRow:
    today = today or timezone.localdate()
    return CityRow(
        city=city,
        made=city.made,
        open=city.open,
        overdue=city.overdue,
        honoured=city.honoured,
        withdrawn=city.withdrawn,
        overdue_days=(today - city.oldest_overdue).days if city.oldest_overdue else 0,
        verdicts={verdict: getattr(city, f"verdict_{verdict}") for verdict in VERDICTS},
    )


# --- Scopes and badges -----------------------------------------------------------------------------------------


def collection_for_board(slug: str) -> Collection:
    """The collection with its title in the reader's language (`shown_title`)."""
    try:
        return collection_by_slug(slug)
    except Http404:
        raise BoardNotFound(slug) from None


def city_for_board(slug: str) -> City:
    city = City.objects.filter(slug=slug).first()
    if city is None:
        raise BoardNotFound(slug)
    return city


def with_honoured_badge(cities: QuerySet[City]) -> QuerySet[City]:
    """The directory's cities, each with `has_honoured_pledge`: the badge costs no query of its own."""
    honoured = Pledge.objects.filter(city=OuterRef("pk"), status=PledgeStatus.HONOURED)
    return cities.annotate(has_honoured_pledge=Exists(honoured))
