import django_filters
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from cities.geography import Region
from cities.models import City, CityChallenge
from cities.selectors import challenge_by_id
from network.api_schema import CONFLICT
from network.pagination import KeysetPagination, NumberedPagination
from practices import selectors, services
from practices.errors import PracticesError
from practices.filters import PracticeFilter
from practices.forms import MatrixFilterForm
from practices.matching import matches_for
from practices.models import Adoption, AdoptionSource, AdoptionStatus, Collection, Practice, PracticeStatus
from practices.permissions import can_record_adoption

# --- Output ---------------------------------------------------------------------------------------------------


class SourceOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    publisher = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    url = serializers.CharField()


class CollectionRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()


class PracticeOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    themes = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    summary = serializers.CharField()
    rating = serializers.CharField()
    study_count = serializers.IntegerField()
    single_study = serializers.BooleanField()
    origin_place = serializers.CharField()
    origin_country = serializers.CharField(help_text="ISO 3166-1 alpha-2, or empty")
    origin_region = serializers.CharField()
    origin_year = serializers.IntegerField(allow_null=True)
    collections = CollectionRefSerializer(many=True)
    snippet = serializers.SerializerMethodField(help_text="With a search: the summary with the words found in <mark>.")
    url = serializers.CharField(source="get_absolute_url")

    def get_snippet(self, practice) -> str | None:
        return getattr(practice, "snippet", None)


class RelatedOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    rating = serializers.CharField()


class PracticeDetailOutputSerializer(PracticeOutputSerializer):
    problem = serializers.CharField()
    population = serializers.CharField()
    body = serializers.CharField(help_text="Markdown, as written")
    body_html = serializers.CharField(help_text="Rendered and sanitised")
    study_design = serializers.CharField()
    rated_on = serializers.DateField(allow_null=True)
    last_reviewed_on = serializers.DateField(allow_null=True)
    review_due_on = serializers.DateField(allow_null=True)
    emmie = serializers.SerializerMethodField()
    transferability = serializers.SerializerMethodField()
    sources = SourceOutputSerializer(many=True)
    related = RelatedOutputSerializer(many=True)

    @extend_schema(
        responses=inline_serializer(
            "Emmie",
            {
                name: serializers.CharField()
                for name in ("effect", "mechanism", "moderators", "implementation", "economic_cost")
            },
        )
    )
    def get_emmie(self, practice) -> dict:
        return {
            "effect": practice.emmie_effect,
            "mechanism": practice.emmie_mechanism,
            "moderators": practice.emmie_moderators,
            "implementation": practice.emmie_implementation,
            "economic_cost": practice.emmie_economic_cost,
        }

    @extend_schema(
        responses=inline_serializer(
            "Transferability",
            {
                "police_levels": serializers.ListField(child=serializers.CharField()),
                "mayoral_control": serializers.CharField(),
                "legal_system": serializers.CharField(),
            },
        )
    )
    def get_transferability(self, practice) -> dict:
        return {
            "police_levels": practice.transfer_police_levels,
            "mayoral_control": practice.transfer_mayoral_control,
            "legal_system": practice.transfer_legal_system,
        }


class CollectionItemOutputSerializer(serializers.Serializer):
    slug = serializers.CharField(source="practice.slug")
    title = serializers.CharField(source="practice.title")
    label = serializers.CharField(source="short_label")
    rating = serializers.CharField(source="practice.rating")


class CollectionOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    practice_count = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")


class CityRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country_code = serializers.CharField()


class AdoptionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    city = CityRefSerializer()
    practice = RelatedOutputSerializer()
    status = serializers.CharField()
    policy_text = serializers.CharField()
    policy_url = serializers.CharField()
    effective_date = serializers.DateField(allow_null=True)
    source = serializers.CharField()
    source_note = serializers.CharField()
    verified_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class AdoptionInputSerializer(serializers.Serializer):
    city = serializers.SlugField(help_text="The city's slug; you must represent it.")
    practice = serializers.SlugField(help_text="A published practice's slug.")
    status = serializers.ChoiceField(choices=AdoptionStatus.choices)
    policy_text = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    policy_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    effective_date = serializers.DateField(required=False, allow_null=True, default=None)


# --- Views ----------------------------------------------------------------------------------------------------


