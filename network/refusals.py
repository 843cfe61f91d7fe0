"""How the HTML views answer a move the rules forbid, and carry a service's validation errors onto a form."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


def refused(request, message: str, back: str = ""):
    """The 409 page, with the rule's own message and, if given, a link back (a URL name)."""
    return render(request, "409.html", {"message": message, "back": back}, status=409)


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where they exist, else on the form as a whole."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


def second_factor_hint(request) -> dict:
    """For a person whose role has powers this request cannot use: what to do about it (empty for anyone else)."""
    from network.accounts.permissions import lacks_second_factor_for_powers
    from network.accounts.second_factor import has_second_factor, signed_in_by_api_token

    user = request.user
    if not lacks_second_factor_for_powers(user) or signed_in_by_api_token(user):
        return {}
    step = "mfa_reauthenticate" if has_second_factor(user) else "mfa_activate_totp"
    return {"second_factor_url": f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"}


def permission_denied(request, exception=None):
    """The 403 page. Staff and reviewers who have not passed their second factor in this session are told that this
    is why, with the way to pass it and come back."""
    return render(request, "403.html", second_factor_hint(request), status=403)


SECOND_FACTOR_API_MESSAGE = _(
    "Staff and reviewer powers are used only in a browser session that passed the second factor; "
    "an API token, or a session that skipped the second factor, acts as a participant."
)


def api_exception_handler(exc, context):
    """DRF's answer, except that a refusal met by a staff member or reviewer who came with a token (or without the
    second factor) says that this is the reason."""
    from rest_framework import exceptions
    from rest_framework.views import exception_handler

    from network.accounts.permissions import lacks_second_factor_for_powers

    request = context.get("request")
    if (
        isinstance(exc, exceptions.PermissionDenied)
        and request is not None
        and lacks_second_factor_for_powers(request.user)
    ):
        exc = exceptions.PermissionDenied(f"{exc.detail} {SECOND_FACTOR_API_MESSAGE}")
    return exception_handler(exc, context)
