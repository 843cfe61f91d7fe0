"""Every write of pledges, each in one transaction with its audit row and notifications. A workflow move locks the
pledge's row, checks the move against `PLEDGE_MOVES` and the actor against the move, then changes the status."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.models import City, Representative
from network.accounts.system import SYSTEM
from network.audit.services import audit_record
from network.markdown import render
from network.notifications import audiences
from network.notifications.services import notify
from network.workflow import Move, move_table
from practices import notices
from practices.errors import MoveNotAllowed, NotYourMove
from practices.models import (
    Adoption,
    AdoptionSource,
    AdoptionStatus,
    Collection,
    Pledge,
    PledgeItem,
    PledgeMilestone,
    PledgeReminder,
    PledgeReport,
    PledgeReportItem,
    PledgeStatus,
    Practice,
    PracticeStatus,
)
from practices.permissions import can_pledge, can_publish_pledges

# How long before its date a pledge's city is reminded that the date is near.
DUE_SOON_DAYS = 30
MAX_ITEMS = 40


class PledgeActor:
    CITY = "city"  # a representative of the pledging city
    STAFF = "staff"  # staff who curate the library
    SYSTEM = "system"  # the adoption record, when the last practice is adopted and verified


# The one table of allowed moves of a pledge. Services, views and the API all read it.
PLEDGE_MOVES: dict[str, Move] = move_table(
    Move(
        "submit",
        frozenset({PledgeStatus.DRAFT}),
        PledgeStatus.SUBMITTED,
        PledgeActor.CITY,
        gettext_lazy("Submit to staff"),
        gettext_lazy("Only a draft pledge can be submitted."),
    ),
    Move(
        "publish",
        frozenset({PledgeStatus.SUBMITTED}),
        PledgeStatus.PUBLISHED,
        PledgeActor.STAFF,
        gettext_lazy("Publish"),
        gettext_lazy("Only a submitted pledge can be published."),
    ),
    Move(
        "return",
        frozenset({PledgeStatus.SUBMITTED}),
        PledgeStatus.DRAFT,
        PledgeActor.STAFF,
        gettext_lazy("Send back to the city"),
        gettext_lazy("Only a submitted pledge can be sent back."),
        needs_reason=True,
    ),
    Move(
        "withdraw",
        frozenset({PledgeStatus.DRAFT, PledgeStatus.SUBMITTED, PledgeStatus.PUBLISHED}),
        PledgeStatus.WITHDRAWN,
        PledgeActor.CITY,
        gettext_lazy("Withdraw the pledge"),
        gettext_lazy("An honoured or withdrawn pledge cannot be withdrawn."),
        needs_reason=True,
    ),
    Move(
        "honour",
        frozenset({PledgeStatus.PUBLISHED}),
        PledgeStatus.HONOURED,
        PledgeActor.SYSTEM,
        gettext_lazy("Honoured"),
        gettext_lazy("Only a published pledge is honoured."),
    ),
)


def allowed_moves(user, pledge: Pledge) -> list[Move]:
    """The moves `user` may make on `pledge` now, as buttons."""
    return [
        move
        for move in PLEDGE_MOVES.values()
        if pledge.status in move.sources and move.actor != PledgeActor.SYSTEM and _actor_may(user, move, pledge)
    ]


def _actor_may(actor, move: Move, pledge: Pledge) -> bool:
    if actor is SYSTEM:
        return move.actor == PledgeActor.SYSTEM
    if move.actor == PledgeActor.CITY:
        return can_pledge(actor, pledge.city)
    if move.actor == PledgeActor.STAFF:
        return can_publish_pledges(actor)
    return False


def _locked(pledge: Pledge) -> Pledge:
    return Pledge.objects.select_for_update(of=("self",)).select_related("city").get(pk=pledge.pk)


def _representatives(city_id: int) -> list[int]:
    return list(Representative.objects.filter(city_id=city_id).values_list("user_id", flat=True))


def _check(actor, pledge: Pledge, name: str) -> Move:
    move = PLEDGE_MOVES[name]
    if not _actor_may(actor, move, pledge):
        raise NotYourMove(_("You may not make this move on this pledge."))
    if pledge.status not in move.sources:
        raise MoveNotAllowed(str(move.refusal))
    return move


def _apply(pledge: Pledge, *, actor, move: Move, fields: tuple = (), reason: str = "") -> Pledge:
    before = pledge.status
    pledge.status = move.target
    pledge.updated_at = timezone.now()
    pledge.save(update_fields=["status", "updated_at", *fields])
    audit_record(
        actor=actor,
        action=f"practices.pledge.{move.name}",
        target=pledge,
        before={"status": before},
        after={"status": move.target},
        data={"reason": reason} if reason else None,
    )
    return pledge


def _notice_data(pledge: Pledge, **extra) -> dict:
    return {"city": pledge.city.name, "target_date": pledge.target_date.isoformat(), **extra}


# --- Writing a pledge ------------------------------------------------------------------------------------------


def _practices_of(practices, collection: Collection | None) -> list[Practice]:
    """The pledge's practices: those named, then the collection's, each once, in that order."""
    chosen = list(practices or [])
    if collection is not None:
        chosen += list(
            Practice.objects.filter(collection_items__collection=collection).order_by(
                "collection_items__position", "id"
            )
        )
    unique, seen = [], set()
    for practice in chosen:
        if practice.pk not in seen:
            seen.add(practice.pk)
            unique.append(practice)
    return unique


def _validate(*, target_date, steps: str, practices: list[Practice]) -> None:
    errors = {}
    if not practices:
        errors["practices"] = _("Name at least one practice, or a collection.")
    elif len(practices) > MAX_ITEMS:
        errors["practices"] = _("A pledge names at most %(count)d practices.") % {"count": MAX_ITEMS}
    elif any(practice.status != PracticeStatus.PUBLISHED for practice in practices):
        errors["practices"] = _("A pledge names published practices of the library only.")
    if target_date is None or target_date <= timezone.localdate():
        errors["target_date"] = _("The date must be in the future.")
    if not steps.strip():
        errors["steps"] = _("Say what steps the city plans.")
    if errors:
        raise ValidationError(errors)


def _set_items(pledge: Pledge, practices: list[Practice]) -> None:
    pledge.items.all().delete()
    PledgeItem.objects.bulk_create(
        PledgeItem(pledge=pledge, practice=practice, position=position) for position, practice in enumerate(practices)
    )


@transaction.atomic
def pledge_create(
    *, actor, city: City, target_date: date, steps: str, practices=(), collection: Collection | None = None
) -> Pledge:
    """A city's representative drafts a pledge: practices of the library (or a whole collection) by a date."""
    city = City.objects.get(pk=city.pk)
    if not can_pledge(actor, city):
        raise NotYourMove(_("Only the city's representatives pledge for it."))
    chosen = _practices_of(practices, collection)
    _validate(target_date=target_date, steps=steps, practices=chosen)
    pledge = Pledge.objects.create(
        city=city,
        collection=collection,
        target_date=target_date,
        steps=steps.strip(),
        steps_html=render(steps.strip()),
        created_by=actor,
    )
    _set_items(pledge, chosen)
    audit_record(
        actor=actor,
        action="practices.pledge.create",
        target=pledge,
        after={"status": pledge.status, "practices": [practice.slug for practice in chosen]},
        data={"city": city.slug, "target_date": target_date.isoformat()},
    )
    return pledge


