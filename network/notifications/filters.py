from datetime import UTC, datetime, time

import django_filters
from django.utils.translation import gettext_lazy as _

from network.notifications.kinds import all_labels
from network.notifications.models import Delivery, EmailSchedule


def _kind_choices():
    return all_labels()


class DeliveryFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Delivery.Status.choices, label=_("Status"), empty_label=_("Any"))
    kind = django_filters.ChoiceFilter(
        field_name="event__kind", choices=_kind_choices, label=_("Kind"), empty_label=_("Any")
    )
    schedule = django_filters.ChoiceFilter(
        choices=[choice for choice in EmailSchedule.choices if choice[0] != EmailSchedule.OFF],
        label=_("Sent"),
        empty_label=_("Any"),
    )
    since = django_filters.DateFilter(method="filter_since", label=_("Since (date)"))

    class Meta:
        model = Delivery
        fields = ["status", "kind", "schedule", "since"]

    def filter_since(self, queryset, name, value):
        return queryset.filter(created_at__gte=datetime.combine(value, time.min, tzinfo=UTC))
