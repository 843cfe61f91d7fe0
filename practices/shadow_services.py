"""Every write of shadow reports, each in one transaction with its audit row and notifications: civil society's
assessment of a published pledge, the city's one answer, readers' flags and staff's moderation.

A pseudonymous report is never tied to its author in anything others receive: the notifications name no actor
and carry the pseudonym only; the author's account is in the report's row and in the audit log, which only staff
read, and `shadow_report_unmask` shows it to staff with the power, for a recorded reason."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import Representative
from network.accounts.system import SYSTEM
from network.audit.services import audit_record
from network.markdown import render
from network.notifications import audiences
from network.notifications.services import notify
from network.pseudonyms import readable_name
from practices import notices
from practices.errors import MoveNotAllowed, NotYourMove
from practices.models import (
    Pledge,
    PledgeStatus,
    ShadowAnswer,
    ShadowEvidence,
    ShadowFlag,
    ShadowFlagReason,
    ShadowReport,
    ShadowVerdict,
)
from practices.permissions import (
    can_answer_shadow_report,
    can_flag_shadow_report,
    can_moderate_shadow_reports,
    can_unmask_shadow_report,
    shadow_filing_refusal,
)

# Pledges that can be assessed: published, whether still open or honoured since.
ASSESSABLE_STATUSES = (PledgeStatus.PUBLISHED, PledgeStatus.HONOURED)
MAX_EVIDENCE = 10
# One report per author and pledge in any such window: a second assessment waits a day.
FILING_INTERVAL = timedelta(days=1)
# As in the forums: a report flagged by this many different readers is hidden until staff review it.
FLAGS_TO_HIDE = 3
PSEUDONYM_SALT = "practices.shadow_report.pseudonym"
STATEMENT_MAX = 10000
ANSWER_MAX = 5000
NOTE_MAX = 2000
REASON_MAX = 500

_http_only = URLValidator(schemes=["http", "https"])


def _representatives(city_id: int) -> list[int]:
    return list(Representative.objects.filter(city_id=city_id).values_list("user_id", flat=True))


def _locked_report(report: ShadowReport) -> ShadowReport:
    return ShadowReport.objects.select_for_update(of=("self",)).select_related("pledge__city").get(pk=report.pk)


def author_label(report: ShadowReport) -> str:
    """How the report is signed for everyone: its pseudonym, or the handle it was filed under."""
    return report.pseudonym or report.signed_handle


def _required_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: _("Give a reason; it is kept in the audit log.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({field: _("A reason has at most %(count)d characters.") % {"count": REASON_MAX}})
    return reason


# --- Filing -------------------------------------------------------------------------------------------------------


def _clean_evidence(evidence) -> list[dict]:
    """Each piece: a link (http or https only), what it is, a quoted passage; a link or a quote at least. Empty
    pieces are dropped; one piece at least, MAX_EVIDENCE at most."""
    pieces = []
    for raw in evidence or []:
        piece = {key: str((raw or {}).get(key) or "").strip() for key in ("url", "title", "quote")}
        if any(piece.values()):
            pieces.append(piece)
    if not pieces:
        raise ValidationError({"evidence": _("Give at least one piece of evidence: a link or a quoted passage.")})
    if len(pieces) > MAX_EVIDENCE:
        raise ValidationError({"evidence": _("Give at most %(count)d pieces of evidence.") % {"count": MAX_EVIDENCE}})
    problems = []
    for number, piece in enumerate(pieces, start=1):
        if not piece["url"] and not piece["quote"]:
            problems.append(_("Evidence %(number)d: give a link or a quoted passage.") % {"number": number})
        if piece["url"]:
            try:
                if len(piece["url"]) > 500:
                    raise ValidationError("too long")
                _http_only(piece["url"])
            except ValidationError:
                problems.append(
                    _("Evidence %(number)d: a link is an address starting with http:// or https://.")
                    % {"number": number}
                )
        if len(piece["title"]) > 200:
            problems.append(_("Evidence %(number)d: say what it is in 200 characters at most.") % {"number": number})
        if len(piece["quote"]) > 2000:
            problems.append(_("Evidence %(number)d: quote 2000 characters at most.") % {"number": number})
    if problems:
        raise ValidationError({"evidence": problems})
    return pieces


def _pseudonym(pledge: Pledge, actor) -> str:
    """The person's pseudonym on this pledge: the one they already use there, or a new one no other author of the
    pledge has. The pledge's row is locked by the caller, so two authors cannot take the same name at once."""
    reports = ShadowReport.objects.filter(pledge=pledge).exclude(pseudonym="")
    existing = reports.filter(author=actor).values_list("pseudonym", flat=True).first()
    if existing:
        return existing
    taken = set(reports.values_list("pseudonym", flat=True))
    attempt = 0
    while True:
        name = readable_name(salt=PSEUDONYM_SALT, message=f"{pledge.pk}:{actor.pk}:{attempt}")
        if name not in taken:
            return name
        attempt += 1


