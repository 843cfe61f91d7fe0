"""The platform's WSGI application, plus the ceiling the benchmark compares every page with: a bare Django view,
served by the same gunicorn workers, with no middleware and no database."""

import contextlib
import os
from pathlib import Path

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

from django.core.wsgi import get_wsgi_application

CEILING_PATH = "/__ceiling__/"


def ceiling(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(CEILING_PATH.strip("/") + "/", ceiling)]


class BareHandler(WSGIHandler):
    """Django's request handling with no middleware at all, resolving against this module's one URL."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


platform = get_wsgi_application()
bare = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == CEILING_PATH:
        return bare(environ, start_response)
    return platform(environ, start_response)


# The benchmark starts its clock only once every worker has loaded the application: each says so with a file.
if os.environ.get("BENCH_READY_DIR"):
    # A worker started again after the benchmark stopped counting finds no folder: nothing to say then.
    with contextlib.suppress(OSError):
        Path(os.environ["BENCH_READY_DIR"], str(os.getpid())).touch()
