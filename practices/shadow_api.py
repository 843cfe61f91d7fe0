"""The API of shadow reports: a pledge's reports (paged) and a new one, the city's answer, a reader's flag, and
staff's hide and restore. A pseudonymous report carries no author field at all: its pseudonym is all there is."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from network.api_schema import CONFLICT
from network.pagination import KeysetPagination
from practices import pledge_selectors, shadow_selectors, shadow_services
from practices.errors import NotYourMove, PracticesError
from practices.models import ShadowFlagReason, ShadowReport, ShadowVerdict
from practices.permissions import shadow_filing_refusal

# --- Output ---------------------------------------------------------------------------------------------------


class ShadowEvidenceSerializer(serializers.Serializer):
    url = serializers.CharField()
    title = serializers.CharField()
    quote = serializers.CharField()


class ShadowSignatureSerializer(serializers.Serializer):
    handle = serializers.CharField(source="signed_handle")
    affiliation = serializers.CharField(source="signed_affiliation")


class ShadowAnswerOutputSerializer(serializers.Serializer):
    text = serializers.CharField()
    author = serializers.CharField(source="author_handle")
    created_at = serializers.DateTimeField()
    hidden = serializers.BooleanField()


class ShadowReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    pledge = serializers.IntegerField(source="pledge_id")
    verdict = serializers.ChoiceField(choices=ShadowVerdict.choices)
    statement = serializers.CharField()
    language = serializers.CharField()
    evidence = ShadowEvidenceSerializer(many=True)
    pseudonym = serializers.CharField(help_text="The per-pledge pseudonym; empty when the report is signed.")
    author = ShadowSignatureSerializer(
        source="*",
        required=False,
        help_text="The signature (handle and affiliation as filed). Absent from a pseudonymous report.",
    )
    yours = serializers.BooleanField(source="is_mine", help_text="Whether you filed it (true only for its author).")
    hidden = serializers.BooleanField(help_text="Hidden by staff: seen only by its author and staff.")
    answer = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(ShadowAnswerOutputSerializer(allow_null=True))
    def get_answer(self, report):
        answer = getattr(report, "shown_answer", None)
        return ShadowAnswerOutputSerializer(answer).data if answer is not None else None

    def to_representation(self, report):
        data = super().to_representation(report)
        if report.pseudonym:
            data.pop("author", None)
        return data


# --- Input ----------------------------------------------------------------------------------------------------


class ShadowEvidenceInputSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=500, required=False, allow_blank=True, help_text="http:// or https:// only")
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    quote = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ShadowReportInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=ShadowVerdict.choices)
    statement = serializers.CharField(max_length=10000)
    language = serializers.CharField(max_length=8, required=False, allow_blank=True)
    pseudonymous = serializers.BooleanField(default=False)
    evidence = ShadowEvidenceInputSerializer(many=True, max_length=shadow_services.MAX_EVIDENCE)


class ShadowAnswerInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class ShadowFlagInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=ShadowFlagReason.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ShadowReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


# --- Views ----------------------------------------------------------------------------------------------------


class NewestFirst(KeysetPagination):
    ordering = ("-id",)


def _report(request, pk: int):
    try:
        return shadow_selectors.shadow_report(request.user, pk)
    except shadow_selectors.ShadowReportNotFound:
        raise NotFound("No such shadow report visible to you.") from None


def _answer(call, success_status=status.HTTP_200_OK):
    """Run a service; its refusals become 400 (field errors), 403 (someone else's move) or 409 (the state)."""
    try:
        return call(), None
    except ValidationError as error:
        body = error.message_dict if hasattr(error, "error_dict") else {"detail": " ".join(error.messages)}
        return None, Response(body, status=status.HTTP_400_BAD_REQUEST)
    except NotYourMove as error:
        raise PermissionDenied(str(error)) from None
    except PracticesError as error:
        return None, Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)


