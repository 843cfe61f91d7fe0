"""Reads of exchange vetting, with the viewer's visibility applied and related rows fetched in a fixed number of
queries."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from cities.gazetteer import fold
from cities.models import Representative
from exchanges.errors import NotFound
from exchanges.models import (
    APPROVED_STATUSES,
    REGISTER_STATUSES,
    Comment,
    CommentVisibility,
    Condition,
    Finding,
    FunderKind,
    PartnerAgency,
    Payer,
    Proposal,
    Review,
    Severity,
    Status,
)
from exchanges.permissions import (
    can_read_reviewer_comments,
    can_see_sensitive,
    can_view_proposal,
)

# The register's decisions whose funding was spent: the exchange went ahead.
FUNDED_STATUSES = (*APPROVED_STATUSES, Status.COMPLETED)


def partners_search(query: str = "", country: str = "") -> QuerySet[PartnerAgency]:
    """Agencies by name, alias or country, accent- and case-insensitive, with their verified findings counted."""
    partners = PartnerAgency.objects.annotate(
        finding_count=Count("findings", filter=Q(findings__verified_at__isnull=False))
    ).order_by("name", "id")
    folded = fold(query)
    if folded:
        partners = partners.filter(
            Q(search_text__contains=folded)
            | Q(search_text__trigram_word_similar=folded)
            | Q(country_code__iexact=folded)
        )
    if country:
        partners = partners.filter(country_code=country.upper())
    return partners


def partner_findings(user) -> QuerySet[Finding]:
    """Findings as `user` may read them, newest first: everyone sees verified ones, staff see those awaiting a
    check."""
    findings = Finding.objects.order_by("-published_on", "-id")
    if not can_see_sensitive(user) and not _is_verifier(user):
        findings = findings.filter(verified_at__isnull=False)
    return findings


def partner_detail(pk: int, *, user, with_findings: bool = True) -> PartnerAgency:
    """One agency, with its findings over time as `user` may read them unless the caller pages them itself."""
    partners = PartnerAgency.objects.select_related("parent", "member_agency__city")
    if with_findings:
        partners = partners.prefetch_related(Prefetch("findings", queryset=partner_findings(user)))
    try:
        return partners.get(pk=pk)
    except PartnerAgency.DoesNotExist:
        raise NotFound from None


def severity_counts(findings: QuerySet[Finding]) -> list[tuple[str, int]]:
    """How many of the findings are of each severity, gravest first, in one query."""
    counts = dict(findings.order_by().values_list("severity").annotate(count=Count("pk")))
    return [(label, counts[value]) for value, label in reversed(Severity.choices) if counts.get(value)]


def _is_verifier(user) -> bool:
    from exchanges.permissions import can_verify_findings

    return can_verify_findings(user)


def findings_awaiting_verification() -> QuerySet[Finding]:
    """Oldest first, with each one's agency (who entered it is told by `entered_by_id` alone)."""
    return Finding.objects.filter(verified_at__isnull=True).select_related("partner").order_by("created_at", "id")


def partners_awaiting_verification() -> QuerySet[PartnerAgency]:
    return PartnerAgency.objects.filter(verified=False).order_by("created_at", "id")


def _proposal_base() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("city", "funding").prefetch_related(
        Prefetch("partners", queryset=PartnerAgency.objects.order_by("name", "id")),
        Prefetch("conditions", queryset=Condition.objects.order_by("due_on", "id")),
    )


def proposal_for(pk: int, *, user) -> Proposal:
    try:
        proposal = (
            _proposal_base()
            .prefetch_related(
                "practices",
                "timeline",
                Prefetch("reviews", queryset=Review.objects.select_related("reviewer").order_by("assigned_at", "id")),
            )
            .get(pk=pk)
        )
    except Proposal.DoesNotExist:
        raise NotFound from None
    if not can_view_proposal(user, proposal):
        raise NotFound
    return proposal


def proposals_of_user(user) -> QuerySet[Proposal]:
    """The proposals of the cities `user` represents."""
    cities = Representative.objects.filter(user=user).values("city_id")
    return _proposal_base().filter(city_id__in=cities).order_by("-updated_at", "-id")


