"""Whether the current session has passed a second factor (TOTP or a recovery code)."""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled


def session_passed_second_factor(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user)


def guard_admin_site(site) -> None:
    """The admin site itself also refuses a session that has not passed the second factor."""
    from network.accounts.permissions import requires_second_factor

    original = site.has_permission

    def has_permission(request) -> bool:
        if requires_second_factor(request.user) and not session_passed_second_factor(request):
            return False
        return original(request)

    site.has_permission = has_permission
