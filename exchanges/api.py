from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound as ApiNotFound
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cities.models import City
from exchanges import selectors, services
from exchanges.errors import ExchangesError, NotFound, NotYourMove
from exchanges.models import (
    CHECKLIST,
    SENSITIVE_FIELD_CHOICES,
    Category,
    CommentVisibility,
    Direction,
    ExchangeType,
    Finding,
    FundingOpportunity,
    PartnerAgency,
    Payer,
    Proposal,
    Recommendation,
    Topic,
)
from exchanges.permissions import can_see_sensitive, is_assigned, is_proposer
from exchanges.workflow import DECISIONS
from network.accounts.second_factor import session_passed_second_factor
from network.api_schema import CONFLICT
from network.page_cache import ALL_PARTS

# --- Output ---------------------------------------------------------------------------------------------------


class FindingOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partner = serializers.IntegerField(source="partner_id")
    source_kind = serializers.CharField()
    publisher = serializers.CharField()
    title = serializers.CharField()
    published_on = serializers.DateField()
    categories = serializers.ListField(child=serializers.CharField())
    severity = serializers.CharField()
    credibility = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    verified = serializers.BooleanField(source="is_verified")


class PartnerOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField(), source="alias_list")
    country_code = serializers.CharField()
    country = serializers.CharField(source="country_name")
    city = serializers.CharField(source="city_name")
    level = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    verified = serializers.BooleanField()
    url = serializers.CharField(source="get_absolute_url")


class PartnerListOutputSerializer(PartnerOutputSerializer):
    verified_findings = serializers.IntegerField(source="finding_count")


class PartnerDetailOutputSerializer(PartnerOutputSerializer):
    findings = FindingOutputSerializer(many=True)


class RegisterPartnerSerializer(serializers.Serializer):
    name = serializers.CharField()
    country = serializers.CharField()


class ConditionSerializer(serializers.Serializer):
    measure = serializers.CharField()
    owner = serializers.CharField()
    due_on = serializers.DateField()
    done = serializers.BooleanField()


