"""Every write of exchange vetting, each in one transaction with its audit row, its timeline entry and its
notifications. Each workflow move locks the proposal's row, checks the move against `workflow.MOVES` and the
actor against the move, then changes the status."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.gazetteer import fold
from cities.geography import country_name
from cities.letters import validate_letter
from cities.models import City, Representative
from exchanges import notices, risk
from exchanges.errors import MoveNotAllowed, NotYourMove
from exchanges.models import (
    APPROVED_STATUSES,
    CHECKLIST,
    SENSITIVE_FIELD_CHOICES,
    Comment,
    CommentReport,
    CommentVisibility,
    Condition,
    Conflict,
    Finding,
    FundingOpportunity,
    FundingStatus,
    PartnerAgency,
    Proposal,
    Rating,
    Recommendation,
    Review,
    Status,
    TimelineEntry,
)
from exchanges.permissions import (
    can_comment,
    can_decide,
    can_declare_conflicts,
    can_edit_proposal,
    can_moderate_comments,
    can_propose,
    can_screen,
    can_verify_findings,
    is_on_panel,
    is_panel_reviewer,
    is_proposer,
)
from exchanges.workflow import DECISIONS, MOVES, Actor, Move
from network.accounts.permissions import is_participant
from network.accounts.system import SYSTEM
from network.audit.services import audit_record
from network.markdown import render
from network.notifications import audiences
from network.notifications.services import notify

MIN_REVIEWERS = 2
REVIEW_DAYS = 14
APPROVAL_MONTHS_DAYS = 365
PROPOSAL_FIELDS = (
    "title",
    "direction",
    "exchange_type",
    "topics",
    "starts_on",
    "ends_on",
    "officers",
    "units",
    "cost",
    "payer",
    "objectives",
    "funding",
    "funding_amount",
)
REQUIRED_TO_SUBMIT = ("title", "direction", "exchange_type", "topics", "starts_on", "ends_on", "objectives")
PARTNER_FIELDS = ("name", "aliases", "country_code", "city_name", "level", "parent", "member_agency")
FINDING_FIELDS = (
    "source_kind",
    "publisher",
    "title",
    "published_on",
    "categories",
    "severity",
    "credibility",
    "url",
    "summary",
)


# --- Helpers -------------------------------------------------------------------------------------------------


def _representatives(city_id: int) -> list[int]:
    return list(Representative.objects.filter(city_id=city_id).values_list("user_id", flat=True))


def _locked(proposal: Proposal) -> Proposal:
    # Lock the proposal's row only, not the city's that select_related joins to it.
    return Proposal.objects.select_for_update(of=("self",)).select_related("city").get(pk=proposal.pk)


def _timeline(proposal: Proposal, *, actor, move: str, before: str = "", after: str = "", note: str = "") -> None:
    TimelineEntry.objects.create(
        proposal=proposal,
        actor_handle=getattr(actor, "handle", "") or "",
        move=move,
        before=before,
        after=after,
        note=note,
    )


def _actor_may(actor, move: Move, proposal: Proposal) -> bool:
    if actor is SYSTEM:
        return move.system
    if move.actor == Actor.CITY:
        return is_proposer(actor, proposal) and is_participant(actor)
    if move.actor == Actor.SCREENER:
        return can_screen(actor)
    if move.actor == Actor.DECIDER:
        return can_decide(actor)
    return False


def _check(actor, proposal: Proposal, name: str) -> Move:
    move = MOVES[name]
    if not _actor_may(actor, move, proposal):
        raise NotYourMove(_("You may not make this move on this proposal."))
    if proposal.status not in move.sources:
        raise MoveNotAllowed(str(move.refusal))
    return move


def _apply(proposal: Proposal, *, actor, move: Move, fields: list[str], note: str = "", data: dict | None = None):
    """Set the move's status, save, write the audit row and the timeline entry."""
    before = proposal.status
    proposal.status = move.target
    proposal.updated_at = timezone.now()
    proposal.save(update_fields=["status", "updated_at", *fields])
    audit_record(
        actor=None if actor is SYSTEM else actor,
        action=f"exchanges.proposal.{move.name}",
        target=proposal,
        before={"status": before},
        after={"status": move.target},
        data={"city": proposal.city.name, **(data or {})},
    )
    _timeline(proposal, actor=actor, move=move.name, before=before, after=move.target, note=note)
    return proposal


