"""Every write of the practice library, each in one transaction with its audit row, revision and notifications."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cities.geography import region_of
from cities.models import City
from network.audit.services import audit_record
from network.markdown import render
from network.notifications import audiences
from network.notifications.services import follow_create, follow_delete, notify
from practices import notices, pledge_services
from practices.errors import MoveNotAllowed
from practices.models import (
    EMMIE_FIELDS,
    REVIEW_INTERVAL_DAYS,
    TRANSLATION_LANGUAGES,
    Adoption,
    AdoptionRevision,
    AdoptionSource,
    AdoptionStatus,
    Collection,
    CollectionTranslation,
    Practice,
    PracticeStatus,
    PracticeTranslation,
    Rating,
    RatingProposal,
    RatingProposalStatus,
    Revision,
    Source,
    Suggestion,
    SuggestionStatus,
    search_vector_expression,
)
from practices.permissions import (
    can_approve,
    can_curate,
    can_decide_suggestions,
    can_follow_practice,
    can_record_adoption,
    can_suggest,
    can_verify_adoption,
)

# The one table of allowed moves: move → (statuses it may start from, status it leads to).
PRACTICE_MOVES = {
    "submit": ({PracticeStatus.DRAFT}, PracticeStatus.IN_REVIEW),
    "return": ({PracticeStatus.IN_REVIEW}, PracticeStatus.DRAFT),
    "publish": ({PracticeStatus.IN_REVIEW}, PracticeStatus.PUBLISHED),
    "archive": ({PracticeStatus.PUBLISHED}, PracticeStatus.ARCHIVED),
    "reopen": ({PracticeStatus.ARCHIVED}, PracticeStatus.DRAFT),
}

# The fields a practice's editors write; the rating fields among them change a published record only through a
# second person's approval.
CONTENT_FIELDS = (
    "title",
    "kind",
    "themes",
    "problem",
    "population",
    "origin_place",
    "origin_country",
    "origin_year",
    "summary",
    "body",
    "emmie_effect",
    "emmie_mechanism",
    "emmie_moderators",
    "emmie_implementation",
    "emmie_economic_cost",
    "transfer_police_levels",
    "transfer_mayoral_control",
    "transfer_legal_system",
)
RATING_FIELDS = ("rating", "study_count", "study_design", "single_study")
# The adoption statuses that followers of a practice hear about.
ADOPTION_NEWS = {AdoptionStatus.PILOTING, AdoptionStatus.ADOPTED}


def _handle(actor) -> str:
    return getattr(actor, "handle", "") if actor is not None else ""


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return list(value)
    return value


def _snapshot(practice: Practice, fields) -> dict:
    return {field: _jsonable(getattr(practice, field)) for field in fields}


def _revision(*, practice: Practice, actor, action: str, before: dict, after: dict, note: str = "") -> Revision:
    changed = [field for field in after if before.get(field) != after.get(field)]
    return Revision.objects.create(
        practice=practice,
        actor_handle=_handle(actor),
        action=action,
        fields=changed,
        note=note,
        before={field: before.get(field) for field in changed},
        after={field: after.get(field) for field in changed},
    )


def _locked(practice: Practice) -> Practice:
    return Practice.objects.select_for_update(of=("self",)).get(pk=practice.pk)


def _check_move(practice: Practice, move: str) -> PracticeStatus:
    sources, target = PRACTICE_MOVES[move]
    if practice.status not in sources:
        raise MoveNotAllowed(
            _("This move is not possible while the record is “%(status)s”.") % {"status": practice.get_status_display()}
        )
    return target


def _require_curator(actor) -> None:
    if not can_curate(actor):
        raise MoveNotAllowed(_("Only network staff edit the library."))


def unique_slug(title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:200] or "practice"
    slug, number = base, 2
    taken = Practice.objects.exclude(pk=exclude) if exclude else Practice.objects.all()
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _apply_fields(practice: Practice, fields: dict) -> None:
    for name, value in fields.items():
        setattr(practice, name, value)
    if "origin_country" in fields:
        practice.origin_country = (practice.origin_country or "").upper()
        practice.origin_region = region_of(practice.origin_country) if practice.origin_country else ""
    if "body" in fields:
        practice.body_html = render(practice.body)


def _refresh_search(practice: Practice) -> None:
    Practice.objects.filter(pk=practice.pk).update(search_vector=search_vector_expression())


def _set_sources(practice: Practice, sources: list[dict]) -> None:
    practice.sources.all().delete()
    Source.objects.bulk_create(
        Source(
            practice=practice,
            title=source["title"],
            publisher=source.get("publisher", ""),
            year=source.get("year"),
            url=source.get("url", ""),
            position=position,
        )
        for position, source in enumerate(sources)
    )


def _sources_snapshot(practice: Practice) -> list[dict]:
    return [{"title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url} for s in practice.sources.all()]


def _related_snapshot(practice: Practice) -> list[str]:
    return sorted(practice.related.values_list("slug", flat=True))


@transaction.atomic
def practice_create(*, actor, sources: list[dict] | None = None, related=None, **fields) -> Practice:
    _require_curator(actor)
    unknown = set(fields) - set(CONTENT_FIELDS) - set(RATING_FIELDS) - {"slug"}
    if unknown:
        raise TypeError(f"Unknown practice fields: {sorted(unknown)}")
    practice = Practice(created_by=actor, status=PracticeStatus.DRAFT)
    _apply_fields(practice, fields)
    practice.slug = fields.get("slug") or unique_slug(practice.title)
    if any(field in fields for field in RATING_FIELDS):
        practice.rating_set_by = actor
    practice.full_clean(exclude=["search_vector", "related"])
    practice.save()
    _refresh_search(practice)
    if sources:
        _set_sources(practice, sources)
    if related:
        practice.related.set(related)
    after = _snapshot(practice, CONTENT_FIELDS + RATING_FIELDS)
    after["sources"] = sources or []
    _revision(practice=practice, actor=actor, action="create", before={}, after=after)
    audit_record(actor=actor, action="practices.practice.create", target=practice, after={"status": practice.status})
    return practice


@transaction.atomic
def practice_update(
    *, actor, practice: Practice, sources: list[dict] | None = None, related=None, note: str = "", **fields
) -> Practice:
    """Change a record's content. A draft's or in-review record's rating may change here too; a published
    record's rating changes only through `rating_propose` and a second person's approval."""
    _require_curator(actor)
    practice = _locked(practice)
    unknown = set(fields) - set(CONTENT_FIELDS) - set(RATING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown practice fields: {sorted(unknown)}")
    if practice.status == PracticeStatus.ARCHIVED:
        raise MoveNotAllowed(_("An archived record is not edited; reopen it as a draft first."))
    rating_change = {
        name: value for name, value in fields.items() if name in RATING_FIELDS and getattr(practice, name) != value
    }
    if rating_change and practice.status == PracticeStatus.PUBLISHED:
        raise MoveNotAllowed(
            _("The rating of a published record changes through a proposal that a colleague approves.")
        )
    before = _snapshot(practice, CONTENT_FIELDS + RATING_FIELDS)
    before["sources"] = _sources_snapshot(practice)
    before["related"] = _related_snapshot(practice)
    _apply_fields(practice, fields)
    if rating_change:
        practice.rating_set_by = actor
    practice.updated_at = timezone.now()
    practice.full_clean(exclude=["search_vector", "related", "slug"])
    practice.save()
    _refresh_search(practice)
    if sources is not None:
        _set_sources(practice, sources)
    if related is not None:
        practice.related.set([item for item in related if item.pk != practice.pk])
    after = _snapshot(practice, CONTENT_FIELDS + RATING_FIELDS)
    after["sources"] = _sources_snapshot(practice) if sources is not None else before["sources"]
    after["related"] = _related_snapshot(practice) if related is not None else before["related"]
    revision = _revision(practice=practice, actor=actor, action="edit", before=before, after=after, note=note)
    audit_record(
        actor=actor,
        action="practices.practice.edit",
        target=practice,
        before=revision.before,
        after=revision.after,
    )
    return practice


def _move(*, actor, practice: Practice, move: str, note: str = "") -> Practice:
    practice = _locked(practice)
    target = _check_move(practice, move)
    before = practice.status
    practice.status = target
    practice.updated_at = timezone.now()
    update = ["status", "updated_at"]
    if move == "submit":
        practice.submitted_by = actor
        update.append("submitted_by")
    if move == "publish":
        today = timezone.localdate()
        practice.published_at = practice.published_at or timezone.now()
        practice.rated_on = today
        practice.last_reviewed_on = today
        practice.review_due_on = today + timedelta(days=REVIEW_INTERVAL_DAYS)
        update += ["published_at", "rated_on", "last_reviewed_on", "review_due_on"]
    practice.save(update_fields=update)
    Revision.objects.create(
        practice=practice,
        actor_handle=_handle(actor),
        action=move,
        fields=["status"],
        note=note,
        before={"status": before},
        after={"status": target},
    )
    audit_record(
        actor=actor,
        action=f"practices.practice.{move}",
        target=practice,
        before={"status": before},
        after={"status": target},
        data={"note": note} if note else None,
    )
    return practice


@transaction.atomic
def practice_submit(*, actor, practice: Practice) -> Practice:
    _require_curator(actor)
    practice = _locked(practice)
    if not practice.summary.strip() or practice.rating == Rating.NOT_RATED:
        raise ValidationError({"rating": _("A record goes to review with a summary and an evidence rating.")})
    practice = _move(actor=actor, practice=practice, move="submit")
    notify(
        kind=notices.IN_REVIEW,
        audience=audiences.permission_holders("practices.curate_practice"),
        target=practice,
        target_url=practice.get_absolute_url(),
        actor=actor,
        data={"practice": practice.title},
    )
    return practice


@transaction.atomic
def practice_return(*, actor, practice: Practice, reason: str) -> Practice:
    _require_curator(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say what needs to change.")})
    return _move(actor=actor, practice=practice, move="return", note=reason.strip())


@transaction.atomic
def practice_publish(*, actor, practice: Practice) -> Practice:
    """Publish a record in review: the rating becomes public, so a second member of staff must approve it."""
    _require_curator(actor)
    practice = _locked(practice)
    _check_move(practice, "publish")
    if not can_approve(actor, practice):
        raise MoveNotAllowed(_("A rating is published by a second member of staff, not by the person who set it."))
    return _move(actor=actor, practice=practice, move="publish")


@transaction.atomic
def practice_archive(*, actor, practice: Practice, reason: str) -> Practice:
    _require_curator(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the record is archived.")})
    return _move(actor=actor, practice=practice, move="archive", note=reason.strip())


@transaction.atomic
def practice_reopen(*, actor, practice: Practice) -> Practice:
    _require_curator(actor)
    return _move(actor=actor, practice=practice, move="reopen")


@transaction.atomic
def practice_mark_reviewed(*, actor, practice: Practice, note: str = "") -> Practice:
    """Staff looked at the evidence again and the rating stands: the next re-review is due in two years."""
    _require_curator(actor)
    practice = _locked(practice)
    if practice.status != PracticeStatus.PUBLISHED:
        raise MoveNotAllowed(_("Only a published record is re-reviewed."))
    before = _snapshot(practice, ("last_reviewed_on", "review_due_on"))
    today = timezone.localdate()
    practice.last_reviewed_on = today
    practice.review_due_on = today + timedelta(days=REVIEW_INTERVAL_DAYS)
    practice.save(update_fields=["last_reviewed_on", "review_due_on"])
    after = _snapshot(practice, ("last_reviewed_on", "review_due_on"))
    _revision(practice=practice, actor=actor, action="review", before=before, after=after, note=note.strip())
    audit_record(actor=actor, action="practices.practice.review", target=practice, before=before, after=after)
    return practice


# --- Ratings of published records ----------------------------------------------------------------------------


@transaction.atomic
def rating_propose(
    *, actor, practice: Practice, rating: str, study_count: int, study_design: str, single_study: bool, rationale: str
) -> RatingProposal:
    _require_curator(actor)
    practice = _locked(practice)
    if practice.status != PracticeStatus.PUBLISHED:
        raise MoveNotAllowed(_("Change the rating of a draft by editing it."))
    if not rationale.strip():
        raise ValidationError({"rationale": _("Say why the rating changes.")})
    if rating not in Rating.values or rating == Rating.NOT_RATED:
        raise ValidationError({"rating": _("Choose a rating.")})
    if practice.rating_proposals.filter(status=RatingProposalStatus.PENDING).exists():
        raise MoveNotAllowed(_("A new rating for this record already waits for approval."))
    proposal = RatingProposal.objects.create(
        practice=practice,
        rating=rating,
        study_count=study_count,
        study_design=study_design,
        single_study=single_study,
        rationale=rationale.strip(),
        proposed_by=actor,
    )
    audit_record(
        actor=actor,
        action="practices.rating.propose",
        target=practice,
        before=_snapshot(practice, RATING_FIELDS),
        after={
            "rating": rating,
            "study_count": study_count,
            "study_design": study_design,
            "single_study": single_study,
        },
    )
    notify(
        kind=notices.IN_REVIEW,
        audience=audiences.permission_holders("practices.curate_practice"),
        target=practice,
        target_url=practice.get_absolute_url(),
        actor=actor,
        data={"practice": practice.title},
    )
    return proposal


def _locked_proposal(proposal: RatingProposal) -> RatingProposal:
    proposal = RatingProposal.objects.select_for_update(of=("self",)).select_related("practice").get(pk=proposal.pk)
    if proposal.status != RatingProposalStatus.PENDING:
        raise MoveNotAllowed(_("This rating proposal was already decided."))
    return proposal


@transaction.atomic
def rating_approve(*, actor, proposal: RatingProposal) -> Practice:
    _require_curator(actor)
    proposal = _locked_proposal(proposal)
    if proposal.proposed_by_id == actor.pk:
        raise MoveNotAllowed(_("A rating is published by a second member of staff, not by the person who set it."))
    practice = _locked(proposal.practice)
    before = _snapshot(practice, RATING_FIELDS)
    today = timezone.localdate()
    practice.rating = proposal.rating
    practice.study_count = proposal.study_count
    practice.study_design = proposal.study_design
    practice.single_study = proposal.single_study
    practice.rating_set_by = proposal.proposed_by
    practice.rated_on = today
    practice.last_reviewed_on = today
    practice.review_due_on = today + timedelta(days=REVIEW_INTERVAL_DAYS)
    practice.updated_at = timezone.now()
    practice.save()
    proposal.status = RatingProposalStatus.APPROVED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    after = _snapshot(practice, RATING_FIELDS)
    _revision(practice=practice, actor=actor, action="rating", before=before, after=after, note=proposal.rationale)
    audit_record(actor=actor, action="practices.rating.approve", target=practice, before=before, after=after)
    if before["rating"] != after["rating"]:
        notify(
            kind=notices.RATING_CHANGED,
            audience=audiences.followers(practice),
            target=practice,
            target_url=practice.get_absolute_url(),
            actor=actor,
            # Raw values: each reader's notification and email names them in the reader's own language.
            data={"practice": practice.title, "before_rating": before["rating"], "after_rating": practice.rating},
        )
    return practice


@transaction.atomic
def rating_withdraw(*, actor, proposal: RatingProposal) -> RatingProposal:
    _require_curator(actor)
    proposal = _locked_proposal(proposal)
    proposal.status = RatingProposalStatus.WITHDRAWN
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=actor, action="practices.rating.withdraw", target=proposal.practice)
    return proposal


def review_reminders_send(*, today: date | None = None) -> int:
    """Tell staff about each published record whose re-review fell due, once per due date."""
    today = today or timezone.localdate()
    sent = 0
    due = Practice.objects.filter(status=PracticeStatus.PUBLISHED, review_due_on__lte=today).exclude(
        reminded_for=F("review_due_on")
    )
    for practice_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            practice = Practice.objects.select_for_update(of=("self",)).get(pk=practice_id)
            if practice.reminded_for == practice.review_due_on:
                continue
            practice.reminded_for = practice.review_due_on
            practice.save(update_fields=["reminded_for"])
            notify(
                kind=notices.REVIEW_DUE,
                audience=audiences.permission_holders("practices.curate_practice"),
                target=practice,
                target_url=practice.get_absolute_url(),
                data={"practice": practice.title, "due": practice.review_due_on.isoformat()},
            )
            sent += 1
    return sent


# --- Adoption ------------------------------------------------------------------------------------------------


ADOPTION_FIELDS = ("status", "policy_text", "policy_url", "effective_date", "source", "source_note")


def _adoption_revision(adoption: Adoption, actor) -> None:
    AdoptionRevision.objects.create(
        adoption=adoption,
        actor_handle=_handle(actor),
        **{field: getattr(adoption, field) for field in ADOPTION_FIELDS},
    )


@transaction.atomic
def adoption_record(
    *,
    actor,
    city: City,
    practice: Practice,
    status: str,
    policy_text: str = "",
    policy_url: str = "",
    effective_date: date | None = None,
) -> Adoption:
    """A city's representative (or staff) records where the city stands with a practice.

    What a representative records is "reported by the city" until staff verify it; what staff record is verified.
    """
    # Read the city's standing and the practice's status afresh: a suspension or an archiving a moment ago counts.
    city = City.objects.get(pk=city.pk)
    practice = Practice.objects.get(pk=practice.pk)
    if not can_record_adoption(actor, city):
        raise MoveNotAllowed(_("Only the city's representatives record its adoption of a practice."))
    if practice.status != PracticeStatus.PUBLISHED:
        raise MoveNotAllowed(_("Adoption is recorded for published practices only."))
    if status not in AdoptionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    source = AdoptionSource.VERIFIED if can_verify_adoption(actor) else AdoptionSource.SELF_REPORTED
    adoption = Adoption.objects.select_for_update(of=("self",)).filter(city=city, practice=practice).first()
    before = {field: _jsonable(getattr(adoption, field)) for field in ADOPTION_FIELDS} if adoption else None
    if adoption is None:
        adoption = Adoption(city=city, practice=practice)
    adoption.status = status
    adoption.policy_text = policy_text.strip()
    adoption.policy_url = policy_url.strip()
    adoption.effective_date = effective_date
    adoption.source = source
    adoption.source_note = ""
    adoption.recorded_by = actor
    if source == AdoptionSource.VERIFIED:
        adoption.verified_by = actor
        adoption.verified_at = timezone.now()
    else:
        adoption.verified_by = None
        adoption.verified_at = None
    adoption.updated_at = timezone.now()
    adoption.full_clean(exclude=["city", "practice"])
    if before is None:
        try:
            with transaction.atomic():
                adoption.save(force_insert=True)
        except IntegrityError:
            # Another person recorded the city's first entry for this practice at the same moment: theirs stands,
            # and this one is refused rather than written over a record its author has not seen.
            raise MoveNotAllowed(
                _(
                    "Someone else recorded %(city)s's adoption of this practice a moment ago. "
                    "Read their record, then change it if needed."
                )
                % {"city": city.name}
            ) from None
    else:
        adoption.save()
    _adoption_revision(adoption, actor)
    after = {field: _jsonable(getattr(adoption, field)) for field in ADOPTION_FIELDS}
    audit_record(
        actor=actor,
        action="practices.adoption.record",
        target=adoption,
        before=before,
        after=after,
        data={"city": city.slug, "practice": practice.slug},
    )
    if status in ADOPTION_NEWS and (before is None or before["status"] != status):
        notify(
            kind=notices.ADOPTED,
            audience=audiences.followers(practice),
            target=practice,
            target_url=practice.get_absolute_url(),
            actor=actor,
            # The raw status: each reader's notification and email names it in the reader's own language.
            data={"city": city.name, "practice": practice.title, "status": adoption.status},
        )
    pledge_services.pledges_note_adoption(adoption)
    return adoption


@transaction.atomic
def adoption_verify(*, actor, adoption: Adoption, note: str = "") -> Adoption:
    """Staff checked a city's own report against its published policy."""
    if not can_verify_adoption(actor):
        raise MoveNotAllowed(_("Only network staff verify adoption records."))
    adoption = Adoption.objects.select_for_update(of=("self",)).select_related("city", "practice").get(pk=adoption.pk)
    if adoption.source == AdoptionSource.VERIFIED:
        raise MoveNotAllowed(_("This record is already verified."))
    before = {"source": adoption.source}
    adoption.source = AdoptionSource.VERIFIED
    adoption.source_note = note.strip()[:300]
    adoption.verified_by = actor
    adoption.verified_at = timezone.now()
    adoption.updated_at = timezone.now()
    adoption.save(update_fields=["source", "source_note", "verified_by", "verified_at", "updated_at"])
    _adoption_revision(adoption, actor)
    audit_record(
        actor=actor, action="practices.adoption.verify", target=adoption, before=before, after={"source": "verified"}
    )
    pledge_services.pledges_note_adoption(adoption)
    return adoption


