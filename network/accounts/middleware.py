from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from network.accounts.permissions import requires_second_factor
from network.accounts.second_factor import has_second_factor, session_passed_second_factor


class SecondFactorRequiredMiddleware:
    """Staff and reviewers reach no staff page (nor the admin site) without a second factor in this session."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.SECOND_FACTOR_PATH_PREFIXES)

    def __call__(self, request):
        # path_info, not path: a SCRIPT_NAME prefix must not move a page out of reach of this check.
        if request.path_info.startswith(self.prefixes) and requires_second_factor(request.user):
            if not has_second_factor(request.user):
                messages.warning(
                    request,
                    _("Staff pages need a second factor. Set up an authenticator app, then sign in with it."),
                )
                return redirect("mfa_activate_totp")
            if not session_passed_second_factor(request):
                messages.info(request, _("Confirm it is you with your authenticator app to continue."))
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return self.get_response(request)
