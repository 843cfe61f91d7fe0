"""The library's filters and search, shared by the page and the API."""

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from cities.geography import Region
from practices.models import AdoptionStatus, Collection, Kind, Practice, Rating, Theme
from practices.selectors import collection_choices, search

SORTS = {
    "relevance": (_("Best match"), None),
    "title": (_("Title"), ["title", "id"]),
    "rating": (_("Strongest evidence first"), ["rating_order", "title", "id"]),
    "newest": (_("Newest first"), ["-published_at", "title", "id"]),
    "origin_year": (_("Oldest origin first"), ["origin_year", "title", "id"]),
}
RATING_ORDER = [Rating.EFFECTIVE, Rating.PROMISING, Rating.INCONCLUSIVE, Rating.INEFFECTIVE, Rating.HARMFUL]


class CollectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, collection: Collection) -> str:
        return collection.shown_title


class CollectionFilter(django_filters.ModelChoiceFilter):
    """A collection, offered under its title in the reader's language."""

    field_class = CollectionChoiceField


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    theme = django_filters.MultipleChoiceFilter(
        field_name="themes",
        choices=Theme.choices,
        lookup_expr="contains",
        method="filter_theme",
        label=_("Theme"),
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Kind"), empty_label=_("Any"))
    rating = django_filters.MultipleChoiceFilter(
        choices=[choice for choice in Rating.choices if choice[0] != Rating.NOT_RATED],
        label=_("Evidence rating"),
        widget=forms.CheckboxSelectMultiple,
    )
    region = django_filters.ChoiceFilter(
        field_name="origin_region", choices=Region.choices, label=_("Region of origin"), empty_label=_("Any")
    )
    collection = CollectionFilter(
        field_name="collections",
        queryset=collection_choices,
        to_field_name="slug",
        label=_("Collection"),
        empty_label=_("Any"),
    )
    adopted_in = django_filters.CharFilter(method="filter_adopted_in", label=_("Adopted in (city)"), max_length=220)
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _fields) in SORTS.items()],
        method="filter_sort",
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = Practice
        fields = ["q", "theme", "kind", "rating", "region", "collection", "adopted_in", "sort"]

    def filter_q(self, queryset, name, value):
        # Applied last, in `qs`, so that the ranking sees the other filters.
        return queryset

    def filter_theme(self, queryset, name, value):
        # Every chosen theme must be among the practice's themes (the GIN index serves @>).
        return queryset.filter(themes__contains=list(value)) if value else queryset

    def filter_adopted_in(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(adoptions__city__slug=value, adoptions__status=AdoptionStatus.ADOPTED)

    def filter_sort(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        data = self.form.cleaned_data
        text = (data.get("q") or "").strip()
        sort = data.get("sort") or ("relevance" if text else "title")
        if text:
            queryset = search(queryset, text)
        elif sort == "relevance":
            sort = "title"
        fields = SORTS[sort][1]
        if fields is None:
            return queryset
        if "rating_order" in fields:
            queryset = queryset.annotate(
                rating_order=Case(
                    *[When(rating=rating, then=Value(index)) for index, rating in enumerate(RATING_ORDER)],
                    default=Value(len(RATING_ORDER)),
                    output_field=IntegerField(),
                )
            )
        return queryset.order_by(*fields)