# --- Suggestions ---------------------------------------------------------------------------------------------


@transaction.atomic
def suggestion_create(*, actor, title: str, summary: str, where: str = "", links: str = "") -> Suggestion:
    if not can_suggest(actor):
        raise MoveNotAllowed(_("Sign in to suggest a practice."))
    suggestion = Suggestion(
        title=title.strip(), summary=summary.strip(), where=where.strip(), links=links.strip(), suggested_by=actor
    )
    suggestion.full_clean()
    suggestion.save()
    audit_record(actor=actor, action="practices.suggestion.create", target=suggestion)
    notify(
        kind=notices.SUGGESTION_RECEIVED,
        audience=audiences.permission_holders("practices.curate_practice"),
        target=suggestion,
        target_url=reverse("practices_staff:suggestions"),
        actor=actor,
        data={"handle": _handle(actor), "title": suggestion.title},
    )
    return suggestion


def _locked_suggestion(actor, suggestion: Suggestion) -> Suggestion:
    if not can_decide_suggestions(actor):
        raise MoveNotAllowed(_("Only network staff decide on suggestions."))
    suggestion = Suggestion.objects.select_for_update(of=("self",)).get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.OPEN:
        raise MoveNotAllowed(_("This suggestion was already decided."))
    return suggestion


def _decide_suggestion(*, actor, suggestion: Suggestion, status: str, reason: str, practice: Practice | None) -> None:
    suggestion.status = status
    suggestion.reason = reason
    suggestion.practice = practice
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "reason", "practice", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=f"practices.suggestion.{status}",
        target=suggestion,
        before={"status": SuggestionStatus.OPEN},
        after={"status": status},
        data={"practice": practice.slug} if practice else None,
    )
    if suggestion.suggested_by_id:
        notify(
            kind=notices.SUGGESTION_DECIDED,
            recipients=[suggestion.suggested_by_id],
            target=suggestion,
            target_url=practice.get_absolute_url() if practice and practice.is_published else "",
            actor=actor,
            data={
                "title": suggestion.title,
                "decision": status,
                "practice": practice.title if practice else "",
                "reason": reason,
            },
        )