@transaction.atomic
def shadow_report_file(
    *,
    actor,
    pledge: Pledge,
    verdict: str,
    statement: str,
    evidence,
    language: str = "",
    pseudonymous: bool = False,
) -> ShadowReport:
    """A participant with a civil-society affiliation assesses a published pledge: a verdict, a statement
    (Markdown) and evidence, signed with their handle and public affiliation or under a per-pledge pseudonym."""
    pledge = Pledge.objects.select_for_update(of=("self",)).select_related("city").get(pk=pledge.pk)
    refusal = shadow_filing_refusal(actor, pledge)
    if refusal:
        raise NotYourMove(refusal)
    if pledge.status not in ASSESSABLE_STATUSES:
        raise MoveNotAllowed(_("Shadow reports are filed on published pledges only."))
    since = timezone.now() - FILING_INTERVAL
    if ShadowReport.objects.filter(pledge=pledge, author=actor, created_at__gt=since).exists():
        raise MoveNotAllowed(_("You filed a shadow report on this pledge in the last day; file the next one later."))
    errors = {}
    if verdict not in ShadowVerdict.values:
        errors["verdict"] = _("Choose one of the verdicts offered.")
    statement = (statement or "").strip()
    if not statement:
        errors["statement"] = _("Say what you found.")
    elif len(statement) > STATEMENT_MAX:
        errors["statement"] = _("A statement has at most %(count)d characters.") % {"count": STATEMENT_MAX}
    language = language or getattr(actor, "preferred_language", "") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose one of the languages offered.")
    try:
        pieces = _clean_evidence(evidence)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    report = ShadowReport.objects.create(
        pledge=pledge,
        author=actor,
        pseudonym=_pseudonym(pledge, actor) if pseudonymous else "",
        signed_handle="" if pseudonymous else actor.handle,
        signed_affiliation="" if pseudonymous else actor.affiliation,
        verdict=verdict,
        statement=statement,
        statement_html=render(statement),
        language=language,
    )
    ShadowEvidence.objects.bulk_create(
        ShadowEvidence(report=report, position=position, **piece) for position, piece in enumerate(pieces)
    )
    audit_record(
        actor=actor,
        action="practices.shadow_report.file",
        target=report,
        after={"verdict": verdict, "pseudonymous": bool(pseudonymous)},
        data={"pledge": pledge.pk, "evidence": len(pieces)},
    )
    # Nobody but staff may link a pseudonym to its author: such a notice names no actor.
    actor_shown = None if pseudonymous else actor
    data = {
        "city": pledge.city.name,
        "target_date": pledge.target_date.isoformat(),
        "verdict": verdict,
        "author": author_label(report),
    }
    target_url = f"{pledge.get_absolute_url()}#shadow-{report.pk}"
    notify(
        kind=notices.SHADOW_FILED,
        recipients=_representatives(pledge.city_id),
        target=pledge,
        target_url=target_url,
        actor=actor_shown,
        data=data,
    )
    notify(
        kind=notices.PLEDGE_NEWS,
        audience=audiences.followers(pledge.city),
        target=pledge,
        target_url=target_url,
        actor=actor_shown,
        data={**data, "news": "shadow"},
    )
    return report


# --- The city's answer --------------------------------------------------------------------------------------------


