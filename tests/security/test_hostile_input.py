"""Hostile input: every GET parameter of every page (read from the page's own GET forms, so a new page is covered
as soon as it has one) and every query parameter and JSON field of every API operation (read from the schema),
with NUL bytes, broken UTF-8, huge numbers, deep nesting and over-long strings: a 4xx with a clear message, never a
server error."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

HOSTILE_VALUES = {
    "nul": quote("a\x00b"),
    "broken_utf8": "%ff%fe%80",
    "huge_number": "9" * 400,
    "huge_float": "1e999",
    "negative": "-99999999999999999999",
    "deep_nesting": quote("[" * 1500 + "]" * 1500),
    "over_long": "x" * 5000,
}
JSON_VALUES = {
    "nul": "a\x00b",
    "huge_number": 10**300,
    "deep_nesting": json.loads("[" * 100 + "]" * 100),
    "over_long": "x" * 100_000,
    "wrong_type": {"an": "object"},
}
FIGURES = {"pages": 0, "page_parameters": 0, "operations": 0, "api_parameters": 0, "requests": 0}


class _GetFormFields(HTMLParser):
    """The names of the fields of a page's GET forms."""

    def __init__(self):
        super().__init__()
        self.in_get_form = False
        self.names = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self.in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def _plain_paths(patterns=None, prefix="") -> list[str]:
    """Every URL without parameters that the platform routes."""
    paths = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        if "<" in route or "(" in route or "^" in route:
            continue
        if isinstance(entry, URLResolver):
            paths += _plain_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            paths.append("/" + prefix + route)
    return sorted(set(paths))


def _assert_refused_clearly_or_served(response, what: str) -> None:
    FIGURES["requests"] += 1
    assert response.status_code < 500, what
    if response.status_code == 400:
        if response["Content-Type"].startswith("application/json"):
            assert response.json(), what
        else:
            assert "The request could not be understood" in response.text or "errorlist" in response.text, what


@pytest.mark.django_db
def test_no_page_answers_a_server_error_to_hostile_parameters(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    pages = [path for path in _plain_paths() if not path.startswith(("/api/", "/admin/", "/accounts/logout"))]
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        parser = _GetFormFields()
        parser.feed(response.text)
        names = parser.names | {"page", "q"}
        FIGURES["pages"] += 1
        FIGURES["page_parameters"] += len(names)
        for name in sorted(names):
            for kind, value in HOSTILE_VALUES.items():
                response = client.get(path, QUERY_STRING=f"{quote(name)}={value}")
                _assert_refused_clearly_or_served(response, f"{path}?{name}= {kind}")
    assert FIGURES["pages"] >= 15
    print(f"\nhostile input, pages: {FIGURES['pages']} pages, {FIGURES['page_parameters']} parameters")


@pytest.mark.django_db
def test_no_api_operation_answers_a_server_error_to_hostile_input(client, city_rep):
    client.force_login(city_rep)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path, methods in schema["paths"].items():
        url = re.sub(r"\{[^}]+\}", "1", path)
        for method, operation in methods.items():
            if method not in {"get", "post", "patch", "put", "delete"}:
                continue
            FIGURES["operations"] += 1
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"] + ["page"]
            FIGURES["api_parameters"] += len(names)
            for name in names:
                for kind, value in HOSTILE_VALUES.items():
                    response = client.generic(method.upper(), url, QUERY_STRING=f"{quote(name)}={value}")
                    _assert_refused_clearly_or_served(response, f"{method} {url}?{name}= {kind}")
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if not body:
                continue
            reference = body["schema"].get("$ref", "")
            properties = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]].get("properties", {})
            for field in properties:
                for kind, value in JSON_VALUES.items():
                    response = client.generic(
                        method.upper(), url, json.dumps({field: value}), content_type="application/json"
                    )
                    _assert_refused_clearly_or_served(response, f"{method} {url} {field}: {kind}")
            for raw in ["[" * 1500 + "]" * 1500, b'{"x": "\xff\xfe"}', '{"x": 1e999}', "{" * 3]:
                response = client.generic(method.upper(), url, raw, content_type="application/json")
                _assert_refused_clearly_or_served(response, f"{method} {url} raw body")
    assert FIGURES["operations"] >= 19
    print(f"\nhostile input, API: {FIGURES['operations']} operations, {FIGURES['api_parameters']} parameters")


def test_the_schema_and_its_documentation_refuse_hostile_parameters(client, db):
    """Neither is an operation of the schema nor a page with a form: their parameters are tried here (a `lang` the
    platform does not speak once made the schema answer 500)."""
    for path in ("/api/schema/", "/api/docs/"):
        for name in ("lang", "version", "format", "page", "q"):
            for kind, value in HOSTILE_VALUES.items():
                response = client.get(path, QUERY_STRING=f"{name}={value}")
                _assert_refused_clearly_or_served(response, f"{path}?{name}= {kind}")
