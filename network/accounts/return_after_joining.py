"""Where a person goes back to once they have joined: a page that sent them to sign up (an invitation, say)
remembers itself in the session, and the first sign-in after the address is verified returns there instead of
the home page. Only a path on this site is kept."""

from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "accounts_return_after_joining"


def remember(request, path: str) -> None:
    if path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        request.session[SESSION_KEY] = path


def peek(request) -> str:
    return request.session.get(SESSION_KEY, "") if hasattr(request, "session") else ""


def take(request) -> str:
    """The remembered path, forgotten once read."""
    return request.session.pop(SESSION_KEY, "") if hasattr(request, "session") else ""


def forget(request) -> None:
    take(request)
