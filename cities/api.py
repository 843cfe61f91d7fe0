from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cities import challenges, selectors, services
from cities.errors import CitiesError
from cities.filters import CityFilter
from cities.models import (
    CHALLENGE_DESCRIPTION_MAX_LENGTH,
    ChallengeKind,
    City,
    CityChallenge,
    MembershipApplication,
    PoliceAgency,
)
from cities.permissions import can_record_challenges, can_review_applications, can_view_application
from network.api_schema import CONFLICT

# --- Output ---------------------------------------------------------------------------------------------------


class CityOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country_code = serializers.CharField(help_text="ISO 3166-1 alpha-2")
    country = serializers.CharField(source="country_name")
    region = serializers.CharField()
    population = serializers.IntegerField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    time_zone = serializers.CharField()
    membership_status = serializers.CharField()
    member_since = serializers.DateField(allow_null=True)
    url = serializers.CharField(source="get_absolute_url")


class AgencyOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    level = serializers.CharField()
    headcount = serializers.IntegerField(allow_null=True)
    oversight_body = serializers.CharField()
    mayor_controls = serializers.BooleanField()


class CityDetailOutputSerializer(CityOutputSerializer):
    office_name = serializers.CharField(help_text="The mayor's office that represents the city.")
    office_website = serializers.CharField()
    legal_system = serializers.CharField(help_text="common_law, civil_law, mixed, religious, customary, or empty.")
    agencies = AgencyOutputSerializer(many=True)


class ApplicationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    city = CityOutputSerializer()
    status = serializers.CharField()
    office_name = serializers.CharField()
    office_address = serializers.CharField()
    office_website = serializers.CharField()
    applicant_position = serializers.CharField()
    official_email_domain = serializers.CharField(source="email_domain")
    email_domain_differs = serializers.BooleanField()
    has_letter = serializers.SerializerMethodField()
    decision_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)

    def get_has_letter(self, application) -> bool:
        return bool(application.letter)


# --- Input ----------------------------------------------------------------------------------------------------


class MyApplicationOutputSerializer(ApplicationOutputSerializer):
    official_email = serializers.CharField(
        help_text="What you entered; staff see only its domain, nobody sees the address."
    )


class DecisionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=True, allow_blank=False)


class ApprovalInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


# --- Views ----------------------------------------------------------------------------------------------------


class CityListApi(generics.ListAPIView):
    """Cities the network knows, with the directory's filters: q, region, country, membership, population, sort."""

    # Kept for visitors in the shared cache (network/page_cache.py), replaced by any write to these parts.
    page_cache_parts = ("practices", "cities")

    permission_classes = [AllowAny]
    serializer_class = CityOutputSerializer
    filterset_class = CityFilter
    queryset = City.objects.all()

    def get_queryset(self):
        return selectors.cities_for_directory()


class CityDetailApi(generics.RetrieveAPIView):
    """One city with its police agencies."""

    # Kept for visitors in the shared cache (network/page_cache.py), replaced by any write to these parts.
    page_cache_parts = ("practices", "cities")

    permission_classes = [AllowAny]
    serializer_class = CityDetailOutputSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return City.objects.prefetch_related(Prefetch("agencies", queryset=PoliceAgency.objects.order_by("name", "id")))


class MyApplicationsApi(generics.ListAPIView):
    """Your own membership applications, most recently changed first."""

    permission_classes = [IsAuthenticated]
    serializer_class = MyApplicationOutputSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MembershipApplication.objects.none()
        return selectors.applications_of(self.request.user)


class WithdrawalInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ApplicationWithdrawApi(APIView):
    """Withdraw your own application while staff have not decided on it (409 otherwise)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=WithdrawalInputSerializer, responses={200: MyApplicationOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        try:
            application = selectors.application_detail(pk)
        except MembershipApplication.DoesNotExist:
            raise NotFound from None
        if not can_view_application(request.user, application):
            raise NotFound
        serializer = WithdrawalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.application_withdraw(
                actor=request.user, application=application, reason=serializer.validated_data["reason"]
            )
        except CitiesError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(MyApplicationOutputSerializer(selectors.application_detail(application.pk)).data)


class ApplicationMoveApi(APIView):
    # Staff moves: can_review_applications holds them to a browser session that passed the second factor.
    permission_classes = [IsAuthenticated]
    input_serializer = DecisionInputSerializer
    move = None

    def _application(self, request, pk: int) -> MembershipApplication:
        if not can_review_applications(request.user):
            raise PermissionDenied("Only network staff decide on applications.")
        try:
            return selectors.application_for_staff(pk)
        except MembershipApplication.DoesNotExist:
            raise NotFound from None

    def post(self, request, pk: int):
        application = self._application(request, pk)
        serializer = self.input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            application = self.move(actor=request.user, application=application, **serializer.validated_data)
        except ValidationError as error:
            return Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except CitiesError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(ApplicationOutputSerializer(selectors.application_detail(application.pk)).data)


class ApplicationApproveApi(ApplicationMoveApi):
    """Approve a submitted application: the city becomes a member and the applicant its lead representative."""

    input_serializer = ApprovalInputSerializer
    move = staticmethod(services.application_approve)

    @extend_schema(request=ApprovalInputSerializer, responses={200: ApplicationOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        return super().post(request, pk)


class ApplicationDeclineApi(ApplicationMoveApi):
    """Decline a submitted application, with a reason the applicant reads."""

    move = staticmethod(services.application_decline)

    @extend_schema(request=DecisionInputSerializer, responses={200: ApplicationOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        return super().post(request, pk)


class ApplicationRequestInfoApi(ApplicationMoveApi):
    """Send a submitted application back to the applicant for more information."""

    move = staticmethod(services.application_request_info)

    @extend_schema(request=DecisionInputSerializer, responses={200: ApplicationOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        return super().post(request, pk)


# --- Challenges -----------------------------------------------------------------------------------------------


class ChallengeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    city = serializers.CharField(source="city.slug", help_text="The city's slug.")
    kind = serializers.ChoiceField(choices=ChallengeKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    description = serializers.CharField(help_text="Plain text, as the city's representatives wrote it.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class ChallengeInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ChallengeKind.choices)
    description = serializers.CharField(max_length=CHALLENGE_DESCRIPTION_MAX_LENGTH, trim_whitespace=True)


class ChallengeUpdateSerializer(ChallengeInputSerializer):
    kind = serializers.ChoiceField(choices=ChallengeKind.choices, required=False)
    description = serializers.CharField(
        max_length=CHALLENGE_DESCRIPTION_MAX_LENGTH, trim_whitespace=True, required=False
    )


def _challenge_write(write, **kwargs):
    try:
        return write(**kwargs), None
    except ValidationError as error:
        return None, Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
    except CitiesError as error:
        return None, Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)


class CityChallengeListApi(generics.ListAPIView):
    """The challenges a city recorded; its representatives record new ones here (POST)."""

    permission_classes = [AllowAny]
    serializer_class = ChallengeOutputSerializer
    filter_backends = []

    def _city(self) -> City:
        try:
            return City.objects.get(slug=self.kwargs["slug"])
        except City.DoesNotExist:
            raise NotFound from None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CityChallenge.objects.none()
        return selectors.challenges_of_city(self._city()).select_related("city")

    @extend_schema(request=ChallengeInputSerializer, responses={201: ChallengeOutputSerializer, 409: CONFLICT})
    def post(self, request, slug: str):
        city = self._city()
        if not request.user.is_authenticated:
            raise NotAuthenticated
        if not can_record_challenges(request.user, city):
            raise PermissionDenied("Only the city's representatives record its challenges.")
        serializer = ChallengeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        challenge, refusal = _challenge_write(
            challenges.challenge_create, actor=request.user, city=city, **serializer.validated_data
        )
        if refusal is not None:
            return refusal
        return Response(ChallengeOutputSerializer(challenge).data, status=status.HTTP_201_CREATED)


class ChallengeDetailApi(APIView):
    """One challenge; its city's representatives change it (PATCH) or remove it (DELETE)."""

    permission_classes = [AllowAny]

    def _challenge(self, pk: int) -> CityChallenge:
        try:
            return selectors.challenge_by_id(pk)
        except CityChallenge.DoesNotExist:
            raise NotFound from None

    def _writable(self, request, pk: int) -> CityChallenge:
        challenge = self._challenge(pk)
        if not request.user.is_authenticated:
            raise NotAuthenticated
        if not can_record_challenges(request.user, challenge.city):
            raise PermissionDenied("Only the city's representatives change its challenges.")
        return challenge

    @extend_schema(responses={200: ChallengeOutputSerializer})
    def get(self, request, pk: int):
        return Response(ChallengeOutputSerializer(self._challenge(pk)).data)

    @extend_schema(request=ChallengeUpdateSerializer, responses={200: ChallengeOutputSerializer, 409: CONFLICT})
    def patch(self, request, pk: int):
        challenge = self._writable(request, pk)
        serializer = ChallengeUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        challenge, refusal = _challenge_write(
            challenges.challenge_update, actor=request.user, challenge=challenge, **serializer.validated_data
        )
        if refusal is not None:
            return refusal
        return Response(ChallengeOutputSerializer(challenge).data)

    @extend_schema(responses={204: None, 409: CONFLICT})
    def delete(self, request, pk: int):
        challenge = self._writable(request, pk)
        _, refusal = _challenge_write(challenges.challenge_delete, actor=request.user, challenge=challenge)
        if refusal is not None:
            return refusal
        return Response(status=status.HTTP_204_NO_CONTENT)