def _facts(proposal: Proposal, *, today: date | None = None) -> risk.Facts:
    findings = (
        Finding.objects.filter(verified_at__isnull=False)
        .filter(Q(partner__proposals=proposal) | Q(partner__member_agency__city_id=proposal.city_id))
        .select_related("partner")
        .distinct()
    )
    proposal_partners = set(proposal.partners.values_list("pk", flat=True))
    facts = [
        risk.FindingFact(
            partner=finding.partner.name,
            categories=tuple(finding.categories),
            published_on=finding.published_on,
            ours=finding.partner_id not in proposal_partners,
        )
        for finding in findings
    ]
    return risk.Facts(
        direction=proposal.direction,
        topics=tuple(proposal.topics),
        cost=proposal.cost,
        today=today or timezone.localdate(),
        findings=tuple(facts),
    )


def _reassess(proposal: Proposal) -> None:
    level, flags = risk.assess(_facts(proposal))
    proposal.risk_level = level
    proposal.risk_flags = [flag.as_dict() for flag in flags]
    proposal.save(update_fields=["risk_level", "risk_flags"])


# --- Partners and findings ------------------------------------------------------------------------------------


def _search_text(name: str, aliases: str, country_code: str) -> str:
    # The country's name too, so that "Brazil" finds Brazil's agencies.
    names = [name, *(alias for alias in aliases.split(",") if alias.strip()), country_name(country_code)]
    return "|" + "|".join(fold(item) for item in names) + "|"


@transaction.atomic
def partner_create(*, actor, **fields) -> PartnerAgency:
    """Staff add an agency to the registry; a city representative adds one for a proposal, which staff verify."""
    staff = can_verify_findings(actor)
    if not staff and not (is_participant(actor) and Representative.objects.filter(user=actor).exists()):
        raise MoveNotAllowed(_("Only staff and city representatives add partner agencies."))
    unknown = set(fields) - set(PARTNER_FIELDS)
    if unknown:
        raise ValueError(f"Unknown partner fields: {sorted(unknown)}")
    fields["country_code"] = (fields.get("country_code") or "").upper()
    partner = PartnerAgency(**fields, created_by=actor, verified=staff)
    partner.search_text = _search_text(partner.name, partner.aliases, partner.country_code)
    partner.full_clean(exclude=["created_by", "search_text"])
    partner.save()
    audit_record(actor=actor, action="exchanges.partner.create", target=partner, after={"verified": staff})
    return partner


@transaction.atomic
def partner_verify(*, actor, partner: PartnerAgency) -> PartnerAgency:
    if not can_verify_findings(actor):
        raise MoveNotAllowed(_("Only staff verify partner agencies."))
    partner = PartnerAgency.objects.select_for_update().get(pk=partner.pk)
    if partner.verified:
        raise MoveNotAllowed(_("This agency is already verified."))
    partner.verified = True
    partner.save(update_fields=["verified"])
    audit_record(
        actor=actor,
        action="exchanges.partner.verify",
        target=partner,
        before={"verified": False},
        after={"verified": True},
    )
    return partner


@transaction.atomic
def finding_create(*, actor, partner: PartnerAgency, **fields) -> Finding:
    if not can_verify_findings(actor):
        raise MoveNotAllowed(_("Only staff enter human-rights findings."))
    unknown = set(fields) - set(FINDING_FIELDS)
    if unknown:
        raise ValueError(f"Unknown finding fields: {sorted(unknown)}")
    finding = Finding(partner=partner, entered_by=actor, **fields)
    finding.full_clean(exclude=["entered_by", "verified_by"])
    if not finding.categories:
        raise ValidationError({"categories": [_("Choose at least one category.")]})
    finding.save()
    audit_record(actor=actor, action="exchanges.finding.create", target=finding, data={"partner": partner.name})
    return finding


