"""Every write of the funding registry: staff keep the opportunities, people follow them, and a daily task reminds
the followers of a deadline 14 and 3 days before it, once each."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exchanges import notices
from exchanges.errors import MoveNotAllowed, NotYourMove
from exchanges.models import FUNDING_REMINDER_DAYS, FundingOpportunity, FundingStatus
from exchanges.permissions import can_follow_funding, can_keep_funding
from network.audit.services import audit_record
from network.notifications import audiences
from network.notifications.services import follow_create, follow_delete, notify

FUNDING_FIELDS = (
    "funder_name",
    "funder_kind",
    "title",
    "currency",
    "amount_min",
    "amount_max",
    "deadline",
    "eligibility",
    "url",
    "status",
)
# Staff set these two by editing; archiving is its own move, and an archived opportunity is no longer edited.
EDITABLE_STATUSES = (FundingStatus.OPEN, FundingStatus.CLOSED)


def _snapshot(opportunity: FundingOpportunity) -> dict:
    values = {field: getattr(opportunity, field) for field in FUNDING_FIELDS}
    return {field: str(value) if isinstance(value, Decimal | date) else value for field, value in values.items()}


def _clean(opportunity: FundingOpportunity) -> None:
    opportunity.currency = (opportunity.currency or "").upper()
    errors = {}
    if opportunity.currency and (len(opportunity.currency) != 3 or not opportunity.currency.isalpha()):
        errors["currency"] = [_("Give the currency's three-letter code, e.g. EUR.")]
    if opportunity.status not in EDITABLE_STATUSES:
        errors["status"] = [_("An opportunity is open or closed; archive it with its own action.")]
    for field in ("amount_min", "amount_max"):
        value = getattr(opportunity, field)
        if value is not None and value < 0:
            errors[field] = [_("An amount cannot be negative.")]
    if (
        opportunity.amount_min is not None
        and opportunity.amount_max is not None
        and opportunity.amount_max < opportunity.amount_min
    ):
        errors["amount_max"] = [_("The largest grant cannot be smaller than the smallest.")]
    try:
        opportunity.full_clean(exclude=["created_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(message for message in messages if message not in errors.get(field, []))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def funding_create(*, actor, **fields) -> FundingOpportunity:
    if not can_keep_funding(actor):
        raise NotYourMove(_("Only staff keep the funding registry."))
    unknown = set(fields) - set(FUNDING_FIELDS)
    if unknown:
        raise ValueError(f"Unknown funding fields: {sorted(unknown)}")
    opportunity = FundingOpportunity(created_by=actor, **fields)
    _clean(opportunity)
    opportunity.save()
    audit_record(actor=actor, action="exchanges.funding.create", target=opportunity, after=_snapshot(opportunity))
    return opportunity


@transaction.atomic
def funding_update(*, actor, opportunity: FundingOpportunity, **fields) -> FundingOpportunity:
    """Change an opportunity. A new deadline clears the reminders sent for the old one: followers hear again."""
    if not can_keep_funding(actor):
        raise NotYourMove(_("Only staff keep the funding registry."))
    unknown = set(fields) - set(FUNDING_FIELDS)
    if unknown:
        raise ValueError(f"Unknown funding fields: {sorted(unknown)}")
    opportunity = FundingOpportunity.objects.select_for_update(of=("self",)).get(pk=opportunity.pk)
    if opportunity.status == FundingStatus.ARCHIVED:
        raise MoveNotAllowed(_("An archived opportunity is kept as it was."))
    before = _snapshot(opportunity)
    old_deadline = opportunity.deadline
    for field, value in fields.items():
        setattr(opportunity, field, value)
    _clean(opportunity)
    changed = [field for field in fields if before.get(field) != _snapshot(opportunity).get(field)]
    if opportunity.deadline != old_deadline:
        opportunity.reminded_14_at = None
        opportunity.reminded_3_at = None
        changed += ["reminded_14_at", "reminded_3_at"]
    opportunity.updated_at = timezone.now()
    opportunity.save(update_fields=[*changed, "updated_at"])
    after = _snapshot(opportunity)
    audit_record(
        actor=actor,
        action="exchanges.funding.update",
        target=opportunity,
        before={field: before[field] for field in after if before[field] != after[field]},
        after={field: after[field] for field in after if before[field] != after[field]},
    )
    return opportunity


@transaction.atomic
def funding_archive(*, actor, opportunity: FundingOpportunity) -> FundingOpportunity:
    """Take an opportunity off the registry's list; its page and the proposals it funded stay on record."""
    if not can_keep_funding(actor):
        raise NotYourMove(_("Only staff keep the funding registry."))
    opportunity = FundingOpportunity.objects.select_for_update(of=("self",)).get(pk=opportunity.pk)
    if opportunity.status == FundingStatus.ARCHIVED:
        raise MoveNotAllowed(_("This opportunity is already archived."))
    before = opportunity.status
    opportunity.status = FundingStatus.ARCHIVED
    opportunity.updated_at = timezone.now()
    opportunity.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="exchanges.funding.archive",
        target=opportunity,
        before={"status": before},
        after={"status": FundingStatus.ARCHIVED},
    )
    return opportunity


def funding_follow(*, user, opportunity: FundingOpportunity, follow: bool = True) -> None:
    if not can_follow_funding(user):
        raise NotYourMove(_("Sign in to follow an opportunity."))
    if follow:
        follow_create(user=user, target=opportunity)
    else:
        follow_delete(user=user, target=opportunity)


# --- Deadline reminders --------------------------------------------------------------------------------------


def _reminder_due(opportunity: FundingOpportunity, today: date) -> str | None:
    """Which reminder (the stamp's field) is due today, if any: the 3-day one within three days of the deadline,
    else the 14-day one within fourteen. A task that missed a day still sends the one that is due, once."""
    days_left = (opportunity.deadline - today).days
    if days_left < 0:
        return None
    if days_left <= 3:
        return "reminded_3_at" if opportunity.reminded_3_at is None else None
    if days_left <= 14:
        return "reminded_14_at" if opportunity.reminded_14_at is None else None
    return None


def funding_reminders_send(*, today: date | None = None) -> int:
    """Tell the followers of each open opportunity that its deadline nears, 14 and 3 days before it, once each.
    The stamp is set by a conditional update in the same transaction as the notification, so two runs, even
    concurrent ones, send each reminder once."""
    today = today or timezone.localdate()
    sent = 0
    candidates = FundingOpportunity.objects.filter(
        status=FundingStatus.OPEN, deadline__gte=today, deadline__lte=today + timedelta(days=max(FUNDING_REMINDER_DAYS))
    ).order_by("deadline", "id")
    for opportunity in candidates:
        stamp = _reminder_due(opportunity, today)
        if stamp is None:
            continue
        with transaction.atomic():
            claimed = FundingOpportunity.objects.filter(
                pk=opportunity.pk, status=FundingStatus.OPEN, deadline=opportunity.deadline, **{stamp: None}
            )
            stamps = {stamp: timezone.now()}
            if stamp == "reminded_3_at":
                # Past the 14-day point: that reminder is no longer news.
                stamps["reminded_14_at"] = opportunity.reminded_14_at or timezone.now()
            if not claimed.update(**stamps):
                continue
            days_left = (opportunity.deadline - today).days
            notify(
                kind=notices.FUNDING_DEADLINE,
                audience=audiences.followers(opportunity),
                target=opportunity,
                data={
                    "funder": opportunity.funder_name,
                    "title": opportunity.title,
                    "deadline": opportunity.deadline.isoformat(),
                    "days": days_left,
                },
            )
            sent += 1
    return sent
