"""The platform's WSGI application, plus the ceilings the benchmark compares every page with, served by the same
gunicorn workers: a bare Django view with no middleware and no database; the same view through the platform's whole
middleware stack (the floor every page pays before its own work); and, asked for by a signed-in person, the site's
frame (`base.html`, no content) through that stack (the floor every signed-in page pays: the session, the person,
their roles, the bell's count, the header and footer drawn for them)."""

import contextlib
import functools
import os
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.template import engines
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

from django.core.wsgi import get_wsgi_application

CEILING_PATH = "/__ceiling__/"
MIDDLEWARE_CEILING_PATH = "/__ceiling_middleware__/"
SIGNED_IN_CEILING_PATH = "/__ceiling_signed_in__/"


def ceiling(request):
    return HttpResponse(b"ok", content_type="text/plain")


@functools.cache
def _frame():
    return engines["django"].from_string('{% extends "base.html" %}')


def frame(request):
    return HttpResponse(_frame().render({}, request))


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


class WithCeiling:
    """The platform's URLs and the ceiling's (its middleware may name the platform's URLs)."""

    urlpatterns = [
        path(MIDDLEWARE_CEILING_PATH.strip("/") + "/", ceiling),
        path(SIGNED_IN_CEILING_PATH.strip("/") + "/", frame),
    ]


class MiddlewareHandler(WSGIHandler):
    """Django's request handling with the platform's middleware, resolving the ceiling's URL too."""

    def get_response(self, request):
        request.urlconf = WithCeiling
        return super().get_response(request)


platform = get_wsgi_application()
bare = BareHandler()
WithCeiling.urlpatterns += import_module(settings.ROOT_URLCONF).urlpatterns
through_middleware = MiddlewareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == CEILING_PATH:
        return bare(environ, start_response)
    if environ.get("PATH_INFO") in (MIDDLEWARE_CEILING_PATH, SIGNED_IN_CEILING_PATH):
        return through_middleware(environ, start_response)
    return platform(environ, start_response)


# The benchmark starts its clock only once every worker has loaded the application: each says so with a file.
if os.environ.get("BENCH_READY_DIR"):
    # A worker started again after the benchmark stopped counting finds no folder: nothing to say then.
    with contextlib.suppress(OSError):
        Path(os.environ["BENCH_READY_DIR"], str(os.getpid())).touch()
