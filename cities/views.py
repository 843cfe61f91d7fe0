from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from cities import challenges, selectors, services
from cities.errors import CitiesError
from cities.filters import CityFilter, with_directory_defaults
from cities.forms import (
    AgencyForm,
    ApplicationForm,
    ApprovalForm,
    ChallengeForm,
    InvitationForm,
    LegalSystemForm,
    MessageForm,
    PlaceChoiceForm,
    ReasonForm,
    WithdrawalForm,
)
from cities.member_map import member_map
from cities.models import (
    CHARTER_COMMITMENTS,
    ApplicationStatus,
    City,
    CityChallenge,
    Invitation,
    MembershipApplication,
    PoliceAgency,
    Representative,
)
from cities.permissions import (
    can_apply,
    can_delete_application,
    can_edit_application,
    can_edit_city,
    can_follow_city,
    can_manage_representatives,
    can_record_challenges,
    can_review_applications,
    can_suspend_membership,
    can_view_application,
    can_withdraw_application,
)
from cities.sections import CHALLENGE_PAGE, CITY_PAGE
from network.accounts import return_after_joining
from network.htmx import whole_page_instead
from network.keyset import CURSOR_PARAMETER, OLDEST_FIRST, keyset_page
from network.notifications.services import follow_create, follow_delete
from network.page_cache import ALL_PARTS, visitor_page
from network.refusals import add_service_errors, refused

CITIES_PER_PAGE = 25
APPLICATIONS_PER_PAGE = 25
MY_APPLICATIONS_SHOWN = 5

# --- Directory and city pages -------------------------------------------------------------------------------


