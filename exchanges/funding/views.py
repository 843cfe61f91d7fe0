"""The funding registry's pages: the public list and an opportunity's page, following, and staff's forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchanges import selectors as exchange_selectors
from exchanges.errors import ExchangesError, NotFound
from exchanges.funding import selectors, services
from exchanges.funding.forms import FundingForm
from exchanges.models import FundingOpportunity, FundingStatus
from exchanges.permissions import can_follow_funding, can_keep_funding
from network.refusals import add_service_errors, refused

PER_PAGE = 25


def _opportunity(pk: int) -> FundingOpportunity:
    try:
        return selectors.funding_detail(pk)
    except NotFound:
        raise Http404 from None


@require_GET
def funding_list(request):
    filterset = selectors.funding_list(data=request.GET)
    form = filterset.form
    opportunities = filterset.qs if form.is_valid() else FundingOpportunity.objects.none()
    page = Paginator(opportunities, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_keep": can_keep_funding(request.user),
    }
    return render(request, "exchanges/funding_list.html", context, status=400 if form.errors else 200)


def _follow_context(request, opportunity: FundingOpportunity) -> dict:
    return {
        "opportunity": opportunity,
        "following": selectors.is_following(request.user, opportunity),
        "follower_count": selectors.follower_count(opportunity),
        "can_follow": can_follow_funding(request.user) and opportunity.status == FundingStatus.OPEN,
    }


@require_GET
def funding_detail(request, pk: int):
    opportunity = _opportunity(pk)
    proposals = selectors.funded_proposals(opportunity)
    page = Paginator(proposals, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        **_follow_context(request, opportunity),
        "page": page,
        "rows": [exchange_selectors.register_row(proposal) for proposal in page],
        "totals": exchange_selectors.register_totals(proposals),
        "can_keep": can_keep_funding(request.user),
    }
    return render(request, "exchanges/funding_detail.html", context)


@login_required
@require_POST
def funding_follow(request, pk: int):
    opportunity = _opportunity(pk)
    if not can_follow_funding(request.user):
        raise PermissionDenied
    services.funding_follow(user=request.user, opportunity=opportunity, follow=request.POST.get("follow") != "0")
    if request.htmx:
        return render(request, "exchanges/_funding_follow.html", _follow_context(request, opportunity))
    return redirect(opportunity)


# --- Staff ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def funding_create(request):
    if not can_keep_funding(request.user):
        raise PermissionDenied
    form = FundingForm(request.POST or None, initial={"status": FundingStatus.OPEN})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                opportunity = services.funding_create(actor=request.user, **form.funding_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The opportunity is in the funding registry."))
                return redirect(opportunity)
    return render(request, "exchanges/funding_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def funding_edit(request, pk: int):
    if not can_keep_funding(request.user):
        raise PermissionDenied
    opportunity = _opportunity(pk)
    if opportunity.status == FundingStatus.ARCHIVED:
        return refused(request, _("An archived opportunity is kept as it was."))
    form = FundingForm(request.POST or None, instance=opportunity)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.funding_update(actor=request.user, opportunity=opportunity, **form.funding_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            except ExchangesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("The opportunity is saved."))
                return redirect(opportunity)
    context = {"form": form, "opportunity": opportunity}
    return render(request, "exchanges/funding_form.html", context, status=status)


@login_required
@require_POST
def funding_archive(request, pk: int):
    if not can_keep_funding(request.user):
        raise PermissionDenied
    opportunity = _opportunity(pk)
    try:
        services.funding_archive(actor=request.user, opportunity=opportunity)
    except ExchangesError as error:
        return refused(request, str(error))
    messages.success(request, _("The opportunity is archived."))
    return redirect(opportunity)