@transaction.atomic
def suggestion_accept(*, actor, suggestion: Suggestion) -> Practice:
    """Turn a suggestion into a draft record, crediting the person who suggested it."""
    suggestion = _locked_suggestion(actor, suggestion)
    links = [line.strip() for line in suggestion.links.splitlines() if line.strip()]
    practice = practice_create(
        actor=actor,
        title=suggestion.title,
        kind="program",
        summary=suggestion.summary[:600],
        origin_place=suggestion.where[:200],
        sources=[
            {"title": link[:300], "url": link[:500] if link.startswith(("http://", "https://")) else ""}
            for link in links
        ],
    )
    practice.suggested_by_id = suggestion.suggested_by_id
    practice.save(update_fields=["suggested_by"])
    _decide_suggestion(
        actor=actor, suggestion=suggestion, status=SuggestionStatus.ACCEPTED, reason="", practice=practice
    )
    return practice


@transaction.atomic
def suggestion_merge(*, actor, suggestion: Suggestion, practice: Practice, reason: str = "") -> Suggestion:
    """The suggestion describes a practice the library already has: staff fold it into that record."""
    suggestion = _locked_suggestion(actor, suggestion)
    _decide_suggestion(
        actor=actor, suggestion=suggestion, status=SuggestionStatus.MERGED, reason=reason.strip(), practice=practice
    )
    return suggestion


