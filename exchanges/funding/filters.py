"""The funding registry's filters, shared by the page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from exchanges.forms import DateInput
from exchanges.funding.selectors import LISTED_STATUSES
from exchanges.models import FunderKind, FundingOpportunity, FundingStatus


class FundingFilter(django_filters.FilterSet):
    """Kind of funder, status (open and closed ones unless one is asked for: archived ones only when asked) and a
    window of deadlines."""

    funder_kind = django_filters.ChoiceFilter(
        choices=FunderKind.choices, label=_("Kind of funder"), empty_label=_("Any")
    )
    status = django_filters.ChoiceFilter(
        choices=FundingStatus.choices, label=_("Status"), empty_label=_("Open or closed")
    )
    deadline_after = django_filters.DateFilter(
        field_name="deadline", lookup_expr="gte", label=_("Deadline from"), widget=DateInput()
    )
    deadline_before = django_filters.DateFilter(
        field_name="deadline", lookup_expr="lte", label=_("Deadline until"), widget=DateInput()
    )

    class Meta:
        model = FundingOpportunity
        fields = ["funder_kind", "status", "deadline_after", "deadline_before"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status__in=LISTED_STATUSES)
        return queryset
