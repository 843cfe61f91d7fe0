import csv
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cities.models import City
from exchanges import selectors, services
from exchanges.errors import ExchangesError, NotFound
from exchanges.forms import (
    AssignForm,
    CommentForm,
    ConflictForm,
    DecisionForm,
    FindingForm,
    OpenReviewForm,
    OptionalReasonForm,
    PartnerForm,
    ProposalForm,
    ReasonForm,
    RegisterFilterForm,
    ReportForm,
    ReviewForm,
)
from exchanges.models import (
    CHECKLIST,
    SENSITIVE_FIELD_CHOICES,
    Comment,
    Condition,
    Direction,
    ExchangeType,
    Finding,
    PartnerAgency,
    Proposal,
    Status,
)
from exchanges.permissions import (
    can_comment,
    can_decide,
    can_edit_proposal,
    can_moderate_comments,
    can_propose,
    can_read_letter,
    can_review,
    can_screen,
    can_see_sensitive,
    can_use_staff_pages,
    can_verify_findings,
    is_assigned,
    is_panel_reviewer,
    is_proposer,
)
from exchanges.workflow import MOVES, allowed_moves
from network import page_cache
from network.keyset import CURSOR_PARAMETER, OLDEST_FIRST, keyset_page
from network.page_cache import ALL_PARTS, visitor_page
from network.refusals import add_service_errors, refused

PER_PAGE = 25
LETTER_LANGUAGES = ("en", "fr", "es")


def _proposal(request, pk: int) -> Proposal:
    try:
        return selectors.proposal_for(pk, user=request.user)
    except NotFound:
        raise Http404 from None


# --- The public register -------------------------------------------------------------------------------------


def _register_filters(request) -> tuple[RegisterFilterForm, dict]:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, filters


@visitor_page(parts=ALL_PARTS)
@require_GET
def register(request):
    form, filters = _register_filters(request)
    proposals = selectors.register(filters=filters)
    page = Paginator(proposals, PER_PAGE).get_page(request.GET.get("page"))
    rows = [selectors.register_row(proposal, user=request.user) for proposal in page]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "totals": selectors.register_totals(proposals),
        "query": request.GET.urlencode(),
        "is_reviewer": is_panel_reviewer(request.user),
        "proposable_cities": _proposable_cities(request.user),
    }
    return render(request, "exchanges/register.html", context, status=200 if not form.errors else 400)


def _proposable_cities(user) -> list[City]:
    if not user.is_authenticated:
        return []
    return [
        city for city in City.objects.filter(representatives__user=user).order_by("name") if can_propose(user, city)
    ]


@require_GET
def register_csv(request):
    _form, filters = _register_filters(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="exchange-register.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["id", "title", "city", "partners", "countries", "type", "starts_on", "ends_on", "decision", "decided_at",
         "rationale_summary", "conditions", "cost_eur", "payer", "funding_opportunity", "funder", "funder_kind",
         "funding_amount", "funding_currency"]
    )  # fmt: skip
    for proposal in selectors.register(filters=filters).iterator(chunk_size=500):
        row = selectors.register_row(proposal)
        writer.writerow(
            [
                row["id"],
                _cell(row["title"]),
                _cell(row["city"]),
                "; ".join(_cell(p["name"]) for p in row["partners"]) if row["partners"] is not None else "withheld",
                "; ".join(p["country"] for p in row["partners"]) if row["partners"] is not None else "withheld",
                row["type"],
                row["starts_on"] or ("withheld" if "dates" in row["withheld"] else ""),
                row["ends_on"] or ("withheld" if "dates" in row["withheld"] else ""),
                row["decision"],
                row["decided_at"].date().isoformat() if row["decided_at"] else "",
                _cell(row["rationale_summary"]) if row["rationale_summary"] is not None else "withheld",
                "; ".join(_cell(c["measure"]) for c in row["conditions"])
                if row["conditions"] is not None
                else "withheld",
                row["cost"] if row["cost"] is not None else ("withheld" if "cost" in row["withheld"] else ""),
                row["payer"] if row["payer"] is not None else "withheld",
                *_funding_cells(row),
            ]
        )
    return response