@transaction.atomic
def shadow_answer_create(*, actor, report: ShadowReport, text: str) -> ShadowAnswer:
    """A representative of the pledging city answers a shadow report, publicly and once."""
    report = _locked_report(report)
    if not can_answer_shadow_report(actor, report):
        raise NotYourMove(_("Only the pledging city's representatives answer a shadow report."))
    if report.hidden:
        raise MoveNotAllowed(_("This shadow report is hidden by staff; it cannot be answered."))
    if ShadowAnswer.objects.filter(report=report).exists():
        raise MoveNotAllowed(_("The city has already answered this shadow report; it answers once."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the city's answer.")})
    if len(text) > ANSWER_MAX:
        raise ValidationError({"text": _("An answer has at most %(count)d characters.") % {"count": ANSWER_MAX}})
    answer = ShadowAnswer.objects.create(
        report=report, text=text, text_html=render(text), author=actor, author_handle=actor.handle
    )
    audit_record(actor=actor, action="practices.shadow_report.answer", target=report, data={"answer": answer.pk})
    pledge = report.pledge
    # Only the author hears of it; the notice tells them alone, and names the city, not them.
    notify(
        kind=notices.SHADOW_ANSWERED,
        recipients=[report.author_id],
        target=pledge,
        target_url=f"{pledge.get_absolute_url()}#shadow-{report.pk}",
        actor=actor,
        data={"city": pledge.city.name, "target_date": pledge.target_date.isoformat()},
    )
    return answer


# --- Flags and moderation -----------------------------------------------------------------------------------------


@transaction.atomic
def shadow_report_flag(*, actor, report: ShadowReport, reason: str, note: str = "") -> ShadowFlag:
    """A reader flags a shadow report to staff, once. FLAGS_TO_HIDE open flags of different readers hide it until
    staff review it."""
    if not can_flag_shadow_report(actor):
        raise NotYourMove(_("Please sign in to flag a shadow report."))
    if reason not in ShadowFlagReason.values:
        raise ValidationError({"reason": _("Choose one of the reasons offered.")})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("A note has at most %(count)d characters.") % {"count": NOTE_MAX}})
    report = _locked_report(report)
    if report.author_id == actor.pk:
        raise MoveNotAllowed(_("You cannot flag your own shadow report."))
    if report.hidden:
        raise MoveNotAllowed(_("This shadow report is already hidden."))
    if ShadowFlag.objects.filter(report=report, flagged_by=actor).exists():
        raise MoveNotAllowed(_("You already flagged this shadow report."))
    flag = ShadowFlag.objects.create(report=report, flagged_by=actor, reason=reason, note=note)
    report.flag_count += 1
    report.save(update_fields=["flag_count"])
    audit_record(actor=actor, action="practices.shadow_report.flag", target=report, data={"reason": reason})
    open_flags = ShadowFlag.objects.filter(report=report, resolved_at__isnull=True).count()
    if open_flags >= FLAGS_TO_HIDE:
        _hide(report, reason=_("Flagged by several readers; waiting for staff."), now=timezone.now())
        audit_record(
            actor=SYSTEM, action="practices.shadow_report.auto_hide", target=report, data={"flags": open_flags}
        )
    return flag


def _hide(report: ShadowReport, *, reason: str, now) -> None:
    report.hidden, report.hidden_reason, report.hidden_at = True, reason[:REASON_MAX], now
    report.save(update_fields=["hidden", "hidden_reason", "hidden_at"])


def _resolve_flags(report: ShadowReport, now) -> int:
    return ShadowFlag.objects.filter(report=report, resolved_at__isnull=True).update(resolved_at=now)


def _moderated(actor, report: ShadowReport) -> ShadowReport:
    if not can_moderate_shadow_reports(actor):
        raise NotYourMove(_("Only staff moderate shadow reports."))
    return _locked_report(report)


def _tell_author(report: ShadowReport, *, action: str, reason: str) -> None:
    pledge = report.pledge
    notify(
        kind=notices.SHADOW_MODERATED,
        recipients=[report.author_id],
        target=pledge,
        target_url=f"{pledge.get_absolute_url()}#shadow-{report.pk}",
        data={"city": pledge.city.name, "action": action, "reason": reason},
    )