@transaction.atomic
def finding_verify(*, actor, finding: Finding) -> Finding:
    """A second member of staff confirms a finding. Exchanges in review or approved with the agency reopen for
    re-vetting, and staff and the proposing city are told."""
    if not can_verify_findings(actor):
        raise MoveNotAllowed(_("Only staff verify human-rights findings."))
    finding = Finding.objects.select_for_update(of=("self",)).select_related("partner").get(pk=finding.pk)
    if finding.is_verified:
        raise MoveNotAllowed(_("This finding is already verified."))
    if finding.entered_by_id == actor.pk:
        raise MoveNotAllowed(_("A second member of staff verifies a finding: not the one who entered it."))
    finding.verified_by = actor
    finding.verified_at = timezone.now()
    finding.save(update_fields=["verified_by", "verified_at"])
    audit_record(
        actor=actor,
        action="exchanges.finding.verify",
        target=finding,
        before={"verified": False},
        after={"verified": True},
        data={"partner": finding.partner.name},
    )
    partner = finding.partner
    affected = Proposal.objects.filter(
        Q(partners=partner) | Q(city__agencies__partner_record=partner),
        status__in=[Status.IN_REVIEW, *APPROVED_STATUSES],
    ).distinct()
    reason = _("A new verified finding against %(partner)s: %(title)s") % {
        "partner": partner.name,
        "title": finding.title,
    }
    for proposal in affected:
        _reopen(actor=SYSTEM, proposal=proposal, reason=reason)
    others = Proposal.objects.filter(
        Q(partners=partner) | Q(city__agencies__partner_record=partner),
        status__in=[Status.DRAFT, Status.SUBMITTED, Status.SCREENING, Status.REOPENED],
    ).distinct()
    for proposal in others:
        _reassess(proposal)
    return finding


# --- Proposals: drafting -------------------------------------------------------------------------------------


def _set_relations(proposal: Proposal, partners, practices) -> None:
    if partners is not None:
        proposal.partners.set(partners)
    if practices is not None:
        proposal.practices.set(practices)


def _check_funding(proposal: Proposal, *, was_funded_by: int | None) -> None:
    """The opportunity named must be open (unless it is the one already named) and the amount, in the
    opportunity's currency, within its range."""
    if proposal.funding_id is None:
        if proposal.funding_amount is not None:
            raise ValidationError({"funding_amount": [_("Name the funding opportunity this amount comes from.")]})
        return
    # Read afresh: its status may have changed since the caller loaded it.
    opportunity = FundingOpportunity.objects.get(pk=proposal.funding_id)
    if opportunity.status != FundingStatus.OPEN and opportunity.pk != was_funded_by:
        raise ValidationError({"funding": [_("This opportunity is no longer open.")]})
    amount = proposal.funding_amount
    if amount is None:
        raise ValidationError({"funding_amount": [_("Give the amount requested from the funder.")]})
    bounds = {"currency": opportunity.currency, "min": opportunity.amount_min, "max": opportunity.amount_max}
    if amount <= 0:
        raise ValidationError({"funding_amount": [_("The amount must be more than zero.")]})
    if opportunity.amount_min is not None and amount < opportunity.amount_min:
        raise ValidationError({"funding_amount": [_("This funder grants at least %(min)s %(currency)s.") % bounds]})
    if opportunity.amount_max is not None and amount > opportunity.amount_max:
        raise ValidationError({"funding_amount": [_("This funder grants at most %(max)s %(currency)s.") % bounds]})


def _attach(proposal: Proposal, field: str, upload) -> None:
    try:
        validate_letter(upload)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    getattr(proposal, field).save("attachment.pdf", upload, save=False)


