"""The API of pledges: the list with its filters, one pledge with the city's reports, and a city's new report."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from network.api_schema import CONFLICT
from network.pagination import KeysetPagination
from practices import pledge_selectors, pledge_services
from practices.errors import NotYourMove, PracticesError
from practices.models import AdoptionStatus, CollectionItem, Pledge, PledgeItem, PledgeReport, PledgeStatus
from practices.permissions import can_pledge

# --- Output ---------------------------------------------------------------------------------------------------


class PledgeCitySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country_code = serializers.CharField()


class PledgeItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    practice = serializers.CharField(source="practice.slug")
    title = serializers.CharField(source="practice.title")
    adopted_and_verified_at = serializers.DateTimeField(source="closed_at", allow_null=True)


class PledgeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    city = PledgeCitySerializer()
    collection = serializers.CharField(source="collection.slug", allow_null=True, default=None)
    status = serializers.CharField()
    target_date = serializers.DateField()
    overdue = serializers.SerializerMethodField()
    items = PledgeItemSerializer(many=True)
    steps = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    honoured_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(source="get_absolute_url")

    def get_overdue(self, pledge) -> bool:
        return pledge.is_overdue(self.context.get("today"))


class ReportItemSerializer(serializers.Serializer):
    practice = serializers.CharField(source="item.practice.slug")
    status = serializers.CharField()


class PledgeReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reported_on = serializers.DateField()
    text = serializers.CharField()
    author = serializers.CharField(source="author_handle")
    items = ReportItemSerializer(many=True)
    created_at = serializers.DateTimeField()


class PledgeDetailOutputSerializer(PledgeOutputSerializer):
    reports = PledgeReportOutputSerializer(many=True)


class ReportStatusSerializer(serializers.Serializer):
    practice = serializers.SlugField()
    status = serializers.ChoiceField(choices=AdoptionStatus.choices)


class PledgeReportInputSerializer(serializers.Serializer):
    reported_on = serializers.DateField()
    text = serializers.CharField(max_length=10000)
    statuses = ReportStatusSerializer(many=True, help_text="The status of each practice of the pledge, once each.")


# --- Views ----------------------------------------------------------------------------------------------------

OVERDUE_CHOICES = (("true", "true"), ("false", "false"))


class PledgeFilter(django_filters.FilterSet):
    city = django_filters.CharFilter(field_name="city__slug", max_length=100)
    practice = django_filters.CharFilter(field_name="items__practice__slug", max_length=220)
    collection = django_filters.CharFilter(method="filter_collection", max_length=120)
    status = django_filters.ChoiceFilter(choices=PledgeStatus.choices)
    overdue = django_filters.ChoiceFilter(
        choices=OVERDUE_CHOICES,
        method="filter_overdue",
        help_text="true: published, not honoured, and past its date; false: every other pledge. Any other value is "
        "a 400.",
    )

    class Meta:
        model = Pledge
        fields = ["city", "practice", "collection", "status", "overdue"]

    def filter_collection(self, queryset, name, value):
        """Pledges naming at least one practice of the collection (each pledge once)."""
        items = PledgeItem.objects.filter(
            pledge_id=OuterRef("pk"),
            practice_id__in=CollectionItem.objects.filter(collection__slug=value).values("practice_id"),
        )
        return queryset.filter(Exists(items))

    def filter_overdue(self, queryset, name, value):
        return pledge_selectors.overdue_filter(queryset, value == "true")


class PledgeListApi(generics.ListAPIView):
    """Pledges you may see, oldest first (filters: city, practice, collection, status, overdue), paged by cursor:
    follow `next` until it is null. Everyone sees published pledges (open, honoured or withdrawn since); a city's
    representatives also see its drafts and submitted pledges; staff see all."""

    permission_classes = [AllowAny]
    pagination_class = KeysetPagination
    serializer_class = PledgeOutputSerializer
    filterset_class = PledgeFilter
    queryset = Pledge.objects.none()

    def get_queryset(self):
        return pledge_selectors.pledge_list(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


class PledgeDetailApi(APIView):
    """One pledge with its practices and the city's progress reports, newest milestone first."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: PledgeDetailOutputSerializer})
    def get(self, request, pk: int):
        try:
            pledge = pledge_selectors.pledge_detail(request.user, pk)
        except pledge_selectors.PledgeNotFound:
            raise NotFound("No such pledge visible to you.") from None
        return Response(PledgeDetailOutputSerializer(pledge, context={"today": timezone.localdate()}).data)


class PledgeReportCreateApi(APIView):
    """A city's representative reports progress on a published pledge: the milestone's date, what was done, and
    the status of each practice of the pledge."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=PledgeReportInputSerializer, responses={201: PledgeReportOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        try:
            pledge = pledge_selectors.pledge_detail(request.user, pk)
        except pledge_selectors.PledgeNotFound:
            raise NotFound("No such pledge visible to you.") from None
        if not can_pledge(request.user, pledge.city):
            raise PermissionDenied("Only the city's representatives report on its pledge.")
        serializer = PledgeReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        by_slug = {item.practice.slug: item.pk for item in pledge.items.all()}
        statuses, unknown = {}, []
        for entry in data["statuses"]:
            if entry["practice"] in by_slug:
                statuses[by_slug[entry["practice"]]] = entry["status"]
            else:
                unknown.append(entry["practice"])
        if unknown:
            return Response(
                {"statuses": [f"Not a practice of this pledge: {', '.join(unknown)}."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            report = pledge_services.pledge_report_create(
                actor=request.user,
                pledge=pledge,
                reported_on=data["reported_on"],
                text=data["text"],
                statuses=statuses,
            )
        except ValidationError as error:
            return Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except NotYourMove as error:
            raise PermissionDenied(str(error)) from None
        except PracticesError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        report = PledgeReport.objects.prefetch_related("items__item__practice").get(pk=report.pk)
        return Response(PledgeReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)