@transaction.atomic
def shadow_report_hide(*, actor, report: ShadowReport, reason: str) -> ShadowReport:
    """Staff hide a shadow report with a reason: others no longer see it; its author still does, marked."""
    reason = _required_reason(reason)
    report = _moderated(actor, report)
    if report.hidden:
        raise MoveNotAllowed(_("This shadow report is already hidden."))
    now = timezone.now()
    _hide(report, reason=reason, now=now)
    flags = _resolve_flags(report, now)
    audit_record(
        actor=actor, action="practices.shadow_report.hide", target=report, data={"reason": reason, "flags": flags}
    )
    _tell_author(report, action="hide", reason=reason)
    return report


@transaction.atomic
def shadow_report_restore(*, actor, report: ShadowReport, reason: str) -> ShadowReport:
    """Show a hidden report again, or keep a flagged one: its open flags are closed as reviewed."""
    reason = _required_reason(reason)
    report = _moderated(actor, report)
    now = timezone.now()
    flags = _resolve_flags(report, now)
    if not report.hidden and not flags:
        raise MoveNotAllowed(_("This shadow report is neither hidden nor flagged."))
    was_hidden = report.hidden
    if was_hidden:
        report.hidden, report.hidden_reason, report.hidden_at = False, "", None
        report.save(update_fields=["hidden", "hidden_reason", "hidden_at"])
    audit_record(
        actor=actor,
        action="practices.shadow_report.restore",
        target=report,
        data={"reason": reason, "flags": flags, "was_hidden": was_hidden},
    )
    if was_hidden:
        _tell_author(report, action="restore", reason=reason)
    return report


def _moderated_answer(actor, report: ShadowReport) -> ShadowAnswer:
    if not can_moderate_shadow_reports(actor):
        raise NotYourMove(_("Only staff moderate shadow reports."))
    answer = ShadowAnswer.objects.select_for_update().filter(report_id=report.pk).first()
    if answer is None:
        raise MoveNotAllowed(_("This shadow report has no answer."))
    return answer


@transaction.atomic
def shadow_answer_hide(*, actor, report: ShadowReport, reason: str) -> ShadowAnswer:
    """Staff hide the city's answer with a reason; the city may not answer again."""
    reason = _required_reason(reason)
    answer = _moderated_answer(actor, report)
    if answer.hidden:
        raise MoveNotAllowed(_("This answer is already hidden."))
    answer.hidden, answer.hidden_reason = True, reason
    answer.save(update_fields=["hidden", "hidden_reason"])
    audit_record(actor=actor, action="practices.shadow_answer.hide", target=answer, data={"reason": reason})
    return answer


@transaction.atomic
def shadow_answer_restore(*, actor, report: ShadowReport, reason: str) -> ShadowAnswer:
    reason = _required_reason(reason)
    answer = _moderated_answer(actor, report)
    if not answer.hidden:
        raise MoveNotAllowed(_("This answer is not hidden."))
    answer.hidden, answer.hidden_reason = False, ""
    answer.save(update_fields=["hidden", "hidden_reason"])
    audit_record(actor=actor, action="practices.shadow_answer.restore", target=answer, data={"reason": reason})
    return answer


@transaction.atomic
def shadow_report_unmask(*, actor, report: ShadowReport, reason: str):
    """Staff with the power learn which account wrote a pseudonymous shadow report; the reason is audited."""
    reason = _required_reason(reason)
    if not can_unmask_shadow_report(actor):
        raise NotYourMove(_("Only staff unmask a pseudonym."))
    report = ShadowReport.objects.select_related("author").get(pk=report.pk)
    if not report.pseudonym:
        raise MoveNotAllowed(_("This shadow report is signed; there is nothing to unmask."))
    audit_record(
        actor=actor,
        action="practices.shadow_report.unmask",
        target=report,
        data={"reason": reason, "pseudonym": report.pseudonym, "user": report.author_id},
    )
    return report.author


def author_deleted(*, user, placeholder) -> None:
    """A person deleting their account leaves their shadow reports on the pledges, signed by the placeholder
    account: neither their handle nor their affiliation stays with them. (A pseudonymous report shows only its
    pseudonym, which stays.)"""
    reports = ShadowReport.objects.filter(author=user)
    reports.filter(pseudonym="").update(author=placeholder, signed_handle=placeholder.handle, signed_affiliation="")
    reports.update(author=placeholder)