@transaction.atomic
def proposal_create(
    *, actor, city: City, partners=None, practices=None, agenda=None, curriculum=None, **fields
) -> Proposal:
    """A draft, which may be incomplete."""
    if not can_propose(actor, city):
        raise MoveNotAllowed(_("Only a member city's representatives propose exchanges for it."))
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ValueError(f"Unknown proposal fields: {sorted(unknown)}")
    proposal = Proposal(city=city, proposed_by=actor, **fields)
    _check_funding(proposal, was_funded_by=None)
    proposal.full_clean(exclude=["proposed_by", "city", "agenda", "curriculum"])
    for field, upload in (("agenda", agenda), ("curriculum", curriculum)):
        if upload is not None:
            _attach(proposal, field, upload)
    proposal.save()
    _set_relations(proposal, partners, practices)
    _reassess(proposal)
    audit_record(actor=actor, action="exchanges.proposal.create", target=proposal, data={"city": city.name})
    _timeline(proposal, actor=actor, move="create", after=Status.DRAFT)
    return proposal


@transaction.atomic
def proposal_update(
    *, actor, proposal: Proposal, partners=None, practices=None, agenda=None, curriculum=None, **fields
) -> Proposal:
    proposal = _locked(proposal)
    if not can_edit_proposal(actor, proposal):
        raise MoveNotAllowed(_("Only a draft can be changed, by its city's representatives."))
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ValueError(f"Unknown proposal fields: {sorted(unknown)}")
    was_funded_by = proposal.funding_id
    for field, value in fields.items():
        setattr(proposal, field, value)
    _check_funding(proposal, was_funded_by=was_funded_by)
    proposal.full_clean(exclude=["proposed_by", "city", "agenda", "curriculum"])
    changed = list(fields)
    for field, upload in (("agenda", agenda), ("curriculum", curriculum)):
        if upload is not None:
            _attach(proposal, field, upload)
            changed.append(field)
    proposal.updated_at = timezone.now()
    proposal.save(update_fields=[*changed, "updated_at"])
    _set_relations(proposal, partners, practices)
    _reassess(proposal)
    return proposal


def submission_errors(proposal: Proposal) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field in REQUIRED_TO_SUBMIT:
        if not getattr(proposal, field):
            errors[field] = [_("This is needed before you submit.")]
    if not proposal.partners.exists():
        errors["partners"] = [_("Name at least one partner agency.")]
    return errors


# --- Proposals: the moves ------------------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(*, actor, proposal: Proposal) -> Proposal:
    proposal = _locked(proposal)
    move = _check(actor, proposal, "submit")
    errors = submission_errors(proposal)
    if errors:
        raise ValidationError(errors)
    proposal.submitted_at = timezone.now()
    _reassess(proposal)
    _apply(proposal, actor=actor, move=move, fields=["submitted_at"])
    notify(
        kind=notices.SUBMITTED,
        audience=audiences.permission_holders("exchanges.screen_proposal"),
        target=proposal,
        target_url=reverse("exchanges_staff:proposal", args=[proposal.pk]),
        actor=actor,
        data={"city": proposal.city.name, "title": proposal.title},
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal, reason: str = "") -> Proposal:
    proposal = _locked(proposal)
    move = _check(actor, proposal, "withdraw")
    return _apply(proposal, actor=actor, move=move, fields=[], note=reason.strip())


@transaction.atomic
def proposal_screen(*, actor, proposal: Proposal) -> Proposal:
    proposal = _locked(proposal)
    move = _check(actor, proposal, "screen")
    return _apply(proposal, actor=actor, move=move, fields=[])


def reviewer_conflicts(reviewer, proposal: Proposal) -> list[str]:
    """Why `reviewer` may not review `proposal`, or [] when they may."""
    reasons = []
    if Representative.objects.filter(user=reviewer, city_id=proposal.city_id).exists():
        reasons.append(_("represents the proposing city"))
    partner_ids = list(proposal.partners.values_list("pk", flat=True))
    conflicts = Conflict.objects.filter(reviewer=reviewer).filter(
        Q(city_id=proposal.city_id) | Q(partner_id__in=partner_ids)
    )
    if conflicts.exists():
        reasons.append(_("declared a conflict of interest with this city or partner"))
    return reasons