@transaction.atomic
def pledge_update(
    *, actor, pledge: Pledge, target_date: date, steps: str, practices=(), collection: Collection | None = None
) -> Pledge:
    """Rewrite a draft (one staff sent back, too)."""
    pledge = _locked(pledge)
    if not can_pledge(actor, pledge.city):
        raise NotYourMove(_("Only the city's representatives pledge for it."))
    if pledge.status != PledgeStatus.DRAFT:
        raise MoveNotAllowed(_("Only a draft pledge is edited."))
    chosen = _practices_of(practices, collection)
    _validate(target_date=target_date, steps=steps, practices=chosen)
    before = {
        "target_date": pledge.target_date.isoformat(),
        "practices": list(pledge.items.values_list("practice__slug", flat=True)),
    }
    pledge.target_date = target_date
    pledge.steps = steps.strip()
    pledge.steps_html = render(pledge.steps)
    pledge.collection = collection
    pledge.updated_at = timezone.now()
    pledge.save(update_fields=["target_date", "steps", "steps_html", "collection", "updated_at"])
    _set_items(pledge, chosen)
    audit_record(
        actor=actor,
        action="practices.pledge.edit",
        target=pledge,
        before=before,
        after={"target_date": target_date.isoformat(), "practices": [practice.slug for practice in chosen]},
    )
    return pledge


# --- Moves -----------------------------------------------------------------------------------------------------


