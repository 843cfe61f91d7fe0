import json

from allauth.account.decorators import reauthentication_required
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView
from allauth.mfa.webauthn.views import AddWebAuthnView, remove_webauthn
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from network.accounts import selectors, services
from network.accounts.errors import AccountsError
from network.accounts.forms import AccountDeleteForm, ProfileForm, RoleChangeForm
from network.accounts.language import set_language_cookie
from network.accounts.models import User
from network.accounts.permissions import can_manage_roles, user_roles
from network.accounts.roles import Role
from network.accounts.second_factor import record_enrolment
from network.keyset import ALPHABETICAL, CURSOR_PARAMETER, keyset_page
from network.security import sent_from_this_site

PEOPLE_PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.user_update_profile(actor=request.user, user=request.user, **form.cleaned_data)
        translation.activate(user.preferred_language)
        messages.success(request, _("Your profile has been saved."))
        return set_language_cookie(redirect("accounts:profile"), user.preferred_language)
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def data_overview(request):
    return render(request, "accounts/data.html")


@login_required
@require_http_methods(["GET"])
def data_download(request):
    export = selectors.user_data_export(request.user)
    export["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(export, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    filename = f"cities-for-just-policing-{request.user.handle}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_delete(actor=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted. Thank you for having taken part."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def api_token(request):
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            if services.api_token_revoke(actor=request.user):
                messages.success(request, _("Your API token has been revoked."))
            return redirect("accounts:api_token")
        if action != "rotate":
            return HttpResponseBadRequest(_("Unknown action."))
        _token, new_key = services.api_token_rotate(actor=request.user)
    token = selectors.api_token_of(request.user)
    response = render(request, "accounts/api_token.html", {"token": token, "new_key": new_key})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET"])
def people_list(request):
    if not can_manage_roles(request.user):
        raise PermissionDenied
    search = request.GET.get("q", "")[:50]
    role = request.GET.get("role", "")
    # Everyone with an account: paged by keyset in the order of handles (their unique index's order).
    page = keyset_page(
        selectors.people_for_staff(search=search, role=role),
        request.GET.get(CURSOR_PARAMETER),
        per_page=PEOPLE_PER_PAGE,
        field_name="handle",
        order=ALPHABETICAL,
    )
    rows = [(person, sorted(role.label for role in user_roles(person))) for person in page]
    context = {"page": page, "rows": rows, "search": search, "role": role, "roles": Role.choices}
    return render(request, "accounts/people.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_change(request, pk: int):
    if not can_manage_roles(request.user):
        raise PermissionDenied
    person = get_object_or_404(User.objects.prefetch_related("groups"), pk=pk, is_active=True)
    form = RoleChangeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            change = services.role_grant if form.cleaned_data["grant"] else services.role_revoke
            try:
                change(
                    actor=request.user,
                    user=person,
                    role=Role(form.cleaned_data["role"]),
                    reason=form.cleaned_data["reason"],
                )
            except AccountsError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("The roles of %(handle)s have been updated.") % {"handle": person.handle})
                return redirect("accounts_staff:people")
    role_labels = sorted(role.label for role in user_roles(person))
    context = {"person": person, "role_labels": role_labels, "form": form}
    return render(request, "accounts/role_change.html", context, status=status)


@login_required
def passkey_remove(request, pk: int):
    """allauth's own removal page, unless it would leave staff or a reviewer without a second factor."""
    authenticator = get_object_or_404(Authenticator, pk=pk, user=request.user, type=Authenticator.Type.WEBAUTHN)
    if not get_mfa_adapter().can_delete_authenticator(authenticator):
        messages.error(request, _("Your role needs a second factor: add another one before removing this one."))
        return redirect("mfa_list_webauthn")
    return remove_webauthn(request, pk=pk)


@csrf_exempt
@require_POST
def language_switch(request):
    """Django's language switcher; a signed-in person's choice also becomes their preferred language.

    Every page carries the switcher, and a visitor's page is kept in the shared cache for every visitor, so a
    visitor's form holds no CSRF token: the browser says which site sent it (Sec-Fetch-Site, Origin), and a form sent
    from another site is refused. A signed-in person's form still holds the token, checked as everywhere else."""
    if not sent_from_this_site(request):
        raise PermissionDenied
    user = request.user
    if user.is_authenticated:
        refused_by_csrf = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if refused_by_csrf is not None:
            return refused_by_csrf
    language = request.POST.get("language", "")
    if user.is_authenticated and language in dict(settings.LANGUAGES) and language != user.preferred_language:
        services.user_set_language(actor=user, language=language)
    return set_language(request)


class _FirstFactorEnrolment:
    """Setting up the first factor counts as passing it in this session (the code or key just used proves the person
    holds it), and the person goes on to the page they asked for when there was one; the recovery codes stay one
    click away on the account's security pages."""

    NEXT_SESSION_KEY = "network.second_factor.enrol_next"

    def get(self, request, *args, **kwargs):
        # allauth's forms post to the bare URL: keep where the person was going for after the code.
        next_url = get_next_redirect_url(request)
        if next_url:
            request.session[self.NEXT_SESSION_KEY] = next_url
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        had_factor = Authenticator.objects.filter(user=user).exists()
        response = super().form_valid(form)
        if not had_factor:
            factor = (
                Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).latest("pk")
            )
            record_enrolment(self.request, factor)
        return response

    def get_success_url(self) -> str:
        next_url = get_next_redirect_url(self.request) or self.request.session.pop(self.NEXT_SESSION_KEY, None)
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            messages.info(
                self.request,
                _("Your second factor is set up. Keep your recovery codes safe: they are under Two-factor."),
            )
            return next_url
        return super().get_success_url()


class SecondFactorActivateView(_FirstFactorEnrolment, ActivateTOTPView):
    pass


class PasskeyAddView(_FirstFactorEnrolment, AddWebAuthnView):
    pass
