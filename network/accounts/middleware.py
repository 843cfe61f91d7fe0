from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import get_user
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from network.accounts.permissions import requires_second_factor
from network.accounts.second_factor import (
    SignInState,
    has_second_factor,
    mark_sign_in,
    recently_passed_second_factor,
    session_passed_second_factor,
)


def _with_next(url_name: str, request) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}"


def _session_user(request):
    user = get_user(request)
    return mark_sign_in(
        user, SignInState(second_factor_passed=session_passed_second_factor(request, user), by_api_token=False)
    )


class SignInStateMiddleware:
    """Carry on the session's user whether this session passed a second factor: permission functions read it
    (the API's token authentication marks its users the other way)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Still lazy: a page that never looks at the user costs no query.
        request.user = SimpleLazyObject(lambda: _session_user(request))
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Staff and reviewers reach no staff page (nor the admin site) without a second factor in this session; and
    nobody manages an existing second factor (recovery codes, devices) without having passed it just before."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.SECOND_FACTOR_PATH_PREFIXES)
        self.management_prefix = settings.SECOND_FACTOR_MANAGEMENT_PREFIX
        self.open_paths = set(settings.SECOND_FACTOR_OPEN_PATHS)

    def __call__(self, request):
        # path_info, not path: a SCRIPT_NAME prefix must not move a page out of reach of this check.
        path = request.path_info
        if path.startswith(self.prefixes) and requires_second_factor(request.user):
            if not has_second_factor(request.user):
                messages.warning(
                    request,
                    _("Staff pages need a second factor. Set up an authenticator app, then sign in with it."),
                )
                return redirect(_with_next("mfa_activate_totp", request))
            if not session_passed_second_factor(request):
                messages.info(request, _("Confirm it is you with your authenticator app to continue."))
                return redirect(_with_next("mfa_reauthenticate", request))
        if (
            path.startswith(self.management_prefix)
            and path not in self.open_paths
            and request.user.is_authenticated
            and has_second_factor(request.user)
            and not recently_passed_second_factor(request)
        ):
            messages.info(
                request,
                _("Your second factor protects these settings: confirm it with your authenticator app or a code."),
            )
            return redirect(_with_next("mfa_reauthenticate", request))
        return self.get_response(request)