@transaction.atomic
def suggestion_decline(*, actor, suggestion: Suggestion, reason: str) -> Suggestion:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the person who suggested it a reason.")})
    suggestion = _locked_suggestion(actor, suggestion)
    _decide_suggestion(
        actor=actor, suggestion=suggestion, status=SuggestionStatus.DECLINED, reason=reason.strip(), practice=None
    )
    return suggestion


# --- Following -----------------------------------------------------------------------------------------------


def practice_follow(*, actor, practice: Practice) -> None:
    if not can_follow_practice(actor):
        raise MoveNotAllowed(_("Sign in to follow a practice."))
    follow_create(user=actor, target=practice)


def practice_unfollow(*, actor, practice: Practice) -> None:
    if not can_follow_practice(actor):
        raise MoveNotAllowed(_("Sign in to follow a practice."))
    follow_delete(user=actor, target=practice)


# --- Translations --------------------------------------------------------------------------------------------


def _check_language(language: str) -> None:
    if language not in dict(TRANSLATION_LANGUAGES):
        raise ValidationError({"language": _("Records are translated into French or Spanish.")})


def _translated_emmie(translation: PracticeTranslation) -> list[str]:
    """Which EMMIE notes a translation carries, for the audit row (the notes themselves are on the record)."""
    return [name for name in EMMIE_FIELDS if getattr(translation, name)]


