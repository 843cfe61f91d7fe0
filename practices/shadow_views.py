"""Shadow reports' pages: the filing form, the city's answer, a reader's flag, and staff's queue with its moves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.keyset import CURSOR_PARAMETER, keyset_page
from network.refusals import add_service_errors, refused
from practices import shadow_selectors, shadow_services
from practices.errors import NotYourMove, PracticesError
from practices.forms import ReasonForm, ShadowAnswerForm, ShadowEvidenceFormSet, ShadowFlagForm, ShadowReportForm
from practices.permissions import (
    can_answer_shadow_report,
    can_moderate_shadow_reports,
    can_unmask_shadow_report,
    shadow_filing_refusal,
)
from practices.pledge_views import visible_pledge_or_404

STAFF_PER_PAGE = 25
# The first pieces of evidence shown open; the others fold under "More evidence".
OPEN_EVIDENCE_ROWS = 3


def _report_or_404(request, pk: int):
    try:
        return shadow_selectors.shadow_report(request.user, pk)
    except shadow_selectors.ShadowReportNotFound:
        raise Http404 from None


def _evidence_error_form(form, error: ValidationError) -> None:
    """The service's evidence errors belong to no single field of the report's form: they go on the form whole."""
    if hasattr(error, "error_dict") and "evidence" in error.message_dict:
        form.add_error(None, error.message_dict["evidence"])
        error = ValidationError({key: value for key, value in error.message_dict.items() if key != "evidence"})
        if not error.message_dict:
            return
    add_service_errors(form, error)


@login_required
@require_http_methods(["GET", "POST"])
def shadow_report_create(request, pk: int):
    pledge = visible_pledge_or_404(request, pk)
    refusal = shadow_filing_refusal(request.user, pledge)
    if refusal:
        raise PermissionDenied(refusal)
    if pledge.status not in shadow_services.ASSESSABLE_STATUSES:
        return refused(request, _("Shadow reports are filed on published pledges only."))
    posted = request.method == "POST"
    form = ShadowReportForm(
        request.POST if posted else None, initial={"language": request.user.preferred_language or "en"}
    )
    evidence = ShadowEvidenceFormSet(request.POST if posted else None, prefix="evidence")
    status = 200
    if posted:
        status = 400
        if form.is_valid() and evidence.is_valid():
            try:
                report = shadow_services.shadow_report_file(
                    actor=request.user,
                    pledge=pledge,
                    verdict=form.cleaned_data["verdict"],
                    statement=form.cleaned_data["statement"],
                    language=form.cleaned_data["language"],
                    pseudonymous=form.cleaned_data["pseudonymous"],
                    evidence=[row.piece() for row in evidence if row.cleaned_data],
                )
            except ValidationError as error:
                _evidence_error_form(form, error)
            except NotYourMove:
                raise PermissionDenied from None
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("Your shadow report is published on the pledge's page."))
                return redirect(f"{pledge.get_absolute_url()}#shadow-{report.pk}")
        elif not evidence.is_valid():
            form.add_error(None, _("Check the evidence below."))
    rows = list(evidence)
    context = {
        "pledge": pledge,
        "form": form,
        "evidence": evidence,
        "open_rows": rows[:OPEN_EVIDENCE_ROWS],
        "more_rows": rows[OPEN_EVIDENCE_ROWS:],
        "more_open": any(row.errors or row.has_changed() for row in rows[OPEN_EVIDENCE_ROWS:]),
    }
    return render(request, "practices/shadow_report_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def shadow_answer_create(request, pk: int):
    report = _report_or_404(request, pk)
    if not can_answer_shadow_report(request.user, report):
        raise PermissionDenied
    if report.hidden or hasattr(report, "answer"):
        return refused(request, _("This shadow report cannot be answered: it is answered already, or hidden."))
    form = ShadowAnswerForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                shadow_services.shadow_answer_create(actor=request.user, report=report, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
            except NotYourMove:
                raise PermissionDenied from None
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("The city's answer is published under the shadow report."))
                return redirect(f"{report.pledge.get_absolute_url()}#shadow-{report.pk}")
    context = {"report": report, "pledge": report.pledge, "form": form}
    return render(request, "practices/shadow_answer_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def shadow_report_flag(request, pk: int):
    report = _report_or_404(request, pk)
    if report.is_mine or report.flagged_by_me or report.hidden:
        return refused(
            request, _("You cannot flag this shadow report: it is yours, flagged by you already, or hidden.")
        )
    form = ShadowFlagForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                shadow_services.shadow_report_flag(
                    actor=request.user,
                    report=report,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except NotYourMove:
                raise PermissionDenied from None
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("Thank you: staff will look at this shadow report."))
                return redirect(f"{report.pledge.get_absolute_url()}#shadow-{report.pk}")
    context = {"report": report, "pledge": report.pledge, "form": form}
    return render(request, "practices/shadow_flag_form.html", context, status=status)


# --- Staff ------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def staff_shadow_reports(request):
    if not can_moderate_shadow_reports(request.user):
        raise PermissionDenied
    page = keyset_page(
        shadow_selectors.shadow_reports_to_moderate(),
        request.GET.get(CURSOR_PARAMETER),
        per_page=STAFF_PER_PAGE,
        field_name="created_at",
    )
    context = {"page": page, "can_unmask": can_unmask_shadow_report(request.user), "form": ReasonForm()}
    return render(request, "practices/staff_shadow_reports.html", context)


STAFF_MOVES = {
    "hide": shadow_services.shadow_report_hide,
    "restore": shadow_services.shadow_report_restore,
    "hide-answer": shadow_services.shadow_answer_hide,
    "restore-answer": shadow_services.shadow_answer_restore,
}


@login_required
@require_POST
def staff_shadow_move(request, pk: int, move: str):
    if move not in (*STAFF_MOVES, "unmask"):
        raise Http404
    allowed = can_unmask_shadow_report if move == "unmask" else can_moderate_shadow_reports
    if not allowed(request.user):
        raise PermissionDenied
    report = _report_or_404(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return refused(request, _("Give a reason; it is kept in the audit log."))
    reason = form.cleaned_data["reason"]
    try:
        if move == "unmask":
            author = shadow_services.shadow_report_unmask(actor=request.user, report=report, reason=reason)
        else:
            STAFF_MOVES[move](actor=request.user, report=report, reason=reason)
    except NotYourMove:
        raise PermissionDenied from None
    except ValidationError as error:
        return refused(request, " ".join(error.messages))
    except PracticesError as error:
        return refused(request, str(error))
    if move == "unmask":
        response = render(request, "practices/staff_shadow_unmasked.html", {"report": report, "author": author})
        response["Cache-Control"] = "no-store"
        return response
    messages.success(request, _("Done; the decision is in the audit log."))
    return redirect("practices_staff:shadow_reports")