class PracticeListApi(generics.ListAPIView):
    """The library, with the page's search and filters: q (websearch syntax), theme (repeatable), kind, rating
    (repeatable), region, collection, adopted_in (a city's slug), sort."""

    # Kept for visitors in the shared cache (network/page_cache.py), replaced by any write to these parts.
    page_cache_parts = ("practices", "cities")

    permission_classes = [AllowAny]
    serializer_class = PracticeOutputSerializer
    filterset_class = PracticeFilter
    queryset = Practice.objects.none()

    def get_queryset(self):
        return selectors.library(self.request.user)


class PracticeDetailApi(generics.RetrieveAPIView):
    # Kept for visitors in the shared cache (network/page_cache.py), replaced by any write to these parts.
    page_cache_parts = ("practices", "cities")
    permission_classes = [AllowAny]
    serializer_class = PracticeDetailOutputSerializer
    queryset = Practice.objects.none()

    def get_object(self):
        return selectors.practice_for_viewer(self.request.user, self.kwargs["slug"])


class CollectionListApi(generics.ListAPIView):
    # Kept for visitors in the shared cache (network/page_cache.py), replaced by any write to these parts.
    page_cache_parts = ("practices", "cities")
    permission_classes = [AllowAny]
    serializer_class = CollectionOutputSerializer
    filter_backends = []
    queryset = Collection.objects.none()

    def get_queryset(self):
        return selectors.collections()


class CollectionDetailOutputSerializer(CollectionOutputSerializer):
    practices = CollectionItemOutputSerializer(many=True, source="items_in_order")


class CollectionDetailApi(APIView):
    # Kept for visitors in the shared cache (network/page_cache.py), replaced by any write to these parts.
    page_cache_parts = ("practices", "cities")
    permission_classes = [AllowAny]

    @extend_schema(responses=CollectionDetailOutputSerializer)
    def get(self, request, slug: str):
        collection = selectors.collection_by_slug(slug)
        items = selectors.collection_items(collection)
        collection.practice_count = len(items)
        collection.items_in_order = items
        return Response(CollectionDetailOutputSerializer(collection).data)


class MatrixRowSerializer(serializers.Serializer):
    city = CityRefSerializer()
    score = serializers.IntegerField(help_text="How many of the collection's practices the city has adopted.")
    statuses = serializers.ListField(
        child=serializers.CharField(allow_null=True),
        help_text="One per practice, in the columns' order; null: no record.",
    )


class MatrixOutputSerializer(serializers.Serializer):
    collection = serializers.CharField()
    practices = CollectionItemOutputSerializer(many=True)
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = MatrixRowSerializer(many=True)


class MatrixFilter(django_filters.FilterSet):
    """Documents the matrix's query parameters; the matrix reads them with the page's own form."""

    country = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2")
    region = django_filters.ChoiceFilter(choices=Region.choices)
    status = django_filters.ChoiceFilter(choices=AdoptionStatus.choices)
    sort = django_filters.ChoiceFilter(
        choices=[("-score", "-score"), ("score", "score"), ("name", "name"), ("-population", "-population")]
    )

    class Meta:
        model = City
        fields = []


class CollectionMatrixApi(APIView):
    """Cities by practices of a collection: each city's status for each practice and its score, paginated by city;
    filters country, region, status and sort as on the page."""

    # Kept for visitors in the shared cache (network/page_cache.py), replaced by any write to these parts.
    page_cache_parts = ("practices", "cities")

    permission_classes = [AllowAny]
    filterset_class = MatrixFilter

    @extend_schema(responses=MatrixOutputSerializer, parameters=[])
    def get(self, request, slug: str):
        collection = selectors.collection_by_slug(slug)
        form = MatrixFilterForm(request.query_params)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            return Response(
                {field: [error["message"] for error in messages] for field, messages in errors.items()},
                status=status.HTTP_400_BAD_REQUEST,
            )
        filters = {key: value for key, value in form.cleaned_data.items() if value}
        items = selectors.collection_items(collection)
        paginator = NumberedPagination()
        paginator.page_size = 100
        cities = paginator.paginate_queryset(selectors.matrix_cities(collection, items, **filters), request, view=self)
        matrix = selectors.matrix_rows(collection, items, list(cities))
        data = {
            "collection": collection.slug,
            "practices": CollectionItemOutputSerializer(items, many=True).data,
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": [
                {
                    "city": CityRefSerializer(row.city).data,
                    "score": row.score,
                    "statuses": row.statuses,
                }
                for row in matrix.rows
            ],
        }
        return Response(data)


