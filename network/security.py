import logging

import redis
from django.conf import settings
from django.shortcuts import render
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


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
    """When Redis (cache, rate limits, broker) cannot be reached, say so with a 503 instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, redis.ConnectionError | redis.TimeoutError | OperationalError):
            return None
        logger.error("Redis is unreachable: answering 503 to %s", request.path_info)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "60"
        return response
