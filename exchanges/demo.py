"""The demo network's share of exchange vetting: a partner registry with findings summarised from public reports,
and proposals walked through the workflow to every state, as read from `data/demo.yaml`. Everything goes through
the services; running it again adds nothing."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from cities.models import City, PoliceAgency, Representative
from exchanges import services
from exchanges.funding import services as funding_services
from exchanges.models import CHECKLIST, FundingOpportunity, PartnerAgency, Proposal
from network.accounts.models import AffiliationKind, User
from network.accounts.permissions import user_roles
from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import role_grant
from network.accounts.system import SYSTEM

DATA = Path(__file__).parent / "data" / "demo.yaml"
# The second member of staff who verifies findings, and the second reviewer of each proposal.
HELPERS = [
    ("vetting.staff@demo.example", "vetting_staff", Role.STAFF),
    ("panel.second@demo.example", "panel_second", Role.REVIEWER),
]


def _helper(email: str, handle: str, role: Role, password_hash: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create(
            email=email, password=password_hash, handle=handle, affiliation_kind=AffiliationKind.OTHER
        )
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    if role not in user_roles(user):
        user = role_grant(actor=SYSTEM, user=user, role=role, reason="Demo network")
    # The operator seeds at the server's console: the demo's people act in person here.
    return acting_at_the_console(user)


def _checklist(recommendation: str) -> dict:
    rating = {"approve": 4, "approve_with_conditions": 3, "reject": 1}[recommendation]
    return {item: {"rating": rating, "rationale": "Weighed against the partner's record."} for item in CHECKLIST}


def _partners(data: list[dict], *, staff: User, verifier: User) -> tuple[dict[str, PartnerAgency], int, int]:
    by_name: dict[str, PartnerAgency] = {}
    added = findings_added = 0
    for entry in data:
        partner = PartnerAgency.objects.filter(name=entry["name"], country_code=entry["country"]).first()
        if partner is None:
            member_agency = None
            if entry.get("member_agency"):
                city_slug, agency_name = entry["member_agency"]
                member_agency = PoliceAgency.objects.filter(city__slug=city_slug, name=agency_name).first()
            partner = services.partner_create(
                actor=staff,
                name=entry["name"],
                aliases=entry.get("aliases", ""),
                country_code=entry["country"],
                city_name=entry.get("city", ""),
                level=entry["level"],
                parent=by_name.get(entry.get("parent", "")),
                member_agency=member_agency,
            )
            added += 1
        by_name[partner.name] = partner
        for fields in entry.get("findings", []):
            if partner.findings.filter(title=fields["title"]).exists():
                continue
            finding = services.finding_create(
                actor=staff, partner=partner, **{**fields, "categories": list(fields["categories"])}
            )
            services.finding_verify(actor=verifier, finding=finding)
            findings_added += 1
    return by_name, added, findings_added


def _walk(entry: dict, proposal: Proposal, *, lead, staff, reviewers, accounts) -> Proposal:
    state = entry["state"]
    if state == "draft":
        return proposal
    if state == "withdrawn":
        proposal = services.proposal_submit(actor=lead, proposal=proposal)
        return services.proposal_withdraw(actor=lead, proposal=proposal, reason="The partner cancelled the programme.")
    proposal = services.proposal_submit(actor=lead, proposal=proposal)
    if state == "submitted":
        return proposal
    proposal = services.proposal_screen(actor=staff, proposal=proposal)
    if state == "screening":
        return proposal
    for reviewer in reviewers:
        services.reviewer_assign(actor=staff, proposal=proposal, reviewer=reviewer)
    proposal = services.proposal_open_review(actor=staff, proposal=proposal)
    for comment in entry.get("comments", []):
        services.comment_create(actor=accounts[comment["author"]], proposal=proposal, body=comment["body"])
    if state == "in_review":
        return proposal
    recommendations = entry["recommendations"]
    for reviewer, recommendation in zip(reviewers, recommendations, strict=True):
        services.review_submit(
            actor=reviewer, proposal=proposal, checklist=_checklist(recommendation), recommendation=recommendation
        )
    move = {"rejected": "reject", "approved_with_conditions": "approve_with_conditions"}.get(state, "approve")
    today = timezone.localdate()
    proposal = services.proposal_decide(
        actor=staff,
        proposal=proposal,
        move=move,
        rationale=entry["summary"],
        summary=entry["summary"],
        letter_reasons=entry.get("letter_reasons", ""),
        conditions=[
            {"measure": row["measure"], "owner": row["owner"], "due_on": today + timedelta(days=row["due_in_days"])}
            for row in entry.get("conditions", [])
        ],
    )
    if state == "completed":
        return services.proposal_complete(actor=lead, proposal=proposal, report=entry["report"])
    if state == "reopened":
        return services.proposal_reopen(actor=staff, proposal=proposal, reason=entry["reopen_reason"])
    return proposal


def _funding(data: list[dict], *, staff: User) -> tuple[dict[str, FundingOpportunity], int]:
    """The demo's funding opportunities by programme title, each added once (by funder and programme)."""
    by_title: dict[str, FundingOpportunity] = {}
    added = 0
    today = timezone.localdate()
    for entry in data:
        opportunity = FundingOpportunity.objects.filter(funder_name=entry["funder_name"], title=entry["title"]).first()
        if opportunity is None:
            opportunity = funding_services.funding_create(
                actor=staff,
                funder_name=entry["funder_name"],
                funder_kind=entry["funder_kind"],
                title=entry["title"],
                currency=entry["currency"],
                amount_min=_amount(entry.get("amount_min")),
                amount_max=_amount(entry.get("amount_max")),
                deadline=today + timedelta(days=entry["deadline_in_days"]),
                eligibility=entry["eligibility"],
                url=entry["url"],
            )
            added += 1
        by_title[opportunity.title] = opportunity
    return by_title, added


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def seed_demo_exchanges(context) -> list[str]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    staff = context.account("staff@demo.example")
    password_hash = make_password(context.password)
    verifier, second_reviewer = (_helper(email, handle, role, password_hash) for email, handle, role in HELPERS)
    reviewers = [context.account("reviewer@demo.example"), second_reviewer]
    partners, partners_added, findings_added = _partners(data["partners"], staff=staff, verifier=verifier)
    leads = {
        rep.city.slug: rep.user
        for rep in Representative.objects.filter(is_lead=True).select_related("city", "user").order_by("since")
    }
    opportunities, funding_added = _funding(data.get("funding", []), staff=staff)
    proposals_added = 0
    today = timezone.localdate()
    for entry in data["proposals"]:
        city = City.objects.filter(slug=entry["city"]).first()
        lead = leads.get(entry["city"])
        if city is None or lead is None or Proposal.objects.filter(city=city, title=entry["title"]).exists():
            continue
        starts_on = today + timedelta(days=entry["days_from_now"])
        proposal = services.proposal_create(
            actor=lead,
            city=city,
            partners=[partners[name] for name in entry["partners"]],
            title=entry["title"],
            direction=entry["direction"],
            exchange_type=entry["exchange_type"],
            topics=list(entry["topics"]),
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=entry["length"] - 1),
            officers=entry["officers"],
            cost=entry["cost"],
            payer=entry["payer"],
            objectives=entry["objectives"],
            funding=opportunities.get(entry.get("funding", "")),
            funding_amount=_amount(entry.get("funding_amount")),
        )
        _walk(entry, proposal, lead=lead, staff=staff, reviewers=reviewers, accounts=context.accounts)
        proposals_added += 1
    return [
        f"Exchanges: {partners_added} partner agencies and {findings_added} verified findings added; "
        f"{proposals_added} proposals added in every state of the workflow.",
        f"Funding: {funding_added} demo funding opportunities added.",
    ]