def _funding_cells(row: dict) -> list:
    """The opportunity that funds the exchange, its funder and kind, and the amount: "withheld" where the decision
    withholds the cost, empty where no opportunity funds it."""
    funding = row["funding"]
    if funding is None:
        return ["withheld" if "cost" in row["withheld"] else ""] * 5
    return [
        funding["opportunity"],
        _cell(funding["funder"]),
        funding["funder_kind"],
        funding["amount"] if funding["amount"] is not None else "",
        funding["currency"],
    ]


@require_GET
def register_funders_csv(request):
    """The register's totals per funder and per kind of funder (with the register's filters), as on the page: one
    row per funder (or kind) and currency, counting the exchanges that went ahead and leaving out the costs a
    decision withholds."""
    _form, filters = _register_filters(request)
    totals = selectors.register_totals(selectors.register(filters=filters))
    # A byte-order mark first: without it, Excel reads the file as Latin-1 and garbles "Ministère".
    response = HttpResponse("\ufeff", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="exchange-register-funders.csv"'
    writer = csv.writer(response)
    writer.writerow(["grouped_by", "funder", "currency", "amount", "exchanges"])
    for entry in totals["by_funder"]:
        writer.writerow(["funder", _cell(entry["funder"]), entry["currency"], entry["amount"], entry["exchanges"]])
    for entry in totals["by_funder_kind"]:
        writer.writerow(["funder_kind", entry["kind"], entry["currency"], entry["amount"], entry["exchanges"]])
    return response


def _cell(text: str) -> str:
    # A spreadsheet must not run what people wrote as a formula.
    return f"'{text}" if text and text[0] in "=+-@\t\r" else text


@require_GET
def register_feed(request):
    feed = Atom1Feed(
        title=_("Exchange decisions"),
        link=request.build_absolute_uri(reverse("exchanges:register")),
        description=_("Decisions of the network on proposed police exchanges."),
        feed_url=request.build_absolute_uri(reverse("exchanges:feed")),
        language=translation.get_language(),
    )
    for proposal in selectors.register()[:50]:
        row = selectors.register_row(proposal)
        partners = ", ".join(p["name"] for p in row["partners"]) if row["partners"] is not None else _("withheld")
        description = _("%(city)s with %(partners)s: %(decision)s.") % {
            "city": row["city"],
            "partners": partners,
            "decision": row["decision_label"],
        }
        if row["rationale_summary"]:
            description = f"{description} {row['rationale_summary']}"
        if row["funding"] is not None:
            funded = _("Funded by %(funder)s (%(kind)s).") % {
                "funder": row["funding"]["funder"],
                "kind": row["funding"]["funder_kind_label"],
            }
            description = f"{description} {funded}"
        feed.add_item(
            title=f"{row['title']} — {row['decision_label']}",
            link=request.build_absolute_uri(reverse("exchanges:proposal", args=[row["id"]])),
            description=description,
            pubdate=row["decided_at"],
            updateddate=row["decided_at"],
            unique_id=request.build_absolute_uri(reverse("exchanges:proposal", args=[row["id"]])),
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


# --- Partners ------------------------------------------------------------------------------------------------


@visitor_page(parts=ALL_PARTS)
@require_GET
def partner_list(request):
    query = request.GET.get("q", "")[:200]
    page = Paginator(selectors.partners_search(query), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "exchanges/partner_list.html", {"page": page, "query": query})


@visitor_page(parts=ALL_PARTS)
@require_GET
def partner_detail(request, pk: int):
    try:
        partner = selectors.partner_detail(pk, user=request.user, with_findings=False)
    except NotFound:
        raise Http404 from None
    # An agency may carry hundreds of findings over decades: a page of them at a time, with their count by
    # severity above so that the whole record shows at a glance.
    findings = selectors.partner_findings(request.user).filter(partner=partner)
    page = Paginator(findings, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "partner": partner,
        "page": page,
        "findings": page.object_list,
        "severity_counts": selectors.severity_counts(findings),
        "can_verify": can_verify_findings(request.user),
    }
    return render(request, "exchanges/partner_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request):
    form = PartnerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                partner = services.partner_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except ExchangesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("The agency is in the registry."))
                return redirect(partner.get_absolute_url())
    return render(request, "exchanges/partner_form.html", {"form": form}, status=status)


# --- Proposals: the city's side ------------------------------------------------------------------------------


@login_required
@require_GET
def my_proposals(request):
    page = Paginator(selectors.proposals_of_user(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "exchanges/my_proposals.html", {"page": page, "cities": _proposable_cities(request.user)})


def _initial_from_alternative(request) -> dict:
    """The one-click start of a study visit to a city that adopted a practice, from a rejection's alternatives."""
    from practices.models import Practice

    initial = {}
    practice = Practice.objects.filter(slug=request.GET.get("practice", "")).first()
    host = City.objects.filter(slug=request.GET.get("host", "")).first()
    if practice is not None:
        initial["practices"] = [practice.pk]
        initial["direction"] = Direction.MUTUAL
        initial["exchange_type"] = ExchangeType.STUDY_VISIT
        initial["objectives"] = _("Learn how %(host)s runs “%(practice)s”.") % {
            "host": host.name if host else _("a member city"),
            "practice": practice.title,
        }
        initial["title"] = _("Study visit: %(practice)s") % {"practice": practice.title}
        if host is not None:
            agency = PartnerAgency.objects.filter(member_agency__city=host).first()
            if agency is not None:
                initial["partners"] = [agency.pk]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request, city_slug: str):
    city = get_object_or_404(City, slug=city_slug)
    if not can_propose(request.user, city):
        raise PermissionDenied
    form = ProposalForm(
        request.POST or None, request.FILES or None, user=request.user, initial=_initial_from_alternative(request)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                proposal = services.proposal_create(
                    actor=request.user,
                    city=city,
                    partners=form.cleaned_data["partners"],
                    practices=form.cleaned_data["practices"],
                    agenda=form.cleaned_data.get("agenda"),
                    curriculum=form.cleaned_data.get("curriculum"),
                    **form.proposal_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your draft is saved. Submit it when it is complete."))
                return redirect(proposal.get_absolute_url())
    return render(request, "exchanges/proposal_form.html", {"form": form, "city": city}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk: int):
    proposal = _proposal(request, pk)
    if not can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, request.FILES or None, instance=proposal, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.proposal_update(
                    actor=request.user,
                    proposal=proposal,
                    partners=form.cleaned_data["partners"],
                    practices=form.cleaned_data["practices"],
                    agenda=form.cleaned_data.get("agenda"),
                    curriculum=form.cleaned_data.get("curriculum"),
                    **form.proposal_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except ExchangesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("Your draft is saved."))
                return redirect(proposal.get_absolute_url())
    context = {"form": form, "city": proposal.city, "proposal": proposal}
    return render(request, "exchanges/proposal_form.html", context, status=status)


def _proposal_context(request, proposal: Proposal) -> dict:
    user = request.user
    sees_all = can_see_sensitive(user) or is_proposer(user, proposal) or is_assigned(user, proposal)
    return {
        "proposal": proposal,
        "row": selectors.register_row(proposal, user=user if sees_all else None),
        "sees_all": sees_all,
        "is_proposer": is_proposer(user, proposal),
        "can_edit": can_edit_proposal(user, proposal),
        "city_moves": [move for move in allowed_moves(proposal.status) if move.actor == "city"],
        "comments": list(selectors.comments_for(user, proposal)),
        "can_comment": can_comment(user, proposal),
        "comment_form": CommentForm(),
        "can_moderate": can_moderate_comments(user),
        "alternatives": selectors.alternatives(proposal) if proposal.status == "rejected" else [],
        "can_read_letter": can_read_letter(user, proposal),
        "letter_languages": LETTER_LANGUAGES,
        "can_review": can_review(user, proposal),
        "is_staff": can_screen(user) or can_decide(user),
        "timeline": list(proposal.timeline.all()) if sees_all else [],
    }


@require_GET
def proposal_detail(request, pk: int):
    proposal = _proposal(request, pk)
    return render(request, "exchanges/proposal_detail.html", _proposal_context(request, proposal))


CITY_MOVE_FORMS = {"submit": None, "withdraw": OptionalReasonForm, "complete": ReportForm}


@login_required
@require_http_methods(["GET", "POST"])
def proposal_move(request, pk: int, move: str):
    if move not in CITY_MOVE_FORMS:
        raise Http404
    proposal = _proposal(request, pk)
    if not is_proposer(request.user, proposal):
        raise PermissionDenied
    form_class = CITY_MOVE_FORMS[move]
    form = form_class(request.POST or None) if form_class else None
    status = 200
    if request.method == "POST":
        status = 400
        if form is None or form.is_valid():
            try:
                if move == "submit":
                    services.proposal_submit(actor=request.user, proposal=proposal)
                elif move == "withdraw":
                    services.proposal_withdraw(
                        actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
                    )
                else:
                    services.proposal_complete(
                        actor=request.user, proposal=proposal, report=form.cleaned_data["report"]
                    )
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()))
                    return redirect("exchanges:edit", proposal.pk)
                add_service_errors(form, error)
            except ExchangesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("Done: %(move)s.") % {"move": MOVES[move].label})
                return redirect(proposal.get_absolute_url())
    context = {"proposal": proposal, "form": form, "move": MOVES[move]}
    return render(request, "exchanges/proposal_move.html", context, status=status)


@login_required
@require_POST
def comment_create(request, pk: int):
    proposal = _proposal(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_create(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except ExchangesError as error:
            return refused(request, str(error))
        else:
            messages.success(request, _("Thank you: your comment is recorded."))
            return redirect(f"{proposal.get_absolute_url()}#comments")
    context = _proposal_context(request, proposal)
    context["comment_form"] = form
    return render(request, "exchanges/proposal_detail.html", context, status=400)


@login_required
@require_POST
def comment_report(request, pk: int):
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what is wrong with this comment."))
    else:
        try:
            services.comment_report(actor=request.user, comment=comment, reason=form.cleaned_data["reason"])
        except ExchangesError as error:
            return refused(request, str(error))
        messages.success(request, _("Thank you: moderators will look at this comment."))
    return redirect(f"{comment.proposal.get_absolute_url()}#comments")


@require_GET
def rejection_letter(request, pk: int):
    proposal = _proposal(request, pk)
    if not can_read_letter(request.user, proposal):
        raise Http404
    language = request.GET.get("lang", "en")
    if language not in LETTER_LANGUAGES:
        language = "en"
    with translation.override(language):
        text = render_to_string(
            "exchanges/rejection_letter.txt",
            {
                "proposal": proposal,
                "partners": list(proposal.partners.all()),
                "language": language,
                "site_name": settings.SITE_NAME,
            },
        )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="exchange-{proposal.pk}-letter-{language}.txt"'
    return response


# --- Staff ---------------------------------------------------------------------------------------------------


def _staff(request) -> None:
    if not can_use_staff_pages(request.user):
        raise PermissionDenied


# What the queue's table shows: its proposals, their reviews and agencies, and their cities' names.
QUEUE_TABLE_PARTS = ("exchanges", "cities")


def _kept(request, name: str, parts: tuple[str, ...], render: Callable[[], str], *, by_query: bool = False) -> str:
    """A fragment of a staff page that is the same for every member of staff who asks for it in the same language
    (nothing in it is the viewer's), kept in the shared cache under the versions of the `parts` it shows: any write
    to their tables names new versions, so a change shows on the next request (`network.page_cache`). `by_query`
    for one that depends on the address's query. Its forms are rendered with the page cache's mark where the token
    goes, and each response gets its own person's token in the mark's place."""
    bits = (page_cache.query_key(request) if by_query else "",)
    fragment = page_cache.kept_fragments(f"exchanges-{name}", parts, bits, [0], lambda _ids: {0: render()})[0]
    mark = page_cache.form_token_mark()
    if mark in fragment:
        fragment = fragment.replace(mark, get_token(request))
    return mark_safe(fragment)  # noqa: S308 - rendered by the template engine, escaped there


def _queue_table(request, status: str) -> str:
    """The queue's table and its page links (which repeat the address's other parameters)."""

    def render_table() -> str:
        # Worked first come, first served, and it grows with every proposal: paged by keyset, oldest submission
        # first.
        page = keyset_page(
            selectors.review_queue(status=status),
            request.GET.get(CURSOR_PARAMETER),
            per_page=PER_PAGE,
            field_name="submitted_at",
            order=OLDEST_FIRST,
        )
        # Without the context processors: nothing of the viewer goes in.
        return render_to_string("exchanges/_staff_queue_table.html", {"page": page, "request": request})

    return _kept(request, "queue-table", QUEUE_TABLE_PARTS, render_table, by_query=True)


def _partners_to_check(request) -> str:
    """The agencies cities added, for staff to check, each with its form."""

    def render_partners() -> str:
        partners = list(selectors.partners_awaiting_verification()[:50])
        context = {"unverified_partners": partners, "csrf_token": page_cache.form_token_mark()}
        return render_to_string("exchanges/_staff_partners_to_check.html", context)

    return _kept(request, "partners-to-check", ("exchanges",), render_partners)


@login_required
@require_GET
def staff_queue(request):
    _staff(request)
    statuses = [choice for choice in Status.choices if choice[0] != Status.DRAFT]
    status = request.GET.get("status", "")
    if status not in dict(statuses):
        status = ""
    context = {
        "queue_table": _queue_table(request, status),
        "status": status,
        "statuses": statuses,
        "findings": list(selectors.findings_awaiting_verification()[:50]),
        "partners_to_check": _partners_to_check(request),
    }
    return render(request, "exchanges/staff_queue.html", context)


STAFF_ACTIONS = ("screen", "assign", "open_review", "decide", "reopen")


@login_required
@require_http_methods(["GET", "POST"])
def staff_proposal(request, pk: int):
    _staff(request)
    proposal = _proposal(request, pk)
    forms = {
        "assign": AssignForm(prefix="assign"),
        "open_review": OpenReviewForm(prefix="open_review"),
        "decide": DecisionForm(prefix="decide"),
        "reopen": ReasonForm(prefix="reopen"),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in STAFF_ACTIONS:
            raise Http404
        status = 400
        form = None
        if action in forms:
            form = forms[action] = type(forms[action])(request.POST, prefix=action)
        try:
            if form is not None and not form.is_valid():
                raise _Invalid
            if action == "screen":
                services.proposal_screen(actor=request.user, proposal=proposal)
            elif action == "assign":
                services.reviewer_assign(actor=request.user, proposal=proposal, **form.cleaned_data)
            elif action == "open_review":
                services.proposal_open_review(actor=request.user, proposal=proposal, **form.cleaned_data)
            elif action == "decide":
                services.proposal_decide(actor=request.user, proposal=proposal, **form.decision())
            else:
                services.proposal_reopen(actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
        except _Invalid:
            pass
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(" ".join(v) for v in error.message_dict.values()))
            else:
                add_service_errors(form, error)
        except ExchangesError as error:
            return refused(request, str(error))
        else:
            messages.success(request, _("Recorded."))
            return redirect("exchanges_staff:proposal", proposal.pk)
        proposal = _proposal(request, pk)
    context = _proposal_context(request, proposal)
    context.update(
        {
            "forms": forms,
            "reviews": list(proposal.reviews.all()),
            "checklist": CHECKLIST,
            "staff_moves": [move for move in allowed_moves(proposal.status) if move.actor != "city"],
            "can_decide": can_decide(request.user),
            "withheld_labels": [str(label) for key, label in SENSITIVE_FIELD_CHOICES if proposal.withheld(key)],
        }
    )
    return render(request, "exchanges/staff_proposal.html", context, status=status)


class _Invalid(Exception):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def finding_create(request, pk: int):
    if not can_verify_findings(request.user):
        raise PermissionDenied
    partner = get_object_or_404(PartnerAgency, pk=pk)
    form = FindingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.finding_create(actor=request.user, partner=partner, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The finding is recorded; another member of staff verifies it."))
                return redirect(partner.get_absolute_url())
    return render(request, "exchanges/finding_form.html", {"form": form, "partner": partner}, status=status)


@login_required
@require_POST
def finding_verify(request, pk: int):
    if not can_verify_findings(request.user):
        raise PermissionDenied
    finding = get_object_or_404(Finding, pk=pk)
    try:
        services.finding_verify(actor=request.user, finding=finding)
    except ExchangesError as error:
        return refused(request, str(error), back="exchanges_staff:queue")
    messages.success(request, _("The finding is verified."))
    return redirect("exchanges_staff:queue")


@login_required
@require_POST
def partner_verify(request, pk: int):
    if not can_verify_findings(request.user):
        raise PermissionDenied
    partner = get_object_or_404(PartnerAgency, pk=pk)
    try:
        services.partner_verify(actor=request.user, partner=partner)
    except ExchangesError as error:
        return refused(request, str(error), back="exchanges_staff:queue")
    messages.success(request, _("The agency is verified."))
    return redirect("exchanges_staff:queue")


@login_required
@require_POST
def comment_hide(request, pk: int):
    if not can_moderate_comments(request.user):
        raise PermissionDenied
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk)
    try:
        services.comment_hide(actor=request.user, comment=comment, hidden=request.POST.get("hidden") != "0")
    except ExchangesError as error:
        return refused(request, str(error))
    return redirect(f"{comment.proposal.get_absolute_url()}#comments")


@login_required
@require_POST
def condition_done(request, pk: int):
    condition = get_object_or_404(Condition.objects.select_related("proposal__city"), pk=pk)
    if not (can_screen(request.user) or is_proposer(request.user, condition.proposal)):
        raise PermissionDenied
    try:
        services.condition_complete(actor=request.user, condition=condition)
    except ExchangesError as error:
        return refused(request, str(error))
    return redirect("exchanges:proposal", condition.proposal_id)


# --- Reviewers -----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reviewer_dashboard(request):
    if not is_panel_reviewer(request.user):
        raise PermissionDenied
    form = ConflictForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.conflict_declare(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your conflict of interest is recorded."))
                return redirect("exchanges_staff:reviews")
    from django.utils import timezone

    context = {
        "assignments": list(selectors.assignments_of(request.user)),
        "conflicts": list(request.user.exchange_conflicts.select_related("city", "partner")),
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "exchanges/reviewer_dashboard.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    proposal = _proposal(request, pk)
    if not is_assigned(request.user, proposal):
        raise PermissionDenied
    own = next(r for r in proposal.reviews.all() if r.reviewer_id == request.user.pk)
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.review_submit(
                    actor=request.user,
                    proposal=proposal,
                    checklist=form.checklist(),
                    recommendation=form.cleaned_data["recommendation"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except ExchangesError as error:
                return refused(request, str(error), back="exchanges_staff:reviews")
            else:
                messages.success(request, _("Your recommendation is recorded."))
                return redirect("exchanges_staff:review", proposal.pk)
    context = _proposal_context(request, proposal)
    context.update(
        {
            "form": form,
            "own": own,
            "own_items": [(CHECKLIST[item], value) for item, value in own.checklist.items()],
            "others": selectors.other_recommendations(request.user, proposal),
            "checklist": CHECKLIST,
        }
    )
    return render(request, "exchanges/review.html", context, status=status)