@transaction.atomic
def pledge_submit(*, actor, pledge: Pledge) -> Pledge:
    pledge = _locked(pledge)
    move = _check(actor, pledge, "submit")
    if pledge.target_date <= timezone.localdate():
        raise ValidationError({"target_date": _("The date must be in the future.")})
    pledge.submitted_at = timezone.now()
    pledge.reason = ""
    _apply(pledge, actor=actor, move=move, fields=("submitted_at", "reason"))
    notify(
        kind=notices.PLEDGE_SUBMITTED,
        audience=audiences.permission_holders("practices.curate_practice"),
        target=pledge,
        actor=actor,
        data=_notice_data(pledge),
    )
    return pledge


@transaction.atomic
def pledge_publish(*, actor, pledge: Pledge) -> Pledge:
    """Staff publish a submitted pledge. A practice the city has already adopted, with staff's verification, is
    closed at once; if that is all of them, the pledge is honoured."""
    pledge = _locked(pledge)
    move = _check(actor, pledge, "publish")
    pledge.published_at = timezone.now()
    pledge.reason = ""
    _apply(pledge, actor=actor, move=move, fields=("published_at", "reason"))
    data = _notice_data(pledge)
    notify(
        kind=notices.PLEDGE_DECIDED,
        recipients=_representatives(pledge.city_id),
        target=pledge,
        actor=actor,
        data={**data, "decision": "publish"},
    )
    notify(
        kind=notices.PLEDGE_NEWS,
        audience=audiences.followers(pledge.city),
        target=pledge,
        actor=actor,
        data={**data, "news": "published"},
    )
    for item in pledge.items.select_related("practice"):
        practice = item.practice
        notify(
            kind=notices.PLEDGE_NEWS,
            audience=audiences.followers(practice),
            target=pledge,
            actor=actor,
            data={**data, "news": "published", "practice": practice.title},
        )
    met = Adoption.objects.filter(
        city_id=pledge.city_id, status=AdoptionStatus.ADOPTED, source=AdoptionSource.VERIFIED
    ).values_list("practice_id", flat=True)
    _close_items(pledge, list(met))
    return pledge


@transaction.atomic
def pledge_return(*, actor, pledge: Pledge, reason: str) -> Pledge:
    """Staff send a submitted pledge back to the city as a draft, saying what must change."""
    pledge = _locked(pledge)
    move = _check(actor, pledge, "return")
    if not reason.strip():
        raise ValidationError({"reason": _("Say what needs to change.")})
    pledge.reason = reason.strip()
    _apply(pledge, actor=actor, move=move, fields=("reason",), reason=pledge.reason)
    notify(
        kind=notices.PLEDGE_DECIDED,
        recipients=_representatives(pledge.city_id),
        target=pledge,
        actor=actor,
        data={**_notice_data(pledge), "decision": "return", "reason": pledge.reason},
    )
    return pledge


@transaction.atomic
def pledge_withdraw(*, actor, pledge: Pledge, reason: str) -> Pledge:
    """The city withdraws its pledge; a published one stays public, marked withdrawn, with the city's reason."""
    pledge = _locked(pledge)
    move = _check(actor, pledge, "withdraw")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the city withdraws its pledge.")})
    was_public = pledge.status == PledgeStatus.PUBLISHED
    pledge.reason = reason.strip()
    _apply(pledge, actor=actor, move=move, fields=("reason",), reason=pledge.reason)
    if was_public:
        notify(
            kind=notices.PLEDGE_NEWS,
            audience=audiences.followers(pledge.city),
            target=pledge,
            actor=actor,
            data={**_notice_data(pledge), "news": "withdrawn"},
        )
    return pledge


# --- Closing items from the adoption record --------------------------------------------------------------------


def _close_items(pledge: Pledge, practice_ids: list[int]) -> None:
    """Close the open items of a published pledge whose practices are in `practice_ids`; honour it when none is
    left open. The pledge's row is locked by the caller."""
    if pledge.status != PledgeStatus.PUBLISHED or not practice_ids:
        return
    now = timezone.now()
    closed = pledge.items.filter(practice_id__in=practice_ids, closed_at__isnull=True).update(closed_at=now)
    if not closed or pledge.items.filter(closed_at__isnull=True).exists():
        return
    pledge.honoured_at = now
    _apply(pledge, actor=SYSTEM, move=_check(SYSTEM, pledge, "honour"), fields=("honoured_at",))
    notify(
        kind=notices.PLEDGE_NEWS,
        audience=audiences.followers(pledge.city),
        target=pledge,
        data={**_notice_data(pledge), "news": "honoured"},
    )
    notify(
        kind=notices.PLEDGE_DECIDED,
        recipients=_representatives(pledge.city_id),
        target=pledge,
        data={**_notice_data(pledge), "decision": "honour"},
    )