@visitor_page(parts=ALL_PARTS)
@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def city_list(request):
    filters = CityFilter(with_directory_defaults(request.GET), queryset=selectors.cities_for_directory())
    valid = filters.is_valid()
    cities = filters.qs if valid else City.objects.none()
    page = Paginator(cities, CITIES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_badges(page.object_list)
    status = 200 if valid else 400
    if request.htmx and request.htmx.target == "city-results":
        if not valid:
            return whole_page_instead(request)
        return render(request, "cities/_city_results.html", {"filters": filters, "page": page}, status=status)
    context = {"filters": filters, "page": page, "member_map": member_map()}
    return render(request, "cities/city_list.html", context, status=status)


def _profile_context(request, city: City) -> dict:
    user = request.user
    return {
        "city": city,
        "agencies": list(city.agencies.all()),
        "representatives": list(city.representatives.all()),
        "follower_count": selectors.follower_count(city),
        "following": selectors.is_following(user, city),
        "can_follow": can_follow_city(user),
        "can_edit": can_edit_city(user, city),
        "can_manage": can_manage_representatives(user, city),
        "can_suspend": can_suspend_membership(user),
        "sections": CITY_PAGE.render_context(request, city),
    }


@visitor_page(parts=ALL_PARTS, by_day=True)
@require_GET
def city_detail(request, slug: str):
    try:
        city = selectors.city_profile(slug)
    except City.DoesNotExist:
        raise Http404 from None
    return render(request, "cities/city_detail.html", _profile_context(request, city))


@login_required
@require_POST
def city_follow(request, slug: str):
    city = get_object_or_404(City, slug=slug)
    if not can_follow_city(request.user):
        raise PermissionDenied
    if request.POST.get("follow") == "0":
        follow_delete(user=request.user, target=city)
    else:
        follow_create(user=request.user, target=city)
    if request.htmx:
        context = {
            "city": city,
            "following": selectors.is_following(request.user, city),
            "follower_count": selectors.follower_count(city),
            "can_follow": True,
        }
        return render(request, "cities/_follow.html", context)
    return redirect(city)


@login_required
@require_GET
def my_cities(request):
    """What a person does as a city's representative, and as an applicant, in one place: each city they represent
    with what they may do for it (its page, police agencies, colleagues and invitations, the sections other parts
    add, such as the adoption record), then their applications."""
    user = request.user
    cities = [
        {
            "city": representation.city,
            "is_lead": representation.is_lead,
            "pending_invitations": representation.pending_invitations,
            "can_edit": can_edit_city(user, representation.city),
            "can_manage": can_manage_representatives(user, representation.city),
            "sections": CITY_PAGE.render_context(request, representation.city),
        }
        for representation in selectors.representations_of(user)
    ]
    applications = list(selectors.applications_of(user)[: MY_APPLICATIONS_SHOWN + 1])
    context = {
        "cities": cities,
        "applications": applications[:MY_APPLICATIONS_SHOWN],
        "more_applications": len(applications) > MY_APPLICATIONS_SHOWN,
        "can_apply": can_apply(user),
    }
    return render(request, "cities/mine.html", context)


# --- Gazetteer ----------------------------------------------------------------------------------------------


@require_GET
def gazetteer(request):
    """Find a city by the start of its name. A full page without JavaScript; with htmx, the results only."""
    query = request.GET.get("q", "").strip()[:100]
    context = {"query": query, "places": selectors.gazetteer_search(query), "choosing": request.GET.get("choose")}
    if request.htmx:
        return render(request, "cities/_gazetteer_results.html", context)
    return render(request, "cities/gazetteer.html", context)


# --- Applications -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def application_start(request):
    """Step one: which city. The search works as a plain form; htmx shows the matches while typing."""
    if not can_apply(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    form = PlaceChoiceForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                application = services.application_create(actor=request.user, geonames_id=form.cleaned_data["place"])
            except ValidationError as error:
                add_service_errors(form, error)
            except CitiesError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                return redirect("cities:application_edit", application.pk)
    context = {"query": query, "places": selectors.gazetteer_search(query), "form": form, "choosing": "1"}
    return render(request, "cities/application_start.html", context, status=status)


def _own_application(request, pk: int) -> MembershipApplication:
    try:
        application = selectors.application_detail(pk)
    except MembershipApplication.DoesNotExist:
        raise Http404 from None
    if not can_view_application(request.user, application):
        raise Http404
    return application


@login_required
@require_GET
def application_list(request):
    page = Paginator(selectors.applications_of(request.user), APPLICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cities/application_list.html", {"page": page})


@login_required
@require_GET
def application_detail(request, pk: int):
    application = _own_application(request, pk)
    context = {
        "application": application,
        "can_edit": can_edit_application(request.user, application),
        "can_withdraw": can_withdraw_application(request.user, application),
        "can_delete": can_delete_application(request.user, application),
        "messages_about": selectors.application_messages(application),
        "message_form": MessageForm() if application.status != ApplicationStatus.DRAFT else None,
        "commitments": [(label, getattr(application, field)) for field, label in CHARTER_COMMITMENTS.items()],
    }
    return render(request, "cities/application_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk: int):
    """Save a draft or submit. What passed its checks is saved even when something else (a refused file, a
    malformed address) did not, and every error is shown at once: the form's own, and on submitting, whatever
    is still missing."""
    application = _own_application(request, pk)
    if not can_edit_application(request.user, application):
        return refused(request, _("This application cannot be changed now."), "cities:applications")
    form = ApplicationForm(
        request.POST if request.method == "POST" else None, request.FILES or None, instance=application
    )
    status = 200
    saved_with_errors = False
    if request.method == "POST":
        status = 400
        form.is_valid()
        saved = False
        try:
            application = services.application_update(
                actor=request.user,
                application=application,
                letter=form.valid_letter(),
                **form.application_fields(),
            )
            saved = True
        except ValidationError as error:
            add_service_errors(form, error)
        except CitiesError as error:
            form.add_error(None, str(error))
            status = 409
        if saved and request.POST.get("action") == "submit":
            if form.errors:
                for field, field_errors in services.submission_errors(application).items():
                    if field not in form.errors:
                        form.add_error(field, field_errors)
            else:
                try:
                    services.application_submit(actor=request.user, application=application)
                except ValidationError as error:
                    add_service_errors(form, error)
                except CitiesError as error:
                    form.add_error(None, str(error))
                    status = 409
                else:
                    messages.success(request, _("Your application has been submitted. Staff will be in touch."))
                    return redirect(application)
        if saved and not form.errors:
            messages.success(request, _("Your draft has been saved. You can finish it later."))
            return redirect("cities:application_edit", application.pk)
        saved_with_errors = saved
    application.refresh_from_db()
    context = {
        "application": application,
        "form": form,
        "commitment_fields": list(CHARTER_COMMITMENTS),
        "saved_with_errors": saved_with_errors,
    }
    return render(request, "cities/application_form.html", context, status=status)


def _message_post(request, application: MembershipApplication, back: str, template: str, context: dict):
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.application_message_send(
                actor=request.user, application=application, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except CitiesError as error:
            return refused(request, str(error))
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect(back)
    context = {**context, "message_form": form, "messages_about": selectors.application_messages(application)}
    return render(request, template, context, status=400)


@login_required
@require_POST
def application_message(request, pk: int):
    """The applicant answers network staff about a submitted application."""
    application = _own_application(request, pk)
    context = {
        "application": application,
        "can_edit": can_edit_application(request.user, application),
        "can_withdraw": can_withdraw_application(request.user, application),
        "can_delete": can_delete_application(request.user, application),
        "commitments": [(label, getattr(application, field)) for field, label in CHARTER_COMMITMENTS.items()],
    }
    back = reverse("cities:application", args=[application.pk])
    return _message_post(request, application, back, "cities/application_detail.html", context)


@login_required
@require_POST
def staff_application_message(request, pk: int):
    """Staff write to the applicant, who is told through the platform: staff never see the applicant's addresses."""
    application = _staff_application(request, pk)
    context = {
        "application": application,
        "forms": {move: form_class(prefix=move) for move, (_service, form_class) in STAFF_MOVES.items()},
        "commitments": [(label, getattr(application, field)) for field, label in CHARTER_COMMITMENTS.items()],
    }
    back = reverse("cities_staff:application", args=[application.pk])
    return _message_post(request, application, back, "cities/staff_application_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request, pk: int):
    """Take back an application staff have not decided on: a page that asks first, then the move."""
    application = _own_application(request, pk)
    if not can_withdraw_application(request.user, application):
        return refused(
            request, _("Only an application waiting for a decision can be withdrawn."), "cities:applications"
        )
    form = WithdrawalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        except CitiesError as error:
            return refused(request, str(error), "cities:applications")
        messages.success(request, _("Your application has been withdrawn. You can apply again at any time."))
        return redirect("cities:applications")
    context = {"application": application, "form": form, "move": "withdraw"}
    return render(request, "cities/application_confirm.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def application_delete(request, pk: int):
    """Delete a draft staff never saw: a page that asks first, then the deletion."""
    application = _own_application(request, pk)
    if not can_delete_application(request.user, application):
        return refused(request, _("Only a draft that was never submitted can be deleted."), "cities:applications")
    if request.method == "POST":
        try:
            services.application_delete(actor=request.user, application=application)
        except CitiesError as error:
            return refused(request, str(error), "cities:applications")
        messages.success(request, _("The draft for %(city)s has been deleted.") % {"city": application.city.name})
        return redirect("cities:applications")
    return render(request, "cities/application_confirm.html", {"application": application, "move": "delete"})


def letter_response(application: MembershipApplication) -> FileResponse:
    """The letter as a download, never shown inline: a sandboxing policy and no type sniffing, whatever it holds."""
    if not application.letter:
        raise Http404
    try:
        handle = application.letter.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"letter-of-commitment-{application.pk}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def application_letter(request, pk: int):
    return letter_response(_own_application(request, pk))


# --- Police agencies ----------------------------------------------------------------------------------------


def _agency_form(request, city: City, agency: PoliceAgency | None):
    """Add (agency None) or edit one of the city's police agencies."""
    if not can_edit_city(request.user, city):
        raise PermissionDenied
    form = AgencyForm(request.POST if request.method == "POST" else None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            if agency is None:
                services.agency_create(actor=request.user, city=city, **form.cleaned_data)
            else:
                services.agency_update(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except CitiesError as error:
            return refused(request, str(error))
        else:
            messages.success(request, _("The police agency has been saved."))
            return redirect(city)
    status = 400 if request.method == "POST" else 200
    return render(request, "cities/agency_form.html", {"city": city, "form": form, "agency": agency}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request, slug: str):
    return _agency_form(request, get_object_or_404(City, slug=slug), None)


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request, slug: str, pk: int):
    agency = get_object_or_404(PoliceAgency.objects.select_related("city"), pk=pk, city__slug=slug)
    return _agency_form(request, agency.city, agency)


# --- Challenges and legal system ----------------------------------------------------------------------------


def _city(slug: str) -> City:
    return get_object_or_404(City, slug=slug)


@require_GET
def challenge_list(request, slug: str):
    city = _city(slug)
    context = {
        "city": city,
        "challenges": list(selectors.challenges_of_city(city)),
        "can_record": can_record_challenges(request.user, city),
    }
    return render(request, "cities/challenge_list.html", context)


def _challenge_form(request, city: City, challenge: CityChallenge | None):
    if not can_record_challenges(request.user, city):
        raise PermissionDenied
    form = ChallengeForm(request.POST if request.method == "POST" else None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            if challenge is None:
                challenge = challenges.challenge_create(actor=request.user, city=city, **form.cleaned_data)
            else:
                challenge = challenges.challenge_update(actor=request.user, challenge=challenge, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except CitiesError as error:
            return refused(request, str(error))
        else:
            messages.success(request, _("The challenge has been saved."))
            return redirect(challenge)
    status = 400 if request.method == "POST" else 200
    context = {"city": city, "form": form, "challenge": challenge}
    return render(request, "cities/challenge_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def challenge_create(request, slug: str):
    return _challenge_form(request, _city(slug), None)


def _challenge(slug: str, pk: int) -> CityChallenge:
    try:
        return selectors.challenge_detail(city_slug=slug, pk=pk)
    except CityChallenge.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request, slug: str, pk: int):
    challenge = _challenge(slug, pk)
    return _challenge_form(request, challenge.city, challenge)


@login_required
@require_http_methods(["GET", "POST"])
def challenge_delete(request, slug: str, pk: int):
    challenge = _challenge(slug, pk)
    if not can_record_challenges(request.user, challenge.city):
        raise PermissionDenied
    if request.method == "POST":
        try:
            challenges.challenge_delete(actor=request.user, challenge=challenge)
        except CitiesError as error:
            return refused(request, str(error))
        messages.success(request, _("The challenge has been removed."))
        return redirect("cities:challenges", challenge.city.slug)
    return render(request, "cities/challenge_delete.html", {"city": challenge.city, "challenge": challenge})


@require_GET
def challenge_detail(request, slug: str, pk: int):
    challenge = _challenge(slug, pk)
    context = {
        "city": challenge.city,
        "challenge": challenge,
        "agencies": list(challenge.city.agencies.all()),
        "can_record": can_record_challenges(request.user, challenge.city),
        "sections": CHALLENGE_PAGE.render_context(request, challenge),
    }
    return render(request, "cities/challenge_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def legal_system_edit(request, slug: str):
    city = _city(slug)
    if not can_record_challenges(request.user, city):
        raise PermissionDenied
    form = LegalSystemForm(request.POST if request.method == "POST" else None, instance=city)
    if request.method == "POST" and form.is_valid():
        try:
            challenges.legal_system_set(actor=request.user, city=city, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except CitiesError as error:
            return refused(request, str(error))
        else:
            messages.success(request, _("The legal system has been saved."))
            return redirect(city)
    status = 400 if request.method == "POST" else 200
    return render(request, "cities/legal_system_form.html", {"city": city, "form": form}, status=status)


# --- Representatives and invitations ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def representatives(request, slug: str):
    city = get_object_or_404(City, slug=slug)
    if not can_manage_representatives(request.user, city):
        raise PermissionDenied
    form = InvitationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.invitation_create(actor=request.user, city=city, email=form.cleaned_data["email"])
            except ValidationError as error:
                add_service_errors(form, error)
            except CitiesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("The invitation is on its way. The link is valid for 7 days."))
                return redirect("cities:representatives", city.slug)
    representatives = list(selectors.representatives_of(city))
    context = {
        "city": city,
        "form": form,
        "representatives": representatives,
        # A city keeps at least one lead: the last one is not offered a removal that would be refused.
        "lead_count": sum(1 for representative in representatives if representative.is_lead),
        "invitations": list(selectors.pending_invitations(city)),
    }
    return render(request, "cities/representatives.html", context, status=status)


@login_required
@require_POST
def representative_remove(request, slug: str, pk: int):
    representative = get_object_or_404(Representative.objects.select_related("city", "user"), pk=pk, city__slug=slug)
    if not can_manage_representatives(request.user, representative.city):
        raise PermissionDenied
    try:
        services.representative_remove(actor=request.user, representative=representative)
    except CitiesError as error:
        return refused(request, str(error))
    messages.success(request, _("%(handle)s no longer represents the city.") % {"handle": representative.user.handle})
    if representative.user_id == request.user.pk:
        return redirect(representative.city)
    return redirect("cities:representatives", slug)


@login_required
@require_POST
def representative_make_lead(request, slug: str, pk: int):
    representative = get_object_or_404(Representative.objects.select_related("city", "user"), pk=pk, city__slug=slug)
    if not can_manage_representatives(request.user, representative.city):
        raise PermissionDenied
    try:
        services.representative_make_lead(actor=request.user, representative=representative)
    except CitiesError as error:
        return refused(request, str(error))
    messages.success(request, _("%(handle)s is now a lead representative.") % {"handle": representative.user.handle})
    return redirect("cities:representatives", slug)


@login_required
@require_POST
def invitation_revoke(request, slug: str, pk: int):
    invitation = get_object_or_404(Invitation.objects.select_related("city"), pk=pk, city__slug=slug)
    if not can_manage_representatives(request.user, invitation.city):
        raise PermissionDenied
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except CitiesError as error:
        return refused(request, str(error))
    messages.success(
        request,
        _("The invitation sent to %(email)s has been withdrawn; its link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("cities:representatives", slug)


@require_http_methods(["GET", "POST"])
def invitation(request, key: str):
    """The link from the invitation email: sign up or sign in with the invited address, then accept."""
    try:
        invitation = services.invitation_for_key(key)
    except CitiesError as error:
        return render(request, "cities/invitation.html", {"problem": str(error)}, status=404)
    problem = services.invitation_problem(invitation, request.user)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        try:
            services.invitation_accept(actor=request.user, key=key)
        except CitiesError as error:
            problem = str(error)
        else:
            return_after_joining.forget(request)
            messages.success(request, _("Welcome: you now represent %(city)s.") % {"city": invitation.city.name})
            return redirect(invitation.city)
    signup_url = ""
    if not problem and not request.user.is_authenticated:
        # Whoever signs up from here comes back here once their address is verified, with it filled in.
        return_after_joining.remember(request, request.path)
        signup_url = f"{reverse('account_signup')}?{urlencode({'email': invitation.email, 'next': request.path})}"
    context = {"invitation": invitation, "problem": problem, "key": key, "signup_url": signup_url}
    return render(request, "cities/invitation.html", context, status=409 if problem else 200)


# --- Staff --------------------------------------------------------------------------------------------------


@login_required
@require_GET
def staff_application_list(request):
    if not can_review_applications(request.user):
        raise PermissionDenied
    # Drafts are the applicant's own business until they submit them.
    statuses = [(value, label) for value, label in ApplicationStatus.choices if value != ApplicationStatus.DRAFT]
    status = request.GET.get("status", "")
    if status not in dict(statuses):
        status = ApplicationStatus.SUBMITTED
    # The queue is worked first come, first served, and can grow deep: paged by keyset, oldest submission first.
    page = keyset_page(
        selectors.application_queue(status=status),
        request.GET.get(CURSOR_PARAMETER),
        per_page=APPLICATIONS_PER_PAGE,
        field_name="submitted_at",
        order=OLDEST_FIRST,
    )
    context = {"page": page, "status": status, "statuses": statuses}
    return render(request, "cities/staff_application_list.html", context)


def _staff_application(request, pk: int) -> MembershipApplication:
    if not can_review_applications(request.user):
        raise PermissionDenied
    try:
        return selectors.application_for_staff(pk)
    except MembershipApplication.DoesNotExist:
        raise Http404 from None


STAFF_MOVES = {
    "approve": (services.application_approve, ApprovalForm),
    "decline": (services.application_decline, ReasonForm),
    "request_info": (services.application_request_info, ReasonForm),
}


@login_required
@require_http_methods(["GET", "POST"])
def staff_application_detail(request, pk: int):
    application = _staff_application(request, pk)
    forms = {move: form_class(prefix=move) for move, (_service, form_class) in STAFF_MOVES.items()}
    status = 200
    if request.method == "POST":
        move = request.POST.get("move", "")
        if move not in STAFF_MOVES:
            raise Http404
        service, form_class = STAFF_MOVES[move]
        form = forms[move] = form_class(request.POST, prefix=move)
        status = 400
        if form.is_valid():
            try:
                service(actor=request.user, application=application, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_errors(form, error)
            except CitiesError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Your decision has been recorded and the applicant told."))
                return redirect("cities_staff:application", application.pk)
    context = {
        "application": application,
        "forms": forms,
        "message_form": MessageForm(),
        "messages_about": selectors.application_messages(application),
        "commitments": [(label, getattr(application, field)) for field, label in CHARTER_COMMITMENTS.items()],
    }
    return render(request, "cities/staff_application_detail.html", context, status=status)


@login_required
@require_GET
def staff_application_letter(request, pk: int):
    return letter_response(_staff_application(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def staff_membership(request, slug: str):
    if not can_suspend_membership(request.user):
        raise PermissionDenied
    city = get_object_or_404(City, slug=slug)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            moves = {"suspend": services.membership_suspend, "reinstate": services.membership_reinstate}
            change = moves.get(request.POST.get("move", ""))
            if change is None:
                raise Http404
            try:
                change(actor=request.user, city=city, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_errors(form, error)
            except CitiesError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("The membership of %(city)s has been updated.") % {"city": city.name})
                return redirect("cities_staff:membership", city.slug)
    return render(request, "cities/staff_membership.html", {"city": city, "form": form}, status=status)
