"""The accountability board through the API: the network's cities, and the pledges of a collection, a city or the
whole network, with the page's filters and sorting (read with the page's own forms) and the scope's totals."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cities.geography import Region, country_choices
from network.api_schema import NOT_FOUND
from network.pagination import NumberedPagination
from practices import board
from practices.board import VERDICTS, BoardStatus, CityBoardForm, PledgeBoardForm
from practices.models import ShadowVerdict

# --- Output ---------------------------------------------------------------------------------------------------


class BoardCitySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country_code = serializers.CharField()
    region = serializers.CharField()


class VerdictCountsSerializer(serializers.Serializer):
    on_track = serializers.IntegerField()
    delayed = serializers.IntegerField()
    not_honoured = serializers.IntegerField()
    honoured = serializers.IntegerField()


class BoardTotalsSerializer(serializers.Serializer):
    made = serializers.IntegerField(help_text="Pledges staff published, whatever happened since.")
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    honoured = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    latest_verdicts = VerdictCountsSerializer(help_text="Pledges counted by their latest visible shadow report.")
    unassessed = serializers.IntegerField(help_text="Pledges without a visible shadow report.")


class BoardPledgeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    city = BoardCitySerializer()
    collection = serializers.CharField(allow_null=True)
    target_date = serializers.DateField()
    published_at = serializers.DateTimeField()
    honoured_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=BoardStatus.choices)
    overdue_days = serializers.IntegerField(help_text="Days past the date of an overdue pledge; 0 otherwise.")
    practices = serializers.IntegerField()
    adopted_and_verified = serializers.IntegerField()
    latest_shadow_verdict = serializers.ChoiceField(choices=ShadowVerdict.choices, allow_null=True)
    shadow_reports = VerdictCountsSerializer(help_text="Visible shadow reports, by verdict.")


class BoardCityRowSerializer(serializers.Serializer):
    city = BoardCitySerializer()
    url = serializers.CharField(help_text="The city's board.")
    made = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    honoured = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    most_overdue_days = serializers.IntegerField()
    shadow_reports = VerdictCountsSerializer(help_text="Visible shadow reports on the city's pledges, by verdict.")


class _PageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    totals = BoardTotalsSerializer()


class BoardPledgePageSerializer(_PageSerializer):
    results = BoardPledgeSerializer(many=True)


class BoardCityPageSerializer(_PageSerializer):
    results = BoardCityRowSerializer(many=True)


def _city(city) -> dict:
    return {"slug": city.slug, "name": city.name, "country_code": city.country_code, "region": city.region}


def _totals(totals: dict) -> dict:
    return {
        **{key: totals[key] for key in ("made", "open", "overdue", "honoured", "withdrawn", "unassessed")},
        "latest_verdicts": {verdict: totals[f"verdict_{verdict}"] for verdict in VERDICTS},
    }


def _pledge(row: board.PledgeRow) -> dict:
    pledge = row.pledge
    return {
        "id": pledge.pk,
        "url": pledge.get_absolute_url(),
        "city": _city(pledge.city),
        "collection": pledge.collection.slug if pledge.collection_id else None,
        "target_date": pledge.target_date,
        "published_at": pledge.published_at,
        "honoured_at": pledge.honoured_at,
        "status": row.status,
        "overdue_days": row.overdue_days,
        "practices": row.total,
        "adopted_and_verified": row.closed,
        "latest_shadow_verdict": row.latest_verdict,
        "shadow_reports": row.verdicts,
    }


def _city_row(row: board.CityRow) -> dict:
    return {
        "city": _city(row.city),
        "url": reverse("practices:city_board", args=[row.city.slug]),
        "made": row.made,
        "open": row.open,
        "overdue": row.overdue,
        "honoured": row.honoured,
        "withdrawn": row.withdrawn,
        "most_overdue_days": row.overdue_days,
        "shadow_reports": row.verdicts,
    }


def _form_errors(form) -> Response:
    errors = form.errors.get_json_data()
    return Response(
        {field: [error["message"] for error in messages] for field, messages in errors.items()},
        status=status.HTTP_400_BAD_REQUEST,
    )


def _choices(field) -> list[str]:
    return [value for value, _label in field.choices if value]


_COMMON = [
    OpenApiParameter("region", OpenApiTypes.STR, enum=[value for value, _label in Region.choices]),
    OpenApiParameter(
        "country", OpenApiTypes.STR, enum=sorted(code for code, _name in country_choices()), description="ISO 3166-1"
    ),
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": 999_999_999}),
]


class BoardPledgeListApi(APIView):
    """The board's pledges: every pledge staff published (open, overdue, honoured or withdrawn since), in the
    network, a collection (pledges naming one of its practices) or a city, each with its status computed today,
    its practices adopted and verified, and the visible shadow reports' verdicts; with the scope's totals."""

    # Kept for visitors, by day: a pledge becomes overdue with the date alone.
    page_cache_parts = ("practices", "cities")
    page_cache_by_day = True
    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: BoardPledgePageSerializer, 404: NOT_FOUND},
        parameters=[
            OpenApiParameter("collection", OpenApiTypes.STR, description="A collection's slug."),
            OpenApiParameter("city", OpenApiTypes.STR, description="A city's slug."),
            OpenApiParameter("status", OpenApiTypes.STR, enum=[value for value, _label in BoardStatus.choices]),
            OpenApiParameter("verdict", OpenApiTypes.STR, enum=VERDICTS, description="The latest shadow verdict."),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=list(board.PLEDGE_SORTS)),
            *_COMMON,
        ],
    )
    def get(self, request):
        scope = {}
        try:
            if request.query_params.get("collection"):
                scope["collection"] = board.collection_for_board(request.query_params["collection"][:120])
            if request.query_params.get("city"):
                scope["city"] = board.city_for_board(request.query_params["city"][:220])
        except board.BoardNotFound:
            raise NotFound("No such collection or city.") from None
        form = PledgeBoardForm(request.query_params)
        if not form.is_valid():
            return _form_errors(form)
        today = timezone.localdate()
        paginator = NumberedPagination()
        paginator.page_size = board.PER_PAGE
        pledges = paginator.paginate_queryset(
            board.board_pledges(filters=form.filters(), sort=form.sort(), today=today, **scope), request, view=self
        )
        return Response(
            {
                "count": paginator.page.paginator.count,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "totals": _totals(board.pledge_totals(today=today, **scope)),
                "results": [_pledge(board.pledge_row(pledge, today)) for pledge in pledges],
            }
        )


class BoardCityListApi(APIView):
    """The network's board: every city with a pledge made, its pledges counted by status (overdue computed
    today), how late its oldest overdue pledge is, and the visible shadow reports on its pledges by verdict."""

    page_cache_parts = ("practices", "cities")
    page_cache_by_day = True
    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: BoardCityPageSerializer, 404: NOT_FOUND},
        parameters=[
            OpenApiParameter("has", OpenApiTypes.STR, enum=_choices(CityBoardForm.base_fields["has"])),
            OpenApiParameter("verdict", OpenApiTypes.STR, enum=VERDICTS, description="A shadow report's verdict."),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=list(board.CITY_SORTS)),
            *_COMMON,
        ],
    )
    def get(self, request):
        form = CityBoardForm(request.query_params)
        if not form.is_valid():
            return _form_errors(form)
        today = timezone.localdate()
        paginator = NumberedPagination()
        paginator.page_size = board.PER_PAGE
        cities = paginator.paginate_queryset(
            board.board_cities(filters=form.filters(), sort=form.sort(), today=today), request, view=self
        )
        return Response(
            {
                "count": paginator.page.paginator.count,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "totals": _totals(board.pledge_totals(today=today)),
                "results": [_city_row(board.city_row(city, today)) for city in cities],
            }
        )
