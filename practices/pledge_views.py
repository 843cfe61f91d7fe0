"""Pledges' pages: a pledge, the forms of the city that pledges and reports, and staff's queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cities.models import City
from network.keyset import CURSOR_PARAMETER, OLDEST_FIRST, KeysetPage, keyset_page
from network.refusals import add_service_errors, refused
from practices import pledge_selectors, pledge_services, shadow_selectors, shadow_services
from practices.errors import NotYourMove, PracticesError
from practices.forms import PledgeForm, PledgeReportForm, ReasonForm
from practices.models import PledgeStatus
from practices.permissions import (
    can_flag_shadow_report,
    can_moderate_shadow_reports,
    can_pledge,
    can_publish_pledges,
    shadow_filing_refusal,
)

STAFF_PER_PAGE = 25
SHADOW_PER_PAGE = 20


def visible_pledge_or_404(request, pk: int):
    try:
        return pledge_selectors.pledge_detail(request.user, pk)
    except pledge_selectors.PledgeNotFound:
        raise Http404 from None


def _detail_context(request, pledge, reason_forms=None) -> dict:
    moves = pledge_services.allowed_moves(request.user, pledge)
    reason_forms = reason_forms or {}
    city_speaks = can_pledge(request.user, pledge.city)
    shadow_reports = (
        shadow_selectors.pledge_shadow_reports(
            request.user, pledge, request.GET.get(CURSOR_PARAMETER), per_page=SHADOW_PER_PAGE
        )
        if pledge.is_public
        else KeysetPage([])
    )
    for report in shadow_reports:
        report.can_answer = city_speaks and not report.hidden and not hasattr(report, "answer")
        report.can_flag = can_flag_shadow_report(request.user) and not (
            report.is_mine or report.flagged_by_me or report.hidden
        )
    assessable = pledge.status in shadow_services.ASSESSABLE_STATUSES
    return {
        "shadow_reports": shadow_reports,
        "can_file_shadow": assessable and not shadow_filing_refusal(request.user, pledge),
        # Who could file, once signed in or with an affiliation stated: told how, not shown a form.
        "shadow_refusal": shadow_filing_refusal(request.user, pledge) if assessable else "",
        "is_shadow_moderator": can_moderate_shadow_reports(request.user),
        "pledge": pledge,
        "items": list(pledge.items.all()),
        "reports": list(pledge.reports.all()),
        "overdue": pledge.is_overdue(),
        "moves": [(move, reason_forms.get(move.name, ReasonForm()) if move.needs_reason else None) for move in moves],
        "can_edit": can_pledge(request.user, pledge.city) and pledge.status == PledgeStatus.DRAFT,
        "can_report": can_pledge(request.user, pledge.city)
        and pledge.status in (PledgeStatus.PUBLISHED, PledgeStatus.HONOURED),
    }


@require_GET
def pledge_detail(request, pk: int):
    pledge = visible_pledge_or_404(request, pk)
    return render(request, "practices/pledge_detail.html", _detail_context(request, pledge))


def _pledge_form_page(request, *, city, pledge=None):
    initial = {}
    if pledge is not None:
        initial = {
            "practices": [item.practice.slug for item in pledge.items.all()] if pledge.collection_id is None else [],
            "collection": pledge.collection.slug if pledge.collection_id else None,
            "target_date": pledge.target_date,
            "steps": pledge.steps,
        }
    form = PledgeForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            fields = {
                "target_date": data["target_date"],
                "steps": data["steps"],
                "practices": list(data["practices"]),
                "collection": data["collection"],
            }
            try:
                if pledge is None:
                    pledge = pledge_services.pledge_create(actor=request.user, city=city, **fields)
                else:
                    pledge = pledge_services.pledge_update(actor=request.user, pledge=pledge, **fields)
            except ValidationError as error:
                add_service_errors(form, error)
            except NotYourMove:
                raise PermissionDenied from None
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("The pledge is saved as a draft. Submit it when it is ready."))
                return redirect(pledge.get_absolute_url())
    context = {"city": city, "pledge": pledge, "form": form}
    return render(request, "practices/pledge_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pledge_create(request, city_slug: str):
    city = get_object_or_404(City, slug=city_slug)
    if not can_pledge(request.user, city):
        raise PermissionDenied
    return _pledge_form_page(request, city=city)


@login_required
@require_http_methods(["GET", "POST"])
def pledge_edit(request, pk: int):
    try:
        pledge = pledge_selectors.pledge_for_edit(pk)
    except pledge_selectors.PledgeNotFound:
        raise Http404 from None
    if not can_pledge(request.user, pledge.city):
        raise PermissionDenied
    if pledge.status != PledgeStatus.DRAFT:
        return refused(request, _("Only a draft pledge is edited."))
    return _pledge_form_page(request, city=pledge.city, pledge=pledge)


@login_required
@require_POST
def pledge_move(request, pk: int, move: str):
    spec = pledge_services.PLEDGE_MOVES.get(move)
    if spec is None or spec.actor == pledge_services.PledgeActor.SYSTEM:
        raise Http404
    pledge = visible_pledge_or_404(request, pk)
    form = ReasonForm(request.POST) if spec.needs_reason else None
    if form is not None and not form.is_valid():
        context = _detail_context(request, pledge, {move: form})
        return render(request, "practices/pledge_detail.html", context, status=400)
    services = {
        "submit": lambda: pledge_services.pledge_submit(actor=request.user, pledge=pledge),
        "publish": lambda: pledge_services.pledge_publish(actor=request.user, pledge=pledge),
        "return": lambda: pledge_services.pledge_return(
            actor=request.user, pledge=pledge, reason=form.cleaned_data["reason"]
        ),
        "withdraw": lambda: pledge_services.pledge_withdraw(
            actor=request.user, pledge=pledge, reason=form.cleaned_data["reason"]
        ),
    }
    try:
        services[move]()
    except NotYourMove:
        raise PermissionDenied from None
    except ValidationError as error:
        return refused(request, " ".join(error.messages))
    except PracticesError as error:
        return refused(request, str(error))
    messages.success(request, _("Done: the pledge is now “%(status)s”.") % {"status": PledgeStatus(spec.target).label})
    return redirect("practices:pledge", pk)


@login_required
@require_http_methods(["GET", "POST"])
def pledge_report(request, pk: int):
    pledge = visible_pledge_or_404(request, pk)
    if not can_pledge(request.user, pledge.city):
        raise PermissionDenied
    if pledge.status not in (PledgeStatus.PUBLISHED, PledgeStatus.HONOURED):
        return refused(request, _("Progress is reported on a published pledge."))
    items = list(pledge.items.all())
    form = PledgeReportForm(
        request.POST if request.method == "POST" else None,
        items=items,
        initial={"reported_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                pledge_services.pledge_report_create(
                    actor=request.user,
                    pledge=pledge,
                    reported_on=form.cleaned_data["reported_on"],
                    text=form.cleaned_data["text"],
                    statuses=form.statuses(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except NotYourMove:
                raise PermissionDenied from None
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("The progress report is published on the pledge's page."))
                return redirect(pledge.get_absolute_url())
    return render(request, "practices/pledge_report_form.html", {"pledge": pledge, "form": form}, status=status)


@login_required
@require_GET
def staff_pledges(request):
    if not can_publish_pledges(request.user):
        raise PermissionDenied
    page = keyset_page(
        pledge_selectors.pledges_to_publish(),
        request.GET.get(CURSOR_PARAMETER),
        per_page=STAFF_PER_PAGE,
        field_name="submitted_at",
        order=OLDEST_FIRST,
    )
    return render(request, "practices/staff_pledges.html", {"page": page})