def pledges_note_adoption(adoption: Adoption) -> None:
    """Called by the adoption record's services inside their transaction: an adoption recorded as adopted AND
    verified by staff closes that practice in the city's published pledges. A self-reported or imported record
    does not, nor does any status short of adopted."""
    if adoption.status != AdoptionStatus.ADOPTED or adoption.source != AdoptionSource.VERIFIED:
        return
    pledge_ids = PledgeItem.objects.filter(
        pledge__city_id=adoption.city_id,
        pledge__status=PledgeStatus.PUBLISHED,
        practice_id=adoption.practice_id,
        closed_at__isnull=True,
    ).values_list("pledge_id", flat=True)
    for pledge in Pledge.objects.select_for_update(of=("self",)).select_related("city").filter(pk__in=pledge_ids):
        _close_items(pledge, [adoption.practice_id])


# --- Progress reports ------------------------------------------------------------------------------------------


@transaction.atomic
def pledge_report_create(
    *, actor, pledge: Pledge, reported_on: date, text: str, statuses: dict[int, str]
) -> PledgeReport:
    """The city reports its progress on a published pledge: the milestone's date, what was done, and where each
    practice stands (`statuses`: pledge item id → adoption status)."""
    pledge = _locked(pledge)
    if not can_pledge(actor, pledge.city):
        raise NotYourMove(_("Only the city's representatives report on its pledge."))
    if pledge.status not in (PledgeStatus.PUBLISHED, PledgeStatus.HONOURED):
        raise MoveNotAllowed(_("Progress is reported on a published pledge."))
    items = list(pledge.items.all())
    errors = {}
    if reported_on is None or reported_on > timezone.localdate():
        errors["reported_on"] = _("The milestone's date cannot be in the future.")
    elif pledge.published_at and reported_on < timezone.localdate(pledge.published_at):
        errors["reported_on"] = _("The milestone's date cannot be before the pledge was published.")
    if not text.strip():
        errors["text"] = _("Say what the city has done.")
    unknown = set(statuses) - {item.pk for item in items}
    missing = {item.pk for item in items} - set(statuses)
    if unknown or missing or any(value not in AdoptionStatus.values for value in statuses.values()):
        errors["statuses"] = _("Give the status of each practice of the pledge.")
    if errors:
        raise ValidationError(errors)
    report = PledgeReport.objects.create(
        pledge=pledge,
        reported_on=reported_on,
        text=text.strip(),
        text_html=render(text.strip()),
        author=actor,
        author_handle=getattr(actor, "handle", "") or "",
    )
    PledgeReportItem.objects.bulk_create(
        PledgeReportItem(report=report, item=item, status=statuses[item.pk]) for item in items
    )
    audit_record(
        actor=actor,
        action="practices.pledge.report",
        target=pledge,
        after={"reported_on": reported_on.isoformat(), "statuses": {str(k): v for k, v in statuses.items()}},
    )
    notify(
        kind=notices.PLEDGE_NEWS,
        audience=audiences.followers(pledge.city),
        target=pledge,
        actor=actor,
        data={**_notice_data(pledge), "news": "reported", "reported_on": reported_on.isoformat()},
    )
    return report


# --- Reminders -------------------------------------------------------------------------------------------------


def pledge_reminders_send(*, today: date | None = None) -> int:
    """Remind the representatives of each city with an open published pledge, at two milestones: thirty days
    before its date, and once the date has passed without the pledge being honoured. Each milestone of each pledge
    (for its date) is sent once: the reminder's row is unique, written in the same transaction as the notice."""
    today = today or timezone.localdate()
    sent = 0
    milestones = (
        (PledgeMilestone.OVERDUE, {"target_date__lt": today}),
        (PledgeMilestone.DUE_SOON, {"target_date__gte": today, "target_date__lte": today + timedelta(DUE_SOON_DAYS)}),
    )
    for milestone, window in milestones:
        due = (
            Pledge.objects.filter(status=PledgeStatus.PUBLISHED, **window)
            .exclude(reminders__milestone=milestone)
            .values_list("pk", flat=True)
        )
        for pledge_id in list(due):
            with transaction.atomic():
                pledge = Pledge.objects.select_for_update(of=("self",)).select_related("city").get(pk=pledge_id)
                if pledge.status != PledgeStatus.PUBLISHED:
                    continue
                _reminder, created = PledgeReminder.objects.get_or_create(
                    pledge=pledge, milestone=milestone, target_date=pledge.target_date
                )
                if not created:
                    continue
                notify(
                    kind=notices.PLEDGE_REMINDER,
                    recipients=_representatives(pledge.city_id),
                    target=pledge,
                    data={**_notice_data(pledge), "milestone": milestone},
                )
                sent += 1
    return sent