def _count_of_reviews(**conditions) -> Coalesce:
    """The proposal's reviews counted in a subquery: evaluated for the rows of the page only, where a join and a
    GROUP BY would aggregate every proposal of the queue before the page is cut."""
    counted = (
        Review.objects.filter(proposal=OuterRef("pk"), **conditions)
        .order_by()
        .values("proposal")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def review_queue(status: str = "") -> QuerySet[Proposal]:
    """Staff's queue: every proposal past the draft, oldest submission first, with its reviews counted (the order
    is the `proposal_queue` index's, or `proposal_queue_by_status`'s when one status is asked). A draft withdrawn
    before it was ever submitted never reached staff: it is not in the queue (every row has its submission time,
    which the queue's keyset pages need)."""
    proposals = (
        # A row names its city and its agencies; its conditions and its funding are on the proposal's own page.
        Proposal.objects.select_related("city")
        .prefetch_related(Prefetch("partners", queryset=PartnerAgency.objects.order_by("name", "id")))
        .exclude(status=Status.DRAFT)
        .filter(submitted_at__isnull=False)
        .annotate(
            review_count=_count_of_reviews(),
            recommendation_count=_count_of_reviews(submitted_at__isnull=False),
        )
        .order_by("submitted_at", "id")
    )
    if status:
        proposals = proposals.filter(status=status)
    return proposals


def assignments_of(user) -> QuerySet[Review]:
    return (
        Review.objects.filter(reviewer=user).select_related("proposal__city").order_by("submitted_at", "due_on", "id")
    )


def other_recommendations(user, proposal: Proposal) -> list[Review]:
    """Blind reviewing: the others' recommendations, only once the viewer's own is submitted (staff see all)."""
    reviews = [review for review in proposal.reviews.all() if review.is_submitted]
    if can_see_sensitive(user):
        return reviews
    own = next((review for review in proposal.reviews.all() if review.reviewer_id == user.pk), None)
    if own is None or not own.is_submitted:
        return []
    return [review for review in reviews if review.reviewer_id != user.pk]


def comments_for(user, proposal: Proposal) -> QuerySet[Comment]:
    comments = Comment.objects.filter(proposal=proposal).select_related("author").order_by("created_at", "id")
    if not can_see_sensitive(user):
        comments = comments.filter(hidden=False)
    if not can_read_reviewer_comments(user, proposal):
        comments = comments.filter(visibility=CommentVisibility.PUBLIC)
    return comments


def register(*, filters: dict | None = None) -> QuerySet[Proposal]:
    """The public register: every decided proposal, most recently decided first."""
    filters = filters or {}
    proposals = _proposal_base().filter(status__in=REGISTER_STATUSES).order_by("-decided_at", "-id")
    if filters.get("status"):
        proposals = proposals.filter(status=filters["status"])
    if filters.get("exchange_type"):
        proposals = proposals.filter(exchange_type=filters["exchange_type"])
    if filters.get("payer"):
        proposals = proposals.filter(payer=filters["payer"]).exclude(sensitive_fields__contains=["cost"])
    if filters.get("country"):
        # A condition, not a join: a proposal with two partners in the country is still one row (and one cost).
        in_country = Proposal.partners.through.objects.filter(
            proposal=OuterRef("pk"), partneragency__country_code=filters["country"].upper()
        )
        proposals = proposals.filter(Exists(in_country)).exclude(sensitive_fields__contains=["partners"])
    if filters.get("city"):
        proposals = proposals.filter(city__slug=filters["city"])
    return proposals


def register_totals(proposals: QuerySet[Proposal]) -> dict:
    """Totals by decision, by payer, and what funders paid for (by funder and by kind of funder, in each currency),
    in one pass over the register's rows, leaving out the costs a decision withholds. A funder counts for the
    exchanges that went ahead: approved, with or without conditions, and completed."""
    statuses = dict(Status.choices)
    payers = dict(Payer.choices)
    kinds = dict(FunderKind.choices)
    shown_cost = Q(cost__isnull=False) & ~Q(sensitive_fields__contains=["cost"])
    funded = Q(funding__isnull=False, funding_amount__isnull=False, status__in=FUNDED_STATUSES) & ~Q(
        sensitive_fields__contains=["cost"]
    )
    rows = (
        proposals.order_by()
        .values("status", "payer", "funding__funder_name", "funding__funder_kind", "funding__currency")
        .annotate(
            count=Count("pk"),
            total=Sum("cost", filter=shown_cost),
            costed=Count("pk", filter=shown_cost),
            funded_total=Sum("funding_amount", filter=funded),
            funded_count=Count("pk", filter=funded),
        )
        .order_by()
    )
    by_decision: dict[str, int] = {}
    by_payer: dict[str, object] = {}
    by_funder: dict[tuple[str, str], list] = {}
    by_kind: dict[tuple[str, str], list] = {}
    for row in rows:
        by_decision[row["status"]] = by_decision.get(row["status"], 0) + row["count"]
        if row["payer"] and row["costed"]:
            by_payer[row["payer"]] = by_payer.get(row["payer"], 0) + row["total"]
        if row["funded_count"]:
            currency = row["funding__currency"]
            for totals, key in (
                (by_funder, (row["funding__funder_name"], currency)),
                (by_kind, (row["funding__funder_kind"], currency)),
            ):
                entry = totals.setdefault(key, [0, 0])
                entry[0] += row["funded_total"]
                entry[1] += row["funded_count"]
    return {
        "by_decision": [(statuses[status], by_decision[status]) for status in sorted(by_decision)],
        "by_payer": [(payers[payer], by_payer[payer]) for payer in sorted(by_payer)],
        "by_funder": [
            {"funder": funder, "currency": currency, "amount": amount, "exchanges": count}
            for (funder, currency), (amount, count) in sorted(by_funder.items())
        ],
        "by_funder_kind": [
            {"kind": kind, "label": str(kinds[kind]), "currency": currency, "amount": amount, "exchanges": count}
            for (kind, currency), (amount, count) in sorted(by_kind.items())
        ],
    }


def register_row(proposal: Proposal, *, user=None) -> dict:
    """A decided proposal as the register shows it, with what the decision withholds left out (staff see all)."""
    sees_all = user is not None and can_see_sensitive(user)

    def shown(field: str) -> bool:
        return sees_all or not proposal.withheld(field)

    partners = list(proposal.partners.all())
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "city": proposal.city.name,
        "city_slug": proposal.city.slug,
        "partners": [{"name": p.name, "country": p.country_code} for p in partners] if shown("partners") else None,
        "type": proposal.exchange_type,
        "type_label": str(proposal.get_exchange_type_display()),
        "direction": proposal.direction,
        "starts_on": proposal.starts_on if shown("dates") else None,
        "ends_on": proposal.ends_on if shown("dates") else None,
        "decision": proposal.status,
        "decision_label": str(proposal.get_status_display()),
        "decided_at": proposal.decided_at,
        "rationale_summary": proposal.decision_summary if shown("rationale") else None,
        "conditions": [
            {"measure": c.measure, "owner": c.owner, "due_on": c.due_on, "done": c.done_at is not None}
            for c in proposal.conditions.all()
        ]
        if shown("conditions")
        else None,
        "cost": proposal.cost if shown("cost") else None,
        "payer": proposal.payer if shown("cost") else None,
        "payer_label": str(proposal.get_payer_display()) if shown("cost") else None,
        "funding": _funding_of(proposal) if shown("cost") else None,
        "withheld": [] if sees_all else list(proposal.sensitive_fields),
    }