class ShadowReportListCreateApi(generics.ListAPIView):
    """A published pledge's shadow reports, newest first, paged by cursor (follow `next`). Hidden ones are seen
    only by their authors and staff. POST files one: a participant with a civil-society affiliation (not a
    representative of the pledging city, not staff); one report per author and pledge a day (409)."""

    pagination_class = NewestFirst
    serializer_class = ShadowReportOutputSerializer

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "POST" else [AllowAny()]

    def _pledge(self):
        try:
            pledge = pledge_selectors.pledge_detail(self.request.user, self.kwargs["pk"])
        except pledge_selectors.PledgeNotFound:
            raise NotFound("No such pledge visible to you.") from None
        if not pledge.is_public:
            raise NotFound("No such pledge visible to you.")
        return pledge

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's generation: no pledge to read
            return ShadowReport.objects.none()
        return shadow_selectors.pledge_shadow_reports_page(self.request.user, self._pledge().pk)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return shadow_selectors.mark(self.request.user, page) if page is not None else None

    @extend_schema(request=ShadowReportInputSerializer, responses={201: ShadowReportOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        pledge = self._pledge()
        refusal = shadow_filing_refusal(request.user, pledge)
        if refusal:
            raise PermissionDenied(refusal)
        serializer = ShadowReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report, refused = _answer(
            lambda: shadow_services.shadow_report_file(
                actor=request.user,
                pledge=pledge,
                verdict=data["verdict"],
                statement=data["statement"],
                language=data.get("language", ""),
                pseudonymous=data["pseudonymous"],
                evidence=[dict(piece) for piece in data["evidence"]],
            )
        )
        if refused:
            return refused
        report = shadow_selectors.shadow_report(request.user, report.pk)
        return Response(ShadowReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)


class ShadowAnswerCreateApi(APIView):
    """The pledging city's one public answer to a shadow report (a representative of the city); a second is a
    409."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ShadowAnswerInputSerializer, responses={201: ShadowReportOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        report = _report(request, pk)
        serializer = ShadowAnswerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _done, refused = _answer(
            lambda: shadow_services.shadow_answer_create(
                actor=request.user, report=report, text=serializer.validated_data["text"]
            )
        )
        if refused:
            return refused
        report = shadow_selectors.shadow_report(request.user, pk)
        return Response(ShadowReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)


class ShadowFlagCreateApi(APIView):
    """Flag a shadow report to staff, once per reader (a second flag, or one on your own report, is a 409)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ShadowFlagInputSerializer, responses={201: None, 409: CONFLICT})
    def post(self, request, pk: int):
        report = _report(request, pk)
        serializer = ShadowFlagInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _done, refused = _answer(
            lambda: shadow_services.shadow_report_flag(
                actor=request.user, report=report, reason=data["reason"], note=data.get("note", "")
            )
        )
        if refused:
            return refused
        return Response({"detail": "Flagged; staff will review it."}, status=status.HTTP_201_CREATED)


class _StaffMoveApi(APIView):
    permission_classes = [IsAuthenticated]
    service = None

    @extend_schema(request=ShadowReasonInputSerializer, responses={200: ShadowReportOutputSerializer, 409: CONFLICT})
    def post(self, request, pk: int):
        report = _report(request, pk)
        serializer = ShadowReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _done, refused = _answer(
            lambda: type(self).service(actor=request.user, report=report, reason=serializer.validated_data["reason"])
        )
        if refused:
            return refused
        return Response(ShadowReportOutputSerializer(shadow_selectors.shadow_report(request.user, pk)).data)


class ShadowHideApi(_StaffMoveApi):
    """Staff hide a shadow report with a reason (in a browser session that passed the second factor)."""

    service = staticmethod(shadow_services.shadow_report_hide)


class ShadowRestoreApi(_StaffMoveApi):
    """Staff show a hidden shadow report again, or keep a flagged one, with a reason."""

    service = staticmethod(shadow_services.shadow_report_restore)
