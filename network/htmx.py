"""Answers to htmx requests that the page's fragment cannot hold."""

from django.http import HttpResponse


def whole_page_instead(request) -> HttpResponse:
    """A filter form that htmx sent in the background and that holds an error: htmx would not put a 400 answer in
    the page, so the person would see nothing happen. Tell it to load the whole page at the same address, which
    shows the errors' summary and each message beside its box."""
    response = HttpResponse(status=400)
    response["HX-Redirect"] = request.get_full_path()
    return response