@transaction.atomic
def reviewer_assign(*, actor, proposal: Proposal, reviewer, due_on: date | None = None) -> Review:
    """Assign a reviewer during screening, or a further one while in review (when the reviewers disagree)."""
    if not can_screen(actor):
        raise MoveNotAllowed(_("Only staff assign reviewers."))
    proposal = _locked(proposal)
    if proposal.status not in (Status.SCREENING, Status.IN_REVIEW):
        raise MoveNotAllowed(_("Reviewers are assigned during screening or review."))
    if not is_on_panel(reviewer):
        raise ValidationError({"reviewer": [_("This person is not on the vetting panel.")]})
    conflicts = reviewer_conflicts(reviewer, proposal)
    if conflicts:
        raise ValidationError(
            {
                "reviewer": [
                    _("%(handle)s cannot review this proposal: %(why)s.")
                    % {"handle": reviewer.handle, "why": "; ".join(conflicts)}
                ]
            }
        )
    if Review.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        raise ValidationError({"reviewer": [_("This reviewer is already assigned.")]})
    review = Review.objects.create(
        proposal=proposal,
        reviewer=reviewer,
        assigned_by=actor,
        due_on=due_on or timezone.localdate() + timedelta(days=REVIEW_DAYS),
    )
    audit_record(actor=actor, action="exchanges.review.assign", target=proposal, after={"reviewer": reviewer.handle})
    _timeline(proposal, actor=actor, move="assign", note=reviewer.handle)
    notify(
        kind=notices.ASSIGNED,
        recipients=[reviewer],
        target=proposal,
        target_url=reverse("exchanges_staff:review", args=[proposal.pk]),
        actor=actor,
        data={"title": proposal.title, "due": review.due_on.isoformat()},
    )
    return review


@transaction.atomic
def proposal_open_review(*, actor, proposal: Proposal, comment_days: int | None = None) -> Proposal:
    """Screening done: the reviewers start and the community comment window opens."""
    proposal = _locked(proposal)
    move = _check(actor, proposal, "open_review")
    errors = submission_errors(proposal)
    if errors:
        raise ValidationError(errors)
    if proposal.reviews.count() < MIN_REVIEWERS:
        raise ValidationError({"reviewer": [_("Assign at least two reviewers first.")]})
    days = comment_days or settings.EXCHANGES_COMMENT_DAYS
    proposal.comments_close_at = timezone.now() + timedelta(days=days)
    _reassess(proposal)
    _apply(proposal, actor=actor, move=move, fields=["comments_close_at"], data={"comment_days": days})
    notify(
        kind=notices.COMMENTS_OPEN,
        audience=audiences.followers(proposal.city),
        target=proposal,
        actor=actor,
        data={
            "city": proposal.city.name,
            "title": proposal.title,
            "until": timezone.localdate(proposal.comments_close_at).isoformat(),
        },
    )
    return proposal


# --- Reviews -------------------------------------------------------------------------------------------------


def _clean_checklist(checklist: dict) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = {}
    valid_ratings = set(Rating.values)
    for item in CHECKLIST:
        entry = checklist.get(item) or {}
        try:
            rating = int(entry.get("rating"))
        except (TypeError, ValueError):
            rating = None
        rationale = str(entry.get("rationale") or "").strip()
        if rating not in valid_ratings:
            errors[f"{item}_rating"] = [_("Rate this item from 1 to 5.")]
        if not rationale:
            errors[f"{item}_rationale"] = [_("Say why.")]
        elif len(rationale) > 3000:
            errors[f"{item}_rationale"] = [_("At most 3,000 characters.")]
        cleaned[item] = {"rating": rating, "rationale": rationale}
    return cleaned if not errors else _raise(errors)


def _raise(errors):
    raise ValidationError(errors)


