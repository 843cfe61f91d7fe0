"""The directory's filters, shared by the page and the API."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from cities.country_select import CountrySelect
from cities.gazetteer import fold
from cities.geography import Region, country_choices
from cities.models import City, MembershipStatus

# Population bands: key → (label, at least, below).
POPULATION_BANDS = {
    "under_100k": (_("Under 100,000"), 0, 100_000),
    "100k_500k": (_("100,000 to 500,000"), 100_000, 500_000),
    "500k_1m": (_("500,000 to 1 million"), 500_000, 1_000_000),
    "1m_5m": (_("1 to 5 million"), 1_000_000, 5_000_000),
    "over_5m": (_("Over 5 million"), 5_000_000, None),
}
SORTS = {
    "name": (_("Name"), ["name", "id"]),
    "population": (_("Largest first"), ["-population", "name", "id"]),
    # Cities that never joined have no date: they come after every member, not before.
    "newest": (_("Newest members first"), [F("member_since").desc(nulls_last=True), "name", "id"]),
    "country": (_("Country"), ["country_code", "name", "id"]),
}


# What the directory page shows before anyone chooses: the members, with the others one filter away ("Any").
DIRECTORY_DEFAULTS = {"membership": MembershipStatus.MEMBER}


def with_directory_defaults(query):
    """The page's query with the defaults filled in where the person chose nothing (not even "Any")."""
    data = query.copy()
    for key, value in DIRECTORY_DEFAULTS.items():
        if key not in data:
            data[key] = value
    return data


class CityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Name"), max_length=100)
    region = django_filters.ChoiceFilter(choices=Region.choices, label=_("Region"), empty_label=_("Any"))
    country = django_filters.ChoiceFilter(
        field_name="country_code",
        choices=country_choices,
        label=_("Country"),
        empty_label=_("Any"),
        widget=CountrySelect,
    )
    membership = django_filters.ChoiceFilter(
        field_name="membership_status", choices=MembershipStatus.choices, label=_("Membership"), empty_label=_("Any")
    )
    population = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _low, _high) in POPULATION_BANDS.items()],
        method="filter_population",
        label=_("Population"),
        empty_label=_("Any"),
    )
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _fields) in SORTS.items()],
        method="filter_sort",
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = City
        fields = ["q", "region", "country", "membership", "population", "sort"]

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_name__contains=folded) if folded else queryset

    def filter_population(self, queryset, name, value):
        _label, low, high = POPULATION_BANDS[value]
        queryset = queryset.filter(population__gte=low)
        return queryset.filter(population__lt=high) if high is not None else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value][1])

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORTS["name"][1])
        return queryset