class RegisterFundingSerializer(serializers.Serializer):
    opportunity = serializers.IntegerField()
    funder = serializers.CharField()
    funder_kind = serializers.CharField()
    currency = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class RegisterRowSerializer(serializers.Serializer):
    """A decided proposal; a field the decision withholds is null and named in `withheld`."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    city = serializers.CharField()
    partners = RegisterPartnerSerializer(many=True, allow_null=True)
    type = serializers.CharField()
    direction = serializers.CharField()
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    decision = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    rationale_summary = serializers.CharField(allow_null=True)
    conditions = ConditionSerializer(many=True, allow_null=True)
    cost = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    payer = serializers.CharField(allow_null=True)
    funding = RegisterFundingSerializer(allow_null=True, help_text="Null when none is named or who pays is withheld.")
    withheld = serializers.ListField(child=serializers.CharField())


class LabelCountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class LabelAmountSerializer(serializers.Serializer):
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class FunderTotalSerializer(serializers.Serializer):
    funder = serializers.CharField()
    currency = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    exchanges = serializers.IntegerField()


class FunderKindTotalSerializer(serializers.Serializer):
    kind = serializers.CharField()
    currency = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    exchanges = serializers.IntegerField()


class RegisterTotalsSerializer(serializers.Serializer):
    """The register's totals over every row the filters keep (not only this page); costs a decision withholds are
    left out. Funders count for the exchanges that went ahead (approved or completed), in each currency."""

    by_decision = LabelCountSerializer(many=True)
    by_payer = LabelAmountSerializer(many=True)
    by_funder = FunderTotalSerializer(many=True)
    by_funder_kind = FunderKindTotalSerializer(many=True)


class RegisterPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = RegisterRowSerializer(many=True)
    totals = RegisterTotalsSerializer()


class ReviewOutputSerializer(serializers.Serializer):
    reviewer = serializers.CharField(source="reviewer.handle")
    recommendation = serializers.CharField()
    checklist = serializers.JSONField()
    submitted_at = serializers.DateTimeField()


class ProposalOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    city = serializers.CharField(source="city.slug")
    status = serializers.CharField()
    partners = serializers.SerializerMethodField()
    direction = serializers.CharField()
    exchange_type = serializers.CharField()
    topics = serializers.ListField(child=serializers.CharField())
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    officers = serializers.IntegerField(allow_null=True)
    units = serializers.CharField()
    cost = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    payer = serializers.CharField()
    objectives = serializers.CharField()
    funding = serializers.IntegerField(source="funding_id", allow_null=True)
    funding_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    risk_level = serializers.CharField()
    risk_flags = serializers.JSONField()
    comments_close_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(source="get_absolute_url")

    def get_partners(self, proposal) -> list[int]:
        return [partner.pk for partner in proposal.partners.all()]


class ProposalDetailOutputSerializer(ProposalOutputSerializer):
    recommendations = serializers.SerializerMethodField(
        help_text="Submitted recommendations: staff see all; a reviewer sees the others' once theirs is submitted."
    )

    def get_recommendations(self, proposal) -> list[dict]:
        user = self.context["request"].user
        own = [r for r in proposal.reviews.all() if r.reviewer_id == user.pk and r.is_submitted]
        others = selectors.other_recommendations(user, proposal)
        seen = {r.pk: r for r in [*own, *others]}
        return ReviewOutputSerializer(list(seen.values()), many=True).data


# --- Input ----------------------------------------------------------------------------------------------------


class ProposalInputSerializer(serializers.Serializer):
    city = serializers.SlugRelatedField(slug_field="slug", queryset=City.objects.all())
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    partners = serializers.PrimaryKeyRelatedField(many=True, queryset=PartnerAgency.objects.all(), required=False)
    direction = serializers.ChoiceField(choices=Direction.choices, required=False, allow_blank=True, default="")
    exchange_type = serializers.ChoiceField(choices=ExchangeType.choices, required=False, allow_blank=True, default="")
    topics = serializers.ListField(child=serializers.ChoiceField(choices=Topic.choices), required=False, default=list)
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    officers = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    units = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    payer = serializers.ChoiceField(choices=Payer.choices, required=False, allow_blank=True, default="")
    objectives = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    funding = serializers.PrimaryKeyRelatedField(
        queryset=FundingOpportunity.objects.all(), required=False, allow_null=True, default=None
    )
    funding_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReportInputSerializer(serializers.Serializer):
    report = serializers.CharField(max_length=20000)


class AssignInputSerializer(serializers.Serializer):
    reviewer = serializers.SlugRelatedField(slug_field="handle", queryset=get_user_model().objects.all())
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class OpenReviewInputSerializer(serializers.Serializer):
    comment_days = serializers.IntegerField(min_value=1, max_value=90, required=False, allow_null=True, default=None)


class ChecklistItemSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    rationale = serializers.CharField(max_length=3000)


class ReviewInputSerializer(serializers.Serializer):
    recommendation = serializers.ChoiceField(choices=Recommendation.choices)
    checklist = serializers.DictField(child=ChecklistItemSerializer(), help_text=f"Items: {', '.join(CHECKLIST)}")


class ConditionInputSerializer(serializers.Serializer):
    measure = serializers.CharField(max_length=500)
    owner = serializers.CharField(max_length=200)
    due_on = serializers.DateField()


class DecisionInputSerializer(serializers.Serializer):
    rationale = serializers.CharField(max_length=10000)
    summary = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    letter_reasons = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    override_reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    sensitive_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=SENSITIVE_FIELD_CHOICES), required=False, default=list
    )
    conditions = ConditionInputSerializer(many=True, required=False, default=list)


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    visibility = serializers.ChoiceField(choices=CommentVisibility.choices, default=CommentVisibility.PUBLIC)


# --- Views ----------------------------------------------------------------------------------------------------


class PartnerListApi(generics.ListAPIView):
    """The partner registry: `q` searches names, other names and countries, accents and case aside."""

    permission_classes = [AllowAny]
    serializer_class = PartnerListOutputSerializer
    filter_backends = []
    page_cache_parts = ALL_PARTS

    def get_queryset(self):
        return selectors.partners_search(self.request.query_params.get("q", "")[:200])


class PartnerDetailApi(APIView):
    """One agency with its findings (verified ones, for everyone but staff)."""

    permission_classes = [AllowAny]
    page_cache_parts = ALL_PARTS

    @extend_schema(responses=PartnerDetailOutputSerializer)
    def get(self, request, pk: int):
        try:
            partner = selectors.partner_detail(pk, user=request.user)
        except NotFound:
            raise ApiNotFound from None
        return Response(PartnerDetailOutputSerializer(partner).data)


class FindingListApi(generics.ListAPIView):
    """Verified human-rights findings, newest first; `partner` filters by agency id, `category` by category."""

    permission_classes = [AllowAny]
    serializer_class = FindingOutputSerializer
    filter_backends = []

    def get_queryset(self):
        findings = Finding.objects.filter(verified_at__isnull=False).order_by("-published_on", "-id")
        partner = self.request.query_params.get("partner", "")
        if partner.isdigit():
            findings = findings.filter(partner_id=int(partner))
        category = self.request.query_params.get("category", "")
        if category in Category.values:
            findings = findings.filter(categories__contains=[category])
        return findings


class ProposalListApi(generics.ListCreateAPIView):
    """Proposals you may see: your cities' own, the ones assigned to you, all of them for staff; and the public
    ones (in review or decided) for everyone else. POST starts a draft for a city you represent."""

    permission_classes = [IsAuthenticated]
    serializer_class = ProposalOutputSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Proposal.objects.none()
        return selectors.proposals_visible_to(self.request.user)

    @extend_schema(request=ProposalInputSerializer, responses={201: ProposalOutputSerializer})
    def post(self, request):
        serializer = ProposalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        city = data.pop("city")
        partners = data.pop("partners", None)
        try:
            proposal = services.proposal_create(actor=request.user, city=city, partners=partners, **data)
        except ValidationError as error:
            return Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except ExchangesError as error:
            raise PermissionDenied(str(error)) from None
        proposal = selectors.proposal_for(proposal.pk, user=request.user)
        return Response(ProposalOutputSerializer(proposal).data, status=status.HTTP_201_CREATED)


class ProposalDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=ProposalDetailOutputSerializer)
    def get(self, request, pk: int):
        try:
            proposal = selectors.proposal_for(pk, user=request.user)
        except NotFound:
            raise ApiNotFound from None
        if not (
            can_see_sensitive(request.user)
            or is_proposer(request.user, proposal)
            or is_assigned(request.user, proposal)
        ):
            # The public see what the register shows.
            return Response(RegisterRowSerializer(selectors.register_row(proposal)).data)
        return Response(ProposalDetailOutputSerializer(proposal, context={"request": request}).data)


# Moves the city makes (a token may make them), and those of staff and reviewers (a session with a second
# factor only): move → (input serializer, service call).
CITY_API_MOVES = {"submit", "withdraw", "complete", "comment"}
API_MOVES = {
    "submit": None,
    "withdraw": ReasonInputSerializer,
    "complete": ReportInputSerializer,
    "screen": None,
    "assign": AssignInputSerializer,
    "open_review": OpenReviewInputSerializer,
    "review": ReviewInputSerializer,
    "approve": DecisionInputSerializer,
    "approve_with_conditions": DecisionInputSerializer,
    "reject": DecisionInputSerializer,
    "reopen": ReasonInputSerializer,
    "comment": CommentInputSerializer,
}


def _call(move: str, *, actor, proposal: Proposal, data: dict):
    if move == "submit":
        return services.proposal_submit(actor=actor, proposal=proposal)
    if move == "withdraw":
        return services.proposal_withdraw(actor=actor, proposal=proposal, **data)
    if move == "complete":
        return services.proposal_complete(actor=actor, proposal=proposal, **data)
    if move == "screen":
        return services.proposal_screen(actor=actor, proposal=proposal)
    if move == "assign":
        return services.reviewer_assign(actor=actor, proposal=proposal, **data)
    if move == "open_review":
        return services.proposal_open_review(actor=actor, proposal=proposal, **data)
    if move == "review":
        return services.review_submit(actor=actor, proposal=proposal, **data)
    if move in DECISIONS:
        return services.proposal_decide(actor=actor, proposal=proposal, move=move, **data)
    if move == "reopen":
        return services.proposal_reopen(actor=actor, proposal=proposal, **data)
    return services.comment_create(actor=actor, proposal=proposal, **data)


class ProposalMoveApi(APIView):
    """One action per move: submit, withdraw, complete (the city); screen, assign, open_review, approve,
    approve_with_conditions, reject, reopen (staff); review (an assigned reviewer); comment (participants while
    the window is open). A move the proposal's state forbids answers 409, a move the table gives someone else 403;
    invalid input 400 with field errors. Staff and reviewer moves accept only a browser session that passed a
    second factor, never an API token."""

    permission_classes = [IsAuthenticated]

    def get_authenticators(self):
        move = self.kwargs.get("move") if hasattr(self, "kwargs") else None
        if move in API_MOVES and move not in CITY_API_MOVES:
            return [SessionAuthentication()]
        return super().get_authenticators()

    @extend_schema(
        operation_id="proposals_move", request=None, responses={200: ProposalDetailOutputSerializer, 409: CONFLICT}
    )
    def post(self, request, pk: int, move: str):
        if move not in API_MOVES:
            raise ApiNotFound
        if move not in CITY_API_MOVES and not session_passed_second_factor(request):
            raise PermissionDenied("Confirm your second factor in this session first.")
        try:
            proposal = selectors.proposal_for(pk, user=request.user)
        except NotFound:
            raise ApiNotFound from None
        data = {}
        if API_MOVES[move] is not None:
            serializer = API_MOVES[move](data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
            if move in DECISIONS:
                data["conditions"] = [dict(row) for row in data.get("conditions", [])]
            if move == "review":
                data["checklist"] = {key: dict(value) for key, value in data["checklist"].items()}
        try:
            _call(move, actor=request.user, proposal=proposal, data=data)
        except ValidationError as error:
            return Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except NotYourMove as error:
            raise PermissionDenied(str(error)) from None
        except ExchangesError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        proposal = selectors.proposal_for(pk, user=request.user)
        return Response(ProposalDetailOutputSerializer(proposal, context={"request": request}).data)


class RegisterApi(generics.ListAPIView):
    """The public register of decisions: a field a decision withholds is null and named in `withheld`."""

    permission_classes = [AllowAny]
    serializer_class = RegisterRowSerializer
    filter_backends = []
    # A visitor's answer is kept in the shared cache (network/page_cache.py): the register names cities and practices.
    page_cache_parts = ALL_PARTS

    def get_queryset(self):
        return selectors.register(
            filters={
                key: self.request.query_params.get(key, "")
                for key in ("status", "exchange_type", "payer", "country", "city")
            }
        )

    @extend_schema(responses=RegisterPageSerializer)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        proposals = self.get_queryset()
        page = self.paginate_queryset(proposals)
        rows = [selectors.register_row(proposal) for proposal in page]
        response = self.get_paginated_response(RegisterRowSerializer(rows, many=True).data)
        totals = selectors.register_totals(proposals)
        response.data["totals"] = RegisterTotalsSerializer(
            {
                **totals,
                "by_decision": [{"label": label, "count": count} for label, count in totals["by_decision"]],
                "by_payer": [{"label": label, "amount": amount} for label, amount in totals["by_payer"]],
            }
        ).data
        return response