@transaction.atomic
def review_submit(*, actor, proposal: Proposal, checklist: dict, recommendation: str) -> Review:
    """The reviewer's checklist and recommendation, final once submitted."""
    proposal = _locked(proposal)
    review = Review.objects.select_for_update().filter(proposal=proposal, reviewer=actor).first()
    if review is None or not is_panel_reviewer(actor):
        raise NotYourMove(_("Only a reviewer assigned to this proposal reviews it."))
    if proposal.status != Status.IN_REVIEW:
        raise MoveNotAllowed(_("Only a proposal in review can be reviewed."))
    if review.is_submitted:
        raise MoveNotAllowed(_("You have already submitted your review."))
    errors = {}
    if recommendation not in Recommendation.values:
        errors["recommendation"] = [_("Choose a recommendation.")]
    try:
        cleaned = _clean_checklist(checklist)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    review.checklist = cleaned
    review.recommendation = recommendation
    review.submitted_at = timezone.now()
    review.save(update_fields=["checklist", "recommendation", "submitted_at"])
    audit_record(
        actor=actor,
        action="exchanges.review.submit",
        target=proposal,
        after={"recommendation": recommendation},
    )
    _timeline(proposal, actor=actor, move="recommend")
    notify(
        kind=notices.RECOMMENDED,
        audience=audiences.permission_holders("exchanges.decide_proposal"),
        target=proposal,
        target_url=reverse("exchanges_staff:proposal", args=[proposal.pk]),
        actor=actor,
        data={"title": proposal.title},
    )
    return review


# --- Decision ------------------------------------------------------------------------------------------------


def decision_errors(proposal: Proposal, move: str, override_reason: str) -> dict[str, list[str]]:
    """The two-recommendation rule: at least two submitted recommendations, and two of them concurring with the
    decision, unless staff say why they side with one."""
    submitted = [review.recommendation for review in proposal.reviews.all() if review.is_submitted]
    if len(submitted) < MIN_REVIEWERS:
        return {"__all__": [_("A decision needs at least two submitted recommendations.")]}
    if submitted.count(move) < 2 and not override_reason.strip():
        return {
            "override_reason": [
                _(
                    "Fewer than two reviewers recommend this decision: assign a further reviewer, or say why you "
                    "side with one."
                )
            ]
        }
    return {}


