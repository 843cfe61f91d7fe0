import logging

import redis
from django.conf import settings
from django.db import DatabaseError
from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def sent_from_this_site(request) -> bool:
    """Whether a browser says a form was sent from one of this site's pages. Browsers send `Sec-Fetch-Site` (and
    `Origin` on every POST since 2020); a client sending neither is not a browser another site could make post."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return True
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class ServiceUnavailableMiddleware:
    """When Redis (cache, rate limits, broker) or PostgreSQL cannot be reached, say so with a 503 and when to try
    again instead of a server error: nothing was done, and the same request will work once the service is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, redis.ConnectionError | redis.TimeoutError | OperationalError):
            logger.error("Redis is unreachable: answering 503 to %s", request.path_info)
        elif isinstance(exception, DatabaseOperationalError | DatabaseInterfaceError):
            logger.error("The database is unreachable: answering 503 to %s", request.path_info)
        else:
            return None
        try:
            response = render(request, "503.html", status=503)
        except (DatabaseError, redis.RedisError):
            # The page itself needs the service that is down (a signed-in person's navigation): say it in words.
            response = HttpResponse(
                gettext("Temporarily unavailable. Please try again in a minute."),
                content_type="text/plain; charset=utf-8",
                status=503,
            )
        response["Retry-After"] = "60"
        return response
