"""Every read of pledges, with related rows fetched and the viewer's visibility applied (the rule of
`permissions.can_view_pledge`)."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from cities.models import City
from cities.permissions import representations
from practices.errors import PracticesError
from practices.models import (
    PUBLIC_PLEDGE_STATUSES,
    Pledge,
    PledgeItem,
    PledgeReport,
    PledgeReportItem,
    PledgeStatus,
    Practice,
)
from practices.permissions import can_publish_pledges


class PledgeNotFound(PracticesError):
    """No such pledge, or not one the reader may see."""


def _items():
    return Prefetch(
        "items",
        queryset=PledgeItem.objects.select_related("practice").only(
            "id", "pledge_id", "position", "closed_at", "practice__id", "practice__slug", "practice__title"
        ),
    )


def visible_pledges(user) -> QuerySet[Pledge]:
    """Published pledges (open, honoured or withdrawn since) for everyone; every pledge of the cities the user
    represents; every pledge for staff."""
    pledges = Pledge.objects.all()
    if can_publish_pledges(user):
        return pledges
    cities = list(representations(user)) if user.is_authenticated else []
    return pledges.filter(Q(status__in=PUBLIC_PLEDGE_STATUSES) | Q(city_id__in=cities))


def pledge_list(user) -> QuerySet[Pledge]:
    """For the API's list: the city and the items in two more queries."""
    return visible_pledges(user).select_related("city", "collection").prefetch_related(_items())


def pledge_detail(user, pk: int) -> Pledge:
    """A pledge with its items and its reports (each with its per-practice statuses)."""
    reports = PledgeReport.objects.prefetch_related(
        Prefetch("items", queryset=PledgeReportItem.objects.select_related("item__practice"))
    )
    pledge = (
        visible_pledges(user)
        .select_related("city", "collection")
        .prefetch_related(_items(), Prefetch("reports", queryset=reports))
        .filter(pk=pk)
        .first()
    )
    if pledge is None:
        raise PledgeNotFound(pk)
    return pledge


def pledge_for_edit(pk: int) -> Pledge:
    pledge = Pledge.objects.select_related("city").prefetch_related(_items()).filter(pk=pk).first()
    if pledge is None:
        raise PledgeNotFound(pk)
    return pledge


def city_pledges(user, city: City) -> list[Pledge]:
    """A city's pledges the user may see, for the city's page, newest date last."""
    return list(visible_pledges(user).filter(city=city).select_related("collection").prefetch_related(_items()))


def practice_pledges(practice: Practice) -> list[Pledge]:
    """The public pledges that name a practice, for the practice's page."""
    return list(
        Pledge.objects.filter(status__in=PUBLIC_PLEDGE_STATUSES, items__practice=practice)
        .select_related("city")
        .prefetch_related(_items())
        .order_by("target_date", "id")
    )


def pledges_to_publish() -> QuerySet[Pledge]:
    """Staff's queue: submitted pledges, the oldest submission first."""
    return (
        Pledge.objects.filter(status=PledgeStatus.SUBMITTED)
        .select_related("city")
        .prefetch_related(_items())
        .order_by("submitted_at", "id")
    )


def overdue_filter(queryset: QuerySet[Pledge], overdue: bool) -> QuerySet[Pledge]:
    """Overdue: published, not honoured, and its date is before today."""
    condition = Q(status=PledgeStatus.PUBLISHED, target_date__lt=timezone.localdate())
    return queryset.filter(condition) if overdue else queryset.exclude(condition)


def personal_data(user) -> dict:
    """What pledges keep about a person, for their data export: the pledges they drafted and the reports they
    signed."""
    return {
        "pledges_drafted": [
            {
                "city": pledge.city.name,
                "target_date": pledge.target_date.isoformat(),
                "steps": pledge.steps,
                "status": pledge.status,
                "created_at": pledge.created_at.isoformat(),
            }
            for pledge in Pledge.objects.filter(created_by=user).select_related("city").order_by("id")
        ],
        "pledge_reports": [
            {
                "city": report.pledge.city.name,
                "reported_on": report.reported_on.isoformat(),
                "text": report.text,
            }
            for report in PledgeReport.objects.filter(author=user).select_related("pledge__city").order_by("id")
        ],
    }