@transaction.atomic
def proposal_decide(
    *,
    actor,
    proposal: Proposal,
    move: str,
    rationale: str,
    summary: str = "",
    letter_reasons: str = "",
    override_reason: str = "",
    sensitive_fields: list[str] | None = None,
    conditions: list[dict] | None = None,
) -> Proposal:
    """Approve, approve with conditions or reject. Conditions: [{"measure", "owner", "due_on"}]."""
    if move not in DECISIONS:
        raise ValueError(f"Not a decision: {move}")
    proposal = _locked(proposal)
    checked = _check(actor, proposal, move)
    errors = decision_errors(proposal, move, override_reason)
    rationale = rationale.strip()
    if not rationale:
        errors["rationale"] = [_("Record the rationale of the decision.")]
    sensitive = list(dict.fromkeys(sensitive_fields or []))
    if set(sensitive) - {key for key, _label in SENSITIVE_FIELD_CHOICES}:
        errors["sensitive_fields"] = [_("Choose among the fields offered.")]
    conditions = [row for row in (conditions or []) if any(str(value).strip() for value in row.values())]
    if move == "approve_with_conditions" and not conditions:
        errors["conditions"] = [_("An approval with conditions needs at least one condition.")]
    if move != "approve_with_conditions" and conditions:
        errors["conditions"] = [_("Only an approval with conditions carries conditions.")]
    for row in conditions:
        if not str(row.get("measure", "")).strip() or not str(row.get("owner", "")).strip() or not row.get("due_on"):
            errors["conditions"] = [_("Each condition needs a measure, an owner and a due date.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    proposal.decision_rationale = rationale
    proposal.decision_summary = summary.strip()
    proposal.letter_reasons = letter_reasons.strip()
    proposal.override_reason = override_reason.strip()
    proposal.sensitive_fields = sensitive
    proposal.decided_by = actor
    proposal.decided_at = now
    proposal.approval_expires_on = (
        timezone.localdate(now) + timedelta(days=APPROVAL_MONTHS_DAYS) if move != "reject" else None
    )
    Condition.objects.filter(proposal=proposal).delete()
    Condition.objects.bulk_create(
        Condition(proposal=proposal, measure=row["measure"].strip(), owner=row["owner"].strip(), due_on=row["due_on"])
        for row in conditions
    )
    _apply(
        proposal,
        actor=actor,
        move=checked,
        fields=[
            "decision_rationale",
            "decision_summary",
            "letter_reasons",
            "override_reason",
            "sensitive_fields",
            "decided_by",
            "decided_at",
            "approval_expires_on",
        ],
        note=proposal.decision_summary,
        data={"conditions": len(conditions), "override": bool(proposal.override_reason)},
    )
    notify(
        kind=notices.DECIDED,
        recipients=_representatives(proposal.city_id),
        target=proposal,
        actor=actor,
        data={"title": proposal.title, "decision": str(proposal.get_status_display())},
    )
    return proposal


@transaction.atomic
def condition_complete(*, actor, condition: Condition) -> Condition:
    condition = Condition.objects.select_for_update(of=("self",)).select_related("proposal__city").get(pk=condition.pk)
    if not (can_screen(actor) or is_proposer(actor, condition.proposal)):
        raise MoveNotAllowed(_("Only staff or the city mark a condition as met."))
    if condition.done_at is not None:
        raise MoveNotAllowed(_("This condition is already met."))
    condition.done_at = timezone.now()
    condition.save(update_fields=["done_at"])
    audit_record(
        actor=actor,
        action="exchanges.condition.complete",
        target=condition.proposal,
        data={"condition": condition.measure},
    )
    _timeline(condition.proposal, actor=actor, move="condition_met", note=condition.measure)
    return condition


@transaction.atomic
def proposal_complete(*, actor, proposal: Proposal, report: str) -> Proposal:
    """The post-exchange report is filed."""
    proposal = _locked(proposal)
    move = _check(actor, proposal, "complete")
    report = report.strip()
    if not report:
        raise ValidationError({"report": [_("Write the post-exchange report.")]})
    proposal.report = report
    proposal.report_filed_at = timezone.now()
    return _apply(proposal, actor=actor, move=move, fields=["report", "report_filed_at"])


def _reopen(*, actor, proposal: Proposal, reason: str) -> Proposal:
    proposal = _locked(proposal)
    move = _check(actor, proposal, "reopen")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the proposal is reopened.")]})
    proposal.reopen_reason = reason
    proposal.comments_close_at = None
    _reassess(proposal)
    # Re-vetting asks every reviewer again; their earlier recommendations stay in the audit log.
    proposal.reviews.update(submitted_at=None, recommendation="")
    _apply(proposal, actor=actor, move=move, fields=["reopen_reason", "comments_close_at"], note=reason)
    recipients = set(_representatives(proposal.city_id))
    notify(
        kind=notices.REOPENED,
        recipients=recipients,
        target=proposal,
        actor=None if actor is SYSTEM else actor,
        data={"title": proposal.title, "reason": reason},
    )
    notify(
        kind=notices.REOPENED,
        audience=audiences.permission_holders("exchanges.screen_proposal"),
        target=proposal,
        target_url=reverse("exchanges_staff:proposal", args=[proposal.pk]),
        actor=None if actor is SYSTEM else actor,
        data={"title": proposal.title, "reason": reason},
    )
    return proposal


@transaction.atomic
def proposal_reopen(*, actor, proposal: Proposal, reason: str) -> Proposal:
    if actor is SYSTEM:
        raise MoveNotAllowed(_("The system reopens a proposal only on a new verified finding."))
    return _reopen(actor=actor, proposal=proposal, reason=reason)


# --- Conflicts and comments ----------------------------------------------------------------------------------


@transaction.atomic
def conflict_declare(*, actor, reason: str, city: City | None = None, partner: PartnerAgency | None = None):
    if not can_declare_conflicts(actor):
        raise MoveNotAllowed(_("Only reviewers declare conflicts of interest."))
    if (city is None) == (partner is None):
        raise ValidationError({"__all__": [_("Choose a city or a partner agency.")]})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what the conflict is.")]})
    conflict = Conflict.objects.create(reviewer=actor, city=city, partner=partner, reason=reason[:300])
    audit_record(actor=actor, action="exchanges.conflict.declare", target=conflict, data={"with": str(conflict)})
    return conflict


@transaction.atomic
def comment_create(*, actor, proposal: Proposal, body: str, visibility: str = CommentVisibility.PUBLIC) -> Comment:
    proposal = Proposal.objects.select_related("city").get(pk=proposal.pk)
    if not can_comment(actor, proposal):
        raise MoveNotAllowed(_("Comments on this proposal are not open to you."))
    body = body.strip()
    errors = {}
    if not body:
        errors["body"] = [_("Write your comment.")]
    elif len(body) > 5000:
        errors["body"] = [_("At most 5,000 characters.")]
    if visibility not in CommentVisibility.values:
        errors["visibility"] = [_("Choose who can read it.")]
    if errors:
        raise ValidationError(errors)
    comment = Comment.objects.create(
        proposal=proposal, author=actor, body=body, body_html=render(body), visibility=visibility
    )
    _timeline(proposal, actor=actor, move="comment")
    return comment


@transaction.atomic
def comment_report(*, actor, comment: Comment, reason: str) -> Comment:
    if not is_participant(actor):
        raise MoveNotAllowed(_("Sign in to report a comment."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what is wrong with this comment.")]})
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    _report, created = CommentReport.objects.get_or_create(
        comment=comment, reporter=actor, defaults={"reason": reason[:300]}
    )
    if created:
        comment.reports += 1
        # Hidden after three independent reports, until staff review it, as in the forums.
        comment.hidden = comment.hidden or comment.reports >= 3
        comment.save(update_fields=["reports", "hidden"])
    return comment


@transaction.atomic
def comment_hide(*, actor, comment: Comment, hidden: bool = True, reason: str = "") -> Comment:
    if not can_moderate_comments(actor):
        raise MoveNotAllowed(_("Only moderators hide comments."))
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    before = comment.hidden
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])
    audit_record(
        actor=actor,
        action="exchanges.comment.hide" if hidden else "exchanges.comment.show",
        target=comment,
        before={"hidden": before},
        after={"hidden": hidden},
        data={"reason": reason},
    )
    return comment


# --- Reminders -----------------------------------------------------------------------------------------------


def reminders_send(*, today: date | None = None) -> int:
    """Overdue reviews, post-exchange reports due and conditions due: each reminded once a day at most."""
    today = today or timezone.localdate()
    sent = 0
    overdue = (
        Review.objects.filter(submitted_at__isnull=True, due_on__lt=today, proposal__status=Status.IN_REVIEW)
        .exclude(reminded_on=today)
        .select_related("proposal")
    )
    for review in overdue:
        with transaction.atomic():
            if Review.objects.filter(pk=review.pk, reminded_on=today).exists():
                continue
            Review.objects.filter(pk=review.pk).update(reminded_on=today)
            notify(
                kind=notices.REMINDER,
                recipients=[review.reviewer_id],
                target=review.proposal,
                target_url=reverse("exchanges_staff:review", args=[review.proposal_id]),
                data={"title": review.proposal.title, "what": _("your review is overdue.")},
            )
            sent += 1
    reports = Proposal.objects.filter(
        status__in=APPROVED_STATUSES, ends_on__lt=today, report_filed_at__isnull=True
    ).exclude(report_reminded_on=today)
    for proposal in reports:
        with transaction.atomic():
            Proposal.objects.filter(pk=proposal.pk).update(report_reminded_on=today)
            notify(
                kind=notices.REMINDER,
                recipients=_representatives(proposal.city_id),
                target=proposal,
                data={
                    "title": proposal.title,
                    "what": _("the post-exchange report is due by %(date)s.")
                    % {"date": proposal.report_due_on.isoformat()},
                },
            )
            sent += 1
    conditions = (
        Condition.objects.filter(done_at__isnull=True, due_on__lte=today, proposal__status__in=APPROVED_STATUSES)
        .exclude(reminded_on=today)
        .select_related("proposal")
    )
    for condition in conditions:
        with transaction.atomic():
            Condition.objects.filter(pk=condition.pk).update(reminded_on=today)
            notify(
                kind=notices.REMINDER,
                recipients=_representatives(condition.proposal.city_id),
                target=condition.proposal,
                data={
                    "title": condition.proposal.title,
                    "what": _("a condition is due: %(measure)s") % {"measure": condition.measure},
                },
            )
            sent += 1
    return sent