@transaction.atomic
def practice_translation_save(
    *,
    actor,
    practice: Practice,
    language: str,
    title: str,
    summary: str,
    problem: str = "",
    body: str = "",
    emmie_effect: str = "",
    emmie_mechanism: str = "",
    emmie_moderators: str = "",
    emmie_implementation: str = "",
    emmie_economic_cost: str = "",
) -> PracticeTranslation:
    """Write (or rewrite) a record's translation into `language`; what is left blank shows in English."""
    _require_curator(actor)
    _check_language(language)
    if not title.strip() or not summary.strip():
        raise ValidationError({"title": _("A translation needs at least a title and a summary.")})
    emmie = {
        "emmie_effect": emmie_effect.strip(),
        "emmie_mechanism": emmie_mechanism.strip(),
        "emmie_moderators": emmie_moderators.strip(),
        "emmie_implementation": emmie_implementation.strip(),
        "emmie_economic_cost": emmie_economic_cost.strip(),
    }
    existing = PracticeTranslation.objects.select_for_update().filter(practice=practice, language=language).first()
    before = (
        {"title": existing.title, "summary": existing.summary, "emmie": _translated_emmie(existing)}
        if existing
        else None
    )
    translation, _created = PracticeTranslation.objects.update_or_create(
        practice=practice,
        language=language,
        defaults={
            "title": title.strip(),
            "summary": summary.strip(),
            "problem": problem.strip(),
            "body": body.strip(),
            "body_html": render(body.strip()) if body.strip() else "",
            **emmie,
            "updated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="practices.translation.save",
        target=practice,
        before=before,
        after={"title": translation.title, "summary": translation.summary, "emmie": _translated_emmie(translation)},
        data={"language": language},
    )
    return translation


@transaction.atomic
def collection_translation_save(
    *, actor, collection: Collection, language: str, title: str, description: str = ""
) -> CollectionTranslation:
    _require_curator(actor)
    _check_language(language)
    if not title.strip():
        raise ValidationError({"title": _("A translation needs at least a title.")})
    existing = CollectionTranslation.objects.select_for_update().filter(collection=collection, language=language)
    before = existing.values("title", "description").first()
    translation, _created = CollectionTranslation.objects.update_or_create(
        collection=collection,
        language=language,
        defaults={"title": title.strip(), "description": description.strip(), "updated_at": timezone.now()},
    )
    audit_record(
        actor=actor,
        action="practices.collection_translation.save",
        target=collection,
        before=before,
        after={"title": translation.title, "description": translation.description},
        data={"language": language},
    )
    return translation