def _funding_of(proposal: Proposal) -> dict | None:
    opportunity = proposal.funding
    if opportunity is None:
        return None
    return {
        "opportunity": opportunity.pk,
        "funder": opportunity.funder_name,
        "funder_kind": opportunity.funder_kind,
        "funder_kind_label": str(opportunity.get_funder_kind_display()),
        "currency": opportunity.currency,
        "amount": proposal.funding_amount,
    }


def city_exchanges(city) -> list[Proposal]:
    return list(register(filters={"city": city.slug})[:20])


def alternatives(proposal: Proposal, *, limit: int = 5) -> list[dict]:
    """Library practices whose themes match the proposal's topics and linked practices, with member cities that
    adopted them: what to learn from instead."""
    from practices.models import Adoption, AdoptionStatus, Practice, PracticeStatus

    wanted = {theme for topic in proposal.topics for theme in TOPIC_THEMES.get(topic, ())}
    for practice in proposal.practices.all():
        wanted.update(practice.themes)
    if not wanted:
        return []
    adopters = (
        Adoption.objects.filter(
            status__in=[AdoptionStatus.ADOPTED, AdoptionStatus.PILOTING], city__membership_status="member"
        )
        .select_related("city")
        .exclude(city_id=proposal.city_id)
        .order_by("city__name")
    )
    practices = (
        Practice.objects.filter(status=PracticeStatus.PUBLISHED, themes__overlap=sorted(wanted))
        .prefetch_related(Prefetch("adoptions", queryset=adopters, to_attr="adopters"))
        .order_by("title")[:limit]
    )
    return [{"practice": practice, "cities": [a.city for a in practice.adopters]} for practice in practices]


# Curriculum topic → library themes that offer an alternative to it.
TOPIC_THEMES = {
    "use_of_force": ("use_of_force",),
    "crowd_control": ("protest_policing", "use_of_force"),
    "surveillance": ("oversight", "surveillance"),
    "de_escalation": ("use_of_force", "crisis_response"),
    "community_policing": ("community_policing",),
    "crisis_intervention": ("crisis_response", "public_health"),
    "investigations": ("oversight",),
    "human_rights": ("oversight", "training"),
}


def personal_data(user) -> dict:
    """What exchange vetting keeps about a person, for their data export."""
    return {
        "comments": [
            {
                "proposal": c.proposal_id,
                "body": c.body,
                "visibility": c.visibility,
                "created_at": c.created_at.isoformat(),
            }
            for c in Comment.objects.filter(author=user).order_by("created_at")
        ],
        "reviews": [
            {"proposal": r.proposal_id, "recommendation": r.recommendation, "checklist": r.checklist}
            for r in Review.objects.filter(reviewer=user).order_by("assigned_at")
        ],
        "conflicts": [
            {"city": c.city_id, "partner": c.partner_id, "reason": c.reason}
            for c in user.exchange_conflicts.order_by("declared_at")
        ],
    }


def proposals_visible_to(user) -> QuerySet[Proposal]:
    """The API's list: staff see every proposal past the draft; others their cities' own, those assigned to them,
    and the public ones."""
    from exchanges.permissions import PUBLIC_STATUSES

    if can_see_sensitive(user):
        visible = ~Q(status=Status.DRAFT)
    else:
        cities = Representative.objects.filter(user=user).values("city_id")
        visible = Q(status__in=PUBLIC_STATUSES) | Q(city_id__in=cities) | Q(reviews__reviewer=user)
    return _proposal_base().filter(visible).distinct().order_by("-updated_at", "-id")


def practice_exchanges(practice) -> list[Proposal]:
    return list(register().filter(practices=practice)[:20])