class AdoptionFilter(django_filters.FilterSet):
    city = django_filters.CharFilter(field_name="city__slug")
    practice = django_filters.CharFilter(field_name="practice__slug")
    collection = django_filters.CharFilter(field_name="practice__collections__slug")
    status = django_filters.ChoiceFilter(choices=AdoptionStatus.choices)
    source = django_filters.ChoiceFilter(choices=AdoptionSource.choices)

    class Meta:
        model = Adoption
        fields = ["city", "practice", "collection", "status", "source"]


class AdoptionListApi(generics.ListCreateAPIView):
    """Adoption records of published practices, oldest first (filters: city, practice, collection, status, source),
    paged by cursor: follow `next` until it is null. POST records your city's adoption of a practice: you must
    represent the city (staff may record for any city)."""

    # Kept for visitors in the shared cache (network/page_cache.py), replaced by any write to these parts.
    page_cache_parts = ("practices", "cities")

    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = KeysetPagination
    serializer_class = AdoptionOutputSerializer
    filterset_class = AdoptionFilter
    queryset = Adoption.objects.none()

    def get_queryset(self):
        return selectors.adoptions_for_api()

    @extend_schema(request=AdoptionInputSerializer, responses={201: AdoptionOutputSerializer, 409: CONFLICT})
    def post(self, request):
        serializer = AdoptionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        city = City.objects.filter(slug=data["city"]).first()
        practice = Practice.objects.filter(slug=data["practice"], status=PracticeStatus.PUBLISHED).first()
        errors = {}
        if city is None:
            errors["city"] = ["No city has this slug."]
        if practice is None:
            errors["practice"] = ["No published practice has this slug."]
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        if not can_record_adoption(request.user, city):
            raise PermissionDenied("Only the city's representatives record its adoption of a practice.")
        try:
            adoption = services.adoption_record(
                actor=request.user,
                city=city,
                practice=practice,
                status=data["status"],
                policy_text=data["policy_text"],
                policy_url=data["policy_url"],
                effective_date=data["effective_date"],
            )
        except ValidationError as error:
            return Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except PracticesError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        adoption = selectors.adoptions_for_api().get(pk=adoption.pk)
        return Response(AdoptionOutputSerializer(adoption).data, status=status.HTTP_201_CREATED)


# --- Matches of a city's challenge -----------------------------------------------------------------------------


class MatchCitySerializer(serializers.Serializer):
    slug = serializers.CharField(source="city.slug")
    name = serializers.CharField(source="city.name")
    country_code = serializers.CharField(source="city.country_code")
    closeness = serializers.IntegerField(help_text="0 to 7: how alike the two cities' policing contexts are.")
    reasons = serializers.ListField(child=serializers.CharField())


class MatchPracticeSerializer(serializers.Serializer):
    slug = serializers.CharField(source="practice.slug")
    title = serializers.CharField(source="practice.title")
    rating = serializers.CharField(source="practice.rating")
    score = serializers.IntegerField(help_text="Rating points plus the closeness of the closest adopting city.")
    reasons = serializers.ListField(child=serializers.CharField())
    cities = MatchCitySerializer(many=True)


class LeftOutSerializer(serializers.Serializer):
    slug = serializers.CharField(source="practice.slug")
    title = serializers.CharField(source="practice.title")
    reason = serializers.CharField()


class SameChallengeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    city = serializers.CharField(source="city.slug")
    city_name = serializers.CharField(source="city.name")


class MatchesOutputSerializer(serializers.Serializer):
    challenge = serializers.IntegerField(source="challenge.pk")
    city = serializers.CharField(source="challenge.city.slug")
    kind = serializers.CharField(source="challenge.kind")
    practices = MatchPracticeSerializer(many=True)
    left_out = LeftOutSerializer(many=True)
    same_challenge = SameChallengeSerializer(many=True)


class ChallengeMatchesApi(APIView):
    """The practices that answer a city's challenge, best first, each with the member cities that adopted it
    (verified), closest first, and why; the practices left out and why; the other cities with the same challenge.
    The ranking is the README's "Shared challenges"."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: MatchesOutputSerializer})
    def get(self, request, pk: int):
        try:
            challenge = challenge_by_id(pk)
        except CityChallenge.DoesNotExist:
            raise NotFound from None
        return Response(MatchesOutputSerializer(matches_for(challenge)).data)
