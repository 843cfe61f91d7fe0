"""Whether the current session has passed a second factor (TOTP, a recovery code or a passkey), and how a request's
way of signing in is carried on its user, so that permission functions can hold staff and reviewer powers to it."""

import time
from dataclasses import dataclass

from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.flows.login import record_authentication as allauth_record_authentication
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings


@dataclass(frozen=True)
class SignInState:
    second_factor_passed: bool
    by_api_token: bool


# A user object that came from no request (a console command run by the operator, a test building its set-up) acts
# in person; one from a request carries what the request proved. Without a state, nothing was proved.
_STATE_ATTRIBUTE = "_network_sign_in_state"
IN_PERSON = SignInState(second_factor_passed=True, by_api_token=False)


def mark_sign_in(user, state: SignInState):
    if user.is_authenticated:
        setattr(user, _STATE_ATTRIBUTE, state)
    return user


def acting_at_the_console(user):
    """The operator runs a command on the server itself (seeding, maintenance): that user acts in person."""
    return mark_sign_in(user, IN_PERSON)


def acts_in_person(user) -> bool:
    """Signed in through the browser with a second factor passed in this session, or at the console; never a
    token. Every staff and reviewer power asks this (see network.accounts.permissions.holds_power)."""
    state = getattr(user, _STATE_ATTRIBUTE, None)
    return state is not None and state.second_factor_passed and not state.by_api_token


def signed_in_by_api_token(user) -> bool:
    state = getattr(user, _STATE_ATTRIBUTE, None)
    return state is not None and state.by_api_token


def _second_factor_records(request, user) -> list[dict]:
    return [record for record in get_authentication_records(request, user) if record.get("method") == "mfa"]


def session_passed_second_factor(request, user=None) -> bool:
    return bool(_second_factor_records(request, user if user is not None else request.user))


def recently_passed_second_factor(request, user=None) -> bool:
    """A second factor passed in this session within the re-authentication window (signing in, confirming,
    or enrolling it)."""
    records = _second_factor_records(request, user if user is not None else request.user)
    return bool(records) and time.time() - records[-1]["at"] < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def recently_signed_in(request, user) -> bool:
    """Any step of signing in (or confirming) within the re-authentication window, in this session."""
    records = get_authentication_records(request, user)
    return bool(records) and time.time() - records[-1]["at"] < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def record_enrolment(request, authenticator) -> None:
    """Setting up a first factor proves its possession: the session counts as having passed it."""
    allauth_record_authentication(
        request,
        authenticator.user,
        "mfa",
        id=authenticator.pk,
        type=authenticator.type,
        reauthenticated=True,
        enrolled=True,
    )
    mark_sign_in(request.user, SignInState(second_factor_passed=True, by_api_token=False))


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
