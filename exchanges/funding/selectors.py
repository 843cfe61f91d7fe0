"""Reads of the funding registry."""

from django.db.models import Q, QuerySet
from django_filters import FilterSet

from exchanges.errors import NotFound
from exchanges.models import FundingOpportunity, FundingStatus, Proposal
from network.notifications.models import Follow

# What the public list shows unless a status is asked for: archived opportunities stay reachable by their page.
LISTED_STATUSES = (FundingStatus.OPEN, FundingStatus.CLOSED)


def funding_list(*, data=None) -> FilterSet:
    """Opportunities by nearest deadline (the order of the `funding_by_status_deadline` index), through the
    registry's filters; the filter set's `qs` is the list, its `form` the filters as chosen."""
    from exchanges.funding.filters import FundingFilter

    # Always bound, even to no parameters, so that the defaults apply and an empty query is a valid one.
    opportunities = FundingOpportunity.objects.order_by("deadline", "id")
    return FundingFilter(data if data is not None else {}, queryset=opportunities)


def funding_detail(pk: int) -> FundingOpportunity:
    try:
        return FundingOpportunity.objects.get(pk=pk)
    except FundingOpportunity.DoesNotExist:
        raise NotFound from None


def funded_proposals(opportunity: FundingOpportunity) -> QuerySet[Proposal]:
    """The register's decisions that name this opportunity, as the register lists them (a decision that withholds
    who pays is left out)."""
    from exchanges.selectors import register

    return register().filter(funding=opportunity).exclude(sensitive_fields__contains=["cost"])


def open_opportunities(*, keep: int | None = None) -> QuerySet[FundingOpportunity]:
    """What a proposal may name: the open opportunities, and the one it already names."""
    condition = Q(status=FundingStatus.OPEN)
    if keep is not None:
        condition |= Q(pk=keep)
    return FundingOpportunity.objects.filter(condition).order_by("funder_name", "deadline", "id")


def follower_count(opportunity: FundingOpportunity) -> int:
    return Follow.objects.filter(target_type=opportunity._meta.label_lower, target_id=str(opportunity.pk)).count()


def is_following(user, opportunity: FundingOpportunity) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user, target_type=opportunity._meta.label_lower, target_id=str(opportunity.pk)
    ).exists()
