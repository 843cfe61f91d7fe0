"""What a request's parameters and bodies may hold, checked once for the whole platform.

Postgres refuses text holding a NUL character, Python's JSON decoder recurses once per level of nesting, and a
query string that is not UTF-8 is silently altered by decoding: a request carrying any of these is refused with
a 400 that names the problem, before any view sees it.
"""

import json
import math
from urllib.parse import unquote_to_bytes

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils.json import strict_constant

# A query parameter is typed or linked, never a document: anything longer is not a real request.
MAX_QUERY_VALUE_LENGTH = 2000
# The API's bodies are a few levels deep at most.
MAX_JSON_DEPTH = 20
API_PREFIX = "/api/"


def _shown_name(name: str) -> str:
    name = name.replace("\x00", "\\0")
    return name if len(name) <= 40 else f"{name[:40]}…"


def _is_utf8(raw: str) -> bool:
    # WSGI hands over the query string and the body as bytes decoded as Latin-1: undo that, then percent-decoding.
    try:
        unquote_to_bytes(raw.encode("latin-1")).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return False
    return True


def parameters_problem(request) -> str | None:
    """Why the request's path, query string or form body cannot be accepted, or None."""
    if "\x00" in request.path_info:
        return _("The address contains a NUL character, which is not accepted.")
    if not _is_utf8(request.META.get("QUERY_STRING", "")):
        return _("The address's query string is not valid UTF-8.")
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return _("The parameter “%(name)s” contains a NUL character, which is not accepted.") % {
                "name": _shown_name(name)
            }
        if len(name) > MAX_QUERY_VALUE_LENGTH or any(len(value) > MAX_QUERY_VALUE_LENGTH for value in values):
            return _("The parameter “%(name)s” is longer than %(limit)s characters.") % {
                "name": _shown_name(name),
                "limit": MAX_QUERY_VALUE_LENGTH,
            }
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type
    if content_type == "application/x-www-form-urlencoded" and not _is_utf8(request.body.decode("latin-1")):
        return _("The form's data is not valid UTF-8.")
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for name, values in request.POST.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return _("The field “%(name)s” contains a NUL character, which is not accepted.") % {
                    "name": _shown_name(name)
                }
    return None


class RequestParametersMiddleware:
    """Refuse, with a 400 and a clear message, a request whose parameters no view could store or trust."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = parameters_problem(request)
        if problem is None:
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": problem}, status=400)
        return render(request, "400.html", {"message": problem}, status=400)


def _json_problem(data) -> str | None:
    """Walk a decoded body without recursion: too deep, or holding a NUL character."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                return _("The JSON body is nested deeper than %(limit)s levels.") % {"limit": MAX_JSON_DEPTH}
            if isinstance(value, dict):
                for key, item in value.items():
                    if "\x00" in key:
                        return _("The JSON body contains a NUL character, which is not accepted.")
                    stack.append((item, depth + 1))
            else:
                stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and "\x00" in value:
            return _("The JSON body contains a NUL character, which is not accepted.")
    return None


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"the number {text[:20]}… is too large")
    return number


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, answering 400 to a body nested too deep, holding a NUL character or an infinite number
    (instead of the server error that a RecursionError or the database would cause)."""

    too_deep = gettext_lazy("The JSON body is nested deeper than %(limit)s levels.")

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or "utf-8"
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
            data = json.loads(text, parse_constant=strict_constant if self.strict else None, parse_float=_finite_float)
        except RecursionError:
            raise ParseError(self.too_deep % {"limit": MAX_JSON_DEPTH}) from None
        except ValueError as error:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": error}) from None
        problem = _json_problem(data)
        if problem:
            raise ParseError(problem)
        return data
