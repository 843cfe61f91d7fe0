"""The funding registry's API: read by anyone; written by staff in a session that passed the second factor,
never with an API token (as every staff power)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.exceptions import NotFound as ApiNotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from exchanges.errors import ExchangesError, NotFound
from exchanges.funding import selectors, services
from exchanges.funding.filters import FundingFilter
from exchanges.funding.services import EDITABLE_STATUSES
from exchanges.models import FunderKind, FundingOpportunity
from exchanges.permissions import can_keep_funding
from network.api_schema import CONFLICT


class FundingOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    funder_name = serializers.CharField()
    funder_kind = serializers.CharField()
    title = serializers.CharField()
    currency = serializers.CharField()
    amount_min = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    amount_max = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    deadline = serializers.DateField()
    eligibility = serializers.CharField()
    url = serializers.CharField()
    status = serializers.CharField()
    page = serializers.CharField(source="get_absolute_url")


class FundingInputSerializer(serializers.Serializer):
    funder_name = serializers.CharField(max_length=200)
    funder_kind = serializers.ChoiceField(choices=FunderKind.choices)
    title = serializers.CharField(max_length=200)
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", max_length=3)
    amount_min = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    amount_max = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    deadline = serializers.DateField()
    eligibility = serializers.CharField(max_length=5000)
    url = serializers.URLField(max_length=500)
    status = serializers.ChoiceField(choices=[(s.value, s.label) for s in EDITABLE_STATUSES], default="open")


def _keeper(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated
    if not can_keep_funding(request.user):
        raise PermissionDenied("Only staff keep the funding registry, in a session that passed the second factor.")


def _opportunity(pk: int) -> FundingOpportunity:
    try:
        return selectors.funding_detail(pk)
    except NotFound:
        raise ApiNotFound from None


class FundingListApi(generics.ListCreateAPIView):
    """Funding opportunities by nearest deadline: open and closed ones, or those of the `status` asked for;
    `funder_kind`, `deadline_after` and `deadline_before` narrow the list. POST adds one (staff)."""

    permission_classes = [AllowAny]
    serializer_class = FundingOutputSerializer
    filterset_class = FundingFilter
    queryset = FundingOpportunity.objects.order_by("deadline", "id")

    @extend_schema(request=FundingInputSerializer, responses={201: FundingOutputSerializer})
    def post(self, request):
        _keeper(request)
        serializer = FundingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            opportunity = services.funding_create(actor=request.user, **serializer.validated_data)
        except ValidationError as error:
            return Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
        return Response(FundingOutputSerializer(opportunity).data, status=status.HTTP_201_CREATED)


class FundingDetailApi(APIView):
    """One opportunity. PATCH changes it (staff); moving the deadline sends the reminders again."""

    permission_classes = [AllowAny]

    @extend_schema(responses=FundingOutputSerializer)
    def get(self, request, pk: int):
        return Response(FundingOutputSerializer(_opportunity(pk)).data)

    @extend_schema(
        request=FundingInputSerializer(partial=True), responses={200: FundingOutputSerializer, 409: CONFLICT}
    )
    def patch(self, request, pk: int):
        _keeper(request)
        opportunity = _opportunity(pk)
        serializer = FundingInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = {key: value for key, value in serializer.validated_data.items() if key in request.data}
        try:
            opportunity = services.funding_update(actor=request.user, opportunity=opportunity, **fields)
        except ValidationError as error:
            return Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except ExchangesError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(FundingOutputSerializer(opportunity).data)


class FundingArchiveApi(APIView):
    """Archive an opportunity (staff): it leaves the list; its page and the exchanges it funded stay."""

    permission_classes = [AllowAny]

    @extend_schema(request=None, responses={200: FundingOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        _keeper(request)
        opportunity = _opportunity(pk)
        try:
            opportunity = services.funding_archive(actor=request.user, opportunity=opportunity)
        except ExchangesError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(FundingOutputSerializer(opportunity).data)
